// @ts-check
// KOL Trust service worker: the only place the Rust/WASM core runs for content scripts.
//
// Thin glue by design: it loads the core, answers messages by calling it, and decides nothing itself.
// MV3 rules that shape this file (docs/architecture.md, "Build and toolchain"):
//  - no top-level await (it silently kills a module service worker): `ready` is a promise every handler awaits;
//  - listeners are registered synchronously, at the top level, so a cold-started worker receives the message
//    that woke it;
//  - `return true` from onMessage keeps the channel open for the asynchronous answer;
//  - the worker is stopped after ~30 s idle, so what must outlive it (the page signals each tab reported, for the
//    popup) lives in chrome.storage.session — memory only, never written to disk, gone when the browser closes.
// In Firefox the same file is the MV3 background *script* (an event page, `background.scripts` in the manifest
// `cargo xtask dist` writes for it): the rules above hold there too. What differs between browsers is in
// browser.js, not here.
// Two WebAssembly modules (docs/architecture.md, "Two WebAssembly modules"): the first (`pkg/koltrust.js`) answers
// badge questions and is instantiated at start; the second (worker/lazy.js) only on the first message that needs
// the card, the report dialog, post flags or the outbox.
// Evaluation follows the order of these imports: boot.js starts compiling the first module, registry.js starts
// reading the stored snapshot, before the other scripts are evaluated.
import { firstModule } from './worker/boot.js';
import * as registry from './worker/registry.js';
import init from './pkg/koltrust.js';
import { lazyCore, lazyState } from './worker/lazy.js';
import * as report from './worker/report.js';
import * as outbox from './worker/outbox.js';
import { family, setToolbarBadge } from './browser.js';

/** @typedef {import('./types/messages').WorkerRequest} WorkerRequest */
/** @typedef {import('./types/messages').Handlers} Handlers */
/** @typedef {import('./types/messages').PageOnlyType} PageOnlyType */
/** @typedef {import('./types/messages').PageSignals} PageSignals */
/** @typedef {import('./types/koltrust-wasm').BadgeOptions} BadgeOptions */
/** @typedef {{ lang: string, options: BadgeOptions, vetting: boolean }} Settings */

const ready = firstModule.then((module) => init({ module_or_path: module })).then((wasm) => registry.openRegistry(wasm));

const UPDATE_ALARM = 'registry-update';
const UPDATE_PERIOD_MINUTES = 6 * 60;

/** The person's choices from the options page. The first read starts with the worker, beside the registry's, and
 * serves a question that wakes it; any later question reads them again, and so does the first when the options
 * changed meanwhile or it came later than `EARLY_SETTINGS_MS` (a worker started by an alarm), so a change on the
 * options page always applies to the next question.
 * @type {Promise<Settings> | null} */
let earlySettings = readSettings();
earlySettings.catch(() => {});
const EARLY_SETTINGS_MS = 2000;
chrome.storage.onChanged.addListener(() => {
  earlySettings = null;
});

/** @returns {Promise<Settings>} */
function settings() {
  const early = performance.now() < EARLY_SETTINGS_MS ? earlySettings : null;
  earlySettings = null;
  return early ?? readSettings();
}

/** @returns {Promise<Settings>} */
async function readSettings() {
  const { lang, showUnknown, only, vetting } = /** @type {import('./types/storage').StoredOptions} */ (
    await chrome.storage.local.get(['lang', 'showUnknown', 'only', 'vetting'])
  );
  return {
    lang: lang && lang !== 'auto' ? lang : chrome.i18n.getUILanguage(),
    options: { showUnknown: showUnknown === true, only: only ?? 'all' },
    vetting: vetting === true,
  };
}

/** The toolbar icon's badge per state of the tab's main profile: the badge's own symbol, in the state's colour from
 * the core's palette (presentation only; the state itself is the core's answer).
 * @param {number} tabId @param {PageSignals} signals @param {string} lang */
async function showOnToolbar(tabId, signals, lang) {
  // Whatever the person chose to badge in pages, the toolbar always reflects the main profile's status.
  const badge = (await registry.ask((e) => e.lookupPage(signals, lang, null))).badge;
  const color = badge ? await toolbarColour(badge.state) : undefined;
  const text = color && badge ? TOOLBAR_SYMBOL[badge.state] ?? '' : '';
  await setToolbarBadge(tabId, text, color);
}

/** The core's state colours (`src/views/palette.rs`), which `cargo xtask dist` writes into the build as
 * `palette.css`: CSS custom properties for every surface. Kept out of the WebAssembly, where the same text cost
 * ~1.5 KB gzipped of the size budget for no decision. */
const paletteCss = fetch(new URL('./palette.css', import.meta.url)).then((r) => {
  if (!r.ok) throw new Error(`palette.css: HTTP ${r.status}`);
  return r.text();
});

/** The toolbar badge's colour for a state: the state's light `line` colour, the one the core's
 * `palette::toolbar_colour` names (it reads on light and dark toolbars alike).
 * @param {string} state @returns {Promise<string | undefined>} */
async function toolbarColour(state) {
  const light = (await paletteCss).split('@media')[0];
  return new RegExp(`--kt-${state}-line:\\s*(#[0-9a-f]{6})`).exec(light)?.[1];
}

/** Short symbols that fit the toolbar badge (the in-page icons are drawn; the toolbar takes text).
 * @type {Record<string, string>} */
const TOOLBAR_SYMBOL = { sanctioned: '!', lookalike: '≈', certified: '✓', expired: '⌛', registered: 'i' };

const tabKey = (/** @type {number} */ tabId) => `tab:${tabId}`;

/** Requests only the extension's own pages may make (not content scripts, which live in web pages).
 * @type {Set<string>} */
const pageOnly = new Set(/** @type {PageOnlyType[]} */ (['registryStatus', 'updateNow', 'reportTab', 'myReports']));

/** @type {Handlers} */
const handlers = {
  /** The state colours as CSS custom properties, for the content scripts' shadow roots (core `palette`). */
  async palette() {
    return { css: await paletteCss };
  },
  /** Which registry answers, how fresh it is, the last update attempt, the worker's cold start; and which
   * WebAssembly modules this worker has instantiated (the second only once something needed it). */
  async registryStatus() {
    return { status: registry.registryStatus(), modules: modules(), browser: family };
  },
  /** "Update now" from the options page or popup. */
  async updateNow() {
    return { status: await registry.updateNow() };
  },
  /** A content script's batch of link hrefs → one badge answer (or null) per href. A first question is answered as
   * soon as registered accounts are: links whose look-alike check needs the name index (read after the resident
   * prefix) come back in `recheck`, answered for now as unregistered, and the content script asks them again with
   * `final`, which reads what the check needs. */
  async lookupLinks(msg) {
    if (!Array.isArray(msg.hrefs)) throw new Error('hrefs must be an array');
    const names = Array.isArray(msg.names) ? msg.names.map((n) => (typeof n === 'string' ? n : null)) : undefined;
    const { lang, options } = await settings();
    const hrefs = msg.hrefs.map(String);
    if (msg.final === true) {
      const answers = await registry.ask((e) => e.lookupLinks(hrefs, lang, options, names));
      registry.notePhase('finalAnswer');
      return { answers };
    }
    // The links whose records are not loaded yet are asked again alone once their bytes are read, so the rest of
    // the batch (strangers and their look-alike checks, most of a feed) is not answered twice.
    const { answers, pending, recheck } = await registry.ask((e) => e.lookupLinksPartial(hrefs, lang, options, names));
    if (pending.length) {
      const pick = (/** @type {any[]} */ xs) => pending.map((i) => xs[i]);
      const rest = await registry.ask((e) => e.lookupLinks(pick(hrefs), lang, options, names && pick(names)));
      pending.forEach((i, k) => (answers[i] = rest[k]));
    }
    return recheck.length ? { answers, recheck } : { answers };
  },
  /** A content script's page signals → whose page this is and their badge. Remembered for the popup. */
  async lookupPage(msg, sender) {
    const { lang, options } = await settings();
    const answer = await registry.ask((e) => e.lookupPage(msg.signals, lang, options));
    if (sender.tab?.id != null && sender.frameId === 0) {
      await chrome.storage.session.set({ [tabKey(sender.tab.id)]: msg.signals });
      await showOnToolbar(sender.tab.id, msg.signals, lang);
    }
    return answer;
  },
  /** A badge was opened: the detail card of that one account (its platform, namespace and canonical id, as the
   * badge answer named them), with the vetting record when vetting mode is on. The core refuses anything else.
   * The first module reads the account's record (`cardFacts`), the second builds the card from it. */
  async card(msg) {
    const { lang, vetting } = await settings();
    const [platform, idType, accountId] = [msg.platform, msg.id_type, msg.account_id].map((v) => String(v ?? ''));
    const name = typeof msg.name === 'string' ? msg.name : undefined;
    const facts = await registry.ask((e) => e.cardFacts(platform, idType, accountId, name));
    return { card: (await lazyCore()).detailCard(facts, platform, accountId, lang, vetting) };
  },
  // Reporting in place: the dialog's draft and preview, post flags, the screenshot, the popup's "Report this page".
  ...report.handlers(settings),
  /** The report dialog's submit: validated, stored in the outbox, then sent (contract in worker/outbox.js). */
  async submitReport(msg) {
    const { lang } = await settings();
    return outbox.submit(msg.complaint, lang);
  },
  /** The popup's "My reports"; `refresh` reads stale statuses, `force` (a person's click) every open one. */
  async myReports(msg) {
    const { lang } = await settings();
    return { view: await outbox.myReports(lang, msg.refresh ? (msg.force ? 'all' : 'stale') : 'no') };
  },
  /** The popup's question about a tab: its content script's last signals, else just its URL. */
  async tabStatus(msg) {
    const { lang } = await settings();
    const key = tabKey(msg.tabId);
    const stored = /** @type {PageSignals | undefined} */ ((await chrome.storage.session.get(key))[key]);
    const signals = stored && stored.location === msg.url ? stored : { location: String(msg.url ?? '') };
    return { view: await registry.ask((e) => e.popupView(signals, lang)) };
  },
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  // Only our own extension's pages and content scripts reach onMessage (web pages cannot: no
  // externally_connectable); anything else is ignored.
  if (sender.id !== chrome.runtime.id) return false;
  // One handler per `type`; each reads its own request's fields (types/messages.d.ts).
  /** @type {((msg: WorkerRequest, sender: chrome.runtime.MessageSender) => Promise<object>) | null} */
  const handler = msg && Object.hasOwn(handlers, msg.type) ? /** @type {any} */ (handlers)[msg.type] : null;
  if (!handler) return false;
  if (pageOnly.has(msg.type) && !(sender.url ?? '').startsWith(chrome.runtime.getURL(''))) return false;
  ready
    .then(() => {
      registry.engine.setNow(Date.now()); // statuses are judged on today, even in a long-lived worker
      return handler(msg, sender);
    })
    .then((answer) => {
      registry.noteFirstAnswer();
      sendResponse({ ok: true, ...answer });
    })
    .catch((err) => sendResponse({ ok: false, error: String(err?.message ?? err) }));
  return true;
});

report.install();

/** Which WebAssembly modules this worker has instantiated: a badge must never need the second one (the browser tests
 * read this through `registryStatus`; the worker's console through `kolTrustModules()`; web pages can reach
 * neither).
 * @returns {import('./types/messages').ModuleStates} */
function modules() {
  const { state, loadMs, memoryBytes } = lazyState();
  const first = registry.engine ? 'ready' : 'loading';
  return { first, second: state, secondLoadMs: loadMs, secondMemoryBytes: memoryBytes };
}
globalThis.kolTrustModules = modules;

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(tabKey(tabId));
});

// Registry updates: periodically, and once soon after install or browser start. The manifest request carries no
// browsing data: it is the same for everyone.
chrome.runtime.onInstalled.addListener(() => {
  chrome.alarms.create(UPDATE_ALARM, { delayInMinutes: 1, periodInMinutes: UPDATE_PERIOD_MINUTES });
});
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === UPDATE_ALARM) ready.then(registry.updateNow);
  if (alarm.name === outbox.ALARM) ready.then(outbox.flush);
});

// Reports waiting in the outbox go out at every worker start (one stopped mid-send is resent with the same id),
// when the network comes back, and when the outbox alarm fires.
// At start it waits for the first answer (or a second without a question), so that a cold start's badge question
// does not share the worker's first milliseconds with the outbox's reads.
Promise.race([registry.firstAnswer, new Promise((resolve) => setTimeout(resolve, 1000))])
  .then(() => ready)
  .then(outbox.flush)
  .catch(() => {});
self.addEventListener('online', () => ready.then(outbox.flush).catch(() => {}));
