// @ts-check
// The three static pages — install the extension, privacy, the programme — drawn from the locale files so both
// languages say the same thing.
import { h } from '../dom.js';
import { list, t } from '../i18n.js';

export const install = {
  /** @param {HTMLElement} main */
  render(main) {
    // One section per browser (Edge and Cốc Cốc take the Chromium build as it is), then the portal as an app.
    /** @type {{ title: string, steps: string[] }[]} */
    const browsers = /** @type {any} */ (list('install_browsers'));
    main.append(h('h1', {}, t('install_title')), h('p', {}, t('install_intro')),
      ...browsers.map((b) => h('section', { class: 'browser' }, h('h2', {}, b.title),
        h('ol', { class: 'steps' }, b.steps.map((s) => h('li', {}, s))))),
      h('p', { class: 'notice-box' }, t('install_secret')));
  },
};

export const privacy = {
  /** @param {HTMLElement} main */
  render(main) {
    main.append(h('h1', {}, t('privacy_title')),
      h('ul', { class: 'points' }, list('privacy_points').map((s) => h('li', {}, s))),
      h('h2', {}, t('trust_title')), h('p', {}, t('trust_text')));
  },
};

export const programme = {
  /** @param {HTMLElement} main @param {URLSearchParams} _params @param {import('../types/portal').Ctx} ctx */
  async render(main, _params, ctx) {
    main.append(h('h1', {}, t('programme_title')));
    // Said plainly whenever the registry holds fictional people (the core checks the records).
    await ctx.registry;
    if (ctx.sample) main.append(h('p', { class: 'notice-box', id: 'sample-notice' }, t('programme_sample')));
    main.append(
      h('ul', { class: 'points' }, list('programme_points').map((s) => h('li', {}, s))),
      h('h2', {}, t('trust_title')), h('p', {}, t('trust_text')));
  },
};
