// @ts-check
// The registry the portal answers from: downloaded from the same origin and verified in the browser by the core —
// the manifest's signature against the keys this origin publishes, the snapshot's SHA-256 against the manifest, the
// snapshot's own signature and sequence (`Engine.openPublished`). This file only moves bytes; the core decides.
// Offline, the service worker answers these requests from the files it saw last, and they are verified again here.

/** The core's module once its WebAssembly is instantiated (the report form needs it even without a registry).
 * Imported dynamically so that a missing build (`www/` served without `pkg/`) becomes a clear error on the page. */
export const coreReady = import('./pkg/koltrust.js').then(
  async (core) => {
    await core.default();
    return core;
  },
  () => {
    throw new Error('pkg/koltrust.js is missing: serve the built portal (cargo xtask dist → dist/www)');
  });

const api = (/** @type {string} */ path) => new URL(path, document.baseURI);

/** @param {URL} url */
async function get(url) {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} — ${url.pathname}`);
  return res;
}

/** Resolves to `{ engine, freshness, sample }`; rejects with a one-line reason. */
export async function openRegistry() {
  const core = await coreReady;
  const manifestUrl = api('v1/registry/manifest');
  const [keysRes, manifestRes] = await Promise.all([get(api('v1/registry/keys')), get(manifestUrl)]);
  /** @type {{ keys?: { public_key: string }[] }} */
  const keys = await keysRes.json();
  const pinned = (keys.keys ?? []).map((k) => k.public_key);
  const envelope = await manifestRes.json();
  const parsed = JSON.parse(envelope.manifest);
  const bytes = new Uint8Array(await (await get(new URL(parsed.snapshot.path, manifestUrl))).arrayBuffer());
  const engine = core.Engine.openPublished(envelope.manifest, envelope.key_id, envelope.signature, parsed, pinned, bytes, Date.now());
  return { engine, freshness: engine.freshness(), sample: engine.isSample() };
}
