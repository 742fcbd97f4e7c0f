// @ts-check
// The extension's second WebAssembly module (`pkg/koltrust_lazy.js`, the glue built with feature `lazy`): the detail
// card and vetting record, post flags and promotion detection, the report dialog's draft and preview, the outbox.
// The worker answers badge questions from the first module alone (`pkg/koltrust.js`, loaded at start); this one is
// compiled and instantiated on the first message that needs it, then kept for the worker's life.
//
// MV3 forbids `import()` in a service worker, so the glue is imported statically — that only defines functions —
// and its `.wasm` is fetched and instantiated by the glue's `init` when `lazyCore()` is first awaited. The second
// module holds no registry: what it needs of one the worker asks the first module (`Engine.cardFacts`,
// `Engine.profileFacts`) and passes as plain objects (docs/architecture.md, "Two WebAssembly modules").
import init, * as lazy from '../pkg/koltrust_lazy.js';

/** @typedef {'unloaded' | 'loading' | 'ready'} ModuleState */

/** @type {Promise<typeof lazy> | null} */
let loading = null;
/** @type {ModuleState} */
let state = 'unloaded';
/** How long the instantiation took (fetch, compile, instantiate), in ms; `null` until it is done.
 * @type {number | null} */
let loadMs = null;
/** The instance's linear memory (its own, beside the first module's), once instantiated.
 * @type {WebAssembly.Memory | null} */
let memory = null;

/** The second module, instantiated on first use (one instantiation however many messages ask at once). A failed
 * instantiation is retried by the next message rather than remembered. */
export function lazyCore() {
  if (!loading) {
    state = 'loading';
    const started = performance.now();
    loading = init({ module_or_path: new URL('../pkg/koltrust_lazy_bg.wasm', import.meta.url) }).then(
      (/** @type {any} */ exports) => {
        memory = exports?.memory ?? null;
        state = 'ready';
        loadMs = Math.round((performance.now() - started) * 10) / 10;
        return lazy;
      },
      (err) => {
        state = 'unloaded';
        loading = null;
        throw err;
      },
    );
  }
  return loading;
}

/** Whether the second module has been asked for (`loading`) or is instantiated (`ready`), how long that took, and
 * its linear memory in bytes (grown, not necessarily resident). */
export function lazyState() {
  return { state, loadMs, memoryBytes: memory ? memory.buffer.byteLength : null };
}
