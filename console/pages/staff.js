// @ts-check
// Staff accounts for admins: roles, state and failed sign-ins; disable, enable, sign out everywhere. Accounts are
// added and passwords set on the server (`koltrust staff`).
import { api } from '../api.js';
import { h, table, fill } from '../dom.js';
import { t } from '../i18n.js';

/** @param {HTMLElement} main @param {import('../app.js').Ctx} ctx */
export async function renderStaff(main, ctx) {
  const data = await api('staff');
  /** @param {string} user @param {string} action */
  const act = async (user, action) => {
    try {
      await api(`staff/${encodeURIComponent(user)}/${action}`, { method: 'POST', body: {} });
      await renderStaff(main, ctx);
      ctx.toast(t('done'));
    } catch (e) {
      ctx.toast(t('error', { message: String(e?.message ?? e) }));
    }
  };
  /** @type {any[]} */
  const rows = data.staff;
  fill(main, 
    h('h1', {}, t('staff_title')),
    h('p', {}, t('staff_intro')),
    table(
      t('staff_title'),
      [t('username'), t('name'), t('roles'), t('account_state'), t('failed'), t('actions')],
      rows.map((a) => [
        a.username,
        a.display_name,
        a.roles.map((/** @type {string} */ r) => t(`role_${r}`)).join(', '),
        a.disabled_ms ? t('disabled') : t('active'),
        a.failed_logins,
        h(
          'div',
          { class: 'actions' },
          a.disabled_ms
            ? h('button', { type: 'button', on: { click: () => act(a.username, 'enable') } }, t('enable', { user: a.username }))
            : a.username === ctx.session.username
              ? null
              : h('button', { type: 'button', on: { click: () => act(a.username, 'disable') } }, t('disable', { user: a.username })),
          h('button', { type: 'button', on: { click: () => act(a.username, 'logout-all') } }, t('end_sessions', { user: a.username })),
        ),
      ]),
    ),
  );
}
