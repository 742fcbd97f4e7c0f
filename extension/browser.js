// @ts-check
// What differs between the browsers the extension runs in — Chromium (Chrome, Edge, Cốc Cốc) and Firefox (desktop
// and Android) — in one place, so no other file asks which browser it is in (docs/architecture.md, "Firefox").
//
// The same sources run in both: Firefox implements the `chrome.*` namespace with promises for MV3, WebAssembly
// with 'wasm-unsafe-eval', storage.session, alarms, closed shadow roots. What differs is
//  - the manifest (the background's form, the add-on id, options_ui): written at build time by
//    `xtask/src/firefox.rs` from extension/manifest.json;
//  - where the background runs: a module service worker in Chromium, a module event page in Firefox. Both are
//    stopped when idle and both give `self` and `fetch`; the code relies on nothing else of either;
//  - what some browsers lack, answered here by feature detection (never by the browser's name):
//    Firefox for Android has no context menus and no badge text on its toolbar button;
//  - access to the sites: Firefox lets people withhold or revoke an MV3 extension's host permissions (so does
//    Chrome's "site access" menu); without it no content script runs and no badge shows, so the popup asks.
// Everything the worker and the extension's pages would otherwise test with an `if` on the browser is a function of
// this module (imported by background.js, worker/report.js and popup.js).


/** The browser family, from the extension's own URL scheme — for diagnostics (`registryStatus`), never for a
 * decision. @type {'firefox' | 'chromium'} */
export const family = chrome.runtime.getURL('').startsWith('moz-extension:') ? 'firefox' : 'chromium';

/** The context-menu API, or null where the browser has none (Firefox for Android).
 * @type {typeof chrome.contextMenus | null} */
export const contextMenus = chrome.contextMenus ?? null;

/** Shows `text` on the toolbar button for `tabId`, in `color` when given; nothing where the browser's button has no
 * badge text (Firefox for Android: the popup and the in-page badges still say everything).
 * @param {number} tabId @param {string} text @param {string} [color] */
export async function setToolbarBadge(tabId, text, color) {
  if (typeof chrome.action?.setBadgeText !== 'function') return;
  await chrome.action.setBadgeText({ tabId, text });
  if (text && color && typeof chrome.action.setBadgeBackgroundColor === 'function') {
    await chrome.action.setBadgeBackgroundColor({ tabId, color });
  }
}

/** The supported sites' origins, as the manifest asks for them (`host_permissions`). */
const SITES = chrome.runtime.getManifest().host_permissions ?? [];

/** Whether the person lets the extension read the supported sites (all of them).
 * @returns {Promise<boolean>} */
export function siteAccessGranted() {
  return chrome.permissions.contains({ origins: SITES });
}

/** Asks the person for access to the supported sites (the browser's own prompt; call it from a click).
 * @returns {Promise<boolean>} */
export function requestSiteAccess() {
  return chrome.permissions.request({ origins: SITES });
}
