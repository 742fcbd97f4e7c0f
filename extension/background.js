// KOL Trust service worker: the only place the Rust/WASM core runs for content scripts.
//
// Thin glue by design: it loads the core, answers messages by calling it, and decides nothing itself.
// MV3 rules that shape this file (TOOLCHAIN.md):
//  - no top-level await (it silently kills a module service worker): `ready` is a promise every handler awaits;
//  - listeners are registered synchronously, at the top level, so a cold-started worker receives the message
//    that woke it;
//  - `return true` from onMessage keeps the channel open for the asynchronous answer.
import init, * as core from './pkg/koltrust.js';

const ready = init({ module_or_path: new URL('./pkg/koltrust_bg.wasm', import.meta.url) });

/** The language the person chose in the options, else the browser's. The core falls back to Vietnamese. */
async function currentLang() {
  const { lang } = await chrome.storage.local.get('lang');
  return lang && lang !== 'auto' ? lang : chrome.i18n.getUILanguage();
}

const handlers = {
  /** A content script's batch of link hrefs → one badge answer (or null) per href. */
  async lookupLinks(msg) {
    if (!Array.isArray(msg.hrefs)) throw new Error('hrefs must be an array');
    return { answers: core.lookupLinks(msg.hrefs.map(String), await currentLang()) };
  },
  /** The popup's question: what is the page at this URL, and what badge does its profile have? */
  async tabStatus(msg) {
    return { view: core.popupView(String(msg.url ?? ''), await currentLang()) };
  },
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only our own extension's pages and content scripts may ask; web pages cannot reach onMessage at all
  // (no externally_connectable), but a message from another extension would arrive at onMessageExternal.
  if (sender.id !== chrome.runtime.id) return false;
  const handler = msg && Object.hasOwn(handlers, msg.type) ? handlers[msg.type] : null;
  if (!handler) return false;
  ready
    .then(() => handler(msg, sender))
    .then((answer) => sendResponse({ ok: true, ...answer }))
    .catch((err) => sendResponse({ ok: false, error: String(err?.message ?? err) }));
  return true;
});
