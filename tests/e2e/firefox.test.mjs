// @ts-check
// The Firefox build (`dist/firefox`, made by `cargo xtask dist` from the same sources) in headless Firefox ESR:
// the core runs in the MV3 background script (Firefox's form), badges are drawn on the fixture pages at the real
// hostnames in closed shadow roots, a badge opens the detail card (the second WebAssembly module), a report written
// in the in-page dialog reaches a real `koltrust serve`, and a registry update from that server reaches the badges.
// One Firefox for the whole file (lib/firefox.mjs); every step waits for a condition.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startFixtureServer } from './lib/fixture-server.mjs';
import { startAllianceServer, RESOLVED_DEMO } from './lib/alliance-server.mjs';
import { launchFirefox, waitFor } from './lib/firefox.mjs';
import { ARTIFACTS_DIR } from './lib/browser.mjs';
import { attrs, find, textOf } from './lib/badges.mjs';
import { byClass, classes } from './lib/card.mjs';
import { SITES } from './lib/skeleton-sites.mjs';


/** @type {Awaited<ReturnType<typeof startFixtureServer>>} */
let fixtures;
/** @type {Awaited<ReturnType<typeof startAllianceServer>>} */
let alliance;
/** @type {Awaited<ReturnType<typeof launchFirefox>>} */
let ff;
const started = Date.now();

before(async () => {
  fixtures = await startFixtureServer();
  alliance = await startAllianceServer();
  // The demo people join the server's registry, so its sequences continue the one the extension bundles.
  alliance.cli('registry', 'import', RESOLVED_DEMO);
  ff = await launchFirefox({ fixturePort: fixtures.port });
  await ff.setOptions({ serverUrl: alliance.url, lang: 'vi' });
});

after(async () => {
  await ff?.close();
  await alliance?.stop();
  await fixtures?.close();
  console.log(`Firefox tests: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** Opens `url` at its real hostname in a new tab and waits until `predicate(badges)` holds and every badge is
 * placed (content/placement.js places a drawn badge after layout). */
async function openWithBadges(url, predicate, what) {
  const page = await ff.browser.newPage();
  await page.goto(ff.site(url));
  const badges = await waitFor(async () => {
    const b = await ff.readBadges(page);
    return predicate(b) && b.every((x) => x.placement && x.placement !== 'unplaced') && b;
  }, `${what}, placed`);
  return { page, badges };
}

const pathOf = (/** @type {string | null} */ href) => (href ? new URL(href).pathname : '');

/** The element of class `cls` inside the closed shadow root of the extension's `tag` host, from a fresh tree. */
async function inHost(page, tag, cls) {
  const root = await ff.documentTree(page);
  const host = find(root, (n) => n.nodeName === tag);
  return host ? byClass(host.shadowRoots?.[0], cls) : null;
}

/** The open card: `{shadowRootType, state, name, registryId, stateLabel}`, or null. */
async function readCard(page) {
  const root = await ff.documentTree(page);
  const host = find(root, (n) => n.nodeName === 'KOL-TRUST-CARD');
  if (!host) return null;
  const shadow = host.shadowRoots?.[0];
  const text = (cls) => {
    const n = byClass(shadow, cls);
    return n ? textOf(n).trim() : null;
  };
  return {
    shadowRootType: shadow?.shadowRootType ?? null,
    state: classes(byClass(shadow, 'card') ?? { attributes: [] }).filter((c) => c !== 'card').join(' '),
    name: text('name'),
    registryId: text('regid-value'),
    stateLabel: text('state-label'),
  };
}

test('the Firefox build runs the core in its background script, from the bundled registry', async () => {
  const manifest = await ff.control.evaluate(() => chrome.runtime.getManifest());
  // (Firefox answers the script's full moz-extension: URL.)
  assert.deepEqual(/** @type {any} */ (manifest.background).scripts.map((/** @type {string} */ s) => s.split('/').pop()), ['background.js']);
  assert.equal(/** @type {any} */ (manifest).browser_specific_settings.gecko.id, ff.geckoId);
  const reply = await ff.ask({ type: 'registryStatus' });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.status.source, 'bundled');
  assert.equal(reply.status.sequence, 1);
  assert.equal(reply.modules.first, 'ready');
  assert.equal(reply.browser, 'firefox', 'browser.js tells the family apart');
  const answer = await ff.ask({ type: 'lookupLinks', hrefs: ['https://www.tiktok.com/@bepnha.demo'] });
  assert.equal(answer.answers[0]?.badge?.state, 'certified');
});

test('badges at the real hostnames: a TikTok profile and its links, a Facebook feed, a Shopee product', async () => {
  const tiktok = await openWithBadges('https://www.tiktok.com/@minh.beauty.demo',
    (b) => b.some((x) => x.kind === 'header') && b.some((x) => pathOf(x.href) === '/@bepnha.demo'),
    'the header badge and the badge of @bepnha.demo');
  try {
    const header = tiktok.badges.find((b) => b.kind === 'header');
    assert.equal(header?.state, 'sanctioned');
    assert.equal(header?.label, 'Đang bị xử phạt');
    assert.equal(header?.shadowRootType, 'closed');
    assert.equal(header?.placement, 'full', 'in full beside the name, as in Chromium');
    assert.equal(tiktok.badges.find((b) => pathOf(b.href) === '/@bepnha.demo')?.state, 'certified');
    assert.ok(tiktok.badges.every((b) => b.shadowRootType === 'closed'));
    await fs.mkdir(ARTIFACTS_DIR, { recursive: true });
    await tiktok.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'firefox-tiktok-profile.png') });
  } finally {
    await tiktok.page.close();
  }
  const facebook = await openWithBadges('https://www.facebook.com/', (b) => b.length >= 2, 'two badges on the feed');
  try {
    const states = facebook.badges.map((b) => b.state).sort();
    assert.ok(states.includes('sanctioned'), JSON.stringify(facebook.badges));
    await facebook.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'firefox-facebook-feed.png') });
  } finally {
    await facebook.page.close();
  }
  const shopee = await openWithBadges('https://shopee.vn/Kem-Duong-Trang-Da-Mochi-50ml-i.900000001.2000000001',
    (b) => b.some((x) => x.kind === 'header'), "the seller's badge on a product page");
  try {
    assert.equal(shopee.badges.find((b) => b.kind === 'header')?.state, 'sanctioned');
    await shopee.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'firefox-shopee-product.png') });
  } finally {
    await shopee.page.close();
  }
});

test('every main site: each demo profile link and profile header gets its badge, as in Chromium', async () => {
  const noPort = (/** @type {string | null} */ href) => {
    const u = new URL(href ?? '');
    u.port = '';
    return u.href;
  };
  for (const site of SITES) {
    const total = site.expected.length + (site.header ? 1 : 0);
    const { page, badges } = await openWithBadges(site.url,
      (b) => b.length >= total, `${total} badges on ${site.url}`);
    try {
      assert.deepEqual(badges.filter((b) => b.kind === 'link').map((b) => [noPort(b.href), b.state]), site.expected, site.name);
      assert.deepEqual(badges.filter((b) => b.kind === 'header').map((b) => [b.headerText, b.state]), site.header ? [site.header] : [], site.name);
      for (const b of badges) {
        assert.equal(b.shadowRootType, 'closed');
        assert.ok(b.demo && /MẪU$/.test(b.text), 'fictional sample records carry the MẪU tag');
        assert.ok(b.placement && b.placement !== 'unplaced', `${site.name}: placed (${b.placement})`);
      }
      // The page itself sees empty hosts without an open shadow root.
      const pageView = await page.evaluate(() => [...document.querySelectorAll('kol-trust-badge')].map((h) => [h.shadowRoot === null, h.textContent]));
      assert.ok(pageView.length === total && pageView.every(([closed, text]) => closed && text === ''), site.name);
    } finally {
      await page.close();
    }
  }
});

test('a badge opens the detail card; a report written in the dialog reaches koltrust serve', async () => {
  const { page } = await openWithBadges('https://www.tiktok.com/@minh.beauty.demo', (b) => b.some((x) => x.kind === 'header'),
    'the header badge');
  try {
    const root = await ff.documentTree(page);
    const host = find(root, (n) => n.nodeName === 'KOL-TRUST-BADGE' && attrs(n).kind === 'header');
    const badge = find(host?.shadowRoots?.[0], (n) => classes(n).includes('badge'));
    assert.ok(badge, 'the header badge is drawn');
    await ff.clickNode(page, /** @type {any} */ (badge));
    const card = await waitFor(async () => {
      const c = await readCard(page);
      return c?.registryId && c;
    }, 'the card');
    assert.equal(card.shadowRootType, 'closed');
    assert.equal(card.name, 'Lê Ngọc Minh');
    assert.equal(card.registryId, 'KT-DEMO-0003');
    assert.match(card.state, /sanctioned/);
    assert.equal(card.stateLabel, 'Đang bị xử phạt');

    // Report from the card: the dialog replaces it, prefilled with the account.
    await ff.clickNode(page, /** @type {any} */ (await inHost(page, 'KOL-TRUST-CARD', 'report')));
    await waitFor(async () => {
      const name = await inHost(page, 'KOL-TRUST-REPORT', 'name');
      return name && textOf(name).trim() === 'Lê Ngọc Minh';
    }, 'the report dialog for Lê Ngọc Minh');
    const select = await inHost(page, 'KOL-TRUST-REPORT', 'category');
    await ff.callOn(page, /** @type {any} */ (select), "(el) => { el.value = 'misleading_claim'; el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change')); }");
    await ff.callOn(page, /** @type {any} */ (await inHost(page, 'KOL-TRUST-REPORT', 'note')), '(el) => el.focus()');
    const note = 'Quảng cáo kem "trắng da sau 3 ngày" (thử nghiệm trên Firefox, dữ liệu mẫu).';
    await page.keyboard.type(note);
    await ff.clickNode(page, /** @type {any} */ (await inHost(page, 'KOL-TRUST-REPORT', 'preview')));
    await waitFor(async () => {
      const submit = await inHost(page, 'KOL-TRUST-REPORT', 'submit');
      return submit && !('hidden' in attrs(submit));
    }, 'the preview and its send button');
    await ff.clickNode(page, /** @type {any} */ (await inHost(page, 'KOL-TRUST-REPORT', 'submit')));
    await waitFor(async () => {
      const result = await inHost(page, 'KOL-TRUST-REPORT', 'result');
      return result && textOf(result).trim();
    }, 'the confirmation');
    const stored = await waitFor(() => alliance.cli('complaints', 'export').split('\n').filter(Boolean).map((l) => JSON.parse(l))
      .find((c) => c.complaint.profile.account_id === 'minh.beauty.demo'), 'the complaint on the server');
    assert.equal(stored.complaint.profile.platform, 'tiktok');
    assert.equal(stored.complaint.category, 'misleading_claim');
    assert.equal(stored.complaint.note, note);
  } finally {
    await page.close();
  }
});

test('a registry update from koltrust serve reaches the badges', async () => {
  alliance.cli(
    'registry', 'add-sanction', '--id', 'KT-DEMO-0004', '--kind', 'warning', '--reason', 'misleading_advertising',
    '--authority', 'Liên minh Tín nhiệm số (dữ liệu mẫu)', '--decision', '78/CB-LM-MAU',
    '--summary-vi', 'Cảnh cáo thử nghiệm trên Firefox (dữ liệu mẫu).', '--summary-en', 'Test warning on Firefox (sample data).',
    '--source-url', 'https://example.org/koltrust-sample/decisions/e2e-78',
  );
  alliance.cli('registry', 'publish');
  const s = (await ff.ask({ type: 'updateNow' })).status;
  assert.equal(s.lastError, null, `update failed: ${s.lastError}`);
  assert.equal(s.source, 'updated');
  assert.ok(s.sequence >= 2, `sequence moved forward (now ${s.sequence})`);
  const { page, badges } = await openWithBadges('https://www.tiktok.com/@minh.beauty.demo',
    (b) => b.some((x) => pathOf(x.href) === '/@bepnha.demo'), 'the badge of @bepnha.demo');
  try {
    assert.equal(badges.find((b) => pathOf(b.href) === '/@bepnha.demo')?.state, 'sanctioned');
  } finally {
    await page.close();
  }
});

test('without access to the sites the popup says so, and its button asks the browser for it', async () => {
  const origins = /** @type {string[]} */ ((await ff.control.evaluate(() => chrome.runtime.getManifest())).host_permissions);
  assert.equal(await ff.control.evaluate((o) => chrome.permissions.remove({ origins: o }), origins), true);
  const popup = await ff.openExtensionPage(await ff.browser.newPage(), 'popup.html');
  try {
    await popup.waitForSelector('#site-access:not([hidden])');
    // (The popup's own words follow the browser's language, English in this Firefox.)
    assert.match(await popup.$eval('#site-access-text', (e) => e.textContent ?? ''), /chưa được phép đọc|may not read/);
    await popup.click('#site-access-grant');
    await popup.waitForSelector('#site-access[hidden]');
    assert.equal(await ff.control.evaluate((o) => chrome.permissions.contains({ origins: o }), origins), true);
  } finally {
    await popup.close();
  }
  // With access back, pages get their badges again.
  const { page } = await openWithBadges('https://www.tiktok.com/@minh.beauty.demo', (b) => b.some((x) => x.kind === 'header'),
    'the header badge after access was given back');
  await page.close();
});
