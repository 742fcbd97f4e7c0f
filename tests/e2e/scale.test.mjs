// @ts-check
// Scanning that scales: an X timeline with 2,000 profile links at load and 200 more posts arriving while the
// extension works. Every profile link gets its badge, and the extension never runs a main-thread task over 50 ms
// (Long Animation Frames API script attribution, observed by the page itself; Long Tasks are reported too), and
// the page keeps its idle time: badges off screen are drawn in idle periods, after the page's own idle callbacks. The
// figures are printed for the closing note; the assertion is the budget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';
import { waitForBadges, linkBadges } from './lib/badges.mjs';

/** What the feed page (tests/fixtures/x.com/i/scale/feed.html) measures about itself, in ms from navigation start.
 * @typedef {{ longTasks: number[], pageTasks: number[], extensionScripts: { ms: number, what: string }[],
 *   layoutShift: number, firstBadgeAt: number | null, loadAt: number | null, idleAt: number | null,
 *   badgesAtIdle: number | null, renderedAt: number | null, appended: number }} ScaleRecord
 * @typedef {Window & typeof globalThis & { __scale: ScaleRecord }} ScaleWindow */

let env;
let browser;

before(async () => {
  env = await launchOnFixtures({ options: { showUnknown: true } });
  browser = env.browser;
});

after(() => env?.close());

test('a 2,000-link feed that keeps growing gets every badge without long tasks', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto('https://x.com/i/scale/feed.html');
    // 1,200 posts × (author + mention) once the feed has stopped growing.
    const expected = 2400;
    await page.waitForFunction(() => (/** @type {ScaleWindow} */ (window)).__scale.appended >= 200, null, { timeout: 20000 });
    const badges = await waitForBadges(page, (b) => linkBadges(b).length >= expected, {
      timeout: 30000,
      what: `${expected} badges`,
    });
    assert.equal(linkBadges(badges).length, expected, 'every profile link once, no more');
    assert.equal(linkBadges(badges).filter((b) => b.state === 'registered').length, 24, 'the registered author');
    const m = await page.evaluate(() => (/** @type {ScaleWindow} */ (window)).__scale);
    assert.ok(m.firstBadgeAt !== null && m.loadAt !== null && m.idleAt !== null, 'the page recorded its load, its first idle period and its first badge');
    const longest = Math.max(0, ...m.longTasks);
    const ours = Math.max(0, ...m.extensionScripts.map((x) => x.ms));
    console.log(
      `scale: first badge ${Math.round(m.firstBadgeAt - m.loadAt)} ms after load; the page's first idle period ${Math.round(m.idleAt - m.loadAt)} ms after load, with ${m.badgesAtIdle} badges drawn; ` +
        `long tasks after the page's own render: ${JSON.stringify(m.longTasks)} (longest ${longest} ms); ` +
        `the page's own: ${JSON.stringify(m.pageTasks)}; extension scripts in long frames: ${JSON.stringify(m.extensionScripts)}; ` +
        `cumulative layout shift ${m.layoutShift.toFixed(4)}`,
    );
    await screenshot(page, 'scale-feed');
    // Long Animation Frames attribute script time to its source, so the budget is checked on the extension's own
    // work, not on the page's rendering or on a machine busy with something else.
    assert.ok(ours <= 50, `no extension task over 50 ms (longest ${ours} ms)`);
    // The page's first idle callback ran while badges were still being drawn: the extension's off-screen drawing
    // waits for idle periods behind it instead of filling every frame until the whole feed is badged.
    assert.ok((m.badgesAtIdle ?? expected) < expected, `the page had an idle period before every badge was drawn (${m.badgesAtIdle} of ${expected} at its first one)`);
    // Badges float from zero-size hosts (content/placement.js): the page's content never moves because of them.
    assert.ok(m.layoutShift < 0.001, `no layout shift of the page's content (CLS ${m.layoutShift.toFixed(4)})`);
  } finally {
    await page.close();
  }
});

test('links scrolled into view are badged ahead of the rest of the feed', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto('https://x.com/i/scale/feed.html');
    await page.waitForFunction(() => (/** @type {ScaleWindow} */ (window)).__scale.firstBadgeAt !== null, null, { timeout: 20000 });
    // Off-screen badges wait for idle time; a link the person scrolls to moves ahead of them (the placer keeps
    // watching the waiting ones). Post 901 is ~1,800 links down the feed.
    await page.evaluate(() => document.querySelectorAll('article[data-testid="tweet"]')[901].scrollIntoView({ block: 'center' }));
    const badges = await waitForBadges(page, (b) => b.some((x) => x.href?.endsWith('/nguoidung_901')), {
      timeout: 20000,
      what: "the badge of post 901's author",
    });
    const drawn = linkBadges(badges).length;
    console.log(`scale: post 901's author badged with ${drawn} of 2,400 badges drawn`);
    assert.ok(drawn < 1500, `the scrolled-to link came before most of the feed (${drawn} badges drawn by then)`);
    await screenshot(page, 'scale-feed-scrolled');
  } finally {
    await page.close();
  }
});
