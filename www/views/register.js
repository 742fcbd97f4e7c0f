// @ts-check
// The public sanctions register. Filters live in the URL (`#/register?kind=fine&status=active&text=…`), so every
// filtered view is a permalink, and `id=<anchor>` points at one decision. The core filters and sorts
// (`engine.sanctionsRegister`); this file draws the form and the entries.
import { fact, h, safeLink } from '../dom.js';
import { t } from '../i18n.js';

const FIELDS = ['text', 'kind', 'authority', 'status', 'at', 'from', 'to'];

/** @typedef {import('../pkg/koltrust.js').RegisterEntry} RegisterEntry */

/** @param {string} id @param {string} value @param {import('../pkg/koltrust.js').Choice[]} choices */
function select(id, value, choices) {
  return h('select', { id: `f-${id}`, name: id },
    h('option', { value: '' }, t('f_any')),
    choices.map((c) => h('option', { value: c.value, selected: c.value === value }, c.label)));
}

/** @param {string} id @param {string} label @param {HTMLElement} control */
function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: `f-${id}` }, label), control);
}

/** @param {RegisterEntry} e @param {boolean} focused */
function entry(e, focused) {
  const s = e.sanction;
  return h('article', { id: e.anchor, class: focused ? 'entry focused' : 'entry', tabindex: focused ? '-1' : null },
    h('h2', {}, e.name, ' — ', s.kind_label),
    h('p', {}, h('span', { class: `badge status-${e.status}` }, e.status_label), ' ',
      e.fictional ? h('span', { class: 'tag' }, t('fictional')) : ''),
    h('p', {}, s.summary),
    h('dl', {},
      fact(t('col_registry_id'), e.registry_id),
      fact(t('decision'), s.decision),
      fact(t('authority'), s.authority),
      fact(t('reason'), s.reason_label),
      fact(t('issued'), s.issued),
      fact(t('period'), s.period_label),
      fact(t('fine'), s.fine_label),
      [h('dt', {}, t('source')), h('dd', {}, safeLink(s.source_url))]),
    h('p', { class: 'permalink' }, h('a', { href: `#/register?id=${encodeURIComponent(e.anchor)}` }, t('permalink'))));
}

/** @param {HTMLElement} main @param {URLSearchParams} params @param {import('../types/portal').Ctx} ctx */
export async function render(main, params, ctx) {
  main.append(h('h1', {}, t('register_title')), h('p', {}, t('register_intro')));
  const engine = await ctx.registry;
  if (!engine) {
    main.append(h('p', { class: 'error' }, t('not_loaded')));
    return;
  }
  const filter = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? '']));
  let view;
  try {
    view = engine.sanctionsRegister(filter, ctx.lang());
  } catch (err) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error', { error: err.message ?? err })));
    view = engine.sanctionsRegister({}, ctx.lang());
  }
  /** @param {string} id @param {string} value */
  const date = (id, value) => h('input', { id: `f-${id}`, name: id, type: 'date', value });
  const form = h('form', { class: 'filters', onsubmit: (/** @type {SubmitEvent} */ e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    const filters = new FormData(/** @type {HTMLFormElement} */ (e.target)); // (the handler is the form's)
    for (const [k, v] of filters) if (String(v).trim()) q.set(k, String(v).trim());
    location.hash = `#/register?${q}`;
  } },
  field('text', t('f_text'), h('input', { id: 'f-text', name: 'text', type: 'search', value: filter.text })),
  field('kind', t('f_kind'), select('kind', filter.kind, view.kinds)),
  field('authority', t('f_authority'), select('authority', filter.authority, view.authorities.map((a) => ({ value: a, label: a })))),
  field('status', t('f_status'), select('status', filter.status, view.statuses)),
  field('at', t('f_at'), date('at', filter.at || view.at)),
  field('from', t('f_from'), date('from', filter.from)),
  field('to', t('f_to'), date('to', filter.to)),
  h('div', { class: 'row' }, h('button', { type: 'submit' }, t('f_apply')),
    h('a', { class: 'button secondary', href: '#/register' }, t('f_reset'))));
  const focusId = params.get('id');
  main.append(form,
    h('p', { id: 'register-count', role: 'status' }, t('register_count', { shown: view.entries.length, total: view.total })),
    view.entries.length
      ? h('div', { class: 'entries' }, view.entries.map((e) => entry(e, e.anchor === focusId)))
      : h('p', {}, t('register_none')));
  if (focusId) {
    const el = document.getElementById(focusId);
    el?.scrollIntoView();
    el?.focus();
  }
}
