// @ts-check
// The complaints queue: filters in the hash (`#/queue?status=&category=&platform=&account=&from=&to=&offset=`),
// the filtered page with bulk status changes (moderators), the most reported accounts, and the export link.
import { api, query } from '../api.js';
import { field, h, select, table, when, fill } from '../dom.js';
import { CATEGORIES, PLATFORMS, STATUSES, label, lang, t } from '../i18n.js';

const PAGE = 50;

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx */
export async function renderQueue(main, ctx) {
  const p = ctx.params;
  const filters = {
    status: p.get('status') ?? '',
    category: p.get('category') ?? '',
    platform: p.get('platform') ?? '',
    account: p.get('account') ?? '',
    from: p.get('from') ?? '',
    to: p.get('to') ?? '',
  };
  const offset = Number(p.get('offset') ?? 0) || 0;
  const data = await api(`complaints${query({ ...filters, limit: PAGE, offset })}`);
  const moderator = ctx.session.roles.includes('moderator');
  const any = /** @type {[string, string]} */ (['', t('any')]);

  const controls = {
    status: select([any, ...STATUSES.map((s) => /** @type {[string, string]} */ ([s, label('st', s)]))], filters.status),
    category: select([any, ...CATEGORIES.map((c) => /** @type {[string, string]} */ ([c, label('cat', c)]))], filters.category),
    platform: select([any, ...PLATFORMS.map((x) => /** @type {[string, string]} */ ([x, x]))], filters.platform),
    account: h('input', { type: 'text', value: filters.account, autocomplete: 'off', spellcheck: 'false' }),
    from: h('input', { type: 'date', value: filters.from }),
    to: h('input', { type: 'date', value: filters.to }),
  };
  const form = h(
    'form',
    { class: 'filters', 'aria-labelledby': 'filters-title' },
    h('h2', { id: 'filters-title' }, t('filters')),
    h(
      'div',
      { class: 'row' },
      field('f-status', t('status'), controls.status),
      field('f-category', t('category'), controls.category),
      field('f-platform', t('platform'), controls.platform),
      field('f-account', t('account'), controls.account),
      field('f-from', t('from'), controls.from),
      field('f-to', t('to'), controls.to),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h('a', { href: '#/queue', class: 'button' }, t('clear')),
      moderator ? h('a', { href: `/console/api/complaints/export${query({ status: filters.status })}`, class: 'button', download: 'complaints.jsonl' }, t('export')) : null,
    ),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    /** @type {Record<string, string>} */
    const next = {};
    for (const [k, el] of Object.entries(controls)) next[k] = /** @type {HTMLInputElement} */ (el).value.trim();
    ctx.go(`#/queue${query(next)}`);
  });

  /** @type {any[]} */
  const rows = data.complaints;
  /** @type {HTMLInputElement[]} */
  const boxes = [];
  const list = rows.length
    ? table(
        t('complaints_caption', { n: rows.length }),
        [...(moderator ? [t('select')] : []), t('receipt'), t('received'), t('status'), t('category'), t('platform'), t('account')],
        rows.map((c) => {
          const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', value: c.receipt, 'aria-label': t('select_row', { receipt: c.receipt }) }));
          boxes.push(box);
          return [
            ...(moderator ? [box] : []),
            h('a', { href: `#/complaint/${encodeURIComponent(c.receipt)}` }, c.receipt),
            when(c.received_ms, lang()),
            h('span', { class: `status s-${c.status}` }, label('st', c.status)),
            label('cat', c.category),
            c.platform,
            c.account_id,
          ];
        }),
      )
    : h('p', { class: 'muted' }, t('none_found'));

  const pager = h(
    'div',
    { class: 'actions' },
    offset > 0 ? h('a', { class: 'button', href: `#/queue${query({ ...filters, offset: Math.max(0, offset - PAGE) })}` }, t('prev')) : null,
    rows.length === PAGE ? h('a', { class: 'button', href: `#/queue${query({ ...filters, offset: offset + PAGE })}` }, t('next')) : null,
  );

  let bulk = null;
  if (moderator && rows.length) {
    const to = select(STATUSES.slice(1).map((s) => /** @type {[string, string]} */ ([s, label('st', s)])));
    const reply = h('textarea', { rows: 2, maxlength: 2000 });
    const result = h('p', { role: 'status', class: 'muted' });
    bulk = h(
      'form',
      { class: 'card', 'aria-labelledby': 'bulk-title' },
      h('h2', { id: 'bulk-title' }, t('bulk_title')),
      h('div', { class: 'row' }, field('bulk-status', t('new_status'), to), field('bulk-reply', t('reply'), reply, t('reply_hint'))),
      h('button', { type: 'submit' }, t('bulk_apply')),
      result,
    );
    bulk.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const receipts = boxes.filter((b) => b.checked).map((b) => b.value);
      if (!receipts.length) {
        result.textContent = t('bulk_none');
        return;
      }
      const r = await api('complaints/bulk-status', {
        method: 'POST',
        body: { receipts, status: /** @type {HTMLSelectElement} */ (to).value, reply: /** @type {HTMLTextAreaElement} */ (reply).value },
      });
      ctx.rerender();
      ctx.toast(t('bulk_done', { moved: r.moved, n: receipts.length }));
    });
  }

  /** @type {any[]} */
  const accounts = data.accounts;
  const counts = accounts.length
    ? table(
        t('accounts_caption'),
        [t('platform'), t('account'), t('total'), t('open')],
        accounts.map((a) => [
          a.platform,
          h('a', { href: `#/queue${query({ platform: a.platform, account: a.account_id })}`, title: t('show_account') }, a.account_id),
          a.total,
          a.open,
        ]),
      )
    : null;

  fill(main, h('h1', {}, t('queue_title')), form, list, pager, bulk, counts);
}
