// @ts-check
// The sign-in page: login name and password, the server's answer (wrong, throttled with its wait) shown as text.
import { api, ApiError } from '../api.js';
import { field, h, fill } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} main @param {(session: any) => void} signedIn */
export function renderLogin(main, signedIn) {
  const user = h('input', { type: 'text', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const pass = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const message = h('p', { id: 'login-error', class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    h('h1', {}, t('login_title')),
    h('p', {}, t('login_intro')),
    field('username', t('username'), user),
    field('password', t('password'), pass),
    message,
    h('button', { type: 'submit', class: 'primary' }, t('login_button')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    message.textContent = '';
    try {
      const s = await api('login', {
        method: 'POST',
        body: { username: /** @type {HTMLInputElement} */ (user).value, password: /** @type {HTMLInputElement} */ (pass).value },
        quiet401: true,
      });
      signedIn(s);
    } catch (e) {
      /** @type {HTMLInputElement} */ (pass).value = '';
      if (e instanceof ApiError && e.status === 429) message.textContent = t('login_throttled', { s: e.retryAfter ?? 60 });
      else if (e instanceof ApiError && e.status === 401) message.textContent = t('login_wrong');
      else message.textContent = t('error', { message: String(e?.message ?? e) });
    }
  });
  fill(main, form);
  user.focus();
}
