// @ts-check
// Reads and drives the report dialog and the posts' Report buttons, which the extension draws in *closed* shadow
// roots: through CDP (DOM.getDocument with `pierce: true`), as card.mjs does for the card. Clicks are real mouse
// clicks at the element's centre and typing goes through the keyboard, so the extension sees trusted events.
import { attrs, textOf, find } from './badges.mjs';
import { byClass, callOn, classes, findAll, withDocument } from './card.mjs';

const DIALOG_TAG = 'KOL-TRUST-REPORT';
const BUTTON_TAG = 'KOL-TRUST-REPORT-BUTTON';

const visible = (n) => !!n && !('hidden' in attrs(n));
/** The elements the extension made (element names), leaving out the browser's own user-agent shadow trees. */
function authored(node, out = []) {
  for (const c of node?.children ?? []) {
    if (c.nodeType === 1) out.push(c.nodeName.toLowerCase());
    authored(c, out);
  }
  return out;
}
const items = (list) => (list?.children ?? []).map((n) => textOf(n).trim());

/** The open dialog, or null. */
export async function readDialog(page) {
  return withDocument(page, async (cdp, root) => {
    const host = find(root, (n) => n.nodeName === DIALOG_TAG);
    if (!host) return null;
    const shadow = host.shadowRoots?.[0];
    const panel = byClass(shadow, 'dialog');
    const text = (cls) => {
      const n = byClass(shadow, cls);
      return n ? textOf(n).trim() : null;
    };
    const all = (pred) => findAll(shadow, pred);
    const preview = byClass(shadow, 'sent');
    const pairs = [];
    if (preview) {
      const kids = preview.children ?? [];
      for (let i = 0; i + 1 < kids.length; i += 2) pairs.push({ label: textOf(kids[i]), value: textOf(kids[i + 1]) });
    }
    const select = byClass(shadow, 'category');
    return {
      shadowRootType: shadow?.shadowRootType ?? null,
      lang: attrs(panel).lang ?? null,
      role: attrs(panel).role ?? null,
      title: textOf(find(shadow, (n) => n.nodeName === 'H2')).trim(),
      name: text('name'),
      subject: text('subject'),
      state: (classes(byClass(shadow, 'state') ?? {}) ?? []).filter((c) => c !== 'state').join(' ') || null,
      stateLabel: text('state'),
      problem: text('problem'),
      link: text('link-value'),
      /** "Phát trực tiếp của …" when the report is about a live stream. */
      live: text('live'),
      excerpt: text('excerpt'),
      summary: text('summary'),
      cues: items(byClass(shadow, 'cues')),
      category: select ? await callOn(cdp, select, 'function () { return this.value; }') : null,
      /** The note as the person would send it (prefilled for an impersonation report). */
      note: byClass(shadow, 'note') ? await callOn(cdp, byClass(shadow, 'note'), 'function () { return this.value; }') : null,
      categories: select ? (select.children ?? []).map((o) => textOf(o)) : [],
      preview: pairs,
      errors: items(byClass(shadow, 'errors')),
      buttons: Object.fromEntries(['preview', 'edit', 'submit'].map((c) => [c, visible(byClass(shadow, c))])),
      result: text('result'),
      shotStatus: visible(byClass(shadow, 'shot-status')) ? text('shot-status') : null,
      elements: authored(shadow),
      activeClass: await callOn(cdp, shadow, 'function () { return this.activeElement?.className ?? null; }'),
    };
  });
}

/** Waits until `predicate(dialog)` holds, re-reading every 50 ms; fails with the last dialog seen. */
export async function waitForDialog(page, predicate, { timeout = 10000, what = 'the report dialog' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const d = await readDialog(page);
    if (predicate(d)) return d;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; dialog seen: ${JSON.stringify(d, null, 1)}`);
    await page.waitForTimeout(50);
  }
}

async function nodeIn(cdp, root, cls) {
  const host = find(root, (n) => n.nodeName === DIALOG_TAG);
  const node = host && byClass(host.shadowRoots[0], cls);
  if (!node) throw new Error(`no .${cls} in the report dialog`);
  return node;
}

async function centre(cdp, node) {
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
  const [x1, y1, , , x3, y3] = model.border;
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

/** Clicks the element of class `cls` in the dialog with a real mouse click. */
export async function clickInDialog(page, cls) {
  const at = await withDocument(page, async (cdp, root) => centre(cdp, await nodeIn(cdp, root, cls)));
  await page.mouse.click(at.x, at.y);
}

/** Focuses the element of class `cls` in the dialog and types `text` with the keyboard. */
export async function typeInDialog(page, cls, text) {
  await withDocument(page, async (cdp, root) => cdp.send('DOM.focus', { backendNodeId: (await nodeIn(cdp, root, cls)).backendNodeId }));
  await page.keyboard.type(text);
}

/** Chooses `value` in the dialog's category list (focus, then the value set as a person's choice would). */
export async function chooseCategory(page, value) {
  await withDocument(page, async (cdp, root) => {
    const select = await nodeIn(cdp, root, 'category');
    await callOn(cdp, select, `function () { this.value = ${JSON.stringify(value)}; this.dispatchEvent(new Event('input')); }`);
  });
}

/** The posts' Report buttons: [{label, title, shadowRootType, placement}] in document order; `placement` is where
 * the button floats (content/placement.js): 'full', 'compact' or 'unplaced'. */
export async function readPostButtons(page) {
  return withDocument(page, async (cdp, root) =>
    findAll(root, (n) => n.nodeName === BUTTON_TAG).map((h) => {
      const b = find(h.shadowRoots[0], (n) => n.nodeName === 'BUTTON');
      const float = find(h.shadowRoots[0], (n) => (attrs(n).class ?? '').split(' ').includes('float'));
      const placement = ['full', 'compact', 'unplaced'].find((m) => (attrs(float).class ?? '').split(' ').includes(m)) ?? null;
      return { label: textOf(b).trim(), title: attrs(b).title, shadowRootType: h.shadowRoots[0].shadowRootType, placement };
    }),
  );
}

/** Clicks the `index`-th post's Report button with a real mouse click. */
export async function clickPostButton(page, index) {
  const at = await withDocument(page, async (cdp, root) => {
    const host = findAll(root, (n) => n.nodeName === BUTTON_TAG)[index];
    if (!host) throw new Error(`no Report button #${index}`);
    return centre(cdp, find(host.shadowRoots[0], (n) => n.nodeName === 'BUTTON'));
  });
  await page.mouse.click(at.x, at.y);
}

/** Where focus is: the page's active element tag, and the focused element's class inside a post button's root. */
export async function postButtonFocused(page) {
  return withDocument(page, async (cdp, root) => {
    for (const h of findAll(root, (n) => n.nodeName === BUTTON_TAG)) {
      if (await callOn(cdp, h.shadowRoots[0], 'function () { return !!this.activeElement; }')) return true;
    }
    return false;
  });
}
