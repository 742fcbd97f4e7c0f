// @ts-check
// The portal's shell: language, the registry (downloaded and verified once per visit), the service worker, and a
// hash router — every page has a permalink (`#/check?q=…`, `#/register?kind=fine`, `#/track?receipt=…`).
// Installed as an app, the portal is a share target (manifest.webmanifest): a share opens `./?share_title=…&
// share_text=…&share_url=…`, which becomes the check of the URL the core finds in it (`sharedQuery`).
import { loadLang, currentLang, t } from './i18n.js';
import { coreReady, openRegistry } from './registry.js';
import * as check from './views/check.js';
import * as vet from './views/vet.js';
import * as register from './views/register.js';
import * as report from './views/report.js';
import * as track from './views/track.js';
import * as pages from './views/pages.js';

/** @type {Record<string, { render: import('./types/portal').View }>} */
const routes = {
  check, vet, register, report, track,
  install: pages.install, privacy: pages.privacy, programme: pages.programme,
};

/** What the views share: the registry once it is ready (`await ctx.registry`), then `ctx.engine`. */
/** @type {import('./types/portal').Ctx} */
const ctx = { engine: null, freshness: null, sample: false, registry: null, lang: currentLang };

function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [name, query = ''] = raw.split('?');
  return { name: routes[name] ? name : 'check', params: new URLSearchParams(query) };
}

let firstRender = true;
async function render() {
  const { name, params } = route();
  for (const a of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('nav a[data-route]'))) {
    if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  // Each render draws into its own container: a slower earlier render (still waiting for the registry) then writes
  // into a detached node instead of mixing with the page now shown.
  const view = document.createElement('div');
  main.replaceChildren(view);
  document.title = `${t(`nav_${name}`)} — KOL Trust`;
  const hash = location.hash;
  delete main.dataset.shown;
  await routes[name].render(view, params, ctx);
  if (view.parentNode !== main) return;
  // Marks which address the page now shows (tests and assistive tooling wait for it rather than for time).
  if (location.hash === hash) main.dataset.shown = hash;
  // After navigation, focus moves to the new page unless the view placed it (a permalinked entry, a field).
  if (!firstRender && !main.contains(document.activeElement)) main.focus();
  firstRender = false;
}

function showStatus() {
  const el = /** @type {HTMLElement} */ (document.getElementById('data-status'));
  const f = ctx.freshness;
  if (ctx.error) {
    el.textContent = t('data_error', { error: ctx.error });
    el.className = 'status error';
    return;
  }
  if (!f || !ctx.engine) return; // (the engine is set with the freshness)
  const v = ctx.engine.freshnessView(currentLang()); // the core's Vietnam-time days
  el.textContent = v.stale
    ? t('data_stale', { seq: v.sequence, expires: v.expires })
    : t('data_ok', { seq: v.sequence, issued: v.issued });
  if (!navigator.onLine) el.textContent += ` ${t('data_offline')}`;
  el.className = f.stale ? 'status stale' : 'status ok';
}

/** A share into the installed app (`share_target`): the address becomes `#/check?q=<the URL the core found>`, with
 * the share's words dropped from the address bar and history. */
async function takeShare() {
  const params = new URLSearchParams(location.search);
  if (!['share_title', 'share_text', 'share_url'].some((k) => params.has(k))) return;
  const field = (/** @type {string} */ k) => params.get(k) ?? '';
  let q = [field('share_title'), field('share_text'), field('share_url')].join(' ').trim();
  try {
    q = (await coreReady).sharedQuery(field('share_title'), field('share_text'), field('share_url'));
  } catch {
    // Without the core (a broken build) the check page says so; the shared words are kept as the query.
  }
  history.replaceState(null, '', `${location.pathname}#/check?q=${encodeURIComponent(q)}`);
}

async function start() {
  await Promise.all([loadLang(), takeShare()]);
  ctx.registry = openRegistry().then(
    ({ engine, freshness, sample }) => {
      ctx.engine = engine;
      ctx.freshness = freshness;
      ctx.sample = sample;
      /** @type {HTMLElement} */ (document.getElementById('sample-banner')).hidden = !sample;
      showStatus();
      return engine;
    },
    (err) => {
      ctx.error = String(err?.message ?? err);
      showStatus();
      return null;
    });
  /** @type {HTMLElement} */ (document.getElementById('lang')).addEventListener('click', async () => {
    await loadLang(currentLang() === 'vi' ? 'en' : 'vi');
    showStatus();
    await render();
  });
  window.addEventListener('hashchange', render);
  await render();
  document.body.dataset.ready = 'true';
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // No offline mode (e.g. a private window): the portal still works online.
    });
  }
}

start();
