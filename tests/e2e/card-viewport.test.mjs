// @ts-check
// The detail card and the report dialog fit the window, whatever the page and wherever the badge: both are fixed
// overlays, so nothing of them past an edge could ever be scrolled to. On a 1280×700 (and 1280×900) window, a card
// opened from a badge low at the right of a tall page lies inside the viewport whole (above its badge; shorter, its
// content scrolling inside, when the room there is short) and its Report button takes a real click, opening the
// dialog; a card opened from a badge in the middle, where it fits on neither side, is capped to the larger side and
// scrolls inside, by the keyboard too. On a 1280×600 window the report dialog's actions (Preview, then Send) are
// inside the viewport, on top, and take real clicks; its content scrolls between its title and its actions.
// Screenshots land in tests/e2e/artifacts/card-viewport/ (git-ignored). No fixed sleeps: every wait polls for its
// condition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS_DIR, launchOnFixtures, screenshot } from './lib/browser.mjs';
import { waitForBadges, find } from './lib/badges.mjs';
import { byClass, callOn, clickBadge, clickInCard, waitForCard, waitForSettledCard, withDocument } from './lib/card.mjs';
import { clickInDialog, typeInDialog, waitForDialog } from './lib/report-dialog.mjs';

const PROFILE = 'https://www.tiktok.com/@minh.beauty.demo';
// Reports sent here stay in the outbox (nothing listens): the dialog still confirms, "queued".
const NO_SERVER = 'http://127.0.0.1:9/';
/** The link this test adds (a sanctioned account: the tallest card). */
const LOW_HREF = '/@minh.beauty.demo?from=viewport-test';

/** @typedef {{ left: number, top: number, right: number, bottom: number }} Box */
/** @typedef {import('playwright-core').Page} Page */

/** @type {Awaited<ReturnType<typeof launchOnFixtures>>} */
let env;

before(async () => {
  env = await launchOnFixtures({ options: { serverUrl: NO_SERVER } });
});

after(() => env?.close());

/** @param {Page} page @param {string} name */
async function shot(page, name) {
  await fs.mkdir(path.join(ARTIFACTS_DIR, 'card-viewport'), { recursive: true });
  return screenshot(page, `card-viewport/${name}`);
}

/**
 * Where an element inside the closed shadow root of the `tag` host is drawn (its border box, viewport pixels), and
 * whether a click at its centre reaches it (CDP hit test: DOM.getNodeForLocation). With `reveal`, it is first
 * scrolled into view as a click would (the scroller inside the card or dialog; a fixed overlay is not moved by
 * scrolling the page).
 * @param {Page} page @param {string} tag @param {string} cls @param {{ reveal?: boolean }} [options]
 * @returns {Promise<Box & { hit: boolean }>}
 */
async function boxIn(page, tag, cls, { reveal = false } = {}) {
  return withDocument(page, async (cdp, root) => {
    const host = find(root, (n) => n.nodeName === tag);
    const node = host && byClass(host.shadowRoots[0], cls);
    if (!node) throw new Error(`no .${cls} in <${tag.toLowerCase()}>`);
    if (reveal) await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
    const [x1, y1, , , x3, y3] = model.border;
    const box = { left: x1, top: y1, right: x3, bottom: y3 };
    // DOM.getNodeForLocation takes document coordinates: the viewport's point plus the page's scroll offset.
    const { cssVisualViewport: vv } = await cdp.send('Page.getLayoutMetrics');
    const x = Math.round((x1 + x3) / 2 + vv.pageX);
    const y = Math.round((y1 + y3) / 2 + vv.pageY);
    const at = await cdp
      .send('DOM.getNodeForLocation', { x, y, includeUserAgentShadowDOM: false, ignorePointerEventsNone: true })
      .catch(() => null); // "No node found at given location": nothing there to click
    // The node hit is the element itself or its text.
    const hit = !!at && (at.backendNodeId === node.backendNodeId || (node.children ?? []).some((c) => c.backendNodeId === at.backendNodeId));
    return { ...box, hit };
  });
}

/** @param {Page} page */
const viewportOf = (page) => /** @type {{ width: number, height: number }} */ (page.viewportSize());

/** Fails unless `box` lies inside the viewport of `page` whole. @param {Page} page @param {Box} box @param {string} what */
function assertInside(page, box, what) {
  const { width, height } = viewportOf(page);
  const inside = box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;
  assert.ok(inside, `${what} at ${JSON.stringify(box)} is not inside the ${width}×${height} viewport`);
}

/** The card's scroll position and extent. @param {Page} page */
const cardScroll = (page) =>
  withDocument(page, async (cdp, root) => {
    const host = find(root, (n) => n.nodeName === 'KOL-TRUST-CARD');
    const panel = host && byClass(host.shadowRoots[0], 'card');
    if (!panel) return null;
    return callOn(cdp, panel, 'function () { return { top: this.scrollTop, height: this.scrollHeight, client: this.clientHeight }; }');
  });

/** Polls `read` every 50 ms until `ok(value)`; fails with the last value. @template T
 * @param {Page} page @param {() => Promise<T>} read @param {(v: T) => boolean} ok @param {string} what */
async function waitFor(page, read, ok, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(v)}`);
    await page.waitForTimeout(50);
  }
}

/**
 * The profile page on a `width`×`height` window, made tall: a spacer, then a link to a sanctioned account at the
 * right edge with `after` px of page below it; scrolled to the bottom, and its badge drawn.
 * @param {number} width @param {number} height @param {number} after
 */
async function tallPage(width, height, after) {
  const page = await env.browser.ctx.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(PROFILE);
  await page.evaluate(
    ({ href, after }) => {
      const spacer = document.createElement('div');
      spacer.style.height = '2400px';
      const row = document.createElement('p');
      // At the right, with room for its badge (drawn after the link) before the edge.
      row.style.cssText = `text-align: right; margin: 0 0 ${after}px; padding: 0 200px 0 0;`;
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'minh.beauty.demo';
      row.append(a);
      document.body.append(spacer, row);
    },
    { href: LOW_HREF, after },
  );
  await waitForBadges(page, (b) => b.some((x) => x.href?.endsWith(LOW_HREF)), { what: 'the badge of the added link' });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  return page;
}

/** Clicks the added link's badge; resolves to where the badge's link sits once its card is open and settled.
 * @param {Page} page */
async function openLowCard(page) {
  await clickBadge(page, { kind: 'link', href: LOW_HREF });
  await waitForCard(page, (k) => k?.state === 'sanctioned', { what: 'the sanctioned card' });
  await waitForSettledCard(page);
  return page.evaluate((href) => {
    const a = /** @type {HTMLElement} */ (document.querySelector(`a[href="${href}"]`));
    const r = a.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }, LOW_HREF);
}

/** Badges low on the page, each at the right edge: at the very bottom the whole card fits above the badge; a little
 * higher (the bug this file was written for) it fits on neither side, and used to run off the bottom edge. */
const LOW = [
  { height: 700, after: 24, where: 'at the bottom right' },
  { height: 700, after: 180, where: 'in the lower third, at the right' },
  { height: 900, after: 300, where: 'in the lower third, at the right' },
];

for (const { height, after, where } of LOW) {
  test(`1280×${height}: a card opened from a badge ${where} of a tall page is inside the viewport; Report opens the dialog`, async () => {
    const page = await tallPage(1280, height, after);
    const name = `${height}-${after}`;
    try {
      const link = await openLowCard(page);
      assert.ok(link.bottom > height * 0.6 && link.right > 1280 - 400, `the badge's link is low, at the right: ${JSON.stringify(link)}`);
      await shot(page, `card-low-${name}`);
      const card = await boxIn(page, 'KOL-TRUST-CARD', 'card');
      assertInside(page, card, 'the card');
      assert.ok(card.bottom <= link.top, `the card is above its badge (card ${JSON.stringify(card)}, link ${JSON.stringify(link)})`);
      const report = await boxIn(page, 'KOL-TRUST-CARD', 'report', { reveal: true });
      assertInside(page, report, "the card's Report button");
      assert.ok(report.hit, "a click at the Report button's centre reaches it");
      await clickInCard(page, 'report');
      await waitForDialog(page, (d) => d?.buttons.preview, { what: 'the report dialog, opened from the card' });
      assertInside(page, await boxIn(page, 'KOL-TRUST-REPORT', 'preview'), "the dialog's Preview button");
      await shot(page, `dialog-from-low-card-${name}`);
    } finally {
      await page.close();
    }
  });
}

test('1280×700: a card that fits on neither side of its badge is capped to the larger side and scrolls inside, by keyboard too', async () => {
  // The link about the middle of the window: about 340 px above it and below it, less than the card's height.
  const page = await tallPage(1280, 700, 330);
  try {
    const link = await openLowCard(page);
    assert.ok(link.top > 250 && link.bottom < 450, `the badge's link is mid-window: ${JSON.stringify(link)}`);
    await shot(page, 'card-middle-1280x700');
    const card = await boxIn(page, 'KOL-TRUST-CARD', 'card');
    assertInside(page, card, 'the card');
    assert.ok(card.bottom <= link.top || card.top >= link.bottom, `the card leaves its badge visible: ${JSON.stringify({ card, link })}`);
    const scroll = await cardScroll(page);
    assert.ok(scroll && scroll.height > scroll.client, `the card's content scrolls inside it: ${JSON.stringify(scroll)}`);
    // The card has focus on opening: the keyboard scrolls it, and its Report button, once scrolled to, is clickable.
    await page.keyboard.press('End');
    await waitFor(page, () => cardScroll(page), (s) => !!s && s.top > 0 && s.top + s.client >= s.height - 1, 'the card scrolled to its end by End');
    const report = await boxIn(page, 'KOL-TRUST-CARD', 'report');
    assertInside(page, report, "the card's Report button");
    assert.ok(report.hit, "a click at the Report button's centre reaches it");
    await shot(page, 'card-middle-scrolled-1280x700');
  } finally {
    await page.close();
  }
});

test("1280×600: the report dialog's Preview and Send buttons are inside the viewport and take real clicks", async () => {
  const page = await tallPage(1280, 600, 24);
  try {
    await openLowCard(page);
    await clickInCard(page, 'report');
    await waitForDialog(page, (d) => d?.buttons.preview, { what: 'the report dialog' });
    await shot(page, 'dialog-draft-1280x600');
    const dialog = await boxIn(page, 'KOL-TRUST-REPORT', 'dialog');
    assertInside(page, dialog, 'the dialog');
    const preview = await boxIn(page, 'KOL-TRUST-REPORT', 'preview');
    assertInside(page, preview, 'the Preview button');
    assert.ok(preview.hit, "a click at the Preview button's centre reaches it");
    const close = await boxIn(page, 'KOL-TRUST-REPORT', 'close');
    assertInside(page, close, 'the close button');

    await typeInDialog(page, 'note', 'Quảng cáo kem trộn không rõ nguồn gốc.');
    await clickInDialog(page, 'preview');
    await waitForDialog(page, (d) => d?.buttons.submit, { what: 'the preview, with its Send button' });
    await shot(page, 'dialog-preview-1280x600');
    const send = await boxIn(page, 'KOL-TRUST-REPORT', 'submit');
    assertInside(page, send, 'the Send button');
    assert.ok(send.hit, "a click at the Send button's centre reaches it");
    await page.mouse.click((send.left + send.right) / 2, (send.top + send.bottom) / 2);
    await waitForDialog(page, (d) => !!d?.result, { what: 'the confirmation' });
    await shot(page, 'dialog-sent-1280x600');
  } finally {
    await page.close();
  }
});
