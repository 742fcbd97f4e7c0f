// @ts-check
// Floating (`KolTrust.floating`): how everything the extension draws beside the page's content — badges
// (badges.js), Report buttons on posts (posts.js) — sits in it without taking room. placement.js decides *where*
// each one goes; this file decides *when*, and applies the answer to our own shadow content:
//  - the host is a zero-size box (inline beside its anchor, or out of the flow where an inline box would still
//    take room), styled inline with `!important` so no page rule can move, hide or resize it (ui.js `mount`);
//  - what a person sees is a `.float` wrapper inside the host's closed shadow root, positioned from the host;
//  - a ResizeObserver on each anchor places its float after the browser's layout and before paint, so it is placed
//    in the very frame it is drawn and follows its anchor without scroll listeners; a window resize re-places all;
//  - placing is spread over frames (a bounded number per frame), reads before writes.
(() => {
  'use strict';

  /** The float wrapper's rules, adopted by every shadow root that draws one: positioned by `attach`, hidden until
   * placed, `merged` when the same account's badge already ends the line. */
  const sheet = KolTrust.ui.lazySheet(`
    .float { position: absolute; left: 0; top: 0; z-index: 1; transform-origin: 0 0; }
    .unplaced { visibility: hidden; }
    .merged { display: none; }`);

  /** The size of a compact float (an icon disc), for placement. */
  const COMPACT_SIZE = { width: 14, height: 14 };
  /** Floats placed per frame: re-placing a whole feed (a window resize) is spread over frames like drawing. */
  const PLACES_PER_FRAME = 60;

  /** Runs `fn` after the next frame has been laid out and painted (a timer too, as frames stop in hidden tabs).
   * @param {() => void} fn */
  function nextSlice(fn) {
    let done = false;
    const run = () => {
      if (!done) {
        done = true;
        fn();
      }
    };
    requestAnimationFrame(() => setTimeout(run, 0));
    setTimeout(run, 100);
  }

  /** What is placed, by host.
   * @type {Map<Element, { anchor: Element, float: HTMLElement, kind: string, key: string, fullSize: KolTrustSize | null }>} */
  const placed = new Map();
  /** anchor → its host: a resize of the anchor re-places the float.
   * @type {WeakMap<Element, Element>} */
  const hostOfTarget = new WeakMap();
  /** @type {Set<Element>} */
  const queue = new Set();
  let frameScheduled = false;

  const resizes = new ResizeObserver((entries) => {
    for (const e of entries) {
      const host = hostOfTarget.get(e.target);
      if (host) queue.add(host);
    }
    placeNow();
  });

  /** Places (again) the float of `host` beside `anchor` (a link, or the element whose text it follows); `kind`
   * is the class the float keeps, `key` names the account (one full badge per account on a line).
   * @param {Element} host @param {Element} anchor @param {HTMLElement} float @param {string} kind */
  function attach(host, anchor, float, kind, key = '') {
    float.className = `float ${kind} unplaced`;
    placed.set(host, { anchor, float, kind, key, fullSize: null });
    const previous = hostOfTarget.get(anchor);
    hostOfTarget.set(anchor, host);
    queue.add(host);
    if (previous) {
      // The anchor is watched already — this host with new content, or a new host in place of one drawn for it
      // before (a header's badge drawn anew after an option change): the observer reports no resize for an
      // element it already watches (Chromium ignores a second `observe`), so place after the next frame.
      if (previous !== host) placed.delete(previous);
      nextSlice(placeNow);
    } else {
      resizes.observe(anchor);
    }
  }

  /** Stops placing a float that is gone (feeds that recycle their items drop thousands of links). Its anchor stays
   * watched when a newer host has taken it over.
   * @param {Element | undefined} host */
  function forget(host) {
    const p = host && placed.get(host);
    if (!p) return;
    placed.delete(host);
    if (hostOfTarget.get(p.anchor) !== host) return;
    hostOfTarget.delete(p.anchor);
    resizes.unobserve(p.anchor);
  }

  /** Floats whose host the page removed, dropped once their number doubles: amortized O(1) per float. */
  let sweepAt = 512;
  function sweep() {
    if (placed.size < sweepAt) return;
    for (const host of placed.keys()) if (!host.isConnected) forget(host);
    sweepAt = Math.max(512, placed.size * 2);
  }

  function placeNow() {
    sweep();
    if (queue.size === 0) return;
    const group = [];
    for (const host of queue) {
      if (group.length === PLACES_PER_FRAME) break;
      group.push(host);
    }
    for (const host of group) queue.delete(host);
    placeGroup(group);
    if (queue.size > 0 && !frameScheduled) {
      // The rest after the next frame has been laid out and painted, when reading geometry costs no layout.
      frameScheduled = true;
      nextSlice(() => {
        frameScheduled = false;
        placeNow();
      });
    }
  }

  /** One read pass (sizes, then where each float goes), then one write pass to our own shadow content.
   * @param {Element[]} hosts */
  function placeGroup(hosts) {
    const items = [];
    for (const host of hosts) {
      const p = placed.get(host);
      if (!p) continue;
      if (!host.isConnected) {
        forget(host);
        continue;
      }
      if (!p.fullSize) p.fullSize = { width: p.float.offsetWidth, height: p.float.offsetHeight };
      items.push({ host, anchor: p.anchor, key: p.key, float: p.float, kind: p.kind, fullSize: p.fullSize, compactSize: COMPACT_SIZE });
    }
    for (const { item, mode, scale, left, top } of KolTrust.placement.plan(items)) {
      item.float.className = `float ${item.kind} ${mode}`;
      item.float.style.transform = scale < 1 ? `scale(${scale.toFixed(3)})` : '';
      item.float.style.left = `${left}px`;
      item.float.style.top = `${top}px`;
    }
  }

  // A new window size rewraps text: re-place every float (spread over frames).
  let resizePending = false;
  function onResize() {
    if (resizePending) return;
    resizePending = true;
    requestAnimationFrame(() => {
      resizePending = false;
      for (const host of placed.keys()) queue.add(host);
      placeNow();
    });
  }

  /** Follows the window's size (main.js, at boot). */
  function start() {
    window.addEventListener('resize', onResize, { passive: true });
  }

  KolTrust.floating = { sheet, attach, forget, nextSlice, start };
})();
