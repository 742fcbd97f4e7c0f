// @ts-check
// The platform's floor under the worker's cold start (`cargo xtask bench-browser`, benches/browser/run.mjs): a
// service worker that does what any design running the core in WebAssembly on a stored registry must do before its
// first answer, and nothing else — so the benchmark can tell the extension's own cost from the browser's.
//  - `empty`: answers at once (the worker's start and the message round trip);
//  - `read`: compiles and instantiates the extension's first module (`first.wasm`, with do-nothing imports) and reads
//    the registry file from IndexedDB (copied there from `registry.bin` at the first start, as the extension keeps
//    its bundled snapshot), both started at the worker's start, as the extension does; then answers.
// The reply carries `performance.now()` at the answer: like the extension's `coldStartMs`, ms from the worker's start.
// `mode.js` says which (the xtask writes it again in each copy).
import { MODE } from './mode.js';

/** @returns {Promise<Blob | undefined>} */
function storedRegistry() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('floor', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('files');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('files').objectStore('files').get('registry');
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    };
  });
}

/** @param {Blob} blob */
function store(blob) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('floor', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('files', 'readwrite');
      tx.objectStore('files').put(blob, 'registry');
      tx.oncomplete = () => resolve(null);
      tx.onerror = () => reject(tx.error);
    };
  });
}

async function read() {
  const [module, stored] = await Promise.all([WebAssembly.compileStreaming(fetch('first.wasm')), storedRegistry()]);
  /** @type {Record<string, Record<string, () => number>>} */
  const imports = {};
  for (const i of WebAssembly.Module.imports(module)) (imports[i.module] ??= {})[i.name] = () => 0;
  await WebAssembly.instantiate(module, imports);
  if (stored) return new Uint8Array(await stored.arrayBuffer()).length;
  const bytes = await (await fetch('registry.bin')).blob();
  await store(bytes);
  return bytes.size;
}

const answer = MODE === 'read' ? read() : Promise.resolve(0);
chrome.runtime.onMessage.addListener((_message, _sender, reply) => {
  answer.then(
    (bytes) => reply({ ok: true, ms: performance.now(), bytes }),
    (err) => reply({ ok: false, error: String(err) }),
  );
  return true;
});
