// @ts-check
// Report buttons on promotional posts (`KolTrust.posts`): a "Báo cáo / Report" button beside each post that promotes
// something or carries a risk cue. This file only finds posts and draws: per-site selectors (sites.js) name a feed's
// post containers, their text, links, permalink and author link; posts are sent to the worker in batches and the
// Rust core decides which ones are flagged — whoever the author is, registered or not. The button floats at the end
// of the post's text (floating.js) in a closed shadow root (ui.js `mount`) and opens the report dialog (report.js)
// with that post's context. Scans are time-sliced like the badges', so a long feed never gets a long task from us.
(() => {
  'use strict';

  const { h, icon } = KolTrust.dom;

  const BATCH = 40; // posts per message
  const SLICE_MS = 8;
  const MAX_TEXT = 5000;

  // The lookalike state's pink: the colour of "this may deceive you" (the palette's, light and dark).
  const sheet = KolTrust.ui.lazySheet(`
    button { all: unset; display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; pointer-events: auto;
      border-radius: 9px; border: 1px solid var(--kt-lookalike-line); background: var(--kt-lookalike-bg);
      color: var(--kt-lookalike-ink); cursor: pointer; font: 600 11px/16px var(--kt-font); white-space: nowrap;
      box-shadow: 0 1px 2px rgba(0, 0, 0, .16); --kt-focus-offset: 2px; }
    /* Compact where the end of the post's text has no free room (content/placement.js): the flag alone; its words
       on hover and keyboard focus, and always as its accessible name. */
    .compact button:not(:hover):not(:focus-visible) { padding: 1px; gap: 0; }
    .compact button:not(:hover):not(:focus-visible) span { display: none; }
    svg { width: 11px; height: 11px; fill: none; stroke: currentColor; stroke-width: 2.2; stroke-linecap: round; }`);

  const FLAG = ['M4 14V2.5M4 3h7.5l-1.8 3 1.8 3H4'];

  /** The site's post selectors; set by `start` on sites that have feeds.
   * @type {KolTrustPostSelectors} */
  let posts;
  /** post element → the text it was last checked with (re-checked when a framework rewrites it).
   * @type {WeakMap<Element, string>} */
  let checked = new WeakMap();
  /** post element → its button host, and how to re-word it.
   * @type {WeakMap<Element, { host: HTMLElement, update: (flag: KolTrustPostFlag) => void }>} */
  const buttons = new WeakMap();
  /** @type {Set<Element>} */
  const pending = new Set();
  let scheduled = false;

  /** Draws (or re-words) the Report button of `post`. @param {Element} post @param {KolTrustPostFlag} flag */
  function drawButton(post, flag) {
    let drawn = buttons.get(post);
    if (!drawn?.host.isConnected) {
      const place = posts.place.map((s) => post.querySelector(s)).find(Boolean) ?? post;
      // It floats at the end of the post's text and takes no room: the post never moves (content/floating.js).
      const kind = KolTrust.placement.takesRoom(null, place) ? 'float-out' : 'float';
      const { host, shadow } = KolTrust.ui.mount('kol-trust-report-button', kind, [KolTrust.floating.sheet(), sheet()]);
      const label = h('span');
      const button = h('button', { type: 'button' }, icon(FLAG), label);
      const wrap = h('span', null, button);
      shadow.append(wrap);
      // Only the person's own click opens it (pages cannot reach into the closed root; synthetic events are ignored).
      button.addEventListener('click', (e) => {
        if (!e.isTrusted) return;
        e.preventDefault();
        e.stopPropagation();
        KolTrust.report.open(KolTrust.report.postContext(post, posts), button);
      });
      /** @param {KolTrustPostFlag} f */
      const update = (f) => {
        label.textContent = f.label;
        button.title = f.title;
        button.setAttribute('aria-label', f.title);
        KolTrust.floating.attach(host, place, wrap, 'report');
      };
      place.append(host);
      drawn = { host, update };
      buttons.set(post, drawn);
    }
    drawn.update(flag);
  }

  /** The element holding a post's text, and that text (read once per check). @param {Element} post */
  function textOf(post) {
    const el = posts.text.map((s) => post.querySelector(s)).find(Boolean) ?? post;
    return { el, text: (el.textContent ?? '').slice(0, MAX_TEXT) };
  }

  /** Asks the core which posts of `batch` are promotional ([post, its textOf] pairs) and draws their buttons.
   * @param {[Element, { el: Element, text: string }][]} batch */
  async function answer(batch) {
    const items = batch.map(([, { el, text }]) => ({
      text,
      links: [...el.querySelectorAll('a[href]')].slice(0, 20).map((a) => /** @type {HTMLAnchorElement} */ (a).href.slice(0, 2048)),
    }));
    const [reply] = await Promise.all([KolTrust.worker.ask({ type: 'detectPosts', posts: items }), KolTrust.ui.loadPalette()]);
    if (!reply) return; // the extension was reloaded, or the worker could not answer
    batch.forEach(([post], i) => {
      checked.set(post, items[i].text);
      /** @type {KolTrustPostFlag | null} */
      const flag = reply.flags[i];
      if (flag) drawButton(post, flag);
      else buttons.get(post)?.host.remove();
    });
  }

  /** Examines pending posts a few milliseconds at a time, then asks the worker in batches. */
  function drain() {
    scheduled = false;
    const start = performance.now();
    /** @type {[Element, { el: Element, text: string }][]} */
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

  /** Queues the posts in an added node, or the post it was added into. @param {Node} node */
  function collect(node) {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!(el instanceof Element) || el.localName.startsWith('kol-trust-')) return;
    const enclosing = el.closest(posts.item);
    if (enclosing) pending.add(enclosing);
    for (const post of el.querySelectorAll(posts.item)) pending.add(post);
    if (pending.size) schedule();
  }

  /** Follows the page's posts, on sites whose feeds we know (main.js, at boot). */
  function start() {
    const site = KolTrust.sites.forHost(location.hostname);
    if (!site.posts) return;
    posts = site.posts;
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
  }

  KolTrust.posts = { start };
})();
