// @ts-check
// The Alliance console end to end, in Chromium against a real `koltrust serve` and the built extension: a report sent
// from the extension (with a screenshot) reaches the moderator's queue; the moderator signs in, filters, opens it
// (the screenshot drawn from its own URL), moves it to "reviewing" then "upheld" with a note, and the extension's
// "My reports" shows the new status; a registrar adds a sanction to the account; a publisher previews and publishes;
// the extension's update picks the new sequence and the badge turns "sanctioned". Then axe-core on every console
// page in both languages (no serious or critical violation) and screenshots at 1280 and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer } from './lib/fixture-server.mjs';
import { launchWithExtension, setOptions, screenshot } from './lib/browser.mjs';
import { startAllianceServer, RESOLVED_DEMO } from './lib/alliance-server.mjs';
import { addStaff, drawn, signIn, signOut, visit } from './lib/console.mjs';
import { runAxe, blocking, describeViolations } from './lib/axe.mjs';
import { waitFor } from './lib/fault-proxy.mjs';

/** A 4×4 PNG (red), what the report dialog would attach as a screenshot. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAFElEQVR4nGP4z8CAB+GTG8HSALfKY52fTcuYAAAAAElFTkSuQmCC';
const ACCOUNT = 'bepnha.demo';
const RECORD = 'KT-DEMO-0004';
const REPLY = 'Cảm ơn bạn. Phản ánh đã được xác minh và chuyển xử lý (dữ liệu thử).';

let fixtures;
let alliance;
let browser;
let control; // an extension page: sends what the report dialog sends
let receipt = '';

before(async () => {
  fixtures = await startFixtureServer();
  alliance = await startAllianceServer();
  // The demo people join the server's registry (the extension bundles them), published once so the console shows
  // the account's registry status.
  alliance.cli('registry', 'import', RESOLVED_DEMO);
  alliance.cli('registry', 'publish');
  addStaff(alliance, 'mod.lan', 'moderator', 'Nguyễn Thị Lan');
  addStaff(alliance, 'reg.binh', 'registrar', 'Trần Văn Bình');
  addStaff(alliance, 'pub.chi', 'publisher', 'Lê Minh Chi');
  addStaff(alliance, 'adm.dung', 'admin', 'Phạm Dũng');
  browser = await launchWithExtension({ fixturePort: fixtures.port });
  await setOptions(browser, { serverUrl: alliance.url, lang: 'vi' });
  control = await browser.ctx.newPage();
  await control.goto(browser.extensionUrl('options.html'));
});

after(async () => {
  await browser?.close();
  await alliance?.stop();
  await fixtures?.close();
});

const ask = (message) => control.evaluate((m) => chrome.runtime.sendMessage(m), message);
const badgeOf = async (href) => (await ask({ type: 'lookupLinks', hrefs: [href] })).answers[0]?.badge ?? null;

/** Every console page a role reaches, in order, with the hash that shows it filled. */
const PAGES = [
  { user: null, hash: '', name: 'login' },
  { user: 'mod.lan', hash: '#/queue?platform=tiktok', name: 'queue' },
  { user: 'mod.lan', hash: () => `#/complaint/${receipt}`, name: 'complaint' },
  { user: 'reg.binh', hash: '#/register?q=demo', name: 'register' },
  { user: 'reg.binh', hash: `#/record/${RECORD}`, name: 'record' },
  { user: 'pub.chi', hash: '#/publish', name: 'publish' },
  { user: 'adm.dung', hash: '#/audit', name: 'audit' },
  { user: 'adm.dung', hash: '#/staff', name: 'staff' },
];

test('a report from the extension is triaged, sanctioned and published through the console, and reaches the badge', async () => {
  const reply = await ask({
    type: 'submitReport',
    complaint: {
      id: crypto.randomUUID(),
      profile: { platform: 'tiktok', id_type: 'handle', account_id: ACCOUNT, url: `https://www.tiktok.com/@${ACCOUNT}` },
      page_url: `https://www.tiktok.com/@${ACCOUNT}/video/7300000000000000042`,
      category: 'misleading_claim',
      note: 'Quảng cáo "khỏi bệnh sau 3 ngày" <b>không có cơ sở</b> (dữ liệu thử).',
      screenshot: `data:image/png;base64,${PNG}`,
      locale: 'vi',
      created: Date.now(),
    },
  });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.state, 'delivered');
  receipt = reply.receipt;
  assert.equal((await badgeOf(`https://www.tiktok.com/@${ACCOUNT}`)).state, 'certified');

  const page = await browser.ctx.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  // The moderator: sign in, filter, open the complaint.
  await signIn(page, alliance.url, 'mod.lan');
  await drawn(page, 'queue');
  await page.selectOption('#f-platform', 'tiktok');
  await page.fill('#f-account', ACCOUNT);
  await page.click('form.filters button[type=submit]');
  await page.waitForFunction((r) => location.hash.includes('account=') && document.querySelector(`main[data-page="queue"] a[href="#/complaint/${r}"]`), receipt);
  assert.equal(await page.locator('main table').first().locator('tbody tr').count(), 1, 'the filter leaves one complaint');
  await page.click(`a[href="#/complaint/${receipt}"]`);
  await drawn(page, 'complaint');
  // Every value from the complaint is text: the note's markup is shown, not parsed.
  assert.match(await page.textContent('.quote'), /<b>không có cơ sở<\/b>/);
  assert.equal(await page.locator('main b').count(), 0);
  await page.waitForFunction(() => {
    const img = /** @type {HTMLImageElement | null} */ (document.querySelector('.shot img'));
    return img && img.complete && img.naturalWidth === 4;
  });
  assert.match(await page.textContent('main'), /KT-DEMO-0004/);

  for (const [status, text] of [['reviewing', 'Đang xem xét'], ['upheld', 'Phản ánh có cơ sở']]) {
    await page.selectOption('#new-status', status);
    await page.fill('#internal-note', `ghi chú nội bộ: ${status}`);
    if (status === 'upheld') await page.fill('#reply', REPLY);
    await page.click('form[aria-labelledby="change-title"] button[type=submit]');
    await page.waitForFunction((t) => document.getElementById('current-status')?.textContent === t, text);
  }
  assert.match(await page.textContent('main'), /Cảm ơn bạn\. Phản ánh đã được xác minh/);

  // The extension's "My reports" shows the decision and the moderator's note to the reporter.
  await waitFor(async () => {
    const view = (await ask({ type: 'myReports', refresh: true, force: true })).view;
    return view.items.find((r) => r.receipt === receipt)?.status === 'upheld';
  }, 'My reports shows upheld');
  const seen = await (await fetch(new URL(`v1/complaints/${receipt}`, alliance.url))).json();
  assert.equal(seen.reply, REPLY);
  const popup = await browser.ctx.newPage();
  await popup.setViewportSize({ width: 380, height: 760 });
  await popup.goto(browser.extensionUrl('popup.html'));
  await popup.waitForSelector('#reports[data-state="ready"]');
  await popup.waitForSelector('.report-status[data-status="upheld"]');
  assert.match(await popup.textContent('.report-reply'), /Cảm ơn bạn\. Phản ánh đã được xác minh/, "the note reaches My reports");
  await screenshot(popup, 'console-my-reports-upheld');
  await popup.close();
  await signOut(page);

  // The registrar adds a sanction to the account's record.
  await signIn(page, alliance.url, 'reg.binh');
  await visit(page, `#/record/${RECORD}`);
  await page.selectOption('#s-kind', 'advertising_ban');
  await page.selectOption('#s-reason', 'misleading_advertising');
  await page.fill('#s-authority', 'Liên minh Tín nhiệm số (dữ liệu mẫu)');
  await page.fill('#s-decision', '42/QĐ-LM-MAU');
  await page.fill('#s-summary_vi', 'Cấm quảng cáo 6 tháng vì quảng cáo sai sự thật (dữ liệu mẫu).');
  await page.fill('#s-summary_en', 'Six-month advertising ban for misleading claims (sample data).');
  await page.fill('#s-source_url', 'https://example.org/koltrust-sample/decisions/console-42');
  await page.click('form[aria-labelledby="sanction-title"] button[type=submit]');
  await page.waitForFunction(() => document.getElementById('record-state')?.textContent === 'Đang bị xử phạt');
  await signOut(page);

  // The publisher previews, then publishes with confirmation.
  await signIn(page, alliance.url, 'pub.chi');
  await drawn(page, 'publish');
  await page.click('#preview-button');
  await page.waitForSelector('#publish-button');
  const preview = await page.textContent('#preview');
  assert.match(preview, /42\/QĐ-LM-MAU/, 'the sanction starting is listed');
  assert.match(preview, /KT-DEMO-0004/);
  await page.click('#publish-button');
  await page.click('#confirm-publish');
  await page.waitForFunction(() => /Đã phát hành số \d+/.test(document.getElementById('toast')?.textContent ?? ''));
  const health = await (await fetch(new URL('v1/health', alliance.url))).json();
  await signOut(page);
  await page.close();

  // The extension follows the new sequence; the badge turns "sanctioned".
  const s = (await ask({ type: 'updateNow' })).status;
  assert.equal(s.lastError, null, `update failed: ${s.lastError}`);
  assert.equal(s.sequence, health.sequence);
  assert.equal((await badgeOf(`https://www.tiktok.com/@${ACCOUNT}`)).state, 'sanctioned');
});

test('every console page, both languages: no serious or critical axe-core violation; screenshots at 1280 and 390 px', async () => {
  assert.ok(receipt, 'the first test made a complaint');
  const problems = [];
  for (const lang of /** @type {const} */ (['vi', 'en'])) {
    const page = await browser.ctx.newPage();
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    /** @type {string | null | undefined} */
    let signedAs;
    for (const p of PAGES) {
      if (p.user !== signedAs) {
        if (signedAs) await signOut(page);
        if (p.user) {
          await signIn(page, alliance.url, p.user, lang);
        } else {
          await page.context().clearCookies();
          await page.goto(new URL('console/', alliance.url).href);
          await page.evaluate((l) => localStorage.setItem('kt-console-lang', l), lang);
          await page.reload();
        }
        signedAs = p.user;
      }
      if (p.hash) await visit(page, typeof p.hash === 'function' ? p.hash() : p.hash);
      else await drawn(page, 'login');
      if (p.name === 'publish') {
        await page.click('#preview-button');
        await page.waitForSelector('#publish-button');
      }
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `console-${p.name}-${lang}-${width}`, { fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${p.name} (${lang}, ${width}px) scrolls sideways by ${overflow}px`);
        const bad = blocking(await runAxe(page));
        if (bad.length) problems.push(`${p.name} (${lang}, ${width}px):\n${describeViolations(bad)}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.close();
  }
  assert.deepEqual(problems, []);
});
