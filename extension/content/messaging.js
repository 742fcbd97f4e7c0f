// @ts-check
// Messaging (`KolTrust.worker`): how every content script asks the service worker something (the core runs there,
// not in pages). One place for the two ways an ask can fail — the extension was reloaded (the page's content
// scripts are orphaned and sendMessage throws) or nothing answered — so no script handles them differently.
(() => {
  'use strict';

  /** The worker's reply, or `{ ok: false, error }` when the extension was reloaded or nothing answered.
   * @type {KolTrustNamespace['worker']['send']} */
  async function send(message) {
    try {
      return (await chrome.runtime.sendMessage(message)) ?? { ok: false, error: 'no answer' };
    } catch (err) {
      return { ok: false, error: String(/** @type {Error} */ (err)?.message ?? err) };
    }
  }

  /** The reply when the worker answered it; `null` otherwise (for callers with nothing to show for a failure).
   * @type {KolTrustNamespace['worker']['ask']} */
  async function ask(message) {
    const reply = await send(message);
    // `ok` tells the answer from a failure; TypeScript cannot narrow that on a reply type still generic in `K`.
    return reply.ok ? /** @type {any} */ (reply) : null;
  }

  KolTrust.worker = { send, ask };
})();
