// @ts-check
// "Check a KOL": one box for a URL, a registry ID or a name; the core decides which it is and answers with the
// extension's card or a list of name matches. The query lives in the URL (`#/check?q=…`), so every answer has a
// permalink.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { renderCard } from '../card.js';

export const title = 'nav_check';

/** @param {string} q */
function permalink(q) {
  const url = new URL(`#/check?q=${encodeURIComponent(q)}`, location.href).href;
  const note = h('span', { role: 'status', class: 'note' });
  return h('p', { class: 'permalink' },
    h('a', { href: url }, t('permalink')), ' ',
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try {
        await navigator.clipboard.writeText(url);
        note.textContent = t('copied');
      } catch {
        note.textContent = url;
      }
    } }, t('copy_link')), ' ', note);
}

/** @param {import('../types/portal').CoreView} a the core's `portal::CheckAnswer` */
function answerView(a) {
  if (a.kind === 'card') return renderCard(a.card);
  const out = h('div', {});
  if (a.message) out.append(h('p', { class: 'message' }, a.message));
  // A short link (kind `short_link`): never followed for the person; they may open it themselves.
  if (a.open_url) {
    out.append(h('p', {}, h('a', { class: 'button secondary', id: 'open-short-link', href: a.open_url, target: '_blank',
      rel: 'noopener noreferrer' }, t('open_short_link'))));
  }
  const m = a.matches;
  if (m && m.total) {
    out.append(h('p', {}, m.total > m.matches.length
      ? t('check_matches_more', { n: m.total, shown: m.matches.length })
      : t('check_matches', { n: m.total })));
    out.append(h('ul', { class: 'matches' }, m.matches.map((/** @type {import('../types/portal').CoreView} */ x) => h('li', {},
      h('a', { href: `#/check?q=${encodeURIComponent(x.registry_id)}` }, x.name),
      ' ', h('span', { class: `badge state-${x.state}` }, h('span', { 'aria-hidden': 'true' }, x.icon, ' '), x.state_label),
      h('br'), h('small', {}, [x.registry_id, ...x.accounts].join(' · ')),
      x.fictional ? h('small', { class: 'tag' }, ' ', t('fictional')) : null))));
  }
  return out;
}

/** @param {HTMLElement} main @param {URLSearchParams} params @param {import('../types/portal').Ctx} ctx */
export async function render(main, params, ctx) {
  const q = params.get('q') ?? '';
  const input = h('input', { id: 'q', name: 'q', type: 'search', value: q, placeholder: t('check_placeholder'),
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'q-intro' });
  const result = h('section', { id: 'result', 'aria-live': 'polite', 'aria-labelledby': 'result-title' });
  main.append(
    h('h1', {}, t('check_title')),
    h('p', { id: 'q-intro' }, t('check_intro')),
    h('form', { class: 'search', role: 'search', onsubmit: (/** @type {Event} */ e) => {
      e.preventDefault();
      const next = `#/check?q=${encodeURIComponent(input.value.trim())}`;
      if (location.hash === next) render(main.replaceChildren() ?? main, new URLSearchParams(next.split('?')[1]), ctx);
      else location.hash = next;
    } },
    h('label', { for: 'q' }, t('check_label')),
    h('div', { class: 'row' }, input, h('button', { type: 'submit' }, t('check_button')))),
    result);
  if (!q.trim()) {
    input.focus();
    return;
  }
  const engine = await ctx.registry;
  if (!engine) {
    result.append(h('p', { class: 'error' }, t('not_loaded')));
    return;
  }
  const answer = engine.check(q, ctx.lang());
  result.append(h('h2', { id: 'result-title', class: 'visually-hidden' }, t('card_heading')), answerView(answer),
    answer.profile_url
      ? h('p', {}, h('a', { class: 'button secondary', id: 'report-this', href: `#/report?profile=${encodeURIComponent(answer.profile_url)}` }, t('report_this')))
      : '', // (`append(null)` would show the word "null")
    permalink(q));
  result.dataset.q = q;
  result.dataset.kind = answer.kind;
}
