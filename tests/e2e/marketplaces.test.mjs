// @ts-check
// Threads, Shopee, Lazada and Zalo (issue 13), beyond recognition.test.mjs's oracle:
//  - a product page of a sanctioned (fictional) seller is impossible to miss: at 1280×800 and at 390×844 the
//    seller's badge is on screen above the fold, at the product's title, covering neither the price nor the buy
//    buttons; the toolbar icon and the popup say so too;
//  - no request leaves the browser: every request made while the new sites' pages are open is for the page's
//    own host (the fixture pages and their files) or the extension itself — nothing goes to the Alliance server or
//    anywhere else because of what the person browses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSION_DIR, launchOnFixtures, screenshot } from './lib/browser.mjs';
import { badgeBox, waitForBadges, headerBadges } from './lib/badges.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SANCTIONED_PRODUCT = 'https://shopee.vn/Kem-Duong-Trang-Da-Mochi-50ml-i.900000001.2000000001';

let env;
let browser;

before(async () => {
  env = await launchOnFixtures();
  browser = env.browser;
});

after(() => env?.close());

/** The viewport box of the first element matching `selector` in the page. */
const boxOf = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

const overlaps = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

for (const [width, height] of [
  [1280, 800],
  [390, 844],
]) {
  test(`a sanctioned seller's product page at ${width}×${height}: the badge is above the fold and covers no price or buy button`, async () => {
    const page = await browser.ctx.newPage();
    try {
      await page.setViewportSize({ width, height });
      await page.goto(SANCTIONED_PRODUCT);
      const badges = await waitForBadges(
        page,
        (b) => headerBadges(b).some((x) => x.spot === 'title') && b.every((x) => x.placement && x.placement !== 'unplaced'),
        { what: 'the seller badge at the product title, placed' },
      );
      const title = headerBadges(badges).find((b) => b.spot === 'title');
      assert.equal(title?.state, 'sanctioned');
      assert.equal(title?.placement, 'full', 'shown in full (icon, colour and words), not as a disc');
      assert.match(title?.title ?? '', /xử phạt/);
      const box = await badgeBox(page, title?.badgeNodeId);
      assert.ok(box.top >= 0 && box.bottom <= height, `above the fold: ${JSON.stringify(box)} in ${width}×${height}`);
      assert.ok(box.left >= 0 && box.right <= width, `inside the window's width: ${JSON.stringify(box)}`);
      for (const sel of ['[data-testid="price"]', '[data-testid="buy-now"]', '[data-testid="add-to-cart"]']) {
        assert.ok(!overlaps(box, await boxOf(page, sel)), `the badge covers ${sel}`);
      }
      // The seller's name gets it too, wherever the page puts the seller block.
      assert.equal(headerBadges(badges).find((b) => b.spot === 'owner')?.state, 'sanctioned');
      await screenshot(page, `marketplaces-sanctioned-product-${width}x${height}`);
      const icon = await browser.sw.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        return chrome.action.getBadgeText({ tabId: tab.id });
      }, SANCTIONED_PRODUCT);
      assert.equal(icon, '!', 'the toolbar icon marks the sanctioned seller');
    } finally {
      await page.close();
    }
  });
}

test('no request leaves the browser on Threads, Shopee, Lazada and Zalo pages', async () => {
  /** @type {string[]} */
  const seen = [];
  const record = (/** @type {import('playwright-core').Request} */ r) => seen.push(r.url());
  browser.ctx.on('request', record);
  const sites = ['threads', 'shopee', 'lazada', 'zalo'].map((s) =>
    JSON.parse(fs.readFileSync(path.join(here, 'expectations', `${s}.json`), 'utf8')),
  );
  const page = await browser.ctx.newPage();
  try {
    for (const site of sites) {
      for (const p of site.pages) {
        const before = seen.length;
        await page.goto(p.url);
        // The page's signals reached the worker (it answers the popup from them): the extension has done its work.
        await browser.sw.evaluate(async (url) => {
          for (;;) {
            const [tab] = await chrome.tabs.query({ url });
            const stored = /** @type {{ location?: string } | undefined} */ (tab && (await chrome.storage.session.get(`tab:${tab.id}`))[`tab:${tab.id}`]);
            if (stored?.location === url) return;
            await new Promise((r) => setTimeout(r, 50));
          }
        }, p.url);
        const host = new URL(p.url).host;
        const elsewhere = seen.slice(before).filter((u) => !u.startsWith('chrome-extension://') && new URL(u).host !== host);
        assert.deepEqual(elsewhere, [], `${p.url}: requests to other hosts`);
      }
    }
    // The fixture server saw only the pages' own hosts.
    const hosts = new Set(env.server.requests.map((r) => r.split('/')[0]));
    for (const h of hosts) assert.ok(!/^(127\.0\.0\.1|localhost)/.test(h), `a request reached ${h}`);
  } finally {
    browser.ctx.off('request', record);
    await page.close();
  }
});

test('host permissions and content-script matches are exactly the supported sites, no <all_urls>', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const SITES = [
    'https://*.facebook.com/*',
    'https://*.tiktok.com/*',
    'https://*.youtube.com/*',
    'https://*.instagram.com/*',
    'https://x.com/*',
    'https://*.x.com/*',
    'https://twitter.com/*',
    'https://*.twitter.com/*',
    'https://*.threads.net/*',
    'https://*.threads.com/*',
    'https://*.shopee.vn/*',
    'https://*.lazada.vn/*',
    'https://zalo.me/*',
    'https://oa.zalo.me/*',
  ];
  assert.deepEqual(manifest.host_permissions, SITES);
  assert.deepEqual(manifest.content_scripts.map((c) => c.matches), [SITES]);
  // zalo.me's web chat (chat.zalo.me) holds private conversations: the extension has no business there.
  assert.ok(!JSON.stringify(manifest).includes('all_urls') && !JSON.stringify(manifest).includes('*.zalo.me'));
});
