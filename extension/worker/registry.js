// @ts-check
// The registry the worker answers from: the signed snapshot bundled with the extension on first run (offline), then
// the newest one the Alliance server publishes. This file only moves bytes — fetch, IndexedDB, Blob slices — and
// asks the core (the wasm `Engine`) every question: is the manifest signed by a pinned key, delta or snapshot, does
// the download match, is it a rollback, which bytes does an answer need. A new engine replaces the old one only
// after its bytes are stored, so a worker stopped mid-update restarts on a consistent registry.
//
// Cold start does not grow with the register (docs/performance.md): snapshots are kept in IndexedDB as Blobs (the
// bundled one is copied there on first run), and a start reads only the snapshot's resident prefix — the signed head
// and the account index, ~7 bytes per account — with a Blob slice, started while the core compiles. Record bytes
// and the name index are read when an answer needs them: `ask` runs a question, and when the core says bytes are
// missing (`takeWanted`) it reads those ranges, hashes their chunks with WebCrypto and hands both over
// (`supplyDigested`: the core compares each chunk with the signed head before keeping it), then asks again.
import * as core from '../pkg/koltrust.js';

const DB_NAME = 'koltrust';
const STORE = 'registry';
const CURRENT = 'current';
/** The bundled snapshot's copy in IndexedDB (so it too is read by slices), tagged with the build it came from. */
const BUNDLED = 'bundled';

/** The engine in use; `null` until `openRegistry` resolves. Typed as never null: the worker reads it only once its
 * `ready` promise (which opens the registry) has resolved.
 * @type {core.Engine} */
export let engine = /** @type {any} */ (null);

/** @typedef {import('../types/messages').RegistryStatus} RegistryStatus */
/** The registry's bundled configuration (registry/keys.json, written by the build).
 * @typedef {{ pinned: string[], bundled_sequence: number, server: string }} BundledConfig */
/** A stored snapshot (IndexedDB): the file as a Blob (`bytes` in stores written before Blobs were used), and the
 * length of its resident prefix, so that a start can read the prefix while the core compiles (a hint only: the core
 * checks it against the signed head, and a wrong one costs a second read, nothing else).
 * @typedef {{ blob?: Blob, bytes?: Uint8Array, sequence: number, stored: number, build?: string, prefixLen?: number }} Stored */

/** The file the engine reads its missing bytes from. @type {Blob | null} */
let file = null;
/** That file's chunk size (the unit of `supplyDigested`'s digests). @type {number | null} */
let chunkSize = null;

/** When each step of this worker's start ended (ms from the worker's start), and what the first answer had to read:
 * the breakdown behind `coldStartMs` (shown by `cargo xtask bench-browser`).
 * @type {Record<string, number>} */
const startPhases = { script: Math.round(performance.now() * 10) / 10, loadedBytes: 0, loads: 0 };
/** @param {string} phase */
const mark = (phase) => {
  startPhases[phase] ??= Math.round(performance.now() * 10) / 10;
};

/** @type {Omit<RegistryStatus, 'sequence' | 'freshness' | 'wasmMemoryBytes' | 'startPhases'>} */
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

/** Entries by key, read in one transaction (a start reads both the updated and the bundled entry: one connection
 * and one round trip instead of two of each). @param {string[]} keys @returns {Promise<(Stored | null)[]>} */
async function readStored(keys) {
  const db = await idb();
  try {
    return await new Promise((resolve, reject) => {
      const store = db.transaction(STORE).objectStore(STORE);
      /** @type {(Stored | null)[]} */
      const found = keys.map(() => null);
      let left = keys.length;
      keys.forEach((key, i) => {
        const req = store.get(key);
        req.onsuccess = () => {
          found[i] = req.result ?? null;
          if (--left === 0) resolve(found);
        };
        req.onerror = () => reject(req.error);
      });
    });
  } finally {
    db.close();
  }
}

/** Puts (or, with `null`, deletes) one entry. @param {string} key @param {Stored | null} value */
async function writeEntry(key, value) {
  const db = await idb();
  try {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      if (value) tx.objectStore(STORE).put(value, key);
      else tx.objectStore(STORE).delete(key);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** @param {Stored} stored @returns {Blob} */
const blobOf = (stored) => stored.blob ?? new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (stored.bytes ?? new Uint8Array())]);

/** A stored entry and, when it records its prefix's length, the read of that prefix, started at once.
 * @typedef {{ stored: Stored | null, prefix: Promise<Uint8Array<ArrayBuffer> | null> }} Early */
/** @param {Stored | null} stored @returns {Early} */
function withPrefix(stored) {
  const blob = stored && blobOf(stored);
  const len = stored?.prefixLen ?? 0;
  const prefix =
    blob && len > 0 && len <= blob.size
      ? blob.slice(0, len).arrayBuffer().then((b) => new Uint8Array(b), () => null)
      : Promise.resolve(null);
  return { stored, prefix };
}

/** @param {string} key @returns {Promise<Early>} */
async function readEarly(key) {
  const [stored] = await readStored([key]).catch(() => [null]);
  return withPrefix(stored);
}

/** The length of a snapshot's resident prefix, from bytes that begin with its first `headProbeLen()` (the core reads
 * it from the head): what a start reads first, and `Stored.prefixLen`. @param {Uint8Array} head */
const prefixLenOfHead = (head) => core.initialReadLen(head.subarray(0, core.headProbeLen()));

/** {@link prefixLenOfHead} of a stored file, reading its head. @param {Blob} blob */
async function prefixLenOf(blob) {
  return prefixLenOfHead(new Uint8Array(await blob.slice(0, core.headProbeLen()).arrayBuffer()));
}

/** Opens an engine on a snapshot file, reading only its resident prefix — or taking the one read early, when its
 * length is the one the signed head gives.
 * @param {Blob} blob @param {string[]} pinned @param {number | undefined} held
 * @param {Promise<Uint8Array<ArrayBuffer> | null>} [earlyRead] */
async function openFromBlob(blob, pinned, held, earlyRead) {
  let prefix = await (earlyRead ?? null);
  const probe = core.headProbeLen();
  const early = !!prefix && prefix.length >= probe && prefixLenOfHead(prefix) === prefix.length;
  if (status.coldStartMs === null) startPhases.prefixEarly = early ? 1 : 0;
  if (!prefix || !early) prefix = new Uint8Array(await blob.slice(0, await prefixLenOf(blob)).arrayBuffer());
  mark('prefixRead');
  // Every chunk of the prefix is checked against the signed head now, hashed by WebCrypto (several times faster
  // than the core's SHA-256 in WebAssembly; the core compares): a badge question touches index chunks all over the
  // prefix (look-alike variants land in random buckets), which would otherwise hash them one by one. The hashing
  // starts before the open, so that WebCrypto's thread can work while the core checks the signature where a core is
  // free (on the 2-core benchmark machine the two steps take as long either way).
  const [at, size, count] = core.prefixChunkLayout(prefix.subarray(0, probe), prefix.length);
  const digesting = digestChunks(prefix, at, size, count);
  digesting.catch(() => {}); // awaited below, unless the open fails first
  const opened = core.Engine.openResident(blob.size, prefix, pinned, held, Date.now());
  mark('opened');
  try {
    opened.acceptDigests(0, await digesting);
  } catch (err) {
    opened.free();
    throw err;
  }
  mark('verified');
  file = blob;
  chunkSize = size;
  return opened;
}

/** SHA-256 of `count` chunks of `size` bytes of `bytes` from `at` (the last may be short), by WebCrypto, as one
 * array of 32-byte digests for the core to compare.
 * @param {Uint8Array<ArrayBuffer>} bytes @param {number} at @param {number} size @param {number} count */
async function digestChunks(bytes, at, size, count) {
  const digests = await Promise.all(
    Array.from({ length: count }, (_, c) =>
      crypto.subtle.digest('SHA-256', bytes.subarray(at + c * size, Math.min(at + (c + 1) * size, bytes.length))),
    ),
  );
  const all = new Uint8Array(32 * count);
  digests.forEach((d, c) => all.set(new Uint8Array(d), 32 * c));
  return all;
}

/** The bundled snapshot as a Blob in IndexedDB: copied from the package on this build's first run, then read by
 * slices like an update; with its prefix when that was read early.
 * @param {number} bundledSeq @returns {Promise<{ blob: Blob, prefix?: Promise<Uint8Array<ArrayBuffer> | null> }>} */
async function bundledBlob(bundledSeq) {
  const pending = earlyBundled;
  earlyBundled = null;
  const { stored: copy, prefix } = (await pending) ?? (await readEarly(BUNDLED));
  if (copy?.blob && copy.build === bundledBuild(bundledSeq)) return { blob: copy.blob, prefix };
  return { blob: await copyBundled(bundledSeq), prefix: undefined };
}

/** What the IndexedDB copy of the bundled snapshot is tagged with: this build's version and bundled sequence.
 * @param {number} bundledSeq */
const bundledBuild = (bundledSeq) => `${chrome.runtime.getManifest().version}/${bundledSeq}`;

/** Reads the bundled snapshot from the package and keeps a copy in IndexedDB.
 * @param {number} bundledSeq @returns {Promise<Blob>} */
async function copyBundled(bundledSeq) {
  const build = bundledBuild(bundledSeq);
  const res = await fetch(new URL('../registry/bundled.bin', import.meta.url));
  if (!res.ok) throw new Error(`bundled registry: ${res.status} ${res.statusText}`);
  const blob = await res.blob();
  // Not storing it only costs the next start a read of the whole package file.
  const prefixLen = await prefixLenOf(blob).catch(() => undefined);
  await writeEntry(BUNDLED, { blob, sequence: bundledSeq, stored: Date.now(), build, prefixLen }).catch(() => {});
  return blob;
}

/** Runs a question against the engine; while it fails for want of bytes, reads them from the snapshot file, hands
 * them over and asks again. A chunk that fails its hash means the stored file was altered: it is dropped, the
 * bundled registry takes over, and the question is asked of it.
 * @template T @param {(engine: core.Engine) => T} question @returns {Promise<T>} */
export async function ask(question) {
  mark('asked');
  for (let round = 0; ; round++) {
    const current = engine;
    const from = file;
    try {
      return question(current);
    } catch (err) {
      if (current.tainted && engine === current && round < 32) {
        await distrust(err); // an altered chunk of the stored file: ask the bundled registry instead
        continue;
      }
      const wanted = current.takeWanted();
      if (!wanted.length || !from || round >= 32) throw err;
      try {
        // All ranges are read at once (the reads overlap), then handed over in order.
        const ranges = [];
        for (let i = 0; i < wanted.length; i += 2) ranges.push([wanted[i], wanted[i + 1]]);
        mark('tried');
        // Each range read and hashed by WebCrypto (chunks of the snapshot's chunk size; the core compares).
        const size = chunkSize ?? 0;
        const read = await Promise.all(
          ranges.map(async ([a, b]) => {
            const bytes = new Uint8Array(await from.slice(a, b).arrayBuffer());
            return { bytes, digests: size ? await digestChunks(bytes, 0, size, Math.ceil(bytes.length / size)) : null };
          }),
        );
        mark('read');
        ranges.forEach(([start, end], i) => {
          const { bytes, digests } = read[i];
          if (engine !== current) return;
          if (digests) current.supplyDigested(start, bytes, digests);
          else current.supply(start, bytes);
          if (status.coldStartMs === null) {
            startPhases.loads += 1;
            startPhases.loadedBytes += end - start;
          }
        });
      } catch (supplyErr) {
        if (engine === current) await distrust(supplyErr);
      }
    }
  }
}

/** Opens the bundled snapshot from its IndexedDB copy; a copy that does not verify is replaced by the package's.
 * @param {string[]} pinned @param {number} bundledSeq */
async function openBundled(pinned, bundledSeq) {
  try {
    const { blob, prefix } = await bundledBlob(bundledSeq);
    return await openFromBlob(blob, pinned, undefined, prefix);
  } catch (err) {
    await writeEntry(BUNDLED, null).catch(() => {});
    return openFromBlob(await copyBundled(bundledSeq), pinned, undefined);
  }
}

/** Drops the snapshot the engine reads from (its bytes on disk no longer match their signature) and reopens from the
 * package. @param {unknown} err */
async function distrust(err) {
  const reason = `stored registry refused: ${/** @type {any} */ (err)?.message ?? err}`;
  await writeEntry(status.source === 'updated' ? CURRENT : BUNDLED, null).catch(() => {});
  const { pinned, bundled_sequence: bundledSeq } = await bundledConfig();
  const previous = engine;
  engine = await openBundled(pinned, bundledSeq);
  previous?.free();
  status.source = 'bundled';
  status.lastError = reason;
}

/** Bytes hashed per task by the idle-time check: 256 KiB, a few milliseconds, so a badge question arriving meanwhile
 * waits no longer than that. */
const VERIFY_SLICE_BYTES = 256 * 1024;

/** Idle-time check after the first answer: the loaded bytes not yet verified are hashed, a slice per task, so a
 * stored file altered on disk is refused at the start that reads it, not only when an answer touches the altered
 * bytes. */
function verifyInIdleTime() {
  const checking = engine;
  const step = () => {
    if (engine !== checking) return; // replaced by an update, verified whole when it was applied
    try {
      if (!checking.verifyResident(VERIFY_SLICE_BYTES)) setTimeout(step, 0);
    } catch (err) {
      distrust(err).catch(() => {});
    }
  };
  setTimeout(step, 0);
}

/** @param {URL} url */
async function fetchBytes(url) {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** What opening needs from storage, asked for as soon as this module loads (background.js imports it second, after
 * boot.js has started compiling the core): both stored entries in one transaction, and the resident prefix of the
 * one a start opens (the updated snapshot when there is one, else the bundled copy), read while the first
 * WebAssembly module compiles instead of after it. Used once. */
/** @type {Promise<(Stored | null)[]>} */
const earlyEntries = readStored([CURRENT, BUNDLED]).catch(() => [null, null]);
/** @type {{ config: Promise<BundledConfig>, current: Promise<Early> } | null} */
let early = { config: bundledConfig(), current: earlyEntries.then(([current]) => withPrefix(current)) };
/** @type {Promise<Early | null> | null} */
let earlyBundled = earlyEntries.then(([current, bundled]) => (current ? null : withPrefix(bundled)));

/** The core's linear memory, for the status (how much the worker holds). @type {WebAssembly.Memory | null} */
let wasmMemory = null;

/** @param {unknown} [wasm] the core's instantiated exports (for its memory's size in the status) */
export async function openRegistry(wasm) {
  wasmMemory = /** @type {{ memory?: WebAssembly.Memory } | undefined} */ (wasm)?.memory ?? null;
  mark('wasmReady');
  const { config: pendingConfig, current: pendingCurrent } = early ?? { config: null, current: null };
  early = null;
  const { pinned, bundled_sequence: bundledSeq } = await (pendingConfig ?? bundledConfig());
  const { stored, prefix } = await (pendingCurrent ?? readEarly(CURRENT));
  mark('storedRead');
  if (stored && stored.sequence >= bundledSeq) {
    try {
      engine = await openFromBlob(blobOf(stored), pinned, bundledSeq, prefix);
      status.source = 'updated';
      return;
    } catch (err) {
      // A damaged or foreign stored snapshot is never used, nor kept: the bundled one takes over until the next
      // update.
      status.lastError = `stored registry refused: ${err.message ?? err}`;
      await writeEntry(CURRENT, null).catch(() => {});
    }
  }
  engine = await openBundled(pinned, bundledSeq);
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
    // A delta applies to the whole held file: its unloaded bytes are read first (`ask` does it).
    if (step.action === 'up_to_date') {
      status.lastError = null;
      return registryStatus();
    }
    let next;
    try {
      const downloaded = await fetchBytes(new URL(step.path, manifestUrl));
      next = await ask((e) => e.applyUpdate(downloaded, Date.now()));
    } catch (err) {
      if (step.action !== 'delta') throw err;
      step = plan(false); // the delta was for another base: take the full snapshot
      const downloaded = await fetchBytes(new URL(step.path, manifestUrl));
      next = engine.applyUpdate(downloaded, Date.now());
    }
    const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (next.snapshotBytes());
    const blob = new Blob([bytes]);
    // The bytes are at hand: the prefix's length is read from them, not from the Blob just made of them.
    const prefixLen = prefixLenOfHead(bytes);
    await writeEntry(CURRENT, { blob, sequence: next.sequence, stored: Date.now(), prefixLen });
    const previous = engine;
    engine = next; // the switch: every later question is answered by the new registry
    file = blob;
    chunkSize = null; // the new engine holds the whole file: nothing more is read or supplied
    previous.free();
    status.source = 'updated';
    status.lastError = null;
  } catch (err) {
    status.lastError = String(err?.message ?? err);
  }
  return registryStatus();
}

/** Marks a step of this worker's start that comes after its first answer (e.g. `finalAnswer`: the first answer
 * with look-alike checks complete), for `cargo xtask bench-browser`. @param {string} phase */
export function notePhase(phase) {
  mark(phase);
}

/** @type {() => void} */
let answered = () => {};
/** Resolves at this worker's first answer (work that can wait, like the outbox's first flush, waits for it). */
export const firstAnswer = new Promise((resolve) => {
  answered = () => resolve(undefined);
});

export function noteFirstAnswer() {
  if (status.coldStartMs !== null) return;
  status.coldStartMs = Math.round(performance.now() * 10) / 10;
  answered();
  verifyInIdleTime();
}

/** @returns {RegistryStatus} */
export function registryStatus() {
  const f = engine?.freshness() ?? null;
  return {
    ...status,
    sequence: engine?.sequence ?? null,
    freshness: f,
    wasmMemoryBytes: wasmMemory?.buffer.byteLength ?? null,
    startPhases: { ...startPhases },
  };
}
