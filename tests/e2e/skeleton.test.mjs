// @ts-check
// The thin slice, end to end: fixture pages at the real hostnames → content script → service worker → Rust/WASM
// core → badge drawn in a closed shadow root. If the worker's WASM is broken, no badge appears and these fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';
import { waitForBadges, linkBadges, headerBadges } from './lib/badges.mjs';
import { SITES } from './lib/skeleton-sites.mjs';

let env;
let browser;

before(async () => {
  env = await launchOnFixtures();
  browser = env.browser;
});

after(() => env?.close());

for (const site of SITES) {
  test(`${site.name}: every demo profile link gets one badge, nothing else does`, async () => {
    const page = await browser.ctx.newPage();
    try {
      await page.goto(site.url);
      const total = site.expected.length + (site.header ? 1 : 0);
      const badges = await waitForBadges(page, (b) => b.length >= total, {
        what: `${total} badges on ${site.url}`,
      });
      assert.deepEqual(
        linkBadges(badges).map((b) => [b.href, b.state]),
        site.expected,
      );
      assert.deepEqual(
        headerBadges(badges).map((b) => [b.headerText, b.state]),
        site.header ? [site.header] : [],
        'the profile header of the page gets its badge',
      );
      for (const b of badges) {
        assert.equal(b.shadowRootType, 'closed', 'badges live in closed shadow roots');
        assert.ok(b.demo, 'fictional sample records carry the MẪU tag');
        assert.match(b.text, /MẪU$/);
        assert.match(b.title, /DỮ LIỆU MẪU/, 'the tooltip says the person is fictional sample data (Vietnamese UI)');
        assert.ok(b.label.length > 0);
      }
      // The page itself cannot see inside: its view of a badge host is an element with no open shadow root.
      const pageView = await page.evaluate(() =>
        [...document.querySelectorAll('kol-trust-badge')].map((h) => [h.shadowRoot, h.textContent]),
      );
      assert.equal(pageView.length, total);
      assert.ok(pageView.every(([root, text]) => root === null && text === ''));
      await screenshot(page, `skeleton-${site.name}`);
    } finally {
      await page.close();
    }
  });
}

test('labels are Vietnamese by default: certified shows its score', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto('https://www.facebook.com/');
    const badges = linkBadges(await waitForBadges(page, (b) => b.length >= 2));
    assert.equal(badges[0].label, 'Đã chứng nhận · 92');
    assert.equal(badges[1].label, 'Đang bị xử phạt');
  } finally {
    await page.close();
  }
});

test('a link added later by the page (feed mutation) gets its badge', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto('https://www.tiktok.com/@minh.beauty.demo');
    await waitForBadges(page, (b) => linkBadges(b).length === 2);
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = '/@minh.beauty.demo';
      const ul = document.querySelector('.suggested ul');
      if (!ul) throw new Error('the fixture has no .suggested list');
      ul.append(a);
      // Text arrives a moment after the element, as with framework renders.
      requestAnimationFrame(() => (a.textContent = 'minh.beauty.demo'));
    });
    const badges = linkBadges(
      await waitForBadges(page, (b) => linkBadges(b).length === 3, { what: 'a badge on the added link' }),
    );
    assert.equal(badges[2].state, 'sanctioned');
    assert.equal(badges[2].href, 'https://www.tiktok.com/@minh.beauty.demo');
  } finally {
    await page.close();
  }
});

test('popup shows the status of the page being viewed, and says it is demo data', async () => {
  const page = await browser.ctx.newPage();
  await page.goto('https://www.tiktok.com/@minh.beauty.demo');
  await waitForBadges(page, (b) => b.length === 3);
  const popup = await browser.ctx.newPage();
  try {
    await popup.goto(browser.extensionUrl('popup.html'));
    await popup.waitForSelector('body[data-ready="true"]');
    assert.equal(await popup.textContent('#subject'), 'TikTok · minh.beauty.demo');
    assert.match(await popup.textContent('#badge'), /Đang bị xử phạt/);
    assert.equal(await popup.getAttribute('#badge', 'class'), 'sanctioned');
    assert.match(await popup.textContent('#demo-notice'), /hư cấu/);
    // The toolbar icon says it too, for that tab only.
    const iconText = await popup.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://www.tiktok.com/@minh.beauty.demo' });
      return [await chrome.action.getBadgeText({ tabId: tab.id }), await chrome.action.getBadgeText({})];
    });
    assert.deepEqual(iconText, ['!', '']);
    await screenshot(popup, 'skeleton-popup');
  } finally {
    await popup.close();
    await page.close();
  }
});

test('the worker answers only with what the core decides, and rejects malformed requests', async () => {
  const page = await browser.ctx.newPage();
  try {
    // An extension page reaches the worker through the same message path a content script uses.
    await page.goto(browser.extensionUrl('options.html'));
    const replies = await page.evaluate(async () => [
      await chrome.runtime.sendMessage({
        type: 'lookupLinks',
        hrefs: ['https://www.tiktok.com/@not.in.registry', 'https://www.tiktok.com/explore', 'https://x.com/tuan_tech_demo'],
      }),
      await chrome.runtime.sendMessage({ type: 'lookupLinks', hrefs: 'not-an-array' }),
    ]);
    assert.equal(replies[0].ok, true);
    assert.deepEqual(replies[0].answers.slice(0, 2), [null, null]);
    assert.equal(replies[0].answers[2].badge.state, 'registered');
    assert.deepEqual(replies[1], { ok: false, error: 'hrefs must be an array' });
  } finally {
    await page.close();
  }
});
