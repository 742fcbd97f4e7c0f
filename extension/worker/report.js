// @ts-check
// Reporting in place, worker side: the report dialog's questions (draft, preview, which posts get a Report button)
// go to the core; this file adds only what needs the browser — the screenshot of the visible tab, the context-menu
// entry, and opening the dialog in a tab for the popup and the menu. Sending is the outbox's (`submitReport`).
//
// Screenshots: `chrome.tabs.captureVisibleTab` needs `activeTab` (granted when the person uses the toolbar popup or
// the context menu on that tab) or `<all_urls>`; host permissions for the sites are not enough (measured on
// Chromium 156: "Either the '<all_urls>' or 'activeTab' permission is required"). KOL Trust does not ask for
// `<all_urls>`, so a dialog opened from an in-page button can attach one only after such a gesture, and says so.
import { lazyCore } from './lazy.js';
import * as registry from './registry.js';
import { contextMenus } from '../browser.js';

const MENU_ID = 'kol-trust-report';

/** @typedef {import('../types/messages').Handlers} Handlers */
/** @typedef {import('../types/messages').TabMessage} TabMessage */
/** @typedef {'reportDraft' | 'reportPreview' | 'detectPosts' | 'captureScreenshot' | 'reportTab'} ReportMessageType */

/** Where the context-menu entry appears: the sites the content scripts run on. */
const SITES = /** @type {NonNullable<chrome.runtime.Manifest['content_scripts']>} */ (
  chrome.runtime.getManifest().content_scripts
)[0].matches;

/** A blob as a `data:` URL (service workers have no FileReader-to-URL shortcut worth the difference). */
/** @param {Blob} blob */
async function dataUrl(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type};base64,${btoa(binary)}`;
}

/** A captured image (`data:` URL) as a JPEG small enough to send, following the core's steps (width, quality).
 * @param {string} captured
 * @returns {Promise<string>} */
async function encodeForReport(captured) {
  const core = await lazyCore();
  const bitmap = await createImageBitmap(await (await fetch(captured)).blob());
  try {
    for (let attempt = 0; ; attempt++) {
      const step = core.screenshotStep(attempt);
      if (!step) throw new Error('screenshot too large');
      const [maxWidth, quality] = step;
      const scale = Math.min(1, maxWidth / bitmap.width);
      const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
      const context = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const url = await dataUrl(await canvas.convertToBlob({ type: 'image/jpeg', quality: quality / 100 }));
      if (core.screenshotFits(url.length)) return url;
    }
  } finally {
    bitmap.close();
  }
}

/** The visible part of `tab`, ready to attach.
 * @param {chrome.tabs.Tab | undefined} tab */
async function captureVisible(tab) {
  if (!tab?.active) throw new Error('the tab is not the visible one');
  return encodeForReport(await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' }));
}

/** Asks the content script of `tabId` to open the report dialog with `context` (it adds what the page shows).
 * @param {number} tabId @param {import('../types/messages').OpenReportMessage['context']} context */
async function openInTab(tabId, context, frameId = 0) {
  await chrome.tabs.sendMessage(tabId, /** @satisfies {TabMessage} */ ({ type: 'openReport', context }), { frameId });
}

/** The context-menu entry: on a link, the report is about what the link names; elsewhere, about the page.
 * @param {chrome.contextMenus.OnClickData} info @param {chrome.tabs.Tab | undefined} tab */
export async function contextMenuClicked(info, tab) {
  if (info.menuItemId !== MENU_ID || tab?.id == null) return;
  await openInTab(tab.id, info.linkUrl ? { profileUrl: info.linkUrl } : {}, info.frameId ?? 0);
}

/** Registers the context-menu entry (once per install or update; Chrome and Firefox keep it across worker and
 * event-page restarts). @param {typeof chrome.contextMenus} menus */
function createMenu(menus) {
  menus.removeAll(() =>
    menus.create({
      id: MENU_ID,
      title: chrome.i18n.getMessage('contextMenuReport'),
      contexts: ['link', 'page'],
      documentUrlPatterns: SITES,
    }),
  );
}

/** Listeners, registered synchronously at the worker's top level (MV3). Where the browser has no context menus
 * (Firefox for Android) the popup's "Report this page" and the in-page buttons remain. */
export function install() {
  const menus = contextMenus;
  if (!menus) return;
  chrome.runtime.onInstalled.addListener(() => createMenu(menus));
  menus.onClicked.addListener((info, tab) => {
    contextMenuClicked(info, tab).catch(() => {
      // A tab without our content script (a page that loaded before the extension): nothing to open there.
    });
  });
}

/** The core's report answer, JSON text `{draft, preview}`: the second module resolves which account the report is
 * about, the first module (which holds the registry) says what the registry knows of it, the second drafts.
 * @param {import('../types/messages').ReportContext} context
 * @param {import('../types/messages').ReportEdits | null} edits @param {string} lang */
async function reportAnswer(context, edits, lang) {
  const core = await lazyCore();
  const account = core.reportAccount(context);
  const facts =
    account &&
    (await registry.ask((e) =>
      e.profileFacts(account.platform, account.id_type, account.account_id, lang, context.displayName ?? undefined),
    ));
  return core.report(context, facts, edits, lang);
}

/** Message handlers; `settings()` is the worker's reader of the person's options.
 * @param {() => Promise<{ lang: string }>} settings
 * @returns {Pick<Handlers, ReportMessageType>} */
export function handlers(settings) {
  return {
    /** The dialog's model for what the content script saw. */
    async reportDraft(msg) {
      const { lang } = await settings();
      return { draft: JSON.parse(await reportAnswer(msg.context, null, lang)).draft };
    },
    /** The list of what will be sent and the exact submission (the second click sends that). */
    async reportPreview(msg) {
      const { lang } = await settings();
      return { preview: JSON.parse(await reportAnswer(msg.context, msg.edits ?? {}, lang)).preview };
    },
    /** A feed's posts ({text, links}) → a Report button ({label, title}) or null per post. */
    async detectPosts(msg) {
      const { lang } = await settings();
      return { flags: JSON.parse((await lazyCore()).detectPosts(msg.posts, lang)) };
    },
    /** The visible tab of the dialog that asked, as a JPEG `data:` URL. */
    async captureScreenshot(msg, sender) {
      return { screenshot: await captureVisible(sender.tab) };
    },
    /** The popup's "Report this page". */
    async reportTab(msg) {
      await openInTab(Number(msg.tabId), {});
      return {};
    },
  };
}

// The menu handler and the screenshot encoder, for the worker's own console and the browser tests (a headless
// context menu cannot be clicked, and a headless test cannot press the toolbar button that grants activeTab). Web
// pages cannot reach the worker's globals.
globalThis.kolTrustContextMenuClicked = contextMenuClicked;
globalThis.kolTrustEncodeScreenshot = encodeForReport;
