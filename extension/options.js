// Options page glue: static strings from chrome.i18n (_locales), the chosen language kept in chrome.storage.local,
// where the service worker reads it for every answer it localizes.

for (const el of document.querySelectorAll('[data-i18n]')) {
  const text = chrome.i18n.getMessage(el.dataset.i18n);
  if (text) el.textContent = text;
}
document.documentElement.lang = chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'vi';

const select = document.getElementById('lang');
const showUnknown = document.getElementById('showUnknown');
const vetting = document.getElementById('vetting');
chrome.storage.local.get(['lang', 'showUnknown', 'vetting']).then(({ lang, showUnknown: show, vetting: vet }) => {
  select.value = lang ?? 'auto';
  showUnknown.checked = show === true;
  vetting.checked = vet === true;
  document.body.dataset.ready = 'true';
});

async function save(values) {
  await chrome.storage.local.set(values);
  document.getElementById('saved').textContent = chrome.i18n.getMessage('optionsSaved');
}
select.addEventListener('change', () => save({ lang: select.value }));
const only = document.getElementById('only');
chrome.storage.local.get('only').then(({ only: value }) => (only.value = value ?? 'all'));
only.addEventListener('change', () => save({ only: only.value }));
const secretMark = document.getElementById('secretMark');
chrome.storage.local.get('secretMark').then(({ secretMark: mark }) => (secretMark.value = mark ?? ''));
secretMark.addEventListener('change', () => save({ secretMark: secretMark.value.trim().slice(0, 4) }));
showUnknown.addEventListener('change', () => save({ showUnknown: showUnknown.checked }));

// The Alliance server and the registry in use. Updates are verified by the core against the keys pinned in the
// extension, so changing the server can never make the extension trust other data.
const serverUrl = document.getElementById('serverUrl');
const statusLine = document.getElementById('registryStatus');

function showStatus(s) {
  if (!s) return;
  const when = (ms) => (ms ? new Date(ms).toLocaleString(document.documentElement.lang) : '—');
  const parts = [
    chrome.i18n.getMessage('optionsRegistrySequence', [String(s.sequence ?? '—')]),
    chrome.i18n.getMessage(s.source === 'updated' ? 'optionsSourceUpdated' : 'optionsSourceBundled'),
    chrome.i18n.getMessage('optionsLastCheck', [when(s.lastCheck)]),
  ];
  if (s.freshness?.stale) parts.push(chrome.i18n.getMessage('optionsStale'));
  if (s.lastError) parts.push(chrome.i18n.getMessage('optionsLastError', [s.lastError]));
  statusLine.textContent = parts.join(' · ');
}

chrome.storage.local.get('serverUrl').then(({ serverUrl: url }) => {
  serverUrl.value = url ?? '';
  serverUrl.placeholder = 'http://127.0.0.1:8080/';
});
serverUrl.addEventListener('change', () => save({ serverUrl: serverUrl.value.trim() }));
chrome.runtime.sendMessage({ type: 'registryStatus' }).then((r) => showStatus(r?.status));
document.getElementById('updateNow').addEventListener('click', async () => {
  statusLine.textContent = chrome.i18n.getMessage('optionsUpdating');
  const r = await chrome.runtime.sendMessage({ type: 'updateNow' });
  showStatus(r?.status);
});
vetting.addEventListener('change', () => save({ vetting: vetting.checked }));
