// @ts-check
// Where a badge or a post's Report button floats (`KolTrust.placement`). Badges never take space in the page's own layout: the page's content must not move when
// they appear (no layout shift), whatever the site's CSS. So a badge's host is a zero-size box right after the link,
// and the visible badge floats above the page, beside the link's last line of text:
//  - "full" (icon, colour and the short text) when the room to the right of the name is free — nothing of the
//    page's following content on that line, and not cut off by a scrolling or clipping container — or else at the
//    end of the name's line when that is close (after "@handle · 2h" on X);
//  - "compact" otherwise: the state's drawn icon in a small disc right after the name when that room is free (a name
//    in small text, too low a line for the full badge), else at the name's top-right corner, so it hides no text
//    beside the name; its short text appears on hover and keyboard focus, and is always its accessible name.
// Geometry is read in batches after the browser has laid the page out (one read pass per frame, then only writes to
// our own shadow content), so placing never forces a synchronous layout of the page nor changes it.
(() => {
  'use strict';

  const GAP = 4; // px between the name and a full badge
  /** How far past the name a full badge may sit at the end of the name's line (X's "Name @handle · 2h"). */
  const LINE_END_MAX = 220;
  const ANCESTORS_FOLLOWING = 3; // how far up "the content that follows the link" is looked for
  const ANCESTORS_CLIP = 8; // how far up clipping containers are looked for

  /** Our own floating hosts, which may sit inside a name's element (a header badge) or a post's text (its Report
   * button, a link's badge). */
  const OURS = 'kol-trust-badge, kol-trust-report-button';

  /** The last line box of `target`'s own text (the end of the name, even when it wraps): a range over its
   * contents gives text boxes, where an element's own box would be as wide as its block. The range is read in the
   * stretches between our own hosts inside `target`, last first: Firefox counts the boxes of a host's shadow content
   * among a range's rectangles (Chromium does not), so a floating badge or button would otherwise become the last
   * line of the very text it floats beside.
   * @param {Element} target */
  function lastLine(target) {
    const range = document.createRange();
    const hosts = target.querySelectorAll(OURS);
    for (let i = hosts.length; i >= 0; i--) {
      range.selectNodeContents(target);
      if (i > 0) range.setStartAfter(hosts[i - 1]);
      if (i < hosts.length) range.setEndBefore(hosts[i]);
      const rects = range.getClientRects();
      for (let j = rects.length - 1; j >= 0; j--) if (rects[j].width > 0 && rects[j].height > 0) return rects[j];
    }
    return null;
  }

  /** @param {KolTrustBox} a @param {KolTrustBox} b */
  const overlaps = (a, b, inset = 1) =>
    a.left < b.right && a.right > b.left && a.top + inset < b.bottom && a.bottom - inset > b.top;

  /** A full badge is drawn no taller than the name's own text (scaled down to fit, not below this), so it never
   * reaches into the lines above and below. */
  const MIN_SCALE = 0.8;

  /** The part of the page the link belongs to (its row, card or column): a full badge must stay inside it.
   * @param {Element} host */
  function surroundings(host) {
    let root = /** @type {Element} */ (host.parentElement);
    for (let i = 0; i < ANCESTORS_FOLLOWING && root.parentElement && root !== document.body; i++) root = root.parentElement;
    return root;
  }

  /** Nodes looked at after the link: the content beside a name is a few boxes away in document order, and a
   * bound keeps a badge's placement cheap on a feed of thousands of links. */
  const FOLLOWING_NODES = 60;
  const REPLACED = new Set(['img', 'svg', 'video', 'canvas', 'input', 'button', 'select', 'textarea', 'iframe']);

  /** The node after `node` in document order, skipping `node`'s own subtree, without leaving `root`.
   * @param {Node | null} node
   * @param {Node} root
   * @returns {Node | null} */
  function nextOutside(node, root) {
    for (; node && node !== root; node = node.parentNode) if (node.nextSibling) return node.nextSibling;
    return null;
  }

  /** Calls `visit(rect)` for every box of content (text line boxes, images, controls) that the page shows after
   * the link inside `root` and that meets `band`, until `visit` returns true (then returns true). Boxes that do not
   * meet the band are skipped whole (their subtree is not visited), so the post text under a name costs one
   * rectangle, not one per word.
   * @param {Element} host
   * @param {Element} root
   * @param {KolTrustBox} band
   * @param {(r: DOMRect) => boolean} visit */
  function contentAfter(host, root, band, visit) {
    const range = document.createRange();
    let node = nextOutside(host, root);
    for (let n = 0; node && n < FOLLOWING_NODES; n++) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.nodeValue?.trim()) {
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0 && overlaps(band, r) && visit(r)) return true;
        }
        node = nextOutside(node, root);
      } else if (!(node instanceof Element) || node.localName === 'kol-trust-badge') {
        node = nextOutside(node, root);
      } else {
        const r = node.getBoundingClientRect();
        // `display: contents` and inline wrappers of nothing have no box of their own: look inside them.
        const boxless = r.width === 0 && r.height === 0;
        if (!boxless && !overlaps(band, r)) node = nextOutside(node, root);
        else if (REPLACED.has(node.localName)) {
          if (visit(r)) return true;
          node = nextOutside(node, root);
        } else node = node.firstChild ?? nextOutside(node, root);
      }
    }
    return false;
  }

  /** Whether anything the page shows after the link lies where `box` would be drawn.
   * @param {Element} host @param {Element} root @param {KolTrustBox} box */
  const followingContentIn = (host, root, box) => contentAfter(host, root, box, () => true);

  /** Where the content on the name's line ends (the right edge of the last thing after the name on that line:
   * "@handle · 2h" after a name), or null when nothing follows on the line.
   * @param {Element} host @param {Element} root @param {DOMRect} line */
  function lineEnd(host, root, line) {
    /** @type {number | null} */
    let end = null;
    const band = { left: line.right - 1, right: Infinity, top: line.top, bottom: line.bottom };
    contentAfter(host, root, band, (r) => {
      end = Math.max(end ?? r.right, r.right);
      return false;
    });
    return end;
  }

  /** Whether `box` would be cut off by a container that clips its overflow, or falls outside the page.
   * @param {Element} host @param {KolTrustBox} box */
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
   * box has a line's height). Such hosts leave the flow instead. Reads computed styles only (no layout).
   * @param {Element | null} anchor
   * @param {Element | null} [container] */
  function takesRoom(anchor, container = anchor?.parentElement ?? null) {
    if (container && /flex|grid/.test(getComputedStyle(container).display)) return true;
    return anchor != null && !getComputedStyle(anchor).display.startsWith('inline');
  }

  /** Two lines starting at the same left edge, one right under the other.
   * @param {DOMRect} a @param {DOMRect} b */
  const stacked = (a, b) => Math.abs(a.left - b.left) < 8 && Math.abs(a.top - b.top) <= 2.5 * Math.max(a.height, b.height);

  /**
   * Decides where each badge floats. `items`: [{ host, anchor, key, float, fullSize: {width, height},
   * compactSize: {width, height} }]; the anchor is the element the badge belongs to (for a header badge, the header
   * element), `key` names its account. Returns [{ item, mode: 'full'|'compact'|'merged', scale, left, top }] with
   * offsets relative to the host's own box (scale: how much a full badge is shrunk to fit the name's line;
   * 'merged': the same account's badge already stands at the end of this line, or its disc on the line above,
   * so this one is not shown).
   * Reads only.
   * @template {KolTrustPlaceItem} T
   * @param {T[]} items
   * @returns {KolTrustPlacement<T>[]}
   */
  function plan(items) {
    /** @type {KolTrustPlacement<T>[]} */
    const out = [];
    /** Full badges placed in this pass, and compact ones.
     * @type {{ key: string, box: KolTrustBox }[]} */
    const taken = [];
    /** @type {{ key: string, line: DOMRect }[]} */
    const compacts = [];
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
      const rootRight = root.getBoundingClientRect().right;
      /** @param {KolTrustBox} box */
      const free = (box) =>
        box.right <= rootRight &&
        !taken.some((t) => overlaps(box, t.box)) &&
        !followingContentIn(host, root, box) &&
        !clipped(host, box);
      /** @param {number} left */
      const at = (left) => ({ ...full, left, right: left + (full.right - full.left) });
      // Beside the name; else at the end of the name's line (after "@handle · 2h"), when that is near enough to
      // read as the same line; else compact.
      /** @type {KolTrustBox | null} */
      let box = null;
      if (scale >= MIN_SCALE) {
        if (free(full)) box = full;
        else {
          const end = lineEnd(host, root, line);
          const atEnd = end !== null && end - line.right <= LINE_END_MAX ? at(end + GAP + 2) : null;
          // X links a post's author twice on one line (name and @handle): one badge at the line's end says it.
          if (atEnd && taken.some((t) => t.key === item.key && overlaps(atEnd, t.box))) {
            out.push({ item, mode: 'merged', scale: 1, left: 0, top: 0 });
            continue;
          }
          if (atEnd && free(atEnd)) box = atEnd;
        }
      }
      if (box) taken.push({ key: item.key, box });
      const fits = box !== null;
      if (!fits) {
        // A name and its @handle stacked in two lines (X's "who to follow") link one account twice: one disc.
        if (compacts.some((c) => c.key === item.key && stacked(c.line, line))) {
          out.push({ item, mode: 'merged', scale: 1, left: 0, top: 0 });
          continue;
        }
        compacts.push({ key: item.key, line });
      }
      // Compact: a disc right after the name's line when that room is free (a name set in small text, whose line is
      // too low for the full badge: the disc then covers nothing), else on the name's top-right corner, inside the
      // name's own box so clipping spares it.
      /** @type {{ left: number, top: number }} */
      let spot = box ?? { left: line.right - compactSize.width, top: line.top - compactSize.height / 2 };
      if (!fits && line.height >= compactSize.height) {
        const top = line.top + (line.height - compactSize.height) / 2;
        const after = { left: line.right + 1, right: line.right + 1 + compactSize.width, top, bottom: top + compactSize.height };
        if (free(after)) spot = after;
      }
      out.push({
        item,
        mode: fits ? 'full' : 'compact',
        scale: fits ? scale : 1,
        left: Math.round(spot.left - origin.left),
        top: Math.round(spot.top - origin.top),
      });
    }
    return out;
  }

  KolTrust.placement = { plan, takesRoom };
})();
