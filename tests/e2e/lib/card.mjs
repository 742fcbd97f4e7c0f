// @ts-check
// Reads and drives the detail card the extension draws in a *closed* shadow root, the way only a debugger can:
// CDP's DOM.getDocument with `pierce: true` to find nodes, DOM.focus / DOM.getBoxModel to reach them, and
// Runtime.callFunctionOn on a resolved node for what is not an attribute (a textarea's value, a shadow root's
// active element). Page scripts can do none of this.
import { attrs, textOf, find } from './badges.mjs';

const CARD_TAG = 'KOL-TRUST-CARD';
const BADGE_TAG = 'KOL-TRUST-BADGE';

export const classes = (n) => (attrs(n).class ?? '').split(/\s+/).filter(Boolean);
export const byClass = (root, cls) => find(root, (n) => classes(n).includes(cls));

export function findAll(node, pred, out = []) {
  if (!node) return out;
  if (pred(node)) out.push(node);
  for (const c of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) findAll(c, pred, out);
  return out;
}

/** Runs `fn(cdp, root)` with a fresh CDP session and a pierced document, then detaches. */
export async function withDocument(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    return await fn(cdp, root);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Calls `fn` (source text of `function () {…}`) with `this` = the node; returns its JSON value. */
export async function callOn(cdp, node, fn) {
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: fn,
    returnByValue: true,
  });
  return result.value;
}

/** The open card, or null: { shadowRootType, kind, state, stateLabel, name, registryId, notice, message,
 * complaints, freshness, report: {disabled, title, text}, links: [{href, target, rel}], vetting, note, text,
 * activeClass (the class of the card shadow root's focused element), animating (its opening fade is running) }. */
export async function readCard(page) {
  return withDocument(page, async (cdp, root) => {
    const host = find(root, (n) => n.nodeName === CARD_TAG);
    if (!host) return null;
    const shadow = host.shadowRoots?.[0];
    const panel = byClass(shadow, 'card');
    const text = (cls) => {
      const n = byClass(shadow, cls);
      return n ? textOf(n).trim() : null;
    };
    const report = byClass(shadow, 'report');
    const note = byClass(shadow, 'note');
    return {
      shadowRootType: shadow?.shadowRootType ?? null,
      kind: attrs(panel)['data-kind'] ?? null,
      state: classes(panel).filter((c) => c !== 'card').join(' '),
      lang: attrs(panel).lang ?? null,
      stateLabel: text('state-label'),
      name: text('name'),
      registryId: text('regid-value'),
      notice: text('notice'),
      message: text('message'),
      complaints: text('complaints'),
      freshness: text('freshness'),
      report: report && { disabled: 'disabled' in attrs(report), title: attrs(report).title, text: textOf(report) },
      links: findAll(shadow, (n) => n.nodeName === 'A' && attrs(n).href).map((a) => ({
        href: attrs(a).href,
        target: attrs(a).target,
        rel: attrs(a).rel,
      })),
      vetting: !!byClass(shadow, 'vetting'),
      note: note ? await callOn(cdp, note, 'function () { return this.dataset.loaded ? this.value : null; }') : null,
      text: textOf(shadow).trim(),
      activeClass: await callOn(cdp, shadow, 'function () { return this.activeElement?.className ?? null; }'),
      animating: await callOn(cdp, panel, "function () { return this.getAnimations().some((a) => a.playState !== 'finished'); }"),
    };
  });
}

/** Waits until `predicate(card)` holds (card may be null), re-reading every 50 ms; fails with the last card seen. */
export async function waitForCard(page, predicate, { timeout = 10000, what = 'the card' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const card = await readCard(page);
    if (predicate(card)) return card;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; card seen: ${JSON.stringify(card, null, 1)}`);
    await page.waitForTimeout(50);
  }
}

/** Waits until the card is open and drawn in full (its opening fade is over): the moment to take a screenshot. */
export const waitForSettledCard = (page) => waitForCard(page, (k) => k !== null && !k.animating, { what: 'the card to settle' });

/** The `index`-th badge host of `kind` ('link' | 'header') — among those whose link's href ends with `href` when
 * given — and the focusable `.badge` and the floating wrapper in its closed shadow root. */
/** @param {any} root a CDP DOM node (untyped, as CDP answers) @param {string} kind @param {number} index
 * @param {string | null} [href] */
function badgeNodes(root, kind, index, href = null) {
  const hosts = [];
  const walk = (node) => {
    const kids = node.children ?? [];
    kids.forEach((child, i) => {
      if (child.nodeName === BADGE_TAG && (attrs(child).kind ?? 'link') === kind) {
        const anchor = kids.slice(0, i).reverse().find((k) => k.nodeType === 1);
        if (!href || (attrs(anchor).href ?? '').endsWith(href)) hosts.push(child);
      } else walk(child);
    });
    for (const r of node.shadowRoots ?? []) walk(r);
  };
  walk(root);
  const host = hosts[index];
  if (!host) throw new Error(`no ${kind} badge #${index}${href ? ` for ${href}` : ''} (found ${hosts.length})`);
  const shadow = host.shadowRoots[0];
  return { host, badge: byClass(shadow, 'badge'), float: byClass(shadow, 'float') };
}

/** Clicks a badge where a person sees it, with a real (trusted) mouse click at the centre of the drawn badge (the
 * badge floats from a zero-size host, so the host itself has nothing to click). Waits until it is placed (drawn
 * badges are placed in the next frame, content/placement.js). `href`: pick among the badges of links ending so. */
/** @param {import('playwright-core').Page} page
 * @param {{ kind?: 'link' | 'header', index?: number, href?: string | null, timeout?: number }} [options] */
export async function clickBadge(page, { kind = 'link', index = 0, href = null, timeout = 10000 } = {}) {
  const deadline = Date.now() + timeout;
  let float = ''; // its float's classes, for the failure message
  for (;;) {
    const box = await withDocument(page, async (cdp, root) => {
      const { badge, float: drawn } = badgeNodes(root, kind, index, href);
      float = classes(drawn).join(' ');
      if (!['full', 'compact'].some((m) => classes(drawn).includes(m))) return null;
      await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: badge.backendNodeId });
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: badge.backendNodeId });
      const [x1, y1, , , x3, y3] = model.border;
      return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
    });
    if (box) return page.mouse.click(box.x, box.y);
    if (Date.now() > deadline) throw new Error(`the ${kind} badge #${index}${href ? ` for ${href}` : ''} was never placed (its float: "${float}")`);
    await page.waitForTimeout(50);
  }
}

/** Moves keyboard focus to a badge, as Tab would (CDP DOM.focus on the node inside the closed shadow root). */
export async function focusBadge(page, { kind = 'link', index = 0 } = {}) {
  await withDocument(page, (cdp, root) => cdp.send('DOM.focus', { backendNodeId: badgeNodes(root, kind, index).badge.backendNodeId }));
}

/** Where keyboard focus is: the page's view (`document.activeElement`'s tag and kind) and, when it is a badge host,
 * the class of the element focused inside its closed shadow root. */
export async function focusState(page) {
  const outer = await page.evaluate(() => ({
    tag: document.activeElement?.localName ?? null,
    kind: document.activeElement?.getAttribute('kind') ?? null,
  }));
  const inner = await withDocument(page, async (cdp, root) => {
    const hosts = findAll(root, (n) => n.nodeName === BADGE_TAG);
    for (const h of hosts) {
      const cls = await callOn(cdp, h.shadowRoots[0], 'function () { return this.activeElement?.className ?? null; }');
      if (cls) return cls;
    }
    return null;
  });
  return { ...outer, badgeActiveClass: inner };
}

/** Clicks the element of class `cls` inside the open card, at its centre, with a real (trusted) mouse click. */
export async function clickInCard(page, cls) {
  const box = await withDocument(page, async (cdp, root) => {
    const host = find(root, (n) => n.nodeName === CARD_TAG);
    const node = host && byClass(host.shadowRoots[0], cls);
    if (!node) throw new Error(`no .${cls} in the card`);
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
    const [x1, y1, , , x3, y3] = model.content;
    return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
  });
  await page.mouse.click(box.x, box.y);
}

/** Focuses the element of class `cls` inside the open card (for typing into it). */
export async function focusInCard(page, cls) {
  await withDocument(page, (cdp, root) => {
    const host = find(root, (n) => n.nodeName === CARD_TAG);
    const node = host && byClass(host.shadowRoots[0], cls);
    if (!node) throw new Error(`no .${cls} in the card`);
    return cdp.send('DOM.focus', { backendNodeId: node.backendNodeId });
  });
}

/** A badge's computed accessibility (role and accessible name), as a screen reader gets it (CDP Accessibility). */
export async function badgeAccessibility(page, { kind = 'link', index = 0 } = {}) {
  return withDocument(page, async (cdp, root) => {
    const { badge } = badgeNodes(root, kind, index);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
      backendNodeId: badge.backendNodeId,
      fetchRelatives: false,
    });
    const ax = nodes[0];
    return { role: ax?.role?.value ?? null, name: ax?.name?.value ?? null, focusable: !!ax?.properties?.find((p) => p.name === 'focusable')?.value?.value };
  });
}
