// KOL Trust content script (plain JS: page CSPs may forbid WASM here, so the core runs in the service worker).
//
// It only finds candidates and draws:
//  - links: collects text links (`a[href]`), sends them to the worker in one deduplicated batch per animation frame,
//    and draws the answer beside each link;
//  - the page: reads the page-level signals (location, canonical, og:url, app links, JSON-LD, per-site stable ids),
//    asks the worker whose page this is, and draws that profile's badge in the site's profile header;
//  - re-does both after SPA navigation and when the person changes an option.
// Badges live inside *closed* shadow roots so the page can neither read nor restyle them, and every string drawn
// comes from the worker and is set as text, never as markup. Each badge is a button (click, Enter or Space) that
// opens the account's detail card (content/card.js, loaded before this file).
(() => {
  'use strict';

  const site = globalThis.KolTrustSites.forHost(location.hostname);
  const MAX_URL = 2048; // page-provided strings are capped before they cross to the worker
  const MAX_URLS = 20;
  /** Longest stretch of work per task when scanning or drawing a long page (the budget is 50 ms per task). */
  const SLICE_MS = 8;
  /** Badges inserted per slice: each insertion costs style and layout work after the script has run. */
  const DRAWS_PER_SLICE = 60;
  /** The URL the document was served for: inline page data describes it, and only it. */
  const initialHref = location.href;

  /** anchor → the href it was last checked with; lets SPA frameworks that reuse anchors get re-checked. */
  let checked = new WeakMap();
  /** anchor → its badge host element, and back. */
  const badges = new WeakMap();
  const anchorOf = new WeakMap();
  /** anchor → its last badge view, to redraw a badge the page removed; and how often it was removed. */
  const views = new WeakMap();
  const removals = new WeakMap();
  /** The person's secret mark shown on genuine badges (see the options page); '' for none. */
  let secretMark = '';
  const pending = new Set();
  let scheduled = false;
  let lastSignalsKey = '';
  /** The page answer to show in the header, and where it is shown. */
  let header = { answer: null, host: null, element: null };

  const STYLE = `
    :host { all: initial; }
    ${globalThis.KolTrustFloating.CSS}
    .badge { display: inline-flex; align-items: center; gap: 3px; padding: 1px 6px; pointer-events: auto;
      border-radius: 9px; font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      white-space: nowrap; border: 1px solid; cursor: pointer; box-shadow: 0 1px 2px rgba(0, 0, 0, .16); }
    .badge:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
    .header .badge { font-size: 13px; line-height: 20px; padding: 1px 8px; }
    /* Compact (no free room beside the name, see placement.js): the drawn icon in a disc; the words show on hover
       and keyboard focus, and are always the badge's accessible name. */
    .compact .badge:not(:hover):not(:focus-visible) { padding: 1px; gap: 1px; }
    .compact .badge:not(:hover):not(:focus-visible) :is(.icon, .icon svg) { width: 10px; height: 10px; }
    .compact .badge:not(:hover):not(:focus-visible) :is(.label, .demo) { display: none; }
    .certified { background: #e7f6ec; color: #0b5d27; border-color: #2e9d55; }
    .sanctioned { background: #fdeaea; color: #8a1111; border-color: #d33b3b; }
    .expired { background: #fff4e0; color: #6b4500; border-color: #c98a10; }
    .registered { background: #eef2f7; color: #263445; border-color: #7b8da3; }
    .unknown { background: #f4f4f4; color: #4a4a4a; border-color: #b0b0b0; border-style: dashed; font-weight: 500; }
    .lookalike { background: #fff0f6; color: #8a0f4d; border-color: #c2185b; border-style: dashed; }
    .icon { display: inline-grid; place-items: center; width: 12px; height: 12px; }
    .icon svg { width: 12px; height: 12px; fill: none; stroke: currentColor; stroke-width: 2.2; stroke-linecap: round;
      stroke-linejoin: round; }
    .mark { font-weight: 700; padding: 0 2px; border-radius: 3px; outline: 1px dotted currentColor; }
    .demo { font-weight: 700; font-size: 9px; letter-spacing: .04em; padding: 0 3px; border-radius: 3px;
      background: #263445; color: #fff; }
    @media (prefers-color-scheme: dark) {
      .certified { background: #0f2e1a; color: #a6e8bd; }
      .sanctioned { background: #3a1010; color: #ffb4b4; }
      .expired { background: #35280a; color: #ffd98a; }
      .registered { background: #1d2733; color: #cfd9e6; }
      .unknown { background: #262626; color: #cfcfcf; border-color: #6a6a6a; }
      .lookalike { background: #3a1027; color: #ffb3d4; }
    }`;

  /** One parsed stylesheet shared by every badge's shadow root: parsing CSS once per badge was most of the cost of
   * drawing a long feed. */
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);

  /** host → the account its badge is for ({platform, id_type, account_id}): what its card is asked for. */
  const accounts = new WeakMap();

  /** Opens the card of `host`'s account. Only trusted events (the person's own click or key) open it: a page
   * cannot reach into the closed shadow root to dispatch events at the badge, and synthetic ones are ignored. */
  function opener(host, badge) {
    const open = (e) => {
      if (!e.isTrusted) return;
      e.preventDefault();
      e.stopPropagation();
      const account = accounts.get(host);
      if (account) globalThis.KolTrustCard.open({ host, badge, account });
    };
    badge.addEventListener('click', open);
    badge.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') open(e);
    });
  }

  /** Creates a badge host with its closed shadow root; returns the host and a render function for it. */
  function createBadge(kind, outOfFlow) {
    const host = document.createElement('kol-trust-badge');
    host.setAttribute('style', globalThis.KolTrustFloating.hostStyle(outOfFlow));
    host.setAttribute('kind', kind);
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.adoptedStyleSheets = [sheet];
    const wrap = document.createElement('span');
    wrap.className = `float ${kind} unplaced`;
    const badge = document.createElement('span');
    wrap.append(badge);
    shadow.append(wrap);
    opener(host, badge);
    return {
      host,
      render: (view, anchor) => {
        render(badge, view);
        const a = accounts.get(host);
        globalThis.KolTrustFloating.attach(host, anchor, wrap, kind, a ? `${a.platform}:${a.id_type}:${a.account_id}` : '');
      },
    };
  }

  /** render functions by host: reachable only from this isolated world, never through the page's DOM. */
  const renderers = new WeakMap();

  function render(el, b) {
    el.className = `badge ${b.state}`;
    el.setAttribute('role', 'button');
    el.setAttribute('tabindex', '0');
    el.setAttribute('aria-haspopup', 'dialog');
    el.setAttribute('aria-label', b.title);
    el.title = b.title;
    // Drawn icons (shared with the card): symbol glyphs such as ⓘ and ⌛ are missing from many systems' fonts.
    const icon = globalThis.KolTrustCard.stateIcon(b.state, b.icon);
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = b.label;
    el.replaceChildren(icon, label);
    if (b.tag) {
      const tag = document.createElement('span');
      tag.className = 'demo';
      tag.textContent = b.tag;
      el.append(tag);
    }
    if (secretMark) {
      // The person's own mark (options page): a page cannot read it (extension storage, closed shadow root), so
      // a badge a page draws to imitate ours cannot show it.
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = secretMark;
      el.append(mark);
    }
  }

  /** `outOfFlow`: whether the host must leave the flow beside this link (placement.js `takesRoom`, read before
   * the slice's writes); worked out here when not given. */
  function drawLinkBadge(anchor, view, account, outOfFlow) {
    let host = badges.get(anchor);
    if (!host || !host.isConnected) {
      const created = createBadge('link', outOfFlow ?? globalThis.KolTrustPlacement.takesRoom(anchor));
      host = created.host;
      renderers.set(host, created.render);
      anchorOf.set(host, anchor);
      anchor.after(host);
      badges.set(anchor, host);
    }
    views.set(anchor, view);
    accounts.set(host, account);
    renderers.get(host)(view, anchor);
  }

  /** A page script removed one of our badges while its link stays: draw it again, a few times at most (a page
   * that keeps removing it must not drag us into an endless fight). */
  function restoreRemoved(host) {
    const anchor = anchorOf.get(host);
    if (!anchor?.isConnected || badges.get(anchor) !== host || !views.has(anchor)) return;
    const n = (removals.get(anchor) ?? 0) + 1;
    removals.set(anchor, n);
    if (n <= 3) queueMicrotask(() => drawLinkBadge(anchor, views.get(anchor), accounts.get(host)));
  }

  const accountOf = (platform, a) => ({ platform, id_type: a.id_type, account_id: a.account_id });

  function removeLinkBadge(anchor) {
    views.delete(anchor);
    globalThis.KolTrustFloating.forget(badges.get(anchor));
    badges.get(anchor)?.remove();
    badges.delete(anchor);
  }

  // ---- links -------------------------------------------------------------------------------------------------

  /** Finds candidates in an added or changed node: anchors in it, or the anchor it was added into (frameworks
   * often render an anchor first and its text a moment later). Large subtrees (a whole feed at once) are examined
   * in time slices like the drawing, so a scan is never a long task. */
  function collect(node) {
    if (node.nodeType === Node.TEXT_NODE) node = node.parentElement;
    if (!node || node.nodeType !== Node.ELEMENT_NODE || node.localName === 'kol-trust-badge') return;
    const enclosing = node.closest('a[href]');
    if (enclosing) consider(enclosing);
    const found = node.querySelectorAll('a[href]');
    if (found.length <= 200) {
      for (const a of found) consider(a);
    } else {
      scanQueue.push(found);
      if (scanQueue.length === 1) setTimeout(drainScans, 0);
    }
  }

  const scanQueue = [];
  let scanIndex = 0;

  function drainScans() {
    const start = performance.now();
    while (scanQueue.length && performance.now() - start < SLICE_MS) {
      const list = scanQueue[0];
      const end = Math.min(scanIndex + 100, list.length);
      for (; scanIndex < end; scanIndex++) consider(list[scanIndex]);
      if (scanIndex >= list.length) {
        scanQueue.shift();
        scanIndex = 0;
      }
    }
    if (scanQueue.length) setTimeout(drainScans, 0);
  }

  function consider(anchor) {
    if (checked.get(anchor) === anchor.href) return;
    // Image-only links (avatars) sit right beside the name link of the same person: one badge, by the name.
    if (!anchor.textContent.trim()) return;
    pending.add(anchor);
    schedule();
  }

  /** Links per message: a few hundred keep each structured clone (and so each task) small on a 2,000-link feed. */
  const BATCH = 300;

  async function flushLinks() {
    const anchors = [...pending].filter((a) => a.isConnected);
    pending.clear();
    for (let i = 0; i < anchors.length; i += BATCH) answerLinks(anchors.slice(i, i + BATCH));
  }

  async function answerLinks(anchors) {
    if (anchors.length === 0) return;
    const hrefs = [...new Set(anchors.map((a) => a.href.slice(0, MAX_URL)))];
    const reply = await ask({ type: 'lookupLinks', hrefs });
    if (!reply) return;
    const byHref = new Map(hrefs.map((h, i) => [h, reply.answers[i]]));
    const toDraw = [];
    for (const anchor of anchors) {
      const answer = byHref.get(anchor.href.slice(0, MAX_URL));
      checked.set(anchor, anchor.href);
      if (answer) toDraw.push([anchor, answer.badge, accountOf(answer.platform, answer)]);
      else removeLinkBadge(anchor);
    }
    // What the person can see first: an IntersectionObserver reports which links are on screen after the browser's
    // own layout, so sorting them never forces a synchronous layout of a long page.
    for (const [anchor, view, account] of toDraw) {
      awaitingPlace.set(anchor, [view, account]);
      placer.observe(anchor);
    }
  }

  /** anchor → the badge view waiting to be drawn until the placer says where the anchor is. */
  const awaitingPlace = new Map();
  const placer = new IntersectionObserver((entries) => {
    const visible = [];
    const later = [];
    for (const e of entries) {
      placer.unobserve(e.target);
      const waiting = awaitingPlace.get(e.target);
      awaitingPlace.delete(e.target);
      if (waiting) (e.isIntersecting ? visible : later).push([e.target, ...waiting]);
    }
    enqueueDraws(visible, later);
  });

  // Drawing is time-sliced: a long feed's badges are drawn a few milliseconds at a time, so the page never has a
  // long task because of us (budget: no main-thread task over 50 ms).
  let drawQueue = [];
  let drawIndex = 0;
  let drawScheduled = false;

  const { nextSlice } = globalThis.KolTrustFloating;

  function enqueueDraws(first, rest) {
    drawQueue = [...first, ...drawQueue.slice(drawIndex), ...rest];
    drawIndex = 0;
    if (!drawScheduled) {
      drawScheduled = true;
      setTimeout(drainDraws, 0);
    }
  }

  function drainDraws() {
    const start = performance.now();
    // Both bounds matter: script time per slice, and how many hosts the browser must then style and lay out.
    const last = Math.min(drawQueue.length, drawIndex + DRAWS_PER_SLICE);
    // Reads for the whole slice first (computed styles: one style pass), then the writes.
    const slice = drawQueue.slice(drawIndex, last).filter(([anchor]) => anchor.isConnected && checked.get(anchor) === anchor.href);
    const outOfFlow = slice.map(([anchor]) => globalThis.KolTrustPlacement.takesRoom(anchor));
    let i = 0;
    for (; i < slice.length && performance.now() - start < SLICE_MS; i++) drawLinkBadge(...slice[i], outOfFlow[i]);
    // Out of time mid-slice: the rest of it is drawn at the next slice.
    drawIndex = i === slice.length ? last : drawQueue.indexOf(slice[i], drawIndex);
    if (drawIndex < drawQueue.length) {
      // Let the browser render between slices (a frame, or a timer when frames are throttled).
      nextSlice(drainDraws);
    } else {
      drawQueue = [];
      drawIndex = 0;
      drawScheduled = false;
    }
  }

  // ---- the page's own profile ---------------------------------------------------------------------------------

  const cap = (s) => (typeof s === 'string' && s ? s.slice(0, MAX_URL) : null);

  function readSignals() {
    const metas = (sel) =>
      [...document.querySelectorAll(sel)].map((m) => cap(m.getAttribute('content'))).filter(Boolean).slice(0, MAX_URLS);
    return {
      location: cap(location.href) ?? '',
      canonical: cap(document.querySelector('link[rel="canonical"]')?.href),
      ogUrl: cap(document.querySelector('meta[property="og:url"]')?.getAttribute('content')),
      alUrls: metas('meta[property^="al:"][property$=":url"]'),
      jsonLdUrls: structuredDataUrls(),
      stableIds: (site.stableIds?.(document, { initial: location.href === initialHref }) ?? [])
        .slice(0, MAX_URLS)
        .map((s) => ({ kind: s.kind, value: cap(s.value) ?? '', handle: cap(s.handle) })),
    };
  }

  /** `url`, `@id` and `sameAs` of JSON-LD entities and their author / main entity, and microdata author links. */
  function structuredDataUrls() {
    const out = [];
    const take = (v) => {
      for (const u of Array.isArray(v) ? v : [v]) if (typeof u === 'string' && out.length < MAX_URLS) out.push(cap(u));
    };
    const visit = (node, depth) => {
      if (!node || typeof node !== 'object' || depth > 2 || out.length >= MAX_URLS) return;
      if (Array.isArray(node)) return node.slice(0, MAX_URLS).forEach((n) => visit(n, depth));
      take(node.url);
      take(node['@id']);
      take(node.sameAs);
      visit(node.author, depth + 1);
      visit(node.mainEntity, depth + 1);
    };
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      const text = script.textContent;
      if (text.length > 200_000) continue; // hostile or huge: not worth parsing
      try {
        visit(JSON.parse(text), 0);
      } catch {
        // malformed structured data is the page's problem, not ours
      }
    }
    for (const link of document.querySelectorAll('[itemprop="author"] link[itemprop="url"]')) take(link.href);
    return out;
  }

  // The page's signals, for a report about the page itself (popup, context menu: report.js).
  globalThis.KolTrustPage = { signals: readSignals };

  async function checkPage() {
    const signals = readSignals();
    const key = JSON.stringify(signals);
    if (key === lastSignalsKey) return;
    lastSignalsKey = key;
    // A new page (SPA navigation): the previous page's header badge must not reappear in the new header while the
    // worker answers.
    setHeader(null);
    const reply = await ask({ type: 'lookupPage', signals });
    if (!reply || key !== lastSignalsKey) return; // a newer navigation overtook this answer
    const shown = reply.main?.kind === 'profile' && reply.badge && reply.account;
    setHeader(shown ? reply.badge : null, shown ? accountOf(reply.main.platform, reply.account) : null);
  }

  function setHeader(view, account = null) {
    header.host?.remove();
    header = { answer: view, account, host: null, element: null };
    ensureHeader();
  }

  /** Draws the header badge once the site has rendered its header, and again after the site re-renders it. */
  function ensureHeader() {
    if (!header.answer) return;
    if (header.host?.isConnected && header.element?.isConnected) return;
    const element = site.header.map((sel) => document.querySelector(sel)).find(Boolean);
    if (!element) return;
    header.host?.remove();
    const { host, render: draw } = createBadge('header', globalThis.KolTrustPlacement.takesRoom(null, element));
    accounts.set(host, header.account);
    element.append(host);
    draw(header.answer, element);
    header.host = host;
    header.element = element;
  }

  // ---- plumbing ------------------------------------------------------------------------------------------------

  /** Sends a request to the worker; `null` when the extension was reloaded or the worker could not answer. */
  const { ask } = globalThis.KolTrustWorker;

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // One batch per frame. rAF does not run in hidden tabs, so a one-shot timer also triggers the flush.
    const timer = setTimeout(flush, 200);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      flush();
    });
  }

  function flush() {
    if (!scheduled) return;
    scheduled = false;
    flushLinks();
    checkPage();
    ensureHeader();
  }

  new MutationObserver((records) => {
    let touched = false;
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target.matches('a[href]')) consider(r.target);
        touched = true; // a canonical link or og:url meta changed: the route changed
      } else {
        for (const n of r.addedNodes) collect(n);
        for (const n of r.removedNodes) if (n.localName === 'kol-trust-badge') restoreRemoved(n);
        touched ||= r.removedNodes.length > 0 || r.target.closest?.('head') != null;
      }
    }
    // SPA navigation and framework re-renders show up as mutations: re-check the page and the header badge.
    if (touched || (header.answer && !header.host?.isConnected)) schedule();
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['href', 'content'],
  });
  window.addEventListener('popstate', schedule);

  // A changed option (language, unknown-profile marks, secret mark) re-answers everything on the page.
  chrome.storage.onChanged.addListener((changes, area) => {
    // Private notes (card.js) and vetting mode change no badge.
    if (area !== 'local' || Object.keys(changes).every((k) => k.startsWith('note:') || k === 'vetting')) return;
    if (changes.secretMark) secretMark = String(changes.secretMark.newValue ?? '').slice(0, 8);
    checked = new WeakMap();
    lastSignalsKey = '';
    collect(document.documentElement);
    schedule();
  });

  chrome.storage.local.get('secretMark').then(({ secretMark: mark }) => {
    secretMark = String(mark ?? '').slice(0, 8);
    collect(document.documentElement);
    schedule();
  });
})();
