// @ts-check
// One complaint in full: every value it carries shown as text (the reporter's note, page context, cues), its
// screenshot as an image from its own same-origin URL, the contact only when the role may read it, the account's
// published registry status, the history, and the status change with an internal note and a note for the reporter.
import { api } from '../api.js';
import { dl, field, h, select, table, when, fill } from '../dom.js';
import { label, lang, t } from '../i18n.js';

/** An `https://` link (opened without referrer or opener), else plain text. @param {string | null} url */
function outLink(url) {
  if (!url) return null;
  return /^https:\/\//.test(url) ? h('a', { href: url, rel: 'noreferrer noopener', target: '_blank' }, url) : url;
}

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx */
export async function renderComplaint(main, ctx) {
  const v = await api(`complaints/${encodeURIComponent(ctx.arg)}`);
  const c = v.complaint;
  const moderator = ctx.session.roles.includes('moderator');
  const registrar = ctx.session.roles.some((r) => r === 'registrar' || r === 'moderator' || r === 'publisher');

  const contact =
    c.contact === null || c.contact === undefined
      ? null
      : typeof c.contact === 'object'
        ? h('em', {}, t('contact_hidden'))
        : c.contact;
  const reg = v.registry;
  const registry = reg
    ? h(
        'section',
        { 'aria-labelledby': 'reg-title' },
        h('h2', { id: 'reg-title' }, t('registry_status', { seq: reg.sequence })),
        reg.record_id
          ? h(
              'p',
              {},
              h('span', { class: `status state-${reg.state}` }, label('state', reg.state)),
              ' — ',
              reg.name,
              ' ',
              registrar ? h('a', { href: `#/record/${encodeURIComponent(reg.record_id)}` }, t('open_record', { id: reg.record_id })) : reg.record_id,
            )
          : h('p', {}, t('registry_unknown')),
      )
    : null;

  const shot = c.screenshot
    ? h(
        'figure',
        { class: 'shot' },
        h('img', { src: c.screenshot.url, alt: t('screenshot_alt', { bytes: c.screenshot.bytes }), loading: 'lazy' }),
        h('figcaption', {}, `${c.screenshot.mime}, ${c.screenshot.bytes} B`),
      )
    : null;

  /** @type {any[]} */
  const cues = c.promotion?.cues ?? [];
  const facts = dl([
    [t('status'), h('span', { class: `status s-${v.status}`, id: 'current-status' }, label('st', v.status))],
    [t('received'), when(v.received_ms, lang())],
    [t('updated'), when(v.updated_ms, lang())],
    [t('category'), label('cat', c.category)],
    [t('profile'), `${c.profile.platform} · ${c.profile.id_type} · ${c.profile.account_id}`],
    [t('profile_url'), outLink(c.profile_url)],
    [t('page_url'), outLink(c.page_url)],
    [t('note'), c.note ? h('p', { class: 'quote' }, c.note) : null],
    [t('cues'), cues.length ? h('ul', {}, cues.map((x) => h('li', {}, `${x.kind}: `, h('q', {}, x.text)))) : null],
    [t('contact'), contact],
    [t('locale'), c.locale],
    [t('reply_current'), v.reply || null],
  ]);

  /** @type {string[]} */
  const next = v.next;
  let change = null;
  if (moderator) {
    if (next.length) {
      const to = select(next.map((s) => /** @type {[string, string]} */ ([s, label('st', s)])));
      const note = h('textarea', { rows: 2, maxlength: 2000 });
      const reply = h('textarea', { rows: 3, maxlength: 2000 });
      const err = h('p', { class: 'error', role: 'alert' });
      change = h(
        'form',
        { class: 'card', 'aria-labelledby': 'change-title' },
        h('h2', { id: 'change-title' }, t('change_status')),
        field('new-status', t('new_status'), to),
        field('internal-note', t('internal_note'), note),
        field('reply', t('reply'), reply, t('reply_hint')),
        err,
        h('button', { type: 'submit', class: 'primary' }, t('save_status')),
      );
      change.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        err.textContent = '';
        const status = /** @type {HTMLSelectElement} */ (to).value;
        try {
          await api(`complaints/${encodeURIComponent(ctx.arg)}/status`, {
            method: 'POST',
            body: { status, note: /** @type {HTMLTextAreaElement} */ (note).value, reply: /** @type {HTMLTextAreaElement} */ (reply).value },
          });
          await renderComplaint(main, ctx);
          ctx.toast(t('status_saved', { status: label('st', status) }));
        } catch (e) {
          err.textContent = t('error', { message: String(e?.message ?? e) });
        }
      });
    } else {
      change = h('p', { class: 'muted' }, t('final_status'));
    }
  }

  /** @type {any[]} */
  const history = v.history;
  fill(main, 
    h('p', {}, h('a', { href: '#/queue' }, t('back_queue'))),
    h('h1', {}, t('complaint_title', { receipt: v.receipt })),
    h('div', { class: 'split' }, h('div', {}, facts, registry), shot ? h('section', { 'aria-label': t('screenshot') }, h('h2', {}, t('screenshot')), shot) : null),
    change,
    history.length
      ? table(
          t('history'),
          [t('at'), t('actor'), t('action'), t('detail')],
          history.map((e) => [when(e.at_ms, lang()), e.actor, e.action, h('code', {}, e.detail)]),
        )
      : null,
  );
}
