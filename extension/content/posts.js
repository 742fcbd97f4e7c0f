// KOL Trust: a "Báo cáo / Report" button beside each promotional post (content script, after report.js).
//
// It only finds posts and draws: per-site selectors (sites.js) name a feed's post containers, their text, links,
// permalink and author link; posts are sent to the worker in batches and the Rust core decides which ones promote
// something or carry a risk cue — whoever the author is, registered or not. The button lives in a closed shadow
// root beside the post's header and opens the report dialog with that post's context. Scans are time-sliced like
// the badges', so a long feed never gets a long task from us.
(() => {
  'use strict';

  const site = globalThis.KolTrustSites.forHost(location.hostname);
  if (!site.posts) return;

  const BATCH = 40; // posts per message
  const SLICE_MS = 8;

  /** post element → the text it was last checked with (re-checked when a framework rewrites it). */
  let checked = new WeakMap();
  /** post element → its button host. */
  const buttons = new WeakMap();
  const pending = new Set();
  let scheduled = false;

  const STYLE = `
    :host { all: initial; }
    ${globalThis.KolTrustFloating.CSS}
    button { all: unset; display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; pointer-events: auto;
      border-radius: 9px; border: 1px solid #c2185b; background: #fff0f6; color: #8a0f4d; cursor: pointer;
      font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: nowrap;
      box-shadow: 0 1px 2px rgba(0, 0, 0, .16); }
    /* Compact where the end of the post's text has no free room (content/placement.js): the flag alone; its words
       on hover and keyboard focus, and always as its accessible name. */
    .compact button:not(:hover):not(:focus-visible) { padding: 1px; gap: 0; }
    .compact button:not(:hover):not(:focus-visible) span { display: none; }
    button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
    svg { width: 11px; height: 11px; fill: none; stroke: currentColor; stroke-width: 2.2; stroke-linecap: round; }
    @media (prefers-color-scheme: dark) { button { background: #3a1027; color: #ffb3d4; } }`;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);

  function drawButton(post, flag) {
    let host = buttons.get(post);
    if (!host?.isConnected) {
      const place = site.posts.place.map((s) => post.querySelector(s)).find(Boolean) ?? post;
      host = document.createElement('kol-trust-report-button');
      // It floats at the end of the post's text and takes no room: the post never moves (content/floating.js).
      host.setAttribute('style', globalThis.KolTrustFloating.hostStyle(globalThis.KolTrustPlacement.takesRoom(null, place)));
      const shadow = host.attachShadow({ mode: 'closed' });
      shadow.adoptedStyleSheets = [sheet];
      const wrap = document.createElement('span');
      const button = document.createElement('button');
      button.type = 'button';
      const NS = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('viewBox', '0 0 16 16');
      svg.setAttribute('aria-hidden', 'true');
      const path = document.createElementNS(NS, 'path');
      path.setAttribute('d', 'M4 14V2.5M4 3h7.5l-1.8 3 1.8 3H4');
      svg.append(path);
      const label = document.createElement('span');
      button.append(svg, label);
      wrap.append(button);
      shadow.append(wrap);
      // Only the person's own click opens it (pages cannot reach into the closed root; synthetic events are ignored).
      button.addEventListener('click', (e) => {
        if (!e.isTrusted) return;
        e.preventDefault();
        e.stopPropagation();
        globalThis.KolTrustReport.open(globalThis.KolTrustReport.postContext(post, site), button);
      });
      host.update = (f) => {
        label.textContent = f.label;
        button.title = f.title;
        button.setAttribute('aria-label', f.title);
        globalThis.KolTrustFloating.attach(host, place, wrap, 'report');
      };
      place.append(host);
      buttons.set(post, host);
    }
    host.update(flag);
  }

  function textOf(post) {
    const el = site.posts.text.map((s) => post.querySelector(s)).find(Boolean) ?? post;
    return { el, text: (el.textContent ?? '').slice(0, 5000) };
  }

  /** `batch`: [post, its textOf] pairs, the text read once by `drain`. */
  async function answer(batch) {
    const posts = batch.map(([post]) => post);
    const items = batch.map(([, { el, text }]) => ({
      text,
      links: [...el.querySelectorAll('a[href]')].slice(0, 20).map((a) => a.href.slice(0, 2048)),
    }));
    const reply = await globalThis.KolTrustWorker.ask({ type: 'detectPosts', posts: items });
    if (!reply) return; // the extension was reloaded, or the worker could not answer
    posts.forEach((post, i) => {
      checked.set(post, items[i].text);
      const flag = reply.flags[i];
      if (flag) drawButton(post, flag);
      else buttons.get(post)?.remove();
    });
  }

  /** Examines pending posts a few milliseconds at a time, then asks the worker in batches. */
  function drain() {
    scheduled = false;
    const start = performance.now();
    const batch = [];
    for (const post of pending) {
      pending.delete(post);
      if (post.isConnected) {
        const read = textOf(post);
        if (checked.get(post) !== read.text) batch.push([post, read]);
      }
      if (batch.length === BATCH || performance.now() - start > SLICE_MS) break;
    }
    if (batch.length) answer(batch);
    if (pending.size) schedule();
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setTimeout(drain, 50);
  }

  function collect(node) {
    if (node.nodeType === Node.TEXT_NODE) node = node.parentElement;
    if (!node || node.nodeType !== Node.ELEMENT_NODE || node.localName.startsWith('kol-trust-')) return;
    const enclosing = node.closest(site.posts.item);
    if (enclosing) pending.add(enclosing);
    for (const post of node.querySelectorAll(site.posts.item)) pending.add(post);
    if (pending.size) schedule();
  }

  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) collect(n);
  }).observe(document.documentElement, { childList: true, subtree: true });

  // A changed language re-words every button.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.lang) return;
    checked = new WeakMap();
    collect(document.documentElement);
  });

  collect(document.documentElement);
})();
