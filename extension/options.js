// @ts-check
// Options page glue: static strings from chrome.i18n (_locales), the chosen language kept in chrome.storage.local,
// where the service worker reads it for every answer it localizes.
/** @typedef {import('./types/messages').WorkerRequest} WorkerRequest */
/** @typedef {import('./types/messages').RegistryStatus} RegistryStatus */
/** @typedef {import('./types/storage').StoredOptions} StoredOptions */

for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n]'))) {
  const text = chrome.i18n.getMessage(/** @type {string} */ (el.dataset.i18n));
  if (text) el.textContent = text;
}
document.documentElement.lang = chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'vi';

const select = /** @type {HTMLSelectElement} */ (document.getElementById('lang'));
const showUnknown = /** @type {HTMLInputElement} */ (document.getElementById('showUnknown'));
const vetting = /** @type {HTMLInputElement} */ (document.getElementById('vetting'));
/** @param {StoredOptions} stored */
const showStored = ({ lang, showUnknown: show, vetting: vet }) => {
  select.value = lang ?? 'auto';
  showUnknown.checked = show === true;
  vetting.checked = vet === true;
  document.body.dataset.ready = 'true';
};
chrome.storage.local.get(['lang', 'showUnknown', 'vetting']).then(showStored);

/** @param {StoredOptions} values */
async function save(values) {
  await chrome.storage.local.set(values);
  /** @type {HTMLElement} */ (document.getElementById('saved')).textContent = chrome.i18n.getMessage('optionsSaved');
}
select.addEventListener('change', () => save({ lang: select.value }));
const only = /** @type {HTMLSelectElement} */ (document.getElementById('only'));
chrome.storage.local.get('only').then((/** @type {StoredOptions} */ { only: value }) => (only.value = value ?? 'all'));
only.addEventListener('change', () => save({ only: /** @type {StoredOptions['only']} */ (only.value) }));
const secretMark = /** @type {HTMLInputElement} */ (document.getElementById('secretMark'));
chrome.storage.local
  .get('secretMark')
  .then((/** @type {StoredOptions} */ { secretMark: mark }) => (secretMark.value = mark ?? ''));
secretMark.addEventListener('change', () => save({ secretMark: secretMark.value.trim().slice(0, 4) }));
showUnknown.addEventListener('change', () => save({ showUnknown: showUnknown.checked }));

// The Alliance server and the registry in use. Updates are verified by the core against the keys pinned in the
// extension, so changing the server can never make the extension trust other data.
const serverUrl = /** @type {HTMLInputElement} */ (document.getElementById('serverUrl'));
const statusLine = /** @type {HTMLElement} */ (document.getElementById('registryStatus'));

/** @param {RegistryStatus | undefined} s */
function showStatus(s) {
  if (!s) return;
  /** @param {number | null} ms */
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

chrome.storage.local.get('serverUrl').then((/** @type {StoredOptions} */ { serverUrl: url }) => {
  serverUrl.value = url ?? '';
  serverUrl.placeholder = 'http://127.0.0.1:8080/';
});
serverUrl.addEventListener('change', () => save({ serverUrl: serverUrl.value.trim() }));
chrome.runtime
  .sendMessage(/** @satisfies {WorkerRequest} */ ({ type: 'registryStatus' }))
  .then((r) => showStatus(r?.ok ? r.status : undefined));
/** @type {HTMLButtonElement} */ (document.getElementById('updateNow')).addEventListener('click', async () => {
  statusLine.textContent = chrome.i18n.getMessage('optionsUpdating');
  const r = await chrome.runtime.sendMessage(/** @satisfies {WorkerRequest} */ ({ type: 'updateNow' }));
  showStatus(r?.ok ? r.status : undefined);
});
vetting.addEventListener('change', () => save({ vetting: vetting.checked }));
