// @ts-check
// The console's start and its router: asks who is signed in (`GET session`), shows the sign-in page otherwise,
// fills the navigation for the account's roles, and renders the page the hash names (`#/queue?…`,
// `#/complaint/<receipt>`, `#/register?q=`, `#/record/<id>`, `#/publish`, `#/audit?…`, `#/staff`). The server
// checks every role again; hiding a link is only for clarity.
import { api, setCsrf, whenSessionEnds, ApiError } from './api.js';
import { h } from './dom.js';
import { applyStatic, lang, setLang, t } from './i18n.js';
import { renderLogin } from './pages/login.js';
import { renderQueue } from './pages/queue.js';
import { renderComplaint } from './pages/complaint.js';
import { renderRegister, renderRecord } from './pages/register.js';
import { renderPublish } from './pages/publish.js';
import { renderAudit } from './pages/audit.js';
import { renderStaff } from './pages/staff.js';

/** @typedef {{ username: string, display_name: string, roles: string[], csrf: string }} Session */
/** @typedef {{ session: Session, params: URLSearchParams, arg: string, go: (hash: string) => void, toast: (msg: string) => void, rerender: () => void }} Ctx */

/** @type {Session | null} */
let session = null;
const main = /** @type {HTMLElement} */ (document.getElementById('main'));

/** @param {string} msg */
function toast(msg) {
  const el = /** @type {HTMLElement} */ (document.getElementById('toast'));
  el.textContent = msg;
  el.hidden = !msg;
}

/** @param {string} hash */
function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

/** The first page an account sees, by its roles. @param {Session} s */
function home(s) {
  if (s.roles.includes('moderator') || s.roles.includes('registrar')) return '#/queue';
  if (s.roles.includes('publisher')) return '#/publish';
  return '#/audit';
}

function chrome() {
  applyStatic(document);
  const langButton = /** @type {HTMLButtonElement} */ (document.getElementById('lang'));
  langButton.textContent = t('lang_other');
  langButton.lang = lang() === 'vi' ? 'en' : 'vi';
  const signedIn = Boolean(session);
  /** @type {HTMLElement} */ (document.getElementById('nav')).hidden = !signedIn;
  /** @type {HTMLElement} */ (document.getElementById('logout')).hidden = !signedIn;
  /** @type {HTMLElement} */ (document.getElementById('logout-all')).hidden = !signedIn;
  const who = /** @type {HTMLElement} */ (document.getElementById('who'));
  who.textContent = session
    ? t('signed_in_as', { name: session.display_name, roles: session.roles.map((r) => t(`role_${r}`)).join(', ') })
    : '';
  for (const li of document.querySelectorAll('#nav li')) {
    const roles = (/** @type {HTMLElement} */ (li).dataset.role ?? '').split(' ');
    /** @type {HTMLElement} */ (li).hidden = !session || !session.roles.some((r) => roles.includes(r));
  }
  const route = location.hash.slice(2).split(/[/?]/)[0];
  for (const a of document.querySelectorAll('#nav a')) {
    if (/** @type {HTMLElement} */ (a).dataset.route === route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function render() {
  chrome();
  toast('');
  if (!session) {
    renderLogin(main, async (s) => {
      session = s;
      setCsrf(s.csrf);
      go(home(s));
      render();
    });
    main.dataset.page = 'login';
    document.body.dataset.ready = 'true';
    return;
  }
  const [path, qs] = location.hash.slice(1).split('?');
  const parts = (path || '/').split('/').filter(Boolean);
  /** @type {Ctx} */
  const ctx = { session, params: new URLSearchParams(qs ?? ''), arg: decodeURIComponent(parts[1] ?? ''), go, toast, rerender: render };
  main.dataset.page = '';
  main.replaceChildren(h('p', { class: 'muted' }, t('loading')));
  try {
    switch (parts[0]) {
      case 'queue':
        await renderQueue(main, ctx);
        break;
      case 'complaint':
        await renderComplaint(main, ctx);
        break;
      case 'register':
        await renderRegister(main, ctx);
        break;
      case 'record':
        await renderRecord(main, ctx);
        break;
      case 'publish':
        await renderPublish(main, ctx);
        break;
      case 'audit':
        await renderAudit(main, ctx);
        break;
      case 'staff':
        await renderStaff(main, ctx);
        break;
      default:
        go(home(session));
        return;
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    const msg = e instanceof ApiError && e.code === 'forbidden' ? t('forbidden') : t('error', { message: String(e?.message ?? e) });
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, msg));
  }
  main.dataset.page = parts[0] ?? '';
  document.body.dataset.ready = 'true';
}

async function start() {
  whenSessionEnds(() => {
    session = null;
    setCsrf('');
    render().then(() => toast(t('session_ended')));
  });
  document.getElementById('lang')?.addEventListener('click', () => {
    setLang(lang() === 'vi' ? 'en' : 'vi');
    render();
  });
  document.getElementById('logout')?.addEventListener('click', async () => {
    await api('logout', { method: 'POST', body: {} }).catch(() => {});
    session = null;
    setCsrf('');
    render();
  });
  document.getElementById('logout-all')?.addEventListener('click', async () => {
    await api('logout-all', { method: 'POST', body: {} }).catch(() => {});
    session = null;
    setCsrf('');
    render();
  });
  window.addEventListener('hashchange', () => render());
  try {
    session = await api('session', { quiet401: true });
    setCsrf(/** @type {Session} */ (session).csrf);
  } catch {
    session = null;
  }
  await render();
}

start();
