// @ts-check
// Publishing: the preview of the next sequence (records added/changed/removed, sanctions starting and ending,
// sizes), then a two-step confirmation that names the sequence — the server refuses it if another was published in
// between — and the list of published sequences.
import { api } from '../api.js';
import { h, table, when, fill } from '../dom.js';
import { label, lang, t } from '../i18n.js';

/** @param {any[]} list @param {string} caption */
function records(list, caption) {
  return list.length
    ? table(caption, [t('id'), t('name'), t('fields')], list.map((r) => [r.id, r.name, (r.fields ?? []).join(', ')]))
    : h('p', { class: 'muted' }, `${caption}: ${t('none')}`);
}

/** @param {any[]} list @param {string} caption */
function sanctions(list, caption) {
  return list.length
    ? table(
        caption,
        [t('id'), t('name'), t('kind'), t('decision'), t('effective_from')],
        list.map((s) => [s.id, s.name, label('kind', s.kind), s.decision, `${s.effective_from} → ${s.effective_until ?? '∞'}`]),
      )
    : h('p', { class: 'muted' }, `${caption}: ${t('none')}`);
}

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx */
export async function renderPublish(main, ctx) {
  const pubs = await api('publications');
  const area = h('div', { id: 'preview' });
  const previewButton = h('button', { type: 'button', class: 'primary', id: 'preview-button' }, t('preview_button'));
  previewButton.addEventListener('click', async () => {
    const p = await api('publish/preview');
    const confirmBox = h('div', { class: 'card confirm', hidden: true });
    const publishButton = h('button', { type: 'button', id: 'publish-button' }, t('publish_button', { n: p.next_sequence }));
    publishButton.addEventListener('click', () => {
      confirmBox.hidden = false;
      /** @type {HTMLElement} */ (confirmBox.querySelector('button'))?.focus();
    });
    const yes = h('button', { type: 'button', class: 'danger', id: 'confirm-publish' }, t('confirm_publish', { n: p.next_sequence }));
    const no = h('button', { type: 'button' }, t('cancel'));
    const err = h('p', { class: 'error', role: 'alert' });
    no.addEventListener('click', () => {
      confirmBox.hidden = true;
    });
    yes.addEventListener('click', async () => {
      try {
        const r = await api('publish', { method: 'POST', body: { sequence: p.next_sequence } });
        await renderPublish(main, ctx);
        ctx.toast(t('published', { n: r.publication.sequence }));
      } catch (e) {
        err.textContent = t('error', { message: String(e?.message ?? e) });
      }
    });
    confirmBox.append(h('p', {}, t('confirm_hint')), yes, ' ', no, err);
    area.replaceChildren(
      h('h2', {}, t('preview_of', { next: p.next_sequence, last: p.last_sequence ?? '—' })),
      h('p', {}, t('sizes', { snapshot: p.snapshot_bytes, delta: p.delta_bytes ?? '—', records: p.records, accounts: p.accounts })),
      sanctions(p.sanctions_starting, t('sanctions_starting')),
      sanctions(p.sanctions_ending, t('sanctions_ending')),
      records(p.added, t('added')),
      records(p.changed, t('changed')),
      records(p.removed, t('removed')),
      publishButton,
      confirmBox,
    );
  });
  /** @type {any[]} */
  const list = pubs.publications;
  fill(main, 
    h('h1', {}, t('publish_title')),
    previewButton,
    area,
    table(
      t('publications'),
      [t('sequence'), t('published_at'), t('records'), t('accounts')],
      list.map((x) => [x.sequence, when(x.published_ms, lang()), x.records, x.accounts]),
    ),
  );
}
