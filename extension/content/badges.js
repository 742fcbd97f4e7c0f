// KOL Trust content script (plain JS: page CSPs may forbid WASM here, so the core runs in the service worker).
//
// It only finds candidates and draws: it collects profile-link candidates (`a[href]`), sends them to the worker in
// one deduplicated batch per animation frame, and draws the worker's answer beside each link inside a *closed*
// shadow root, so the page can neither read nor restyle the badge. Every string drawn comes from the worker and is
// set as text, never as markup.
(() => {
  'use strict';

  /** anchor → the href it was last checked with; lets SPA frameworks that reuse anchors get re-checked. */
  const checked = new WeakMap();
  /** anchor → its badge host element. */
  const badges = new WeakMap();
  const pending = new Set();
  let flushScheduled = false;

  const STYLE = `
    :host { all: initial; }
    .badge { display: inline-flex; align-items: center; gap: 3px; margin-inline-start: 4px; padding: 1px 6px;
      border-radius: 9px; font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      white-space: nowrap; vertical-align: middle; border: 1px solid; cursor: default; }
    .certified { background: #e7f6ec; color: #0b5d27; border-color: #2e9d55; }
    .sanctioned { background: #fdeaea; color: #8a1111; border-color: #d33b3b; }
    .expired { background: #fff4e0; color: #6b4500; border-color: #c98a10; }
    .registered { background: #eef2f7; color: #263445; border-color: #7b8da3; }
    .demo { font-weight: 700; font-size: 9px; letter-spacing: .04em; padding: 0 3px; border-radius: 3px;
      background: #263445; color: #fff; }
    @media (prefers-color-scheme: dark) {
      .certified { background: #0f2e1a; color: #a6e8bd; }
      .sanctioned { background: #3a1010; color: #ffb4b4; }
      .expired { background: #35280a; color: #ffd98a; }
      .registered { background: #1d2733; color: #cfd9e6; }
    }`;

  // Inline `!important` on the host beats any page stylesheet rule, even `!important` ones.
  const HOST_STYLE =
    'all: initial !important; display: inline-block !important; visibility: visible !important; ' +
    'opacity: 1 !important; position: static !important; transform: none !important; ' +
    'width: auto !important; height: auto !important; pointer-events: auto !important;';

  function draw(anchor, answer) {
    let host = badges.get(anchor);
    if (!host || !host.isConnected) {
      host = document.createElement('kol-trust-badge');
      host.setAttribute('style', HOST_STYLE);
      const shadow = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = STYLE;
      const badge = document.createElement('span');
      shadow.append(style, badge);
      host._render = (a) => render(badge, a); // reachable only from this isolated world
      anchor.after(host);
      badges.set(anchor, host);
    }
    host._render(answer);
  }

  function render(el, answer) {
    const b = answer.badge;
    el.className = `badge ${b.state}`;
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', b.title);
    el.title = b.title;
    const icon = document.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = b.icon;
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = b.label;
    el.replaceChildren(icon, label);
    if (b.demo) {
      const demo = document.createElement('span');
      demo.className = 'demo';
      demo.textContent = 'DEMO';
      el.append(demo);
    }
  }

  function removeBadge(anchor) {
    badges.get(anchor)?.remove();
    badges.delete(anchor);
  }

  /** Finds candidates in an added or changed node: anchors in it, or the anchor it was added into (frameworks
   * often render an anchor first and its text a moment later). */
  function collect(node) {
    if (node.nodeType === Node.TEXT_NODE) node = node.parentElement;
    if (!node || node.nodeType !== Node.ELEMENT_NODE || node.localName === 'kol-trust-badge') return;
    const enclosing = node.closest('a[href]');
    if (enclosing) consider(enclosing);
    for (const a of node.querySelectorAll('a[href]')) consider(a);
  }

  function consider(anchor) {
    if (checked.get(anchor) === anchor.href) return;
    // Image-only links (avatars) sit right beside the name link of the same person: one badge, by the name.
    if (!anchor.textContent.trim()) return;
    pending.add(anchor);
    scheduleFlush();
  }

  function scheduleFlush() {
    if (flushScheduled) return;
    flushScheduled = true;
    // One batch per frame. rAF does not run in hidden tabs, so a one-shot timer also triggers the flush.
    const timer = setTimeout(flush, 200);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      flush();
    });
  }

  async function flush() {
    if (!flushScheduled) return;
    flushScheduled = false;
    const anchors = [...pending].filter((a) => a.isConnected);
    pending.clear();
    if (anchors.length === 0) return;
    const hrefs = [...new Set(anchors.map((a) => a.href))];
    let reply;
    try {
      reply = await chrome.runtime.sendMessage({ type: 'lookupLinks', hrefs });
    } catch (err) {
      // The extension was reloaded or the worker is unreachable: leave the page as it is.
      return;
    }
    if (!reply?.ok) return;
    const byHref = new Map(hrefs.map((h, i) => [h, reply.answers[i]]));
    for (const anchor of anchors) {
      const answer = byHref.get(anchor.href);
      checked.set(anchor, anchor.href);
      if (answer) draw(anchor, answer);
      else removeBadge(anchor);
    }
  }

  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target.matches('a[href]')) consider(r.target);
      } else {
        for (const n of r.addedNodes) collect(n);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });

  collect(document.documentElement);
})();
