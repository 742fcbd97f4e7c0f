// @ts-check
// Toolbar popup glue: finds the page the person is looking at, asks the worker (which asks the core) for its view,
// and places the already-localized strings. No decisions here.
import { requestSiteAccess, siteAccessGranted } from './browser.js';

/** The last page the person looked at: the active tab when opened from the toolbar; when the popup is opened as a
 * tab of its own (tests, keyboard users), the most recently used tab that is not one of our pages. */
async function currentPage() {
  const ours = chrome.runtime.getURL('');
  const tabs = await chrome.tabs.query({ windowType: 'normal' });
  const candidates = tabs.filter((t) => t.url && !t.url.startsWith(ours));
  candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return candidates[0] ?? null;
}

/** @param {string} id @param {string | null | undefined} text */
function show(id, text) {
  const el = /** @type {HTMLElement} */ (document.getElementById(id));
  el.hidden = !text;
  if (text) el.textContent = text;
  return el;
}

/** "Báo cáo trang này / Report this page": the tab's content script opens the report dialog over the page (opening
 * the popup granted activeTab on that tab, so the dialog can attach a screenshot).
 * @param {chrome.tabs.Tab | null} tab */
function reportButton(tab) {
  const button = /** @type {HTMLButtonElement} */ (document.getElementById('report-page'));
  if (!tab?.id || !/^https:/.test(tab.url ?? '')) return;
  button.textContent = chrome.i18n.getMessage('popupReport');
  button.hidden = false;
  button.addEventListener('click', async () => {
    /** @satisfies {import('./types/messages').WorkerRequest} */
    const request = { type: 'reportTab', tabId: /** @type {number} */ (tab.id) };
    const reply = await chrome.runtime.sendMessage(request).catch(() => null);
    if (reply?.ok) return window.close();
    show('report-error', chrome.i18n.getMessage('popupReportFailed'));
  });
}

/** The core's state colours (src/views/palette.rs) as `--kt-<state>-*` custom properties, which popup.css uses. */
async function adoptPalette() {
  /** @satisfies {import('./types/messages').WorkerRequest} */
  const request = { type: 'palette' };
  const reply = await chrome.runtime.sendMessage(request);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no palette from the service worker');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(reply.css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

async function main() {
  const palette = adoptPalette();
  const tab = await currentPage();
  /** @satisfies {import('./types/messages').WorkerRequest} */
  const request = { type: 'tabStatus', tabId: tab?.id ?? -1, url: tab?.url ?? '' };
  const reply = await chrome.runtime.sendMessage(request);
  await palette;
  if (!reply?.ok) throw new Error(reply?.error ?? 'no answer from the service worker');
  const v = reply.view;
  document.documentElement.lang = v.lang;
  show('heading', v.heading);
  show('subject', v.subject);
  const badge = show('badge', v.badge ? 'x' : '');
  if (v.badge) {
    badge.className = v.badge.state;
    badge.title = v.badge.title;
    badge.replaceChildren();
    const icon = document.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = v.badge.icon;
    const label = document.createElement('span');
    label.textContent = v.badge.label;
    badge.append(icon, ' ', label);
  }
  show('message', v.message);
  show('demo-notice', v.demo_notice);
  show('registry-line', v.registry_line);
  show('reports-heading', v.reports_heading);
  show('reports-empty', v.reports_empty);
  show('options', v.options_label);
  reportButton(tab);
  document.body.dataset.ready = 'true';
}

/** A time in the browser's zone and the page language's date format. @param {number} ms */
function when(ms) {
  const locale = document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN';
  return new Date(ms).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
}

/** @param {string} className @param {string} label @param {string} value */
function line(className, label, value) {
  const el = document.createElement('div');
  el.className = className;
  if (label) {
    const l = document.createElement('span');
    l.className = 'label';
    l.textContent = `${label}: `;
    el.append(l);
  }
  const v = document.createElement('span');
  v.className = 'value';
  v.textContent = value;
  el.append(v);
  return el;
}

/** "My reports": the core's view (worker/outbox.js), placed with textContent only.
 * @param {import('./types/messages').MyReportsView} v */
function showReports(v) {
  show('reports-heading', v.heading);
  show('reports-empty', v.empty);
  const refresh = /** @type {HTMLButtonElement} */ (show('reports-refresh', v.items.length ? v.refresh_label : ''));
  refresh.disabled = false;
  const list = /** @type {HTMLElement} */ (document.getElementById('reports-list'));
  list.replaceChildren(
    ...v.items.map((r) => {
      const li = document.createElement('li');
      li.className = `report ${r.delivery}`;
      li.dataset.id = r.id;
      li.append(line('report-profile', '', `${r.platform} · ${r.account_id}`));
      li.append(line('report-category', '', r.category));
      li.append(line('report-created', v.created_label, when(r.created_ms)));
      const delivery = line('report-delivery', '', r.delivery_label);
      delivery.dataset.state = r.delivery;
      li.append(delivery);
      if (r.reason) li.append(line('report-reason', '', r.reason));
      if (r.receipt) li.append(line('report-receipt', v.receipt_label, r.receipt));
      if (r.status_text) {
        const status = line('report-status', v.status_label, r.status_text);
        status.dataset.status = /** @type {string} */ (r.status); // present with status_text
        li.append(status);
      }
      if (r.reply) li.append(line('report-reply', v.reply_label, r.reply));
      if (r.refreshed_ms) li.append(line('report-refreshed', v.refreshed_label, when(r.refreshed_ms)));
      return li;
    }),
  );
}

/** Asks the worker for "My reports"; opening the popup refreshes statuses not read for a while, the button all.
 * @param {boolean} force */
async function loadReports(force) {
  const section = /** @type {HTMLElement} */ (document.getElementById('reports'));
  section.dataset.state = 'loading';
  /** @satisfies {import('./types/messages').WorkerRequest} */
  const request = { type: 'myReports', refresh: true, force };
  const reply = await chrome.runtime.sendMessage(request);
  if (!reply?.ok) throw new Error(reply?.error ?? 'no answer from the service worker');
  showReports(reply.view);
  section.dataset.state = 'ready';
}

/** @type {HTMLButtonElement} */ (document.getElementById('reports-refresh')).addEventListener('click', (e) => {
  /** @type {HTMLButtonElement} */ (e.currentTarget).disabled = true;
  loadReports(true).catch(reportsFailed);
});

/** When the person has not let the extension read the supported sites (Firefox asks for it, and both Firefox and
 * Chrome let people take it back), no badge can show: say so, with a button that asks the browser for it. */
async function siteAccess() {
  const box = /** @type {HTMLElement} */ (document.getElementById('site-access'));
  if (await siteAccessGranted()) return;
  /** @type {HTMLElement} */ (document.getElementById('site-access-text')).textContent = chrome.i18n.getMessage('popupSiteAccess');
  const button = /** @type {HTMLButtonElement} */ (document.getElementById('site-access-grant'));
  button.textContent = chrome.i18n.getMessage('popupSiteAccessGrant');
  button.addEventListener('click', async () => {
    if (await requestSiteAccess().catch(() => false)) box.hidden = true;
  });
  box.hidden = false;
}

/** @param {any} err */
function reportsFailed(err) {
  show('reports-empty', `Lỗi / Error: ${err.message ?? err}`);
  /** @type {HTMLElement} */ (document.getElementById('reports')).dataset.state = 'error';
}

siteAccess().catch(() => {
  // The permissions API is missing: nothing to ask for.
});
main()
  .catch((err) => {
    show('message', `Lỗi / Error: ${err.message ?? err}`);
    document.body.dataset.ready = 'error';
  })
  .then(() => loadReports(false))
  .catch(reportsFailed);
