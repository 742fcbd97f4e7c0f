// @ts-check
// The registry the worker answers from: the signed snapshot bundled with the extension on first run (offline), then
// the newest one the Alliance server publishes. This file only moves bytes — fetch, IndexedDB — and asks the core
// (the wasm `Engine`) every question: is the manifest signed by a pinned key, delta or snapshot, does the download
// match, is it a rollback. A new engine replaces the old one only after its bytes are stored, so a worker stopped
// mid-update restarts on a consistent registry.
import * as core from '../pkg/koltrust.js';

const DB_NAME = 'koltrust';
const STORE = 'registry';
const CURRENT = 'current';

/** The engine in use; `null` until `openRegistry` resolves. Typed as never null: the worker reads it only once its
 * `ready` promise (which opens the registry) has resolved.
 * @type {core.Engine} */
export let engine = /** @type {any} */ (null);

/** @typedef {import('../types/messages').RegistryStatus} RegistryStatus */
/** The registry's bundled configuration (registry/keys.json, written by the build).
 * @typedef {{ pinned: string[], bundled_sequence: number, server: string }} BundledConfig */
/** The stored snapshot (IndexedDB). @typedef {{ bytes: Uint8Array, sequence: number, stored: number }} Stored */

/** @type {Omit<RegistryStatus, 'sequence' | 'freshness'>} */
const status = { source: 'bundled', lastCheck: null, lastError: null, coldStartMs: null };

/** @type {BundledConfig | null} */
let config = null;
/** @returns {Promise<BundledConfig>} */
async function bundledConfig() {
  return (config ??= await fetch(new URL('../registry/keys.json', import.meta.url)).then((r) => r.json()));
}

/** @returns {Promise<IDBDatabase>} */
function idb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** @returns {Promise<Stored | null>} */
async function readStored() {
  const db = await idb();
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction(STORE).objectStore(STORE).get(CURRENT);
      req.onsuccess = () => resolve(req.result ?? null);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** @param {Uint8Array} bytes @param {number} sequence */
async function writeStored(bytes, sequence) {
  const db = await idb();
  try {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put({ bytes, sequence, stored: Date.now() }, CURRENT);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** @param {URL} url */
async function fetchBytes(url) {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Opens the stored snapshot if there is a valid one at least as new as the bundled one, else the bundled one. */
/** What opening needs from storage, asked for as soon as this module loads: the reads run while the WASM core
 * compiles instead of after it (measured: about a quarter of the worker's cold start). Used once. */
/** @type {{ config: Promise<BundledConfig>, stored: Promise<Stored | null> } | null} */
let early = { config: bundledConfig(), stored: readStored().catch(() => null) };

export async function openRegistry() {
  const { config: pendingConfig, stored: pendingStored } = early ?? { config: null, stored: null };
  early = null;
  const { pinned, bundled_sequence: bundledSeq } = await (pendingConfig ?? bundledConfig());
  const stored = await (pendingStored ?? readStored().catch(() => null));
  if (stored && stored.sequence >= bundledSeq) {
    try {
      engine = new core.Engine(stored.bytes, pinned, bundledSeq, Date.now());
      status.source = 'updated';
      return;
    } catch (err) {
      // A damaged or foreign stored snapshot is never used; the bundled one takes over until the next update.
      status.lastError = `stored registry refused: ${err.message ?? err}`;
    }
  }
  engine = new core.Engine(await fetchBytes(new URL('../registry/bundled.bin', import.meta.url)), pinned, undefined, Date.now());
  status.source = 'bundled';
}

/** The Alliance server the person chose, else the build's default. */
export async function serverUrl() {
  const stored = /** @type {import('../types/storage').StoredOptions} */ (await chrome.storage.local.get('serverUrl'));
  const { serverUrl: chosen } = stored;
  return chosen || (await bundledConfig()).server;
}

/** Fetches the signed manifest and moves to the newest registry. Errors leave the current registry in place. */
export async function updateNow() {
  status.lastCheck = Date.now();
  try {
    const manifestUrl = new URL('v1/registry/manifest', await serverUrl());
    const res = await fetch(manifestUrl, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`manifest: ${res.status} ${res.statusText}`);
    const envelope = await res.json();
    const parsed = JSON.parse(envelope.manifest);
    /** @param {boolean} allowDelta */
    const plan = (allowDelta) => engine.planUpdate(envelope.manifest, envelope.key_id, envelope.signature, parsed, allowDelta);
    let step = plan(true);
    if (step.action === 'up_to_date') {
      status.lastError = null;
      return registryStatus();
    }
    let next;
    try {
      next = engine.applyUpdate(await fetchBytes(new URL(step.path, manifestUrl)), Date.now());
    } catch (err) {
      if (step.action !== 'delta') throw err;
      step = plan(false); // the delta was for another base: take the full snapshot
      next = engine.applyUpdate(await fetchBytes(new URL(step.path, manifestUrl)), Date.now());
    }
    await writeStored(next.snapshotBytes(), next.sequence);
    const previous = engine;
    engine = next; // the switch: every later question is answered by the new registry
    previous.free();
    status.source = 'updated';
    status.lastError = null;
  } catch (err) {
    status.lastError = String(err?.message ?? err);
  }
  return registryStatus();
}

export function noteFirstAnswer() {
  status.coldStartMs ??= Math.round(performance.now() * 10) / 10;
}

/** @returns {RegistryStatus} */
export function registryStatus() {
  const f = engine?.freshness() ?? null;
  return { ...status, sequence: engine?.sequence ?? null, freshness: f };
}
