// @ts-check
// Track a report by its receipt (`#/track?receipt=R-…`): `GET /v1/complaints/<receipt>` answers only the status, its
// label in both languages and two times. Receipts sent from this browser are remembered locally to be listed here.
import { h } from '../dom.js';
import { t } from '../i18n.js';

const KEY = 'koltrust.receipts';

function mine() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((r) => typeof r === 'string') : [];
  } catch {
    return [];
  }
}

/** Keeps a receipt on this device (newest first, at most 20). */
/** @param {unknown} receipt */
export function remember(receipt) {
  if (typeof receipt !== 'string') return;
  localStorage.setItem(KEY, JSON.stringify([receipt, ...mine().filter((r) => r !== receipt)].slice(0, 20)));
}

/** @param {number | null | undefined} ms @param {string} lang */
function when(ms, lang) {
  if (!ms) return '';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** @param {HTMLElement} main @param {URLSearchParams} params @param {import('../types/portal').Ctx} ctx */
export async function render(main, params, ctx) {
  const receipt = (params.get('receipt') ?? '').trim();
  const input = h('input', { id: 'receipt-input', name: 'receipt', value: receipt, autocomplete: 'off', spellcheck: 'false',
    placeholder: 'R-XXXX-XXXX-XXXX-XXXX', 'aria-describedby': 'track-intro' });
  const result = h('section', { id: 'track-result', 'aria-live': 'polite' });
  main.append(h('h1', {}, t('track_title')), h('p', { id: 'track-intro' }, t('track_intro')),
    h('form', { onsubmit: (/** @type {Event} */ e) => {
      e.preventDefault();
      location.hash = `#/track?receipt=${encodeURIComponent(input.value.trim().toUpperCase())}`;
    } }, h('label', { for: 'receipt-input' }, t('track_label')),
    h('div', { class: 'row' }, input, h('button', { type: 'submit' }, t('track_button')))),
    result);
  const list = mine();
  if (list.length) {
    main.append(h('h2', {}, t('track_mine')),
      h('ul', {}, list.map((r) => h('li', {}, h('a', { href: `#/track?receipt=${encodeURIComponent(r)}`, class: 'code' }, r)))));
  }
  if (!receipt) return;
  try {
    const res = await fetch(new URL(`v1/complaints/${encodeURIComponent(receipt)}`, document.baseURI), { cache: 'no-store' });
    const body = await res.json().catch(() => ({}));
    if (res.status === 404) {
      result.append(h('p', { class: 'error' }, t('track_not_found')));
      return;
    }
    if (!res.ok) throw new Error(body?.error?.message ?? `${res.status}`);
    const lang = ctx.lang();
    result.append(h('dl', { class: 'facts', id: 'track-facts' },
      h('dt', {}, t('track_label')), h('dd', { class: 'code' }, body.receipt),
      h('dt', {}, t('track_status')), h('dd', {}, h('span', { class: `badge status-${body.status}`, 'data-status': body.status }, body.label?.[lang] ?? body.status)),
      h('dt', {}, t('track_received')), h('dd', {}, when(body.received, lang)),
      h('dt', {}, t('track_updated')), h('dd', {}, when(body.updated, lang))));
  } catch (err) {
    result.append(h('p', { class: 'error', role: 'alert' }, navigator.onLine ? t('error', { error: err.message ?? err }) : t('r_offline')));
  }
}
