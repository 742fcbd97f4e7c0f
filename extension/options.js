// Options page glue: static strings from chrome.i18n (_locales), the chosen language kept in chrome.storage.local,
// where the service worker reads it for every answer it localizes.

for (const el of document.querySelectorAll('[data-i18n]')) {
  const text = chrome.i18n.getMessage(el.dataset.i18n);
  if (text) el.textContent = text;
}
document.documentElement.lang = chrome.i18n.getUILanguage().startsWith('en') ? 'en' : 'vi';

const select = document.getElementById('lang');
chrome.storage.local.get('lang').then(({ lang }) => {
  select.value = lang ?? 'auto';
  document.body.dataset.ready = 'true';
});
select.addEventListener('change', async () => {
  await chrome.storage.local.set({ lang: select.value });
  document.getElementById('saved').textContent = chrome.i18n.getMessage('optionsSaved');
});
