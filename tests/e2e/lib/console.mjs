// @ts-check
// Driving the Alliance console (`/console/`) of a real `koltrust serve` from the browser tests: staff accounts made
// with `koltrust staff add` (password on standard input, as an operator would), signing in and out through the
// page's own form, and waiting for a page to be drawn (`main[data-page]`), never for a fixed time.
import { execFileSync } from 'node:child_process';
import { KOLTRUST_BIN } from './alliance-server.mjs';

/** @typedef {import('playwright-core').Page} Page */

export const STAFF_PASSWORD = 'mật khẩu thử nghiệm đủ dài';

/** `koltrust staff add <user> --roles <roles>` on the server's data folder.
 * @param {{ data: string }} alliance @param {string} user @param {string} roles @param {string} name */
export function addStaff(alliance, user, roles, name) {
  execFileSync(
    KOLTRUST_BIN,
    ['staff', 'add', user, '--roles', roles, '--name', name, '--password-stdin', '--data', alliance.data],
    { input: `${STAFF_PASSWORD}\n`, encoding: 'utf8' },
  );
}

/** Waits until the console has drawn page `name` (its router sets `main[data-page]`).
 * @param {Page} page @param {string} name */
export async function drawn(page, name) {
  await page.waitForSelector(`main[data-page="${name}"]`, { timeout: 15000 });
}

/** Opens the console in `lang` and signs in as `user` through the form; resolves once its first page is drawn.
 * @param {Page} page @param {string} base the server's URL @param {string} user @param {'vi' | 'en'} [lang] */
export async function signIn(page, base, user, lang = 'vi') {
  await page.goto(new URL('console/', base).href);
  await page.evaluate((l) => localStorage.setItem('kt-console-lang', l), lang);
  await page.reload();
  await drawn(page, 'login');
  await page.fill('#username', user);
  await page.fill('#password', STAFF_PASSWORD);
  await page.click('main form button[type=submit]');
  await page.waitForSelector('main[data-page]:not([data-page="login"]):not([data-page=""])', { timeout: 15000 });
}

/** Signs out with the header's button and waits for the sign-in page. @param {Page} page */
export async function signOut(page) {
  await page.click('#logout');
  await drawn(page, 'login');
}

/** Goes to a console hash (`#/publish`) and waits for that page. @param {Page} page @param {string} hash */
export async function visit(page, hash) {
  const name = hash.slice(2).split(/[/?]/)[0];
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await drawn(page, name);
}
