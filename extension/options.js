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
showUnknown.addEventListener('change', () => save({ showUnknown: showUnknown.checked }));
vetting.addEventListener('change', () => save({ vetting: vetting.checked }));
