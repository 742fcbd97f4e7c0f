// @ts-check
// The register for registrars: search, one record in full, and its edits — add a sanction (authority, decision
// reference, dates and public source required), grant or renew the certificate, edit or create a record as source
// JSON. The server validates each edit with the core against the whole registry and answers its problems as text.
import { api, query } from '../api.js';
import { dl, field, h, select, table, when, fill } from '../dom.js';
import { KINDS, LEVELS, REASONS, label, lang, t } from '../i18n.js';

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx */
export async function renderRegister(main, ctx) {
  const q = ctx.params.get('q') ?? '';
  const data = await api(`records${query({ q })}`);
  const input = h('input', { type: 'search', value: q, autocomplete: 'off' });
  const form = h('form', { class: 'filters', role: 'search' }, field('q', t('search'), input), h('button', { type: 'submit', class: 'primary' }, t('search_button')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.go(`#/register${query({ q: /** @type {HTMLInputElement} */ (input).value.trim() })}`);
  });
  /** @type {any[]} */
  const rows = data.records;
  const editor = ctx.session.roles.includes('registrar') ? newRecordForm(ctx) : null;
  fill(main, 
    h('h1', {}, t('register_title')),
    form,
    table(
      t('records_caption', { n: rows.length }),
      [t('id'), t('name'), t('state'), t('accounts'), t('sanctions')],
      rows.map((r) => [h('a', { href: `#/record/${encodeURIComponent(r.id)}` }, r.id), r.name, label('state', r.state), r.accounts, r.sanctions]),
    ),
    editor,
  );
}

/** @param {import('../app.js').Ctx} ctx @param {string} [initial] @param {string} [title] */
function recordEditor(ctx, initial = '', title = t('new_record')) {
  const text = h('textarea', { rows: 12, spellcheck: 'false', class: 'code' });
  /** @type {HTMLTextAreaElement} */ (text).value = initial;
  const err = h('pre', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card' }, h('h2', {}, title), field(`json-${title.length}`, t('edit_hint'), text), err, h('button', { type: 'submit' }, t('save_record')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    let record;
    try {
      record = JSON.parse(/** @type {HTMLTextAreaElement} */ (text).value);
    } catch (e) {
      err.textContent = t('error', { message: String(e?.message ?? e) });
      return;
    }
    try {
      const r = await api('records', { method: 'POST', body: { record } });
      ctx.toast(t('record_saved', { id: r.id }));
      ctx.go(`#/record/${encodeURIComponent(r.id)}`);
    } catch (e) {
      err.textContent = t('error', { message: String(e?.message ?? e) });
    }
  });
  return form;
}

/** @param {import('../app.js').Ctx} ctx */
function newRecordForm(ctx) {
  const example = {
    id: 'KT-NEW-0001',
    name: '',
    aliases: [],
    accounts: [{ url: 'https://www.tiktok.com/@…' }],
    categories: [],
    created: new Date().toISOString().slice(0, 10),
    updated: new Date().toISOString().slice(0, 10),
    fictional: true,
  };
  return recordEditor(ctx, JSON.stringify(example, null, 2));
}

/** @param {any} s */
function sanctionRow(s) {
  return [
    label('kind', s.kind),
    label('reason', s.reason),
    s.authority,
    s.decision,
    `${s.effective_from} → ${s.effective_until ?? '∞'}`,
    /^https:\/\//.test(s.source_url) ? h('a', { href: s.source_url, rel: 'noreferrer noopener', target: '_blank' }, s.source_url) : s.source_url,
  ];
}

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx */
export async function renderRecord(main, ctx) {
  const v = await api(`records/${encodeURIComponent(ctx.arg)}`);
  const r = v.record;
  const editor = ctx.session.roles.includes('registrar');
  const cert = r.certification;
  const facts = dl([
    [t('name'), r.name],
    [t('state'), h('span', { class: `status state-${v.state}`, id: 'record-state' }, label('state', v.state))],
    [t('aliases'), r.aliases.join(', ')],
    [t('categories'), r.categories.join(', ')],
    [t('accounts'), h('ul', {}, r.accounts.map((/** @type {any} */ a) => h('li', {}, `${a.platform} · ${a.id_type} · ${a.account_id}`)))],
    [t('certification'), cert ? `${label('level', cert.level)} · ${cert.score} · ${cert.number} · ${cert.issued} → ${cert.expires}` : t('none')],
    [t('fictional'), r.fictional ? '✓' : null],
  ]);
  const sanctions = r.sanctions.length
    ? table(t('sanctions'), [t('kind'), t('reason'), t('authority'), t('decision'), t('effective_from'), t('source_url')], r.sanctions.map(sanctionRow))
    : h('p', { class: 'muted' }, `${t('sanctions')}: ${t('none')}`);
  /** @type {any[]} */
  const history = v.history;
  fill(main, 
    h('p', {}, h('a', { href: '#/register' }, t('register_title'))),
    h('h1', {}, t('record_title', { id: r.id })),
    facts,
    sanctions,
    editor ? sanctionForm(main, ctx, r.id) : null,
    editor ? renewForm(main, ctx, r.id) : null,
    editor ? recordEditor(ctx, JSON.stringify(v.source, null, 2), t('edit_record')) : null,
    history.length
      ? table(t('history'), [t('at'), t('actor'), t('action'), t('detail')], history.map((e) => [when(e.at_ms, lang()), e.actor, e.action, h('code', {}, e.detail)]))
      : null,
  );
}

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx @param {string} id */
function sanctionForm(main, ctx, id) {
  const today = new Date().toISOString().slice(0, 10);
  const c = {
    kind: select(KINDS.map((k) => /** @type {[string, string]} */ ([k, label('kind', k)]))),
    reason: select(REASONS.map((k) => /** @type {[string, string]} */ ([k, label('reason', k)]))),
    authority: h('input', { type: 'text', required: true }),
    decision: h('input', { type: 'text', required: true }),
    summary_vi: h('textarea', { rows: 2, required: true, lang: 'vi' }),
    summary_en: h('textarea', { rows: 2, required: true, lang: 'en' }),
    issued: h('input', { type: 'date', required: true, value: today }),
    effective_from: h('input', { type: 'date', required: true, value: today }),
    effective_until: h('input', { type: 'date' }),
    source_url: h('input', { type: 'url', required: true, placeholder: 'https://' }),
    fine_vnd: h('input', { type: 'number', min: 0, step: 1 }),
  };
  const err = h('pre', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'sanction-title' },
    h('h2', { id: 'sanction-title' }, t('add_sanction')),
    h('div', { class: 'row' }, Object.entries(c).map(([k, el]) => field(`s-${k}`, t(k), el))),
    err,
    h('button', { type: 'submit', class: 'primary' }, t('add_sanction')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    /** @type {Record<string, any>} */
    const body = {};
    for (const [k, el] of Object.entries(c)) body[k] = /** @type {HTMLInputElement} */ (el).value;
    body.fine_vnd = body.fine_vnd ? Number(body.fine_vnd) : null;
    try {
      await api(`records/${encodeURIComponent(id)}/sanctions`, { method: 'POST', body });
      await renderRecord(main, ctx);
      ctx.toast(t('sanction_added'));
    } catch (e) {
      err.textContent = t('error', { message: String(e?.message ?? e) });
    }
  });
  return form;
}

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx @param {string} id */
function renewForm(main, ctx, id) {
  const c = {
    expires: h('input', { type: 'date', required: true }),
    issued: h('input', { type: 'date' }),
    score: h('input', { type: 'number', min: 0, max: 100 }),
    number: h('input', { type: 'text' }),
    level: select([['', '—'], ...LEVELS.map((l) => /** @type {[string, string]} */ ([l, label('level', l)]))]),
  };
  const err = h('pre', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'renew-title' },
    h('h2', { id: 'renew-title' }, t('renew')),
    h('div', { class: 'row' }, Object.entries(c).map(([k, el]) => field(`c-${k}`, t(k), el))),
    err,
    h('button', { type: 'submit' }, t('renew')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    /** @type {Record<string, any>} */
    const body = {};
    for (const [k, el] of Object.entries(c)) body[k] = /** @type {HTMLInputElement} */ (el).value;
    body.score = body.score === '' ? null : Number(body.score);
    try {
      await api(`records/${encodeURIComponent(id)}/certificate`, { method: 'POST', body });
      await renderRecord(main, ctx);
      ctx.toast(t('renewed'));
    } catch (e) {
      err.textContent = t('error', { message: String(e?.message ?? e) });
    }
  });
  return form;
}
