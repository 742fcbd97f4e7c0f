// @ts-check
// The audit trail: newest first, filtered by actor, action prefix and subject (in the hash), paged back by id, and
// exported as JSON lines. Details are shown as text, exactly as stored.
import { api, query } from '../api.js';
import { field, h, table, when, fill } from '../dom.js';
import { lang, t } from '../i18n.js';

const PAGE = 100;

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx */
export async function renderAudit(main, ctx) {
  const f = {
    actor: ctx.params.get('actor') ?? '',
    action: ctx.params.get('action') ?? '',
    subject: ctx.params.get('subject') ?? '',
  };
  const before = ctx.params.get('before') ?? '';
  const data = await api(`audit${query({ ...f, before, limit: PAGE })}`);
  const c = {
    actor: h('input', { type: 'text', value: f.actor, autocomplete: 'off' }),
    action: h('input', { type: 'text', value: f.action, autocomplete: 'off', placeholder: 'staff. / complaint. / registry.' }),
    subject: h('input', { type: 'text', value: f.subject, autocomplete: 'off' }),
  };
  const form = h(
    'form',
    { class: 'filters' },
    h('div', { class: 'row' }, field('a-actor', t('actor'), c.actor), field('a-action', t('action_prefix'), c.action), field('a-subject', t('subject'), c.subject)),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h('a', { class: 'button', href: `/console/api/audit/export${query(f)}`, download: 'audit.jsonl' }, t('export')),
    ),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    /** @type {Record<string, string>} */
    const next = {};
    for (const [k, el] of Object.entries(c)) next[k] = /** @type {HTMLInputElement} */ (el).value.trim();
    ctx.go(`#/audit${query(next)}`);
  });
  /** @type {any[]} */
  const rows = data.entries;
  const last = rows[rows.length - 1];
  fill(main, 
    h('h1', {}, t('audit_title')),
    h('p', {}, t('audit_intro')),
    form,
    table(
      t('entries_caption', { n: rows.length }),
      [t('at'), t('actor'), t('action'), t('subject'), t('detail')],
      rows.map((e) => [when(e.at_ms, lang()), e.actor, e.action, e.subject, h('code', {}, e.detail)]),
    ),
    h(
      'div',
      { class: 'actions' },
      before ? h('a', { class: 'button', href: `#/audit${query(f)}` }, t('newest')) : null,
      rows.length === PAGE && last ? h('a', { class: 'button', href: `#/audit${query({ ...f, before: last.id })}` }, t('older')) : null,
    ),
  );
}
