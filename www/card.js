// @ts-check
// Draws the core's `DetailCard` (the same view model the extension's card draws) into the page. Every string — labels,
// states, messages, dates — comes from the core in the page's language; this file only places text.
import { fact, h, safeLink } from './dom.js';

/** @typedef {import('./types/portal').CoreView} CoreView */

/** The sanctions of one kind, or nothing (an empty text, as `append` makes of any empty value).
 * @param {string} title @param {CoreView[] | undefined} list @param {CoreView} L */
function sanctions(title, list, L) {
  if (!list?.length) return '';
  return h('section', { class: 'sanctions' },
    h('h4', {}, title),
    list.map((/** @type {CoreView} */ s) => h('article', { class: 'sanction' },
      h('p', { class: 'kind' }, s.kind_label, ' — ', s.reason_label),
      h('p', {}, s.summary),
      h('dl', {},
        fact(L.decision, s.decision),
        fact(L.authority, s.authority),
        fact(L.issued, s.issued),
        fact(L.period, s.period_label),
        fact(L.fine, s.fine_label),
        s.source_url ? [h('dt', {}, L.source), h('dd', {}, safeLink(s.source_url))] : []))));
}

/** The card as a DOM subtree (its title is an h3: the page's h1 and the result's h2 are above it).
 * @param {CoreView} card the core's `DetailCard` */
export function renderCard(card) {
  const L = card.labels;
  const r = card.record;
  const title = r ? r.name : card.subject;
  const out = h('article', { class: `card state-${card.state}`, 'aria-labelledby': 'card-title' },
    h('h3', { id: 'card-title' }, title),
    h('p', { class: `badge state-${card.state}` }, h('span', { 'aria-hidden': 'true' }, card.icon, ' '), card.state_label),
    card.notice ? h('p', { class: 'notice' }, card.notice) : null,
    h('p', { class: 'subject' }, card.subject));
  if (card.message) out.append(h('p', { class: 'message' }, card.message));
  if (card.imitated) {
    const i = card.imitated;
    out.append(h('section', {}, h('h4', {}, L.imitated),
      h('p', {}, i.name, ' · ', i.account_id, ' · ', i.registry_id),
      h('p', { class: `badge state-${i.state}` }, h('span', { 'aria-hidden': 'true' }, i.icon, ' '), i.state_label)));
  }
  if (r) {
    out.append(h('dl', { class: 'facts' },
      fact(L.registry_id, r.registry_id),
      r.aliases.length ? fact(L.aliases, r.aliases.join(', ')) : [],
      r.categories.length ? fact(L.categories, r.categories.join(', ')) : [],
      fact(L.updated, r.updated)));
    const c = r.certification;
    out.append(h('section', { class: 'cert' }, h('h4', {}, L.certification),
      c ? h('dl', {}, fact(L.level, c.level_label), fact(L.score, `${c.score}/100`), fact(L.certificate_no, c.number),
        fact(L.validity, c.validity_label)) : h('p', {}, L.not_certified)));
    const none = !r.active_sanctions.length && !r.upcoming_sanctions.length && !r.past_sanctions.length;
    out.append(
      sanctions(L.active_sanctions, r.active_sanctions, L),
      sanctions(L.upcoming_sanctions, r.upcoming_sanctions, L),
      sanctions(L.past_sanctions, r.past_sanctions, L),
      none ? h('p', {}, L.no_sanctions) : '',
      h('section', {}, h('h4', {}, L.complaints), h('p', {}, card.complaints_line)),
      h('section', {}, h('h4', {}, L.accounts),
        h('ul', {}, r.accounts.map((/** @type {CoreView} */ a) => h('li', {}, a.platform_name, ' · ', a.account_id)))));
  }
  out.append(h('p', { class: card.freshness.stale ? 'freshness stale' : 'freshness' }, L.data_source, ': ', card.freshness.label));
  return out;
}
