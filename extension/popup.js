// Toolbar popup glue: finds the page the person is looking at, asks the worker (which asks the core) for its view,
// and places the already-localized strings. No decisions here.

/** The last page the person looked at: the active tab when opened from the toolbar; when the popup is opened as a
 * tab of its own (tests, keyboard users), the most recently used tab that is not one of our pages. */
async function currentPage() {
  const ours = chrome.runtime.getURL('');
  const tabs = await chrome.tabs.query({ windowType: 'normal' });
  const candidates = tabs.filter((t) => t.url && !t.url.startsWith(ours));
  candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return candidates[0] ?? null;
}

function show(id, text) {
  const el = document.getElementById(id);
  el.hidden = !text;
  if (text) el.textContent = text;
  return el;
}

/** "Báo cáo trang này / Report this page": the tab's content script opens the report dialog over the page (opening
 * the popup granted activeTab on that tab, so the dialog can attach a screenshot). */
function reportButton(tab) {
  const button = document.getElementById('report-page');
  if (!tab?.id || !/^https:/.test(tab.url ?? '')) return;
  button.textContent = chrome.i18n.getMessage('popupReport');
  button.hidden = false;
  button.addEventListener('click', async () => {
    const reply = await chrome.runtime.sendMessage({ type: 'reportTab', tabId: tab.id }).catch(() => null);
    if (reply?.ok) return window.close();
    show('report-error', chrome.i18n.getMessage('popupReportFailed'));
  });
}

async function main() {
  const tab = await currentPage();
  const reply = await chrome.runtime.sendMessage({ type: 'tabStatus', tabId: tab?.id ?? -1, url: tab?.url ?? '' });
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

main().catch((err) => {
  show('message', `Lỗi / Error: ${err.message ?? err}`);
  document.body.dataset.ready = 'error';
});
