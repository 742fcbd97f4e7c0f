// @ts-check
// Registry updates from a live `koltrust serve`: the worker moves to the newest signed sequence (delta or full
// snapshot), the new data reaches the badges, tampered files and rolled-back manifests are refused without losing
// the registry in use, and a worker stopped and restarted keeps answering from the stored update.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startFixtureServer } from './lib/fixture-server.mjs';
import { launchWithExtension, setOptions, screenshot } from './lib/browser.mjs';
import { startAllianceServer, RESOLVED_DEMO } from './lib/alliance-server.mjs';


let fixtures;
let alliance;
let browser;
let control; // an extension page: the only kind of sender allowed to ask for updates
let firstManifest; // the server's signed manifest for its first sequence, kept to replay later

before(async () => {
  fixtures = await startFixtureServer();
  alliance = await startAllianceServer();
  firstManifest = await fs.readFile(path.join(alliance.publicDir, 'manifest'));
  // The demo people join the server's registry, so its sequences continue the one the extension bundles.
  alliance.cli('registry', 'import', RESOLVED_DEMO);
  browser = await launchWithExtension({ fixturePort: fixtures.port });
  await setOptions(browser, { serverUrl: alliance.url });
  control = await browser.ctx.newPage();
  await control.goto(browser.extensionUrl('options.html'));
});

after(async () => {
  await browser?.close();
  await alliance?.stop();
  await fixtures?.close();
});

const ask = (message) => control.evaluate((m) => chrome.runtime.sendMessage(m), message);
const status = async () => (await ask({ type: 'registryStatus' })).status;
const badgeOf = async (href) => (await ask({ type: 'lookupLinks', hrefs: [href] })).answers[0]?.badge ?? null;

test('the first run answers offline from the bundled snapshot', async () => {
  const s = await status();
  assert.equal(s.source, 'bundled');
  assert.equal(s.sequence, 1);
  assert.equal((await badgeOf('https://www.tiktok.com/@bepnha.demo')).state, 'certified');
});

test('update now moves to the newest signed sequence, and new decisions reach the badges', async () => {
  alliance.cli(
    'registry', 'add-sanction', '--id', 'KT-DEMO-0004', '--kind', 'warning', '--reason', 'misleading_advertising',
    '--authority', 'Liên minh Tín nhiệm số (dữ liệu mẫu)', '--decision', '77/CB-LM-MAU',
    '--summary-vi', 'Cảnh cáo thử nghiệm (dữ liệu mẫu).', '--summary-en', 'Test warning (sample data).',
    '--source-url', 'https://example.org/koltrust-sample/decisions/e2e-77',
  );
  alliance.cli('registry', 'publish');
  const s = (await ask({ type: 'updateNow' })).status;
  assert.equal(s.lastError, null, `update failed: ${s.lastError}`);
  assert.equal(s.source, 'updated');
  assert.ok(s.sequence >= 2, `sequence moved forward (now ${s.sequence})`);
  assert.equal((await badgeOf('https://www.tiktok.com/@bepnha.demo')).state, 'sanctioned');
  // Nothing new: up to date, same sequence.
  const again = (await ask({ type: 'updateNow' })).status;
  assert.equal(again.sequence, s.sequence);
  assert.equal(again.lastError, null);
});

test('a tampered download and a rolled-back manifest are refused; the registry in use stays', async () => {
  const held = (await status()).sequence;
  const manifestFile = path.join(alliance.publicDir, 'manifest');
  const oldManifest = await fs.readFile(manifestFile); // signed, for sequence `held`: restored at the end
  alliance.cli('registry', 'publish');
  const next = held + 1;
  for (const f of [path.join(alliance.publicDir, 'snapshots', `${next}.bin`), path.join(alliance.publicDir, 'deltas', `${held}-${next}.bin`)]) {
    const bytes = await fs.readFile(f);
    bytes[bytes.length - 1] ^= 0x01;
    await fs.writeFile(f, bytes);
  }
  const tampered = (await ask({ type: 'updateNow' })).status;
  assert.match(tampered.lastError ?? '', /SHA-256|signature|corrupt|mismatch/i);
  assert.equal(tampered.sequence, held, 'still on the last good sequence');
  assert.equal((await badgeOf('https://www.tiktok.com/@bepnha.demo')).state, 'sanctioned');

  // Replay the server's first signed manifest (an older sequence): a rollback, refused.
  await fs.writeFile(manifestFile, firstManifest);
  const replay = (await ask({ type: 'updateNow' })).status;
  assert.match(replay.lastError ?? '', /rollback|older/i);
  assert.equal(replay.sequence, held);
  await fs.writeFile(manifestFile, oldManifest);
});

test('the options page shows the registry in use and updates on request', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto(browser.extensionUrl('options.html'));
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.inputValue('#serverUrl'), alliance.url);
    await page.click('#updateNow');
    await page.waitForFunction(() => {
      const status = document.getElementById('registryStatus');
      if (!status) throw new Error('the options page has no #registryStatus');
      return /Sổ đăng ký số \d+/.test(status.textContent ?? '');
    });
    const line = await page.textContent('#registryStatus');
    assert.match(line, /bản cập nhật từ máy chủ/);
    await screenshot(page, 'options-registry');
  } finally {
    await page.close();
  }
});

test('a stopped worker restarts on the stored update and keeps answering', async () => {
  const before = await status();
  const cdp = await control.context().newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const after = await status(); // this message wakes a fresh worker
  assert.equal(after.source, 'updated', 'loaded from storage, not the bundle');
  assert.equal(after.sequence, before.sequence);
  assert.ok(after.coldStartMs === null || after.coldStartMs >= 0);
  assert.equal((await badgeOf('https://www.tiktok.com/@bepnha.demo')).state, 'sanctioned');
  const s = await status();
  console.log(`worker cold start to first answer: ${s.coldStartMs} ms (registry sequence ${s.sequence})`);
});

/** Rewrites the stored update in IndexedDB (from the extension's own origin, as malware with disk access could) with
 * one byte of its signed account index changed, and returns the offset changed. */
async function alterStoredIndex() {
  return control.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('koltrust', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const stored = await new Promise((res) => {
            const get = db.transaction('registry').objectStore('registry').get('current');
            get.onsuccess = () => res(get.result);
          });
          const bytes = new Uint8Array(await stored.blob.arrayBuffer());
          // docs/formats.md: body length at 48 (u64), chunk size 2^byte 10; the body follows the head and signature.
          const bodyLen = Number(new DataView(bytes.buffer).getBigUint64(48, true));
          const chunks = Math.ceil(bodyLen / 2 ** bytes[10]);
          const at = 144 + 32 * chunks + 64 + 8; // inside the index directory, the first thing a start reads
          bytes[at] ^= 0x01;
          const tx = db.transaction('registry', 'readwrite');
          tx.objectStore('registry').put({ ...stored, blob: new Blob([bytes]) }, 'current');
          tx.oncomplete = () => resolve(at);
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('a stored update altered on disk is refused at the next start, and the bundled registry answers', async () => {
  assert.equal((await status()).source, 'updated');
  const at = await alterStoredIndex();
  const cdp = await control.context().newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  // The restarted worker opens the altered file (its signed head is intact) and finds the altered chunk at the first
  // question that reads it or in the idle-time check after its first answer; either way it drops the file.
  await badgeOf('https://www.tiktok.com/@bepnha.demo');
  await control.waitForFunction(
    async () => {
      const s = /** @type {any} */ (await chrome.runtime.sendMessage({ type: 'registryStatus' })).status;
      return s.source === 'bundled' && /stored registry refused/.test(s.lastError ?? '');
    },
    null,
    { timeout: 10000 },
  );
  const s = await status();
  assert.equal(s.sequence, 1, `the bundled registry answers after byte ${at} was altered`);
  assert.equal((await badgeOf('https://www.tiktok.com/@bepnha.demo')).state, 'certified', 'the bundled decision');
  const kept = await control.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('koltrust', 1);
        open.onsuccess = () => {
          const get = open.result.transaction('registry').objectStore('registry').get('current');
          get.onsuccess = () => resolve(get.result ?? null);
        };
      }),
  );
  assert.equal(kept, null, 'the altered file is deleted, not kept for the next start');
});
