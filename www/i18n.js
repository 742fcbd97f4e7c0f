// @ts-check
// The portal's own wording (page chrome, forms, static pages) in Vietnamese (default) and English, from
// locales/<lang>.json — the portal's counterpart of the extension's _locales. Everything about a KOL (cards, statuses,
// sanctions, errors) comes from the core in the same language. The choice is remembered in localStorage.
const KEY = 'koltrust.lang';
let lang = localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
/** @type {Record<string, any>} */
let dict = {};

export const currentLang = () => lang;

export async function loadLang(next = lang) {
  const res = await fetch(`locales/${next}.json`);
  if (!res.ok) throw new Error(`locales/${next}.json: ${res.status}`);
  dict = await res.json();
  lang = next;
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(/** @type {HTMLElement} */ (el).dataset.i18nLabel));
  }
  // The switch button names the other language, in that language.
  document.getElementById('lang')?.setAttribute('lang', lang === 'vi' ? 'en' : 'vi');
}

/** The string for `key`, with `{name}` placeholders filled from `vars`.
 * @param {string | undefined} key @param {Record<string, string | number>} [vars] @returns {string} */
export function t(key, vars = {}) {
  let s = dict[/** @type {string} */ (key)];
  if (typeof s !== 'string') return /** @type {string} */ (key);
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** A list of strings (steps, points) for `key`.
 * @param {string} key @returns {string[]} */
export function list(key) {
  return Array.isArray(dict[key]) ? dict[key] : [];
}
