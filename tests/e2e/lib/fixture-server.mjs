// @ts-check
// HTTPS fixture server for the browser tests: serves `tests/fixtures/<hostname>/…` under the real hostnames, which
// Chromium resolves to this loopback server through `--host-resolver-rules`. A fresh self-signed certificate is made
// at start (Chromium runs with --ignore-certificate-errors), so nothing secret is ever committed.
//
// Path mapping for a request `https://<host>/<path>`:
//   <host>/<path>            when it is a file
//   <host>/<path>.html       (pretty URLs such as /@handle)
//   <host>/<path>/index.html
//   <host>/_app.html         the site's single-page-app shell, for any other path (SPA navigation)
// `/_fixtures/<file>` serves tests/fixtures/_shared/<file> on every host (shared fixture scripts).
import https from 'node:https';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import selfsigned from 'selfsigned';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The hostnames that have a fixture folder. */
export async function fixtureHosts() {
  const entries = await fs.readdir(FIXTURES_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && e.name.includes('.')).map((e) => e.name);
}

async function isFile(p) {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function resolveFile(host, pathname) {
  let rel;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (rel.startsWith('/_fixtures/')) {
    host = '_shared';
    rel = rel.slice('/_fixtures'.length);
  }
  const base = path.join(FIXTURES_DIR, host);
  const target = path.normalize(path.join(base, rel));
  if (!target.startsWith(base)) return null; // no escaping the host's folder
  for (const candidate of [target, `${target}.html`, path.join(target, 'index.html')]) {
    if (await isFile(candidate)) return candidate;
  }
  const shell = path.join(base, '_app.html');
  return host !== '_shared' && (await isFile(shell)) ? shell : null;
}

/** Starts the server on 127.0.0.1 (port 0 = any free port). `routes` maps exact URLs (`https://host/path?query`)
 * to files outside the fixture tree, such as the real captured pages in shared/pages. Resolves to
 * { port, close(), requests }.
 * @param {{ port?: number, routes?: Record<string, string> }} [options] */
export async function startFixtureServer({ port = 0, routes = {} } = {}) {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'koltrust-fixtures' }], {
    keyType: 'ec',
    algorithm: 'sha256',
  });
  const requests = [];
  const server = https.createServer({ key: pems.private, cert: pems.cert }, async (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host}`); // (always set on a server's request)
    requests.push(`${host}${url.pathname}`);
    const file = routes[url.href] ?? (await resolveFile(host, url.pathname));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`no fixture for ${host}${url.pathname}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(await fs.readFile(file));
  });
  await /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  }));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server: no TCP address after listen');
  return {
    port: address.port,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
