// @ts-check
// The public portal (dist/www) served by a real `koltrust serve`, in Chromium without the extension: the page
// downloads the signed registry, verifies it with the core in WebAssembly and answers locally. Covers every page:
// check by URL and by name (with and without diacritics) with permalinks, a 1,000-row CSV vetting whose export is
// byte-identical to `koltrust vet`, the sanctions register's filters, a report submitted and tracked, offline use,
// the language switch, axe-core on every page in both languages, and screenshots at desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startAllianceServer, KOLTRUST_BIN, RESOLVED_DEMO } from './lib/alliance-server.mjs';
import { ARTIFACTS_DIR } from './lib/browser.mjs';

const WWW = process.env.KOLTRUST_WWW_DIR ?? path.resolve('dist/www');
const AXE = path.resolve('node_modules/axe-core/axe.min.js');
const SHOTS = path.join(ARTIFACTS_DIR, 'portal');
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PAGES = ['check', 'vet', 'register', 'report', 'track', 'install', 'privacy', 'programme'];
/** The page's main world once axe-core is injected (page.evaluate runs there).
 * @typedef {Window & typeof globalThis & { axe?: typeof import('axe-core') }} AxeWindow */

let alliance;
let browser;

before(async () => {
  await fs.access(path.join(WWW, 'pkg', 'koltrust_bg.wasm')).catch(() => {
    throw new Error(`no built portal in ${WWW}: run \`cargo xtask dist\` first`);
  });
  alliance = await startAllianceServer({ www: WWW });
  // The fictional demo people (registry/demo.json, dates resolved at build) join the generated sample.
  alliance.cli('registry', 'import', RESOLVED_DEMO);
  alliance.cli('registry', 'publish');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await fs.mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await alliance?.stop();
});

/** A fresh context (own storage and service worker) and a page on `hash`, with the registry verified. */
async function open(hash = '#/check', { lang = 'vi', width = 1280, bypassCSP = false } = {}) {
  // `bypassCSP` lets the test inject axe-core, which the page's own CSP (script-src 'self') rightly refuses.
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang === 'vi' ? 'vi-VN' : 'en-US', bypassCSP });
  if (lang === 'en') await context.addInitScript(() => localStorage.setItem('koltrust.lang', 'en'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL(hash, alliance.url).href);
  await page.waitForSelector('#data-status.ok', { timeout: 30000 });
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, errors };
}

async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => {
    const main = document.getElementById('main');
    if (!main) throw new Error('the portal has no #main');
    return main.dataset.shown === h;
  }, hash);
}

async function checkQuery(page, q) {
  await page.fill('#q', q);
  await page.press('#q', 'Enter');
  // The answer to *this* query (the previous answer stays in the page until the new one replaces it).
  await page.waitForFunction((v) => {
    const r = /** @type {HTMLElement | null} */ (document.querySelector('#result'));
    return r !== null && r.dataset.q === v && r.dataset.kind;
  }, q);
  return page.getAttribute('#result', 'data-kind');
}

test('check: a profile URL opens the same card as the extension, with a permalink', async () => {
  const { context, page, errors } = await open();
  assert.equal(await checkQuery(page, 'https://www.tiktok.com/@minh.beauty.demo/video/7300000000000000001?utm_source=x'), 'card');
  const card = await page.textContent('#result .card');
  assert.match(card, /Lê Ngọc Minh/);
  assert.match(card, /Đang bị xử phạt/);
  assert.match(card, /DỮ LIỆU MẪU/, 'fictional records say so');
  assert.match(card, /Khiếu nại|khiếu nại/);
  assert.match(card, /Nguồn dữ liệu/);
  // The permalink reopens the same answer in a new page.
  const href = await page.getAttribute('#result .permalink a', 'href');
  const again = await context.newPage();
  await again.goto(href);
  await again.waitForSelector('#result[data-kind="card"]', { timeout: 30000 });
  assert.match(await again.textContent('#result .card h3'), /Lê Ngọc Minh/);
  // "Report this account" opens the report form with the profile filled in.
  await page.click('#report-this');
  await page.waitForFunction(() => {
    const main = document.getElementById('main');
    if (!main) throw new Error('the portal has no #main');
    return main.dataset.shown?.startsWith('#/report');
  });
  assert.equal(await page.inputValue('#r-profileUrl'), 'https://www.tiktok.com/@minh.beauty.demo');
  await go(page, '#/check');
  // An unregistered account and a page that names no account get the core's explanations.
  assert.equal(await checkQuery(page, 'https://www.tiktok.com/@someone.not.here'), 'card');
  assert.match(await page.textContent('#result .card'), /chưa có trong sổ đăng ký/);
  assert.equal(await checkQuery(page, 'https://www.facebook.com/groups/123'), 'not_profile');
  assert.deepEqual(errors, []);
  await context.close();
});

test('check: names are found with or without diacritics and in any case', async () => {
  const { context, page } = await open();
  for (const q of ['Lê Ngọc Minh', 'le ngoc minh', 'LE NGOC MINH', 'do thu trang', 'Đỗ Thu Trang', 'bep nha']) {
    assert.equal(await checkQuery(page, q), 'matches', q);
    const first = await page.textContent('#result .matches li:first-child a');
    const want = { 'do thu trang': 'Đỗ Thu Trang', 'Đỗ Thu Trang': 'Đỗ Thu Trang', 'bep nha': 'Bếp Nhà Demo' }[q] ?? 'Lê Ngọc Minh';
    assert.equal(first, want, q);
  }
  // A match opens its record by registry id (keyboard: Enter on the link).
  await page.focus('#result .matches li:first-child a');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#result[data-kind="card"] .card');
  assert.match(await page.textContent('#result .card h3'), /Bếp Nhà Demo/);
  assert.equal(await checkQuery(page, 'zzzz không có ai'), 'matches');
  assert.match(await page.textContent('#result .message'), /Không tìm thấy/);
  await context.close();
});

/** 1,000 rows: every demo person, sample accounts (registered), lookalikes, unknown profiles, non-profile pages,
 * unsupported lines, with a header, quoted cells holding commas and a BOM. */
async function thousandRowCsv(dir) {
  const demo = JSON.parse(await fs.readFile(RESOLVED_DEMO, 'utf8'));
  const urls = demo.records.flatMap((r) => r.accounts.filter((a) => a.url).map((a) => a.url));
  const sampleFile = path.join(dir, 'sample.json');
  execFileSync(KOLTRUST_BIN, ['registry', 'sample', '--count', '400', '--seed', '1', '--out', sampleFile]);
  const sample = JSON.parse(await fs.readFile(sampleFile, 'utf8'));
  for (const r of sample.records) {
    for (const a of r.accounts) {
      if (a.platform === 'tiktok' && a.id_type === 'handle') urls.push(`https://www.tiktok.com/@${a.id}`);
    }
  }
  const rows = ['\ufeffname,url,note'];
  for (let i = 0; rows.length <= 1000; i++) {
    const kind = i % 10;
    let url;
    if (kind < 5) url = urls[i % urls.length];
    else if (kind === 5) url = 'https://www.tiktok.com/@minh.beauty.dem0';
    else if (kind === 6) url = `https://www.tiktok.com/@unknown.person.${i}`;
    else if (kind === 7) url = `https://www.facebook.com/groups/${i}`;
    else if (kind === 8) url = `https://example.org/not-a-platform/${i}`;
    else url = `https://www.youtube.com/@kenh.${i}`;
    rows.push(`"Người ${i}, đối tác",${url},"ghi chú ""${i}"""`);
  }
  const file = path.join(dir, 'list.csv');
  await fs.writeFile(file, `${rows.join('\r\n')}\r\n`);
  return file;
}

test('vet a list: a 1,000-row CSV, progress, sort, filter, and an export equal to `koltrust vet`', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'koltrust-vet-'));
  const csvFile = await thousandRowCsv(dir);
  const { context, page, errors } = await open('#/vet');
  await page.setInputFiles('#vet-file', csvFile);
  await page.waitForFunction(() => {
    const text = /** @type {HTMLTextAreaElement | null} */ (document.querySelector('#vet-text'));
    if (!text) throw new Error('the vet page has no #vet-text');
    return text.value.length > 1000;
  });
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#vet-table tbody tr').length === 1000, null, { timeout: 60000 });
  assert.equal(await page.getAttribute('#vet-progress', 'value'), '1000');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#vet-export')]);
  const exported = await fs.readFile(await download.path(), 'utf8');
  const manifest = JSON.parse(JSON.parse(await fs.readFile(path.join(alliance.publicDir, 'manifest'), 'utf8')).manifest);
  const keys = JSON.parse(await fs.readFile(path.join(alliance.publicDir, 'keys'), 'utf8')).keys;
  const cli = execFileSync(KOLTRUST_BIN, ['vet', '--snapshot', path.join(alliance.publicDir, manifest.snapshot.path),
    '--pubkey', keys[0].public_key, csvFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  assert.equal(exported.split('\n').length, 1002, 'header, 1,000 rows, final newline');
  assert.ok(exported === cli, 'the portal export is byte-identical to koltrust vet');
  const statuses = new Set(cli.trim().split('\n').slice(1).map((l) => l.split(',')[1]));
  for (const s of ['sanctioned', 'lookalike', 'unknown', 'not_profile', 'unsupported']) assert.ok(statuses.has(s), s);

  // Filter by status: exactly the CLI's sanctioned rows.
  const sanctioned = cli.split('\n').filter((l) => /^[^,]*,sanctioned,/.test(l)).length;
  await page.selectOption('#vet-status', 'sanctioned');
  await page.waitForFunction((n) => document.querySelectorAll('#vet-table tbody tr').length === n, sanctioned);
  // Sort by score, descending on the second click.
  await page.selectOption('#vet-status', '');
  await page.click('th:nth-child(3) button.sort');
  await page.click('th:nth-child(3) button.sort');
  await page.waitForSelector('th[aria-sort="descending"]');
  const scores = await page.$$eval('#vet-table tbody td.num', (tds) => tds.map((td) => Number(td.textContent || -1)));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  // The export keeps the input's order whatever the table shows.
  const [again] = await Promise.all([page.waitForEvent('download'), page.click('#vet-export')]);
  assert.ok((await fs.readFile(await again.path(), 'utf8')) === cli);

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('nav'), false, 'print hides the site chrome');
  assert.equal(await page.isVisible('#vet-table'), true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, 'vet-print.png') });
  await page.emulateMedia({ media: 'screen' });
  // A list with a formula in it: the export defuses the cell, and with "BOM for Excel" it starts with a byte-order
  // mark — still byte-identical to `koltrust vet --bom` on the same text.
  const evil = '=HYPERLINK("https://evil.example/","Xem")\nhttps://www.tiktok.com/@minh.beauty.demo\n';
  const evilFile = path.join(dir, 'evil.txt');
  await fs.writeFile(evilFile, evil);
  await page.fill('#vet-text', evil);
  await page.click('form button[type=submit]');
  // (A second list after sorting and filtering the first: the table shows the new rows — it once kept the old.)
  await page.waitForFunction(() => document.querySelectorAll('#vet-table tbody tr').length === 2, null, { timeout: 30000 });
  await page.check('#vet-bom');
  const [bomDownload] = await Promise.all([page.waitForEvent('download'), page.click('#vet-export')]);
  const bomExport = await fs.readFile(await bomDownload.path(), 'utf8');
  const bomCli = execFileSync(KOLTRUST_BIN, ['vet', '--bom', '--snapshot', path.join(alliance.publicDir, manifest.snapshot.path),
    '--pubkey', keys[0].public_key, evilFile], { encoding: 'utf8' });
  assert.ok(bomExport === bomCli, 'the portal export with a BOM is byte-identical to koltrust vet --bom');
  assert.ok(bomExport.startsWith('\u{feff}url,status,'), 'the file starts with a byte-order mark');
  assert.ok(bomExport.split('\n')[1].startsWith('"\'=HYPERLINK('), `the formula is defused: ${bomExport.split('\n')[1]}`);
  assert.deepEqual(errors, []);
  await context.close();
  await fs.rm(dir, { recursive: true, force: true });
});

test('sanctions register: filters narrow, permalinks reopen them, and each entry links its source', async () => {
  const { context, page } = await open('#/register');
  await page.waitForSelector('#register-count');
  const total = Number((await page.textContent('#register-count')).split('/')[1].trim().split(' ')[0]);
  const shownAll = await page.$$eval('.entry', (e) => e.length);
  assert.equal(shownAll, total, 'nothing is hidden without a filter');
  assert.ok(total > 2);

  await page.selectOption('#f-kind', 'fine');
  await page.click('.filters button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('kind=fine'));
  const kinds = await page.$$eval('.entry h2', (hs) => hs.map((h) => h.textContent));
  assert.ok(kinds.length > 0 && kinds.length < total);
  assert.ok(kinds.every((k) => k.endsWith('Phạt tiền')), kinds.join('|'));
  // Text search is diacritic-insensitive; the URL is a permalink of the filtered view.
  await go(page, '#/register?text=le%20ngoc%20minh');
  const names = await page.$$eval('.entry h2', (hs) => hs.map((h) => h.textContent));
  assert.ok(names.length >= 1 && names.every((n) => n.startsWith('Lê Ngọc Minh')), names.join('|'));
  // Expired at a far future date: every sanction with an end date.
  await go(page, '#/register?status=expired&at=2099-01-01');
  const expired = await page.$$eval('.entry .badge', (b) => b.map((x) => x.textContent));
  assert.ok(expired.length > 0 && expired.every((s) => s === 'Đã hết hiệu lực'));
  // Active in a date range in the far past: none.
  await go(page, '#/register?from=1990-01-01&to=1990-12-31');
  assert.match(await page.textContent('#main'), /Không có quyết định nào/);
  // One entry's permalink focuses it; its source is a link.
  await go(page, '#/register');
  const anchor = await page.getAttribute('.entry:first-child', 'id');
  await go(page, `#/register?id=${encodeURIComponent(anchor)}`);
  await page.waitForFunction((id) => document.activeElement?.id === id, anchor);
  assert.match(await page.getAttribute(`[id="${anchor}"] dd a`, 'href'), /^https:\/\//);
  await context.close();
});

test('report without the extension: field errors per field, then submitted and tracked by receipt', async () => {
  const { context, page, errors } = await open('#/report');
  await page.click('#report-form button[type=submit]');
  await page.waitForSelector('#r-profileUrl[aria-invalid="true"]');
  assert.equal(await page.getAttribute('#r-category', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#r-profileUrl-error'), /đường dẫn trang cá nhân/);
  assert.match(await page.textContent('#r-category-error'), /chọn loại phản ánh/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'r-profileUrl', 'focus moves to the first error');
  // Contact without consent is refused by the same core validation.
  await page.fill('#r-profileUrl', 'https://www.tiktok.com/@minh.beauty.demo');
  await page.selectOption('#r-category', 'misleading_claim');
  await page.fill('#r-note', 'Kem trị mụn "khỏi 100% sau 3 ngày", mã GIAM50.');
  await page.fill('#r-contact', 'nguoi.dung@example.org');
  await page.click('#report-form button[type=submit]');
  await page.waitForSelector('#r-contact[aria-invalid="true"]');
  await page.check('#r-consent');
  // A screenshot must be a PNG or JPEG: the core checks the bytes, not the name.
  await page.setInputFiles('#r-screenshot', { name: 'shot.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all, really') });
  await page.click('#report-form button[type=submit]');
  await page.waitForSelector('#r-screenshot[aria-invalid="true"]');
  assert.match(await page.textContent('#r-screenshot-error'), /PNG hoặc JPEG/);
  await page.setInputFiles('#r-screenshot', { name: 'shot.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1PX, 'base64') });
  await page.click('#report-form button[type=submit]');
  await page.waitForSelector('#receipt');
  const receipt = (await page.textContent('#receipt')).trim();
  assert.match(receipt, /^R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const stored = alliance.cli('complaints', 'show', receipt);
  assert.match(stored, /minh\.beauty\.demo/);
  assert.match(stored, /image\/png/, 'the screenshot was sent');

  await page.click('.receipt a');
  await page.waitForSelector('#track-facts [data-status="received"]');
  alliance.cli('complaints', 'set-status', receipt, 'reviewing');
  await page.reload();
  await page.waitForSelector('#track-facts [data-status="reviewing"]', { timeout: 30000 });
  assert.match(await page.textContent('#main'), new RegExp(receipt), 'this browser remembers its receipts');
  await go(page, '#/track?receipt=R-0000-0000-0000-0000');
  await page.waitForSelector('#track-result .error');
  assert.deepEqual(errors, []);
  await context.close();
});

test('programme and every page: the sample registry says plainly that its people are fictional', async () => {
  const { context, page } = await open('#/programme');
  await page.waitForSelector('#sample-notice');
  assert.match(await page.textContent('#sample-notice'), /hư cấu/);
  assert.equal(await page.isVisible('#sample-banner'), true, 'the header says so on every page');
  assert.match(await page.textContent('#main'), /Ed25519/, 'the programme page explains why the data can be trusted');
  await go(page, '#/privacy');
  assert.match(await page.textContent('#main'), /\/v1\/registry\/keys/, 'the privacy page names the keys the page trusts');
  await context.close();
});

test('language: English on request, remembered across visits', async () => {
  const { context, page } = await open('#/check');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('h1')?.textContent === 'Check a KOL');
  await page.reload();
  await page.waitForSelector('#data-status.ok');
  assert.equal(await page.textContent('h1'), 'Check a KOL');
  assert.equal(await checkQuery(page, 'https://www.tiktok.com/@minh.beauty.demo'), 'card');
  assert.match(await page.textContent('#result .card'), /Sanctioned/);
  await context.close();
});

test('offline: once loaded, the portal verifies its cached registry and answers without the network', async () => {
  const { context, page } = await open('#/check');
  // The first visit installs the worker (app shell cached); the next load goes through it and caches the registry.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector('#data-status.ok', { timeout: 30000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#data-status.ok', { timeout: 30000 });
  assert.match(await page.textContent('#data-status'), /ngoại tuyến/);
  assert.equal(await checkQuery(page, 'le ngoc minh'), 'matches');
  await context.setOffline(false);
  await context.close();
});

test('every page, both languages: no serious or critical axe-core violation; screenshots at 1280 and 390 px', async () => {
  const problems = [];
  for (const lang of ['vi', 'en']) {
    for (const width of [1280, 390]) {
      const { context, page } = await open('#/check', { lang, width, bypassCSP: true });
      for (const name of PAGES) {
        const hash = {
          check: '#/check?q=le%20ngoc%20minh',
          track: '#/track',
          register: '#/register?kind=advertising_ban',
        }[name] ?? `#/${name}`;
        await go(page, hash);
        if (name === 'check') {
          await page.waitForSelector('#result[data-kind]');
          await page.click('#result .matches a');
          await page.waitForSelector('#result[data-kind="card"]');
        }
        if (name === 'register') await page.waitForSelector('#register-count');
        if (name === 'vet') {
          await page.fill('#vet-text', 'https://www.tiktok.com/@minh.beauty.demo\nhttps://www.tiktok.com/@bepnha.demo\nhttps://www.tiktok.com/@minh.beauty.dem0\nhttps://www.facebook.com/groups/1');
          await page.click('form button[type=submit]');
          await page.waitForSelector('#vet-table tbody tr');
        }
        if (name === 'report') {
          await page.click('#report-form button[type=submit]');
          await page.waitForSelector('[aria-invalid="true"]');
        }
        await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
        if (width === 1280) {
          const injected = await page.evaluate(() => typeof (/** @type {AxeWindow} */ (window)).axe === 'object');
          if (!injected) await page.addScriptTag({ path: AXE });
          const violations = await page.evaluate(async () => {
            const { axe } = /** @type {AxeWindow} */ (window);
            if (!axe) throw new Error('axe-core was not injected');
            return (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          });
          for (const v of violations) problems.push(`${name} (${lang}): ${v}`);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name} (${lang}, ${width}px) scrolls sideways by ${overflow}px`);
      }
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});
