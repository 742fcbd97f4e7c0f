// @ts-check
// The portal as an installable app (issue 19), in Chromium, served by a real `koltrust serve`: no installability
// errors (CDP `Page.getInstallabilityErrors`) and a clean web app manifest; after one visit the app starts offline
// and answers a check; and the share target — the share-sheet URL Chromium builds from the manifest's
// `share_target` (`./?share_title=…&share_text=…&share_url=…`) — lands each real-format share text of TikTok,
// Facebook, Shopee and Lazada (tests/share_cases/shares.json, the core's own table) on the right account's card,
// or says what a short link is. Only what every Chromium has is used (Edge and Cốc Cốc take the same build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startAllianceServer, RESOLVED_DEMO } from './lib/alliance-server.mjs';

const WWW = process.env.KOLTRUST_WWW_DIR ?? path.resolve('dist/www');
const SHARES = path.resolve('tests/share_cases/shares.json');

let alliance;
/** One persistent profile for the file: Chromium reports a throwaway (incognito) context as not installable.
 * @type {import('playwright-core').BrowserContext} */
let context;
let profile;

before(async () => {
  await fs.access(path.join(WWW, 'pkg', 'koltrust_bg.wasm')).catch(() => {
    throw new Error(`no built portal in ${WWW}: run \`cargo xtask dist\` first`);
  });
  alliance = await startAllianceServer({ www: WWW });
  alliance.cli('registry', 'import', RESOLVED_DEMO);
  alliance.cli('registry', 'publish');
  profile = await fs.mkdtemp(path.join(os.tmpdir(), 'koltrust-pwa-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale: 'vi-VN',
    viewport: { width: 390, height: 844 },
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await context?.close();
  await alliance?.stop();
  if (profile) await fs.rm(profile, { recursive: true, force: true });
});

/** A page on `url`, once the registry is verified. */
async function open(url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('#data-status.ok', { timeout: 30000 });
  return { page, errors };
}

test('the portal is installable: Chromium reports no installability error, the manifest parses cleanly', async () => {
  // The first visit of this profile: the next test starts the app offline from what it cached.
  const { page, errors } = await open(new URL('#/check', alliance.url).href);
  try {
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const app = await cdp.send('Page.getAppManifest');
    assert.deepEqual(app.errors, [], JSON.stringify(app.errors));
    const manifest = JSON.parse(app.data ?? '{}');
    assert.equal(manifest.display, 'standalone');
    assert.equal(new URL(manifest.start_url, app.url).href, new URL('./#/check', alliance.url).href);
    assert.equal(new URL(manifest.scope, app.url).href, alliance.url);
    assert.deepEqual(manifest.share_target.params, { title: 'share_title', text: 'share_text', url: 'share_url' });
    // Every icon is served with its declared type; the sizes include the 192 and 512 px Android asks for.
    for (const icon of manifest.icons) {
      const res = await fetch(new URL(icon.src, app.url));
      assert.equal(res.ok, true, icon.src);
      assert.equal(res.headers.get('content-type')?.split(';')[0], icon.type, icon.src);
    }
    const sizes = manifest.icons.filter((/** @type {any} */ i) => i.type === 'image/png').map((/** @type {any} */ i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), JSON.stringify(sizes));
    assert.ok(manifest.icons.some((/** @type {any} */ i) => i.purpose === 'maskable'), 'a maskable icon for Android');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('after one visit the app starts offline, verifies its cached registry and answers a check', async () => {
  // The previous test's visit installed the service worker with the app shell and the registry it saw.
  await context.setOffline(true);
  const app = await context.newPage();
  try {
    await app.goto(new URL('./#/check?q=https%3A%2F%2Fwww.tiktok.com%2F%40minh.beauty.demo', alliance.url).href);
    await app.waitForSelector('#data-status.ok', { timeout: 30000 }).catch(async (err) => {
      throw new Error(`${err.message}; status: ${await app.textContent('#data-status').catch(() => '(no page)')}`);
    });
    assert.match(await app.textContent('#data-status') ?? '', /ngoại tuyến/);
    await app.waitForSelector('#result[data-kind="card"]');
    assert.equal(await app.textContent('#result .subject'), 'TikTok · minh.beauty.demo');
  } finally {
    await context.setOffline(false);
    await app.close();
  }
});

test('share target: real share texts of TikTok, Facebook, Shopee and Lazada land on the right card', async () => {
  /** @type {{ platform: string, note: string, title: string, text: string, url: string, expect_url: string,
   *   expect: string }[]} */
  const cases = JSON.parse(await fs.readFile(SHARES, 'utf8'));
  const { page } = await open(new URL('#/check', alliance.url).href);
  const landed = /** @type {Record<string, number>} */ ({});
  try {
    for (const c of cases) {
      // What Chromium opens for a share into the installed app: the share_target action with the three fields.
      const share = new URL('./', alliance.url);
      for (const [field, value] of [['share_title', c.title], ['share_text', c.text], ['share_url', c.url]]) {
        if (value) share.searchParams.set(field, value);
      }
      await page.goto(share.href);
      const q = `#/check?q=${encodeURIComponent(c.expect_url)}`;
      await page.waitForFunction((h) => document.getElementById('main')?.dataset.shown === h, q);
      assert.equal(new URL(page.url()).search, '', `${c.note}: the share's words leave the address bar`);
      const kind = await page.getAttribute('#result', 'data-kind');
      if (c.expect.includes(':')) {
        const [platform, , accountId] = c.expect.split(':');
        assert.equal(kind, 'card', c.note);
        const subject = await page.textContent('#result .card .subject');
        assert.match(subject ?? '', new RegExp(`· ${accountId.replace(/\./g, '\\.')}$`), c.note);
        assert.ok(await page.isVisible('#report-this'), `${c.note}: the card offers Report`);
        landed[platform] = (landed[platform] ?? 0) + 1;
      } else if (c.expect === 'short_link') {
        assert.equal(kind, 'short_link', c.note);
        assert.equal(await page.getAttribute('#open-short-link', 'href'), c.expect_url, c.note);
        assert.match(await page.textContent('#result .message') ?? '', /liên kết rút gọn/);
      } else {
        // A product page whose address names no shop (Lazada): the advice to share the shop instead.
        assert.equal(kind, 'not_profile', c.note);
        assert.match(await page.textContent('#result .message') ?? '', /không ghi tên cửa hàng/, c.note);
      }
    }
  } finally {
    await page.close();
  }
  for (const p of ['tiktok', 'facebook', 'shopee', 'lazada']) assert.ok((landed[p] ?? 0) >= 3, `${p}: ${landed[p] ?? 0} share texts landed on a card`);
});
