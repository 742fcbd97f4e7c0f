// Where a badge floats. Badges never take space in the page's own layout: the page's content must not move when
// they appear (no layout shift), whatever the site's CSS. So a badge's host is a zero-size box right after the link,
// and the visible badge floats above the page, beside the link's last line of text:
//  - "full" (icon, colour and the short text) when the room to the right of the name is free — nothing of the
//    page's following content on that line, and not cut off by a scrolling or clipping container;
//  - "compact" otherwise: the state's drawn icon in a small disc at the name's top-right corner, so it hides no
//    text beside the name; its short text appears on hover and keyboard focus, and is always its accessible name.
// Geometry is read in batches after the browser has laid the page out (one read pass per frame, then only writes to
// our own shadow content), so placing never forces a synchronous layout of the page nor changes it.
globalThis.KolTrustPlacement = (() => {
  'use strict';

  const GAP = 4; // px between the name and a full badge
  const ANCESTORS_FOLLOWING = 3; // how far up "the content that follows the link" is looked for
  const ANCESTORS_CLIP = 8; // how far up clipping containers are looked for

  /** The last line box of `target`'s own text (the end of the name, even when it wraps): a range over its
   * contents gives text boxes, where an element's own box would be as wide as its block. */
  function lastLine(target) {
    const range = document.createRange();
    range.selectNodeContents(target);
    const rects = range.getClientRects();
    for (let i = rects.length - 1; i >= 0; i--) if (rects[i].width > 0 && rects[i].height > 0) return rects[i];
    return null;
  }

  const overlaps = (a, b, inset = 1) =>
    a.left < b.right && a.right > b.left && a.top + inset < b.bottom && a.bottom - inset > b.top;

  /** A full badge is drawn no taller than the name's own text (scaled down to fit, not below this), so it never
   * reaches into the lines above and below. */
  const MIN_SCALE = 0.8;

  /** The part of the page the link belongs to (its row, card or column): a full badge must stay inside it. */
  function surroundings(host) {
    let root = host.parentElement;
    for (let i = 0; i < ANCESTORS_FOLLOWING && root.parentElement && root !== document.body; i++) root = root.parentElement;
    return root;
  }

  /** Nodes looked at after the link: the content beside a name is a few boxes away in document order, and a
   * bound keeps a badge's placement cheap on a feed of thousands of links. */
  const FOLLOWING_NODES = 60;
  const REPLACED = new Set(['img', 'svg', 'video', 'canvas', 'input', 'button', 'select', 'textarea', 'iframe']);

  /** The node after `node` in document order, skipping `node`'s own subtree, without leaving `root`. */
  function nextOutside(node, root) {
    for (; node && node !== root; node = node.parentNode) if (node.nextSibling) return node.nextSibling;
    return null;
  }

  /** Whether anything the page shows after the link (text, images, controls) lies where `box` would be drawn.
   * Boxes that do not reach the spot are skipped whole (their subtree is not visited), so the post text under a
   * name costs one rectangle, not one per word. */
  function followingContentIn(host, root, box) {
    const range = document.createRange();
    let node = nextOutside(host, root);
    for (let n = 0; node && n < FOLLOWING_NODES; n++) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.nodeValue.trim()) {
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0 && overlaps(box, r)) return true;
        }
        node = nextOutside(node, root);
      } else if (node.nodeType !== Node.ELEMENT_NODE || node.localName === 'kol-trust-badge') {
        node = nextOutside(node, root);
      } else {
        const r = node.getBoundingClientRect();
        // `display: contents` and inline wrappers of nothing have no box of their own: look inside them.
        const boxless = r.width === 0 && r.height === 0;
        if (!boxless && !overlaps(box, r)) node = nextOutside(node, root);
        else if (REPLACED.has(node.localName)) return true;
        else node = node.firstChild ?? nextOutside(node, root);
      }
    }
    return false;
  }

  /** Whether `box` would be cut off by a container that clips its overflow, or falls outside the page. */
  function clipped(host, box) {
    if (box.left < 0 || box.right > document.documentElement.scrollWidth) return true;
    let el = host.parentElement;
    for (let i = 0; el && el !== document.body && i < ANCESTORS_CLIP; i++, el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.contain.includes('paint')) {
        const c = el.getBoundingClientRect();
        if (box.left < c.left || box.right > c.right || box.top < c.top || box.bottom > c.bottom) return true;
      }
    }
    return false;
  }

  /** Whether a zero-size inline host placed after `anchor` (or appended inside `container`) would still take room:
   * as a flex or grid item (gaps, space distribution), or on a line of its own after a block-level link (a line
   * box has a line's height). Such hosts leave the flow instead. Reads computed styles only (no layout). */
  function takesRoom(anchor, container = anchor.parentElement) {
    if (container && /flex|grid/.test(getComputedStyle(container).display)) return true;
    return anchor != null && !getComputedStyle(anchor).display.startsWith('inline');
  }

  /**
   * Decides where each badge floats. `items`: [{ host, anchor, float, fullSize: {width, height},
   * compactSize: {width, height} }]; the anchor is the element the badge belongs to (for a header badge, the header
   * element). Returns [{ item, mode: 'full'|'compact', scale, left, top }] with offsets relative to the host's own
   * box (scale: how much a full badge is shrunk to fit the name's line).
   * Reads only.
   */
  function plan(items) {
    const out = [];
    for (const item of items) {
      const { host, anchor, fullSize, compactSize } = item;
      if (!host.isConnected || !anchor.isConnected) continue;
      const line = lastLine(anchor);
      if (!line) continue; // not rendered (display: none, collapsed): nothing to place
      const origin = host.getBoundingClientRect();
      const scale = Math.min(1, line.height / fullSize.height);
      const height = fullSize.height * scale;
      const full = {
        left: line.right + GAP,
        right: line.right + GAP + fullSize.width * scale,
        top: line.top + (line.height - height) / 2,
        bottom: line.top + (line.height + height) / 2,
      };
      const root = surroundings(host);
      const fits =
        scale >= MIN_SCALE &&
        full.right <= root.getBoundingClientRect().right &&
        !followingContentIn(host, root, full) &&
        !clipped(host, full);
      // Compact: a disc on the name's top-right corner, inside the name's own box so clipping spares it.
      const box = fits
        ? full
        : { left: line.right - compactSize.width / 2, top: line.top - compactSize.height / 2 };
      out.push({
        item,
        mode: fits ? 'full' : 'compact',
        scale: fits ? scale : 1,
        left: Math.round(box.left - origin.left),
        top: Math.round(box.top - origin.top),
      });
    }
    return out;
  }

  return { plan, takesRoom };
})();
