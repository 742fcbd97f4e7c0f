// @ts-check
// The registry on a plain static host (a CDN, an object store): `koltrust registry publish --out DIR` writes the
// static tree, a few lines of Node serve it as files (no `koltrust serve` in the path), and the extension updates
// from it exactly as from the server — manifest, signature, delta or snapshot, SHA-256, rollback rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, setOptions } from './lib/browser.mjs';
import { startAllianceServer, RESOLVED_DEMO } from './lib/alliance-server.mjs';


/** A static file server for `root`: GET answers the file or 404, with the CORS header a public CDN sends for
 * files anyone may read (the extension's worker fetches cross-origin).
 * @param {string} root */
async function startStaticHost(root) {
  const server = http.createServer(async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    try {
      if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error('outside');
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-length': body.length, 'access-control-allow-origin': '*' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'access-control-allow-origin': '*' });
      res.end();
    }
  });
  await /** @type {Promise<void>} */ (new Promise((r) => server.listen(0, '127.0.0.1', r)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static host has no TCP address');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((r) => server.close(r)) };
}

let alliance;
let site;
let host;
let browser;
let control;

before(async () => {
  alliance = await startAllianceServer();
  // The demo people join the server's registry, so its sequences continue the one the extension bundles.
  alliance.cli('registry', 'import', RESOLVED_DEMO);
  site = await fs.mkdtemp(path.join(os.tmpdir(), 'koltrust-static-'));
  host = await startStaticHost(site);
  // No fixture pages here: the site names map to a closed port.
  browser = await launchWithExtension({ fixturePort: 9 });
  // The extension knows only the static host; the Alliance server is never asked.
  await setOptions(browser, { serverUrl: host.url });
  control = await browser.ctx.newPage();
  await control.goto(browser.extensionUrl('options.html'));
});

after(async () => {
  await browser?.close();
  await host?.close();
  await alliance?.stop();
  if (site) await fs.rm(site, { recursive: true, force: true });
});

const ask = (message) => control.evaluate((m) => chrome.runtime.sendMessage(m), message);
const badgeOf = async (href) => (await ask({ type: 'lookupLinks', hrefs: [href] })).answers[0]?.badge ?? null;

test('the extension follows a registry published to a plain static host', async () => {
  const first = alliance.cli('registry', 'publish', '--out', site);
  assert.match(first, /static tree/);
  const s = (await ask({ type: 'updateNow' })).status;
  assert.equal(s.lastError, null, `update failed: ${s.lastError}`);
  assert.equal(s.source, 'updated');
  assert.ok(s.sequence >= 2, `moved past the bundled sequence (now ${s.sequence})`);
  assert.equal((await badgeOf('https://www.tiktok.com/@bepnha.demo')).state, 'certified');

  // A decision published straight to the static tree reaches the badges on the next update.
  alliance.cli(
    'registry', 'add-sanction', '--id', 'KT-DEMO-0004', '--kind', 'warning', '--reason', 'misleading_advertising',
    '--authority', 'Liên minh Tín nhiệm số (dữ liệu mẫu)', '--decision', '78/CB-LM-MAU',
    '--summary-vi', 'Cảnh cáo thử nghiệm (dữ liệu mẫu).', '--summary-en', 'Test warning (sample data).',
    '--source-url', 'https://example.org/koltrust-sample/decisions/e2e-78',
  );
  alliance.cli('registry', 'publish', '--out', site);
  const next = (await ask({ type: 'updateNow' })).status;
  assert.equal(next.lastError, null, `update failed: ${next.lastError}`);
  assert.equal(next.sequence, s.sequence + 1);
  assert.equal((await badgeOf('https://www.tiktok.com/@bepnha.demo')).state, 'sanctioned');
});
