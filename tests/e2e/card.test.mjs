// @ts-check
// The detail card a badge opens, on the fixture pages at the real hostnames: by mouse and by keyboard (Enter/Space
// open, Esc closes, focus returns to the badge), drawn in a closed shadow root without moving the page, in
// Vietnamese and English; and vetting mode: the exported JSON is the core's, the private note survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { launchOnFixtures, screenshot, setOptions } from './lib/browser.mjs';
import { waitForBadges } from './lib/badges.mjs';
import {
  waitForCard,
  waitForSettledCard,
  focusBadge,
  focusState,
  clickBadge,
  clickInCard,
  focusInCard,
  badgeAccessibility,
} from './lib/card.mjs';

let env;
let browser;

before(async () => {
  env = await launchOnFixtures();
  browser = env.browser;
});

after(() => env?.close());

/** Opens `url` and waits for `count` badges. */
async function openPage(url, count) {
  const page = await browser.ctx.newPage();
  await page.goto(url);
  await waitForBadges(page, (b) => b.length >= count, { what: `${count} badges on ${url}` });
  return page;
}


/** Badges to open on each site, and the card each must show (fictional people of registry/demo.json).
 * @type {{ site: string, url: string, badges: number, kind: 'link' | 'header', index: number, name: string, id: string,
 *   state: string, label: string }[]} */
const CASES = [
  { site: 'tiktok', url: 'https://www.tiktok.com/@minh.beauty.demo', badges: 3, kind: 'header', index: 0,
    name: 'Lê Ngọc Minh', id: 'KT-DEMO-0003', state: 'sanctioned', label: 'Đang bị xử phạt' },
  { site: 'tiktok', url: 'https://www.tiktok.com/@minh.beauty.demo', badges: 3, kind: 'link', index: 0,
    name: 'Bếp Nhà Demo', id: 'KT-DEMO-0004', state: 'certified', label: 'Đã chứng nhận · 81' },
  { site: 'facebook', url: 'https://www.facebook.com/', badges: 2, kind: 'link', index: 1,
    name: 'Trần Văn Hùng', id: 'KT-DEMO-0002', state: 'sanctioned', label: 'Đang bị xử phạt' },
  { site: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcA', badges: 3, kind: 'link', index: 1,
    name: 'Kênh Du Lịch Demo', id: 'KT-DEMO-0006', state: 'expired', label: 'Chứng nhận hết hạn' },
  { site: 'instagram', url: 'https://www.instagram.com/thutrang.style.demo/', badges: 4, kind: 'header', index: 0,
    name: 'Đỗ Thu Trang', id: 'KT-DEMO-0007', state: 'expired', label: 'Chứng nhận hết hạn' },
  { site: 'x', url: 'https://x.com/tuan_tech_demo/status/1850000000000000001', badges: 3, kind: 'link', index: 0,
    name: 'Vũ Minh Tuấn', id: 'KT-DEMO-0008', state: 'registered', label: 'Đã đăng ký' },
  // Issue 13's sites: a sanctioned seller's badge at its product's title, a shop's, a Threads profile's and a Zalo
  // Official Account's header badges.
  { site: 'shopee', url: 'https://shopee.vn/Kem-Duong-Trang-Da-Mochi-50ml-i.900000001.2000000001', badges: 3, kind: 'header',
    index: 0, name: 'Hồ Mộc Chi', id: 'KT-DEMO-0009', state: 'sanctioned', label: 'Đang bị xử phạt' },
  { site: 'lazada', url: 'https://www.lazada.vn/shop/hana-cosmetics-demo/', badges: 3, kind: 'header', index: 0,
    name: 'Hana Cosmetics Demo', id: 'KT-DEMO-0010', state: 'certified', label: 'Đã chứng nhận · 78' },
  { site: 'threads', url: 'https://www.threads.net/@linh.decor.demo', badges: 8, kind: 'header', index: 0,
    name: 'Trịnh Khánh Linh', id: 'KT-DEMO-0011', state: 'certified', label: 'Đã chứng nhận · 88' },
  { site: 'zalo', url: 'https://zalo.me/1900000000000000001', badges: 2, kind: 'header', index: 0,
    name: 'Nông Sản Sạch Demo', id: 'KT-DEMO-0012', state: 'registered', label: 'Đã đăng ký' },
];

for (const c of CASES) {
  test(`${c.site}: clicking the ${c.kind} badge opens ${c.name}'s card; a click outside closes it`, async () => {
    const page = await openPage(c.url, c.badges);
    try {
      const layout = () => page.evaluate(() => JSON.stringify(document.body.getBoundingClientRect()));
      const before = await layout();
      await clickBadge(page, { kind: c.kind, index: c.index });
      const card = await waitForCard(page, (k) => k?.name === c.name, { what: `${c.name}'s card` });
      assert.equal(card.shadowRootType, 'closed', 'the card lives in a closed shadow root');
      assert.equal(card.kind, 'record');
      assert.equal(card.registryId, c.id);
      assert.equal(card.state, c.state);
      assert.equal(card.stateLabel, c.label);
      assert.match(card.notice, /^DỮ LIỆU MẪU/, 'fictional records say so');
      assert.match(card.complaints, /khiếu nại.*không phải kết luận/);
      assert.match(card.freshness, /^Nguồn dữ liệu: Dữ liệu Liên minh số 1/);
      assert.deepEqual(card.report, { disabled: false, title: undefined, text: 'Báo cáo' });
      assert.equal(card.vetting, false, 'no vetting panel unless vetting mode is on');
      for (const link of card.links) {
        assert.equal(link.target, '_blank');
        assert.equal(link.rel, 'noopener noreferrer');
      }
      if (c.state === 'sanctioned') {
        assert.ok(card.links.length >= 1, 'a sanction links its public source');
        assert.match(card.text, /Xử phạt đang có hiệu lực \(1\)/);
      }
      assert.equal(await layout(), before, 'opening the card does not move the page');
      const pageView = await page.evaluate(() => {
        const host = document.querySelector('kol-trust-card');
        if (!host) throw new Error('no <kol-trust-card> on the page');
        return [host.shadowRoot, host.textContent, host.parentElement === document.documentElement];
      });
      assert.deepEqual(pageView, [null, '', true], 'the page sees an empty host with no open shadow root');
      await waitForSettledCard(page);
      await screenshot(page, `card-${c.site}-${c.kind}`);
      await page.mouse.click(5, 890);
      await waitForCard(page, (k) => k === null, { what: 'the card to close on a click outside' });
    } finally {
      await page.close();
    }
  });
}

test('keyboard: badges are focusable buttons; Enter and Space open the card, Esc closes it and focus returns', async () => {
  const page = await openPage('https://www.tiktok.com/@minh.beauty.demo', 3);
  try {
    await focusBadge(page, { kind: 'header' });
    assert.deepEqual(await focusState(page), { tag: 'kol-trust-badge', kind: 'header', badgeActiveClass: 'badge sanctioned' });
    await page.keyboard.press('Enter');
    let card = await waitForCard(page, (k) => k?.name === 'Lê Ngọc Minh', { what: 'the card opened by Enter' });
    assert.equal(card.activeClass, 'card sanctioned', 'focus moves into the card');
    await page.keyboard.press('Escape');
    await waitForCard(page, (k) => k === null, { what: 'Esc to close the card' });
    assert.deepEqual(await focusState(page), { tag: 'kol-trust-badge', kind: 'header', badgeActiveClass: 'badge sanctioned' });

    await focusBadge(page, { kind: 'link', index: 0 });
    await page.keyboard.press('Space');
    card = await waitForCard(page, (k) => k?.name === 'Bếp Nhà Demo', { what: 'the card opened by Space' });
    await page.keyboard.press('Escape');
    await waitForCard(page, (k) => k === null, { what: 'Esc to close the second card' });
    assert.deepEqual(await focusState(page), { tag: 'kol-trust-badge', kind: 'link', badgeActiveClass: 'badge certified' });
    // A screen reader meets a focusable button named by the badge's title.
    assert.deepEqual(await badgeAccessibility(page, { kind: 'header' }), {
      role: 'button',
      name: 'Lê Ngọc Minh — Liên minh Tín nhiệm số: Đang bị xử phạt (DỮ LIỆU MẪU — nhân vật hư cấu, không phải người thật)',
      focusable: true,
    });
  } finally {
    await page.close();
  }
});

test('vetting mode: the exported JSON is the core\'s record, and the private note survives a reload', async () => {
  await setOptions(browser, { vetting: true });
  const page = await openPage('https://www.facebook.com/', 2);
  const noteKey = 'note:facebook:fb_numeric_id:100000000000001';
  try {
    await clickBadge(page, { kind: 'link', index: 1 });
    const card = await waitForCard(page, (k) => k?.vetting && k.note !== null, { what: 'the vetting card' });
    assert.equal(card.name, 'Trần Văn Hùng');
    assert.equal(card.note, '', 'no note yet');
    const [download] = await Promise.all([page.waitForEvent('download'), clickInCard(page, 'json')]);
    const exported = await fs.readFile(await download.path(), 'utf8');
    // The same question the content script asked, from an extension page, answered by the same worker code path.
    const options = await browser.ctx.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    const answer = await options.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'card', platform: 'facebook', id_type: 'fb_numeric_id', account_id: '100000000000001' }),
    );
    await options.close();
    assert.equal(answer.ok, true);
    assert.equal(exported, answer.card.vetting.json, 'the download is exactly the core\'s JSON');
    assert.match(download.suggestedFilename(), /^koltrust-KT-DEMO-0002-\d{4}-\d{2}-\d{2}\.json$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), clickInCard(page, 'csv')]);
    assert.equal(
      await fs.readFile(await csv.path(), 'utf8'),
      `\ufeff${answer.card.vetting.csv}`,
      'the CSV download is the core\'s CSV, with a byte-order mark for spreadsheets',
    );
    await browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.facebook.com' });
    await clickInCard(page, 'copy');
    await waitForCard(page, (k) => /Đã sao chép/.test(k?.text ?? ''), { what: 'the copy confirmation' });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), answer.card.vetting.text);
    const json = JSON.parse(exported);
    assert.equal(json.format, 'koltrust-vetting/1');
    assert.equal(json.record.registry_id, 'KT-DEMO-0002');
    assert.equal(json.record.sanctions[0].status, 'active');
    assert.equal(json.record.fictional, true);

    await focusInCard(page, 'note');
    await page.keyboard.type('Đã liên hệ; chờ báo giá.');
    await browser.sw.evaluate(
      (key) =>
        /** @type {Promise<void>} */ (new Promise((resolve) => {
          const check = () =>
            chrome.storage.local.get(key).then((v) => (v[key] === 'Đã liên hệ; chờ báo giá.' ? resolve() : setTimeout(check, 50)));
          check();
        })),
      noteKey,
    );
    await waitForCard(page, (k) => /Đã lưu ghi chú/.test(k?.text ?? ''), { what: 'the saved note confirmation' });
    await waitForSettledCard(page);
    await screenshot(page, 'card-vetting-vi');
    await page.reload();
    await waitForBadges(page, (b) => b.length >= 2);
    await clickBadge(page, { kind: 'link', index: 1 });
    const again = await waitForCard(page, (k) => k?.note != null, { what: 'the note loaded again' });
    assert.equal(again.note, 'Đã liên hệ; chờ báo giá.');
  } finally {
    await setOptions(browser, { vetting: false });
    await browser.sw.evaluate((key) => chrome.storage.local.remove(key), noteKey);
    await page.close();
  }
});

test('the card follows the language option, and reads well in dark mode', async () => {
  await setOptions(browser, { lang: 'en' });
  const page = await openPage('https://www.tiktok.com/@minh.beauty.demo', 3);
  try {
    await waitForBadges(page, (b) => b.some((x) => x.label === 'Sanctioned'), { what: 'English badges' });
    await clickBadge(page, { kind: 'header', index: 0 });
    const card = await waitForCard(page, (k) => k?.name === 'Lê Ngọc Minh', { what: 'the English card' });
    assert.equal(card.lang, 'en');
    assert.equal(card.stateLabel, 'Sanctioned');
    assert.match(card.notice, /^SAMPLE DATA/);
    assert.match(card.complaints, /41 complaints received, 22 upheld.*not verdicts/);
    assert.deepEqual(card.report, { disabled: false, title: undefined, text: 'Report' });
    assert.match(card.text, /Sanctions in effect \(1\)/);
    assert.match(card.text, /Past sanctions \(1\)/);
    await waitForSettledCard(page);
    await screenshot(page, 'card-en');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'card-en-dark');
  } finally {
    await setOptions(browser, { lang: 'auto' });
    await page.close();
  }
});

test('a lookalike account\'s card names the account it imitates; an unknown one says what "not registered" means', async () => {
  await setOptions(browser, { showUnknown: true });
  const page = await openPage('https://www.tiktok.com/@minh.beauty.demo', 3);
  try {
    await page.evaluate(() => {
      const ul = document.querySelector('.suggested ul');
      if (!ul) throw new Error('the fixture has no .suggested list');
      for (const h of ['minh.beauty.dem0', 'someone.unknown']) {
        const a = document.createElement('a');
        a.href = `/@${h}`;
        a.textContent = h;
        ul.append(a);
      }
    });
    await waitForBadges(page, (b) => b.some((x) => x.state === 'lookalike') && b.some((x) => x.href?.endsWith('someone.unknown')), {
      what: 'lookalike and unknown badges',
    });
    await clickBadge(page, { kind: 'link', href: '/@minh.beauty.dem0' });
    const look = await waitForCard(page, (k) => k?.kind === 'lookalike', { what: 'the lookalike card' });
    assert.match(look.message, /minh\.beauty\.dem0 KHÔNG có trong sổ đăng ký.*Lê Ngọc Minh \(KT-DEMO-0003\).*TikTok · minh\.beauty\.demo.*số thay chữ/);
    assert.equal(look.registryId, 'KT-DEMO-0003');
    await waitForSettledCard(page);
    await screenshot(page, 'card-lookalike');
    await page.keyboard.press('Escape');
    await waitForCard(page, (k) => k === null);
    await clickBadge(page, { kind: 'link', href: 'someone.unknown' });
    const unknown = await waitForCard(page, (k) => k?.kind === 'unknown', { what: 'the unknown card' });
    assert.equal(unknown.stateLabel, 'Chưa đăng ký');
    assert.match(unknown.message, /chưa có trong sổ đăng ký.*không có nghĩa là tài khoản xấu hay tốt/);
  } finally {
    await setOptions(browser, { showUnknown: false });
    await page.close();
  }
});

test('the worker gives one account\'s card and refuses malformed card and report requests', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto(browser.extensionUrl('options.html'));
    const replies = await page.evaluate(async () => [
      await chrome.runtime.sendMessage({ type: 'card', platform: 'myspace', id_type: 'handle', account_id: 'a' }),
      await chrome.runtime.sendMessage({ type: 'card', platform: 'tiktok', id_type: 'handle', account_id: 'x'.repeat(300) }),
      await chrome.runtime.sendMessage({ type: 'reportDraft', context: 'not an object' }),
    ]);
    assert.deepEqual(replies[0], { ok: false, error: 'card: unknown platform' });
    assert.equal(replies[1].ok, false);
    assert.deepEqual(replies[2], { ok: false, error: 'context: expected an object' });
  } finally {
    await page.close();
  }
});
