// @ts-check
// Reads the badges the extension drew, *through* their closed shadow roots, the way only a debugger can: CDP's
// DOM.getDocument with `pierce: true`. The extension's shadow roots stay closed; page scripts cannot do this.

const BADGE_TAG = 'KOL-TRUST-BADGE';

export function attrs(node) {
  const out = {};
  const a = node?.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) out[a[i]] = a[i + 1];
  return out;
}

export function textOf(node) {
  if (!node) return '';
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
  let s = '';
  for (const c of node.children ?? []) s += textOf(c);
  for (const r of node.shadowRoots ?? []) s += textOf(r);
  return s;
}

export function find(node, pred) {
  if (!node) return null;
  if (pred(node)) return node;
  for (const c of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const f = find(c, pred);
    if (f) return f;
  }
  return null;
}

/** Every badge on the page: { kind: 'link'|'header', href, anchorText, headerText, shadowRootType, state, label,
 * text, title, demo, placement, badgeNodeId }. */
export async function readBadges(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    return badgesInTree(root, page.url());
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The badges in a document tree of CDP's shape (`nodeName`, `attributes` as a flat list, `children`,
 * `shadowRoots`; Firefox's harness converts WebDriver BiDi's serialization to it), links resolved against `base`. */
export function badgesInTree(root, base) {
  const badges = [];
  const walk = (node) => {
    const kids = node.children ?? [];
    kids.forEach((child, i) => {
      if (child.nodeName === BADGE_TAG) {
        const anchor = kids.slice(0, i).reverse().find((k) => k.nodeType === 1);
        const shadow = child.shadowRoots?.[0];
        const badge = find(shadow, (n) => (attrs(n).class ?? '').startsWith('badge'));
        const label = find(shadow, (n) => attrs(n).class === 'label');
        const float = find(shadow, (n) => (attrs(n).class ?? '').startsWith('float'));
        const placement = ['full', 'compact', 'merged', 'unplaced'].find((m) => (attrs(float).class ?? '').split(' ').includes(m));
        const kind = attrs(child).kind ?? 'link';
        const href = kind === 'link' ? attrs(anchor).href : null;
        badges.push({
          kind,
          /** For a page badge: 'header' (a profile page), 'owner' (a content page's owner name) or 'title'. */
          spot: kind === 'header' ? attrs(child).spot ?? null : null,
          href: href ? new URL(href, base).href : null,
          anchorText: kind === 'link' ? textOf(anchor).trim() : '',
          /** For a header badge: the text of the header element it sits in. */
          headerText: kind === 'header' ? textOf(node).replace(textOf(child), '').trim() : '',
          shadowRootType: shadow?.shadowRootType ?? null,
          state: (attrs(badge).class ?? '').replace('badge', '').trim(),
          label: textOf(label),
          text: textOf(shadow).trim(),
          title: attrs(badge).title ?? '',
          demo: !!find(shadow, (n) => attrs(n).class === 'demo'),
          /** Where it floats (content/placement.js): 'full' beside the name or at its line's end, 'compact' on its
           * corner, 'merged' (the same account's badge ends the line), 'unplaced'. */
          placement: placement ?? null,
          /** The backend node id of the drawn badge, for CDP box-model reads (Firefox: the BiDi shared id). */
          badgeNodeId: badge?.backendNodeId ?? badge?.sharedId ?? null,
        });
        return; // nothing of ours to find inside a badge
      }
      walk(child);
    });
    for (const r of node.shadowRoots ?? []) walk(r);
    if (node.contentDocument) walk(node.contentDocument);
  };
  walk(root);
  return badges;
}

/** Waits until `predicate(badges)` holds (re-reading on every animation frame's worth of time), or fails with the
 * last badges seen. This waits for a condition, never for a fixed time. */
export async function waitForBadges(page, predicate, { timeout = 10000, what = 'badges' } = {}) {
  const deadline = Date.now() + timeout;
  let last = [];
  for (;;) {
    last = await readBadges(page);
    if (predicate(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; badges seen: ${JSON.stringify(last, null, 1)}`);
    }
    await page.waitForTimeout(50);
  }
}

/** The viewport box `{left, top, right, bottom}` of a drawn badge (inside its closed shadow root), by the
 * `badgeNodeId` readBadges gave, through CDP. */
export async function badgeBox(page, backendNodeId) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId });
    const [x1, y1, , , x3, y3] = model.border;
    return { left: x1, top: y1, right: x3, bottom: y3 };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export const linkBadges = (badges) => badges.filter((b) => b.kind === 'link');
export const headerBadges = (badges) => badges.filter((b) => b.kind === 'header');
