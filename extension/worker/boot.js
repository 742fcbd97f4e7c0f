// @ts-check
// The first module a starting worker evaluates (background.js imports it before anything else): it starts compiling
// the first WebAssembly module at once, so that the fetch of its bytes from the package and their compilation
// overlap the evaluation of the rest of the worker's scripts and the registry's first reads from IndexedDB
// (docs/performance.md, "Cold start at national scale"). Nothing here decides anything.

/** The first module (`pkg/koltrust_bg.wasm`), compiled while the bytes stream in. A browser that does not serve the
 * package's `.wasm` as `application/wasm` (streaming compilation refuses it) compiles it from the whole bytes.
 * @type {Promise<WebAssembly.Module>} */
export const firstModule = (() => {
  const url = new URL('../pkg/koltrust_bg.wasm', import.meta.url);
  const response = fetch(url);
  return WebAssembly.compileStreaming(response).catch(async () => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`first module: HTTP ${res.status}`);
    return WebAssembly.compile(await res.arrayBuffer());
  });
})();
