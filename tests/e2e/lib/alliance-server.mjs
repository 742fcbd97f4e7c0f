// @ts-check
// A real `koltrust serve` on loopback for the browser tests: a fresh data folder seeded with the extension's build
// key (so the built extension pins the key this server signs with), a free port, and helpers to run the admin CLI
// against the same folder. Waits for /v1/health, never for a fixed time.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const KOLTRUST_BIN = process.env.KOLTRUST_BIN ?? path.resolve('target/debug/koltrust');
export const BUILD_KEY = process.env.KOLTRUST_BUILD_KEY ?? path.resolve('target/koltrust-build/extension-build.key');
/** The fictional demo people with their dates resolved at build (`registry/demo.json`), for `registry import`: a
 * server's sequences then continue the registry the extension bundles. */
export const RESOLVED_DEMO = path.resolve(process.env.KOLTRUST_BUILD_DIR ?? 'target/koltrust-build', 'demo.json');

async function freePort() {
  const srv = net.createServer();
  await /** @type {Promise<void>} */ (new Promise((r) => srv.listen(0, '127.0.0.1', r)));
  const address = srv.address();
  if (!address || typeof address === 'string') throw new Error('freePort: the probe server has no TCP address');
  await new Promise((r) => srv.close(r));
  return address.port;
}

/** Starts the server; `www` (optional) is the folder served at `/` (the built portal, `dist/www`).
 * @param {{ www?: string }} [options] */
export async function startAllianceServer({ www } = {}) {
  const data = await fs.mkdtemp(path.join(os.tmpdir(), 'koltrust-serve-'));
  await fs.copyFile(BUILD_KEY, path.join(data, 'registry.key'));
  await fs.copyFile(`${BUILD_KEY}.pub`, path.join(data, 'registry.key.pub'));
  await fs.chmod(path.join(data, 'registry.key'), 0o600);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // `--init`: the folder holds the build key (provisioned above) and no database yet.
  const args = ['serve', '--init', '--data', data, '--addr', `127.0.0.1:${port}`, ...(www ? ['--www', www] : [])];
  const child = spawn(KOLTRUST_BIN, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`koltrust serve exited early:\n${log}`);
    try {
      const res = await fetch(new URL('v1/health', url));
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`koltrust serve did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    data,
    /** The registry's public files, as the server serves them. */
    publicDir: path.join(data, 'public', 'v1', 'registry'),
    /** Runs `koltrust <args…>` against this server's data folder. */
    /** @param {...string} args */
    cli(...args) {
      return execFileSync(KOLTRUST_BIN, [...args, '--data', data], { encoding: 'utf8' });
    },
    async stop() {
      child.kill('SIGTERM');
      await /** @type {Promise<void>} */ (new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r))));
      await fs.rm(data, { recursive: true, force: true });
    },
  };
}
