// @ts-check
// "Vet a list" for businesses: paste URLs or upload a CSV; the core picks the URLs (`vetInput`), vets them in slices
// (`engine.vetRows`, a progress bar between slices so a long list never freezes the page), and makes the export
// (`engine.vetCsv`) — the very function `koltrust vet` prints, so the file is byte-identical to the CLI's. Sorting
// and filtering only reorder what is shown; the export keeps the input's order. Nothing leaves the device.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { coreReady } from '../registry.js';

/** @typedef {import('../pkg/koltrust.js').VetRow} VetRow */
/** @typedef {import('../types/portal').Ctx} Ctx */
/** A column of the table: the row's field it shows (and sorts by), and its heading's i18n key.
 * @typedef {[keyof VetRow, string]} Column */

const SLICE = 100;
/** @type {Column[]} */
const COLUMNS = [
  ['url', 'col_url'], ['status_label', 'col_status'], ['score', 'col_score'], ['cert_expires', 'col_expires'],
  ['active_sanctions_label', 'col_sanctions'], ['registry_id', 'col_registry_id'], ['name', 'col_name'],
];

// Kept across language switches and page visits (in memory only).
/** @type {{ text: string, rows: VetRow[], sort: keyof VetRow | null, dir: number, status: string, filter: string,
 *   vettedText: string, bom: boolean }} */
const state = { text: '', rows: [], sort: null, dir: 1, status: '', filter: '', vettedText: '', bom: false };

const today = () => new Date().toISOString().slice(0, 10);

/** @param {keyof VetRow} key @returns {(a: VetRow, b: VetRow) => number} */
function compare(key) {
  const numeric = key === 'score';
  return (a, b) => {
    const x = a[key] ?? '';
    const y = b[key] ?? '';
    if (numeric) return (Number(x || -1) - Number(y || -1)) * state.dir;
    return String(x).localeCompare(String(y), 'vi') * state.dir;
  };
}

function visibleRows() {
  const f = state.filter.trim().toLowerCase();
  let rows = state.rows.filter((r) => (!state.status || r.status === state.status)
    && (!f || [r.url, r.name, r.registry_id].some((v) => v.toLowerCase().includes(f))));
  if (state.sort) rows = [...rows].sort(compare(state.sort));
  return rows;
}

/** @param {() => unknown} refresh */
function table(refresh) {
  const rows = visibleRows();
  const head = h('tr', {}, COLUMNS.map(([key, label]) => {
    const sorted = state.sort === key;
    return h('th', { scope: 'col', 'aria-sort': sorted ? (state.dir > 0 ? 'ascending' : 'descending') : null },
      h('button', { type: 'button', class: 'sort', 'aria-label': t('vet_sort', { col: t(label) }), onclick: () => {
        state.dir = sorted ? -state.dir : 1;
        state.sort = key;
        refresh();
      } }, t(label), sorted ? (state.dir > 0 ? ' ▲' : ' ▼') : ''));
  }));
  // `data-label` names each cell on a phone, where the table becomes one card per row.
  /** @param {number} i @param {Record<string, string>} props @param {...import('../dom.js').Child} content */
  const cell = (i, props, ...content) => h('td', { ...props, 'data-label': t(COLUMNS[i][1]) }, ...content);
  const body = h('tbody', {}, rows.map((r) => h('tr', { class: `state-${r.status}` },
    cell(0, { class: 'url' }, r.url),
    cell(1, {}, h('span', { class: `badge state-${r.status}` }, r.status_label)),
    cell(2, { class: 'num' }, r.score),
    cell(3, {}, r.cert_expires),
    cell(4, {}, r.active_sanctions_label),
    cell(5, {}, r.registry_id ? h('a', { href: `#/check?q=${encodeURIComponent(r.registry_id)}` }, r.registry_id) : ''),
    cell(6, {}, r.name, r.fictional ? h('small', { class: 'tag' }, ` · ${t('fictional')}`) : ''))));
  return h('div', { class: 'table-wrap' },
    h('p', { id: 'vet-shown' }, t('vet_shown', { shown: rows.length, n: state.rows.length })),
    h('table', { id: 'vet-table', 'aria-describedby': 'vet-shown' }, h('thead', {}, head), body));
}

/** Each status shown, in order of first appearance: its label and how many rows have it. */
function counts() {
  /** @type {Map<string, [string, number]>} */
  const by = new Map();
  for (const r of state.rows) by.set(r.status, [r.status_label, (by.get(r.status)?.[1] ?? 0) + 1]);
  return by;
}

/** @param {Ctx} ctx @returns {HTMLElement} */
function results(ctx) {
  const wrap = h('section', { id: 'vet-results', 'aria-labelledby': 'vet-results-title' });
  const refresh = () => {
    const fresh = results(ctx);
    wrap.replaceWith(fresh);
    return fresh;
  };
  if (!state.rows.length) return wrap;
  const by = counts();
  const statusSelect = h('select', { id: 'vet-status', onchange: (/** @type {Event} */ e) => {
    state.status = /** @type {HTMLSelectElement} */ (e.target).value;
    refresh();
  } },
    h('option', { value: '' }, t('vet_all')),
    [...by].map(([code, [label, n]]) => h('option', { value: code, selected: state.status === code }, `${label} (${n})`)));
  const filter = h('input', { id: 'vet-filter', type: 'search', value: state.filter });
  filter.addEventListener('change', () => {
    state.filter = filter.value;
    /** @type {HTMLInputElement | null} */ (refresh().querySelector('#vet-filter'))?.focus();
  });
  wrap.append(
    h('h2', { id: 'vet-results-title' }, t('vet_report_title')),
    h('p', { class: 'print-meta' }, t('vet_report_meta', { date: today(), seq: ctx.freshness?.sequence ?? '?', n: state.rows.length })),
    h('ul', { class: 'summary' }, [...by].map(([code, [label, n]]) => h('li', {}, h('span', { class: `badge state-${code}` }, label), ` ${n}`))),
    h('div', { class: 'toolbar no-print' },
      h('div', {}, h('label', { for: 'vet-status' }, t('vet_filter_status')), statusSelect),
      h('div', {}, h('label', { for: 'vet-filter' }, t('vet_filter_text')), filter),
      h('button', { type: 'button', id: 'vet-export', onclick: () => exportCsv(ctx) }, t('vet_export')),
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', id: 'vet-bom', checked: state.bom, onchange: (/** @type {Event} */ e) => {
          state.bom = /** @type {HTMLInputElement} */ (e.target).checked;
        } }),
        ' ', t('vet_bom')),
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('vet_print'))),
    table(refresh));
  return wrap;
}

/** @param {Ctx} ctx */
function exportCsv(ctx) {
  if (!ctx.engine) throw new Error('vet export: no registry'); // the button shows only after a vetting, which needs one
  const csv = ctx.engine.vetCsv(state.vettedText, state.bom);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: `koltrust-vet-${today()}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** @param {HTMLElement} main @param {URLSearchParams} _params @param {Ctx} ctx */
export async function render(main, _params, ctx) {
  const text = h('textarea', { id: 'vet-text', rows: 8, spellcheck: 'false', 'aria-describedby': 'vet-intro' });
  text.value = state.text;
  text.addEventListener('input', () => { state.text = text.value; });
  const file = h('input', { id: 'vet-file', type: 'file', accept: '.csv,.txt,text/csv,text/plain' });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    text.value = state.text = await f.text();
  });
  const progress = h('progress', { id: 'vet-progress', max: 1, value: 0, hidden: true, 'aria-label': t('vet_progress') });
  const message = h('p', { id: 'vet-message', role: 'status' });
  const button = h('button', { type: 'submit' }, t('vet_button'));
  // The results are redrawn in place by sorting and filtering (results() replaces itself), so a new vetting swaps
  // the box's content rather than a node it may no longer be.
  const resultsBox = h('div', {}, results(ctx));
  const form = h('form', { class: 'no-print', onsubmit: async (/** @type {SubmitEvent} */ e) => {
    e.preventDefault();
    const engine = await ctx.registry;
    if (!engine) {
      message.textContent = t('not_loaded');
      return;
    }
    const input = text.value;
    const urls = (await coreReady).vetInput(input);
    if (!urls.length) {
      message.textContent = t('vet_empty');
      return;
    }
    button.disabled = true;
    progress.hidden = false;
    progress.max = urls.length;
    progress.value = 0;
    /** @type {VetRow[]} */
    const rows = [];
    for (let i = 0; i < urls.length; i += SLICE) {
      rows.push(...engine.vetRows(urls.slice(i, i + SLICE), ctx.lang()));
      progress.value = rows.length;
      message.textContent = `${rows.length} / ${urls.length}`;
      await new Promise((r) => setTimeout(r, 0)); // let the page paint the progress between slices
    }
    Object.assign(state, { rows, vettedText: input, sort: null, dir: 1, status: '', filter: '' });
    message.textContent = t('vet_done', { n: rows.length });
    button.disabled = false;
    resultsBox.replaceChildren(results(ctx));
  } },
  h('label', { for: 'vet-text' }, t('vet_label')), text,
  h('label', { for: 'vet-file' }, t('vet_file')), file,
  h('div', { class: 'row' }, button, progress), message);
  main.append(h('h1', { class: 'no-print' }, t('vet_title')), h('p', { id: 'vet-intro', class: 'no-print' }, t('vet_intro')), form, resultsBox);
  // Rows vetted in the other language are re-labelled by vetting again (cheap) when the language changed.
  if (state.rows.length && ctx.engine) {
    state.rows = ctx.engine.vetRows((await coreReady).vetInput(state.vettedText), ctx.lang());
    resultsBox.replaceChildren(results(ctx));
  }
}
