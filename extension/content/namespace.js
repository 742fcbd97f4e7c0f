// @ts-check
/// <reference path="./globals.d.ts" />
// The content scripts' one shared name. The manifest injects these classic scripts (not modules: a manifest cannot
// inject modules) into one isolated world, in the order of its `content_scripts` list; this file runs first and
// creates `globalThis.KolTrust`, and every later file adds its own part to it (`KolTrust.sites`, `KolTrust.card`,
// …; the parts' shapes are in globals.d.ts). The rule that keeps the order safe: at load time a file only reads
// parts of files listed before it; anything of a later file is read when called, and main.js, listed last, starts
// everything. Nothing here is visible to the page (isolated world).
(() => {
  'use strict';
  // Parts are added by the files that follow, so the object starts empty; the declared type lists them all.
  globalThis.KolTrust = /** @type {KolTrustNamespace} */ ({});
})();
