// @ts-check
// Delivery that loses nothing, against a real `koltrust serve` behind a fault-injecting proxy: a report submitted
// from an extension page (the report dialog's message) arrives with the right fields; one submitted while the
// server is unreachable is delivered after it comes back; one whose request is in flight when the worker is
// stopped is delivered exactly once; server 500s are retried; a refusal is kept with its reason and not retried; a
// status changed with the moderation CLI shows in the popup's "My reports" after a refresh (screenshots in
// Vietnamese and English, with every delivery state).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';
import { startAllianceServer } from './lib/alliance-server.mjs';
import { startFaultProxy, waitFor } from './lib/fault-proxy.mjs';

let alliance;
let proxy;
let env;
let control; // an extension page: sends what the report dialog sends

before(async () => {
  alliance = await startAllianceServer();
  proxy = await startFaultProxy(alliance.url);
  env = await launchOnFixtures({ options: { serverUrl: proxy.url, lang: 'vi' } });
  control = await env.browser.ctx.newPage();
  await control.goto(env.browser.extensionUrl('options.html'));
});

after(async () => {
  await env?.close();
  await proxy?.close();
  await alliance?.stop();
});

const ask = (message) => control.evaluate((m) => chrome.runtime.sendMessage(m), message);
const submit = (complaint) => ask({ type: 'submitReport', complaint });
const reports = async () => (await ask({ type: 'myReports', refresh: false })).view;
const itemOf = async (id) => (await reports()).items.find((r) => r.id === id);
const onServer = () =>
  alliance
    .cli('complaints', 'list', '--json')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const shown = (receipt) => JSON.parse(alliance.cli('complaints', 'show', receipt));

/** A complaint as the report dialog builds it, about a fictional demo account. */
function complaint(overrides = {}) {
  return {
    id: crypto.randomUUID(),
    profile: {
      platform: 'tiktok',
      id_type: 'handle',
      account_id: 'lan.review.demo',
      url: 'https://www.tiktok.com/@lan.review.demo',
    },
    page_url: 'https://www.tiktok.com/@lan.review.demo/video/7300000000000000001?utm_source=copy&is_from_webapp=1',
    category: 'misleading_claim',
    note: 'Quảng cáo kem trị mụn "khỏi 100% sau 3 ngày" (dữ liệu thử).',
    promotion: { cues: [{ kind: 'discount_code', text: 'GIAM50', start: 10, end: 16 }] },
    contact: { value: 'nguoi.thu@example.org', consent: true },
    locale: 'vi',
    created: Date.now(),
    ...overrides,
  };
}

// Options are set through the control page: the worker handle the launch returned is gone after the restart.
const setLang = (lang) => control.evaluate((l) => chrome.storage.local.set({ lang: l }), lang);

async function openPopup(lang) {
  await setLang(lang);
  const page = await env.browser.ctx.newPage();
  await page.setViewportSize({ width: 380, height: 760 });
  await page.goto(env.browser.extensionUrl('popup.html'));
  await page.waitForSelector('#reports[data-state="ready"]');
  return page;
}

/** Waits until the report's delivery state is `state` (the outbox's own alarm or wake-up sends it). */
const delivered = (id) => waitFor(async () => (await itemOf(id))?.delivery === 'delivered' && itemOf(id), `report ${id} delivered`);

test('a submitted report is stored, sent, and on the server with the right fields', async () => {
  const c = complaint();
  const reply = await submit(c);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.id, c.id);
  assert.equal(reply.state, 'delivered');
  assert.match(reply.receipt, /^R-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const s = shown(reply.receipt);
  const stored = s.complaint;
  assert.equal(stored.id, c.id);
  assert.deepEqual(
    [stored.profile.platform, stored.profile.id_type, stored.profile.account_id],
    ['tiktok', 'handle', 'lan.review.demo'],
  );
  assert.equal(stored.page_url, 'https://www.tiktok.com/@lan.review.demo/video/7300000000000000001', 'tracking stripped');
  assert.equal(stored.category, 'misleading_claim');
  assert.equal(stored.note, c.note);
  assert.deepEqual(stored.promotion.cues.map((x) => x.text), ['GIAM50']);
  assert.equal(stored.contact, 'nguoi.thu@example.org');
  const item = await itemOf(c.id);
  assert.equal(item.receipt, reply.receipt);
  assert.equal(item.status, 'received');
  assert.equal(item.delivery_label, 'Đã gửi');
  // The same report again (a double click): the same receipt, still one complaint on the server.
  const again = await submit(c);
  assert.equal(again.receipt, reply.receipt);
  assert.equal(onServer().filter((r) => r.receipt === reply.receipt).length, 1);
});

test('an invalid report is refused with messages in the person\'s language and nothing is stored', async () => {
  const c = complaint({ category: 'nope', contact: { value: 'x@example.org', consent: false }, note: 42 });
  const before = proxy.state.posts.length;
  const reply = await submit(c);
  assert.equal(reply.ok, false);
  assert.deepEqual(
    reply.errors.map((e) => [e.field, e.code]),
    [['category', 'category_unknown'], ['note', 'note_invalid'], ['contact', 'contact_without_consent']],
  );
  assert.equal(reply.errors[0].message, 'Vui lòng chọn loại phản ánh.');
  assert.equal(await itemOf(c.id), undefined);
  assert.equal(proxy.state.posts.length, before, 'nothing was sent');
});

test('a report submitted while the server is unreachable is delivered after it comes back', async () => {
  proxy.setDown(true);
  const c = complaint({ category: 'counterfeit_or_poor_quality' });
  const reply = await submit(c);
  assert.equal(reply.ok, true);
  assert.equal(reply.state, 'queued');
  const waiting = await itemOf(c.id);
  assert.equal(waiting.delivery, 'queued');
  assert.equal(waiting.reason, 'Không kết nối được máy chủ.');
  assert.ok(!onServer().some((r) => shown(r.receipt).complaint.id === c.id));
  const popup = await openPopup('vi');
  try {
    const card = popup.locator(`li.report[data-id="${c.id}"]`);
    assert.equal(await card.locator('.report-delivery').getAttribute('data-state'), 'queued');
    assert.equal(await card.locator('.report-reason .value').textContent(), 'Không kết nối được máy chủ.');
    await screenshot(popup, 'popup-my-reports-waiting-vi', { fullPage: true });
  } finally {
    await popup.close();
  }
  proxy.setDown(false);
  const item = await delivered(c.id);
  assert.equal(shown(item.receipt).complaint.id, c.id);
});

test('a report the server refuses for good is not retried and says why', async () => {
  proxy.state.refuse422 = 1;
  const c = complaint({ category: 'other', note: 'Bài quảng cáo này có vấn đề (dữ liệu thử).' });
  const reply = await submit(c);
  assert.equal(reply.ok, true, 'stored: the refusal comes from the server');
  assert.equal(reply.state, 'refused');
  const item = await itemOf(c.id);
  assert.equal(item.delivery, 'refused');
  assert.equal(item.delivery_label, 'Bị từ chối');
  assert.equal(item.reason, 'Nội dung mô tả quá dài (tối đa 2000 ký tự).', 'the server\'s field code, in words');
  const plan = await control.evaluate(() => chrome.alarms.get('outbox'));
  assert.equal(plan ?? null, null, 'no retry is scheduled');
  assert.equal(proxy.state.posts.filter((id) => id === c.id).length, 1);
});

test('server 500s are retried with backoff until the report is delivered', async () => {
  proxy.state.fail500 = 2;
  const c = complaint({ category: 'scam_fraud' });
  const reply = await submit(c);
  assert.equal(reply.ok, true);
  const item = await delivered(c.id);
  assert.equal(proxy.state.posts.filter((id) => id === c.id).length, 3, 'two 500s, then the delivery');
  assert.equal(shown(item.receipt).complaint.category, 'scam_fraud');
});

test('a worker stopped mid-send resends the same report on restart: exactly one complaint on the server', async () => {
  proxy.state.hold = true;
  const c = complaint({ category: 'undisclosed_advertising' });
  const reply = await submit(c); // answers `queued` while its request hangs in the proxy
  assert.equal(reply.state, 'queued');
  await waitFor(() => proxy.state.held.length === 1, 'the request held in flight');
  const cdp = await control.context().newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  // The first request reaches the server after all (late), and the restarted worker sends it again.
  proxy.state.hold = false;
  proxy.state.releaseHeld();
  const item = await delivered(c.id); // this message wakes a fresh worker, whose start-up resends
  assert.ok(proxy.state.posts.filter((id) => id === c.id).length >= 2, 'sent again after the restart');
  const matching = onServer().filter((r) => shown(r.receipt).complaint.id === c.id);
  assert.equal(matching.length, 1, 'stored exactly once');
  assert.equal(matching[0].receipt, item.receipt);
});

test('a status changed with the moderation CLI shows in the popup after a refresh (vi and en)', async () => {
  const c = complaint({ category: 'impersonation', note: 'Tài khoản giả mạo (dữ liệu thử).' });
  const reply = await submit(c);
  assert.equal(reply.state, 'delivered');
  alliance.cli('complaints', 'set-status', reply.receipt, 'reviewing');
  const page = await openPopup('vi');
  try {
    const card = page.locator(`li.report[data-id="${c.id}"]`);
    assert.equal(await card.locator('.report-status').getAttribute('data-status'), 'received', 'not read again yet');
    await page.click('#reports-refresh');
    await page.waitForSelector(`li.report[data-id="${c.id}"] .report-status[data-status="reviewing"]`);
    assert.equal(await card.locator('.report-status .value').textContent(), 'Đang xem xét');
    assert.equal(await card.locator('.report-receipt .value').textContent(), reply.receipt);
    assert.equal(await page.textContent('#reports-heading'), 'Báo cáo của tôi');
    await screenshot(page, 'popup-my-reports-vi', { fullPage: true });
  } finally {
    await page.close();
  }
  const en = await openPopup('en');
  try {
    const card = en.locator(`li.report[data-id="${c.id}"]`);
    assert.equal(await card.locator('.report-status .value').textContent(), 'Under review');
    assert.equal(await en.textContent('#reports-heading'), 'My reports');
    assert.equal(await en.textContent('#reports-refresh'), 'Refresh statuses');
    await screenshot(en, 'popup-my-reports-en', { fullPage: true });
  } finally {
    await en.close();
    await setLang('vi');
  }
});
