// @ts-check
// Accessibility of every extension surface, in both languages and both colour schemes: axe-core finds no violation
// of impact serious or critical on the toolbar popup (with a report in "My reports"), the options page (with its
// "saved" line), the in-page detail card (every badge state) and the report dialog (from a card: as drafted, with a
// field error, at its preview, sent; and from a promotional post's button). A failure names the rule, the element
// (shadow hops joined by ' >> ') and axe's summary with the colours and the ratio required. The card and the dialog
// live in closed shadow roots: lib/axe.mjs explains how axe is let into them without changing the extension. A
// screenshot of each surface, language and scheme lands in tests/e2e/artifacts/a11y/ (git-ignored).
//
// One browser per language (the options page and the popup's own strings follow the browser's UI language, the
// worker's answers the `lang` option: both are set); the colour scheme is emulated per page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS_DIR, launchOnFixtures, screenshot } from './lib/browser.mjs';
import { waitForBadges } from './lib/badges.mjs';
import { clickBadge, clickInCard, readCard, waitForCard, waitForSettledCard } from './lib/card.mjs';
import {
  clickInDialog,
  clickPostButton,
  readDialog,
  readPostButtons,
  typeInDialog,
  waitForDialog,
} from './lib/report-dialog.mjs';
import { blocking, describeViolations, runAxe } from './lib/axe.mjs';

const PROFILE = 'https://www.tiktok.com/@minh.beauty.demo';
const GROUP = 'https://www.facebook.com/groups/hoi.review.demo/';
// Reports sent from the dialog go to a port where nothing listens: they stay in the outbox, waiting for a retry,
// so the popup's "My reports" has an entry (with its delivery state and reason) to check too.
const NO_SERVER = 'http://127.0.0.1:9/';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('./lib/axe.mjs').Violation} Violation */
/** @typedef {'light' | 'dark'} Scheme */
/** What a test found: [where, violations] per surface checked. @typedef {[string, Violation[]][]} Found */
/** A badge to click (lib/card.mjs clickBadge). @typedef {{ kind: 'link' | 'header', index?: number, href?: string }} BadgeAt */

/** Fails with every blocking violation found, one line per node. @param {Found} found */
function assertNoBlocking(found) {
  const bad = found.map(([where, v]) => /** @type {[string, Violation[]]} */ ([where, blocking(v)])).filter(([, v]) => v.length);
  assert.ok(
    bad.length === 0,
    `serious or critical axe-core violations:\n${bad.map(([where, v]) => `${where}:\n${describeViolations(v)}`).join('\n')}`,
  );
}

/** @param {Page} page @param {string} name @param {{ fullPage?: boolean }} [opts] */
async function shot(page, name, opts) {
  await fs.mkdir(path.join(ARTIFACTS_DIR, 'a11y'), { recursive: true });
  return screenshot(page, `a11y/${name}`, opts);
}

/** Clicks a badge and waits until its card is open and drawn in full (its opening fade over).
 * @param {Page} page @param {BadgeAt} badge @param {string} kind the card's kind: 'record', 'lookalike', 'unknown' */
async function openCard(page, badge, kind) {
  await clickBadge(page, badge);
  await waitForCard(page, (k) => k?.kind === kind, { what: `a ${kind} card` });
  return waitForSettledCard(page);
}

/** Waits until `count` posts have their Report button placed. @param {Page} page @param {number} count */
async function waitForPostButtons(page, count, timeout = 10000) {
  const deadline = Date.now() + timeout;
  while ((await readPostButtons(page)).filter((b) => b.placement !== 'unplaced').length < count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} Report buttons on ${page.url()}`);
    await page.waitForTimeout(50);
  }
}

/** Closes what a failed test may have left open on the page (a card, a dialog), so the next test starts clean.
 * @param {Page} page */
async function closeAll(page) {
  for (let tries = 0; (await readDialog(page)) || (await readCard(page)); tries++) {
    if (tries === 5) throw new Error('a card or dialog left open by an earlier test does not close on Esc');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
  }
}

/** @param {Page} page */
async function closeCard(page) {
  await page.keyboard.press('Escape');
  await waitForCard(page, (k) => k === null, { what: 'the card to close' });
}

for (const lang of ['vi', 'en']) {
  describe(`${lang}`, () => {
    /** @type {Awaited<ReturnType<typeof launchOnFixtures>>} */
    let env;
    /** @type {typeof env.browser} */
    let browser;
    /** The profile page, kept open as the tab the popup reports on; it also carries a lookalike and an unknown
     * link, so every badge state's card can be opened from it.
     * @type {Page} */
    let profile;

    before(async () => {
      env = await launchOnFixtures({ locale: lang, options: { lang, showUnknown: true, serverUrl: NO_SERVER } });
      browser = env.browser;
      profile = await browser.ctx.newPage();
      // Tall enough that a card opened from the lowest badge shows whole, unscrolled: axe checks the contrast of
      // what is drawn in view only (on a shorter window the card fits too, its content scrolling inside it:
      // card-viewport.test.mjs).
      await profile.setViewportSize({ width: 1280, height: 1400 });
      await profile.goto(PROFILE);
      await profile.evaluate(() => {
        const ul = /** @type {HTMLUListElement} */ (document.querySelector('.suggested ul'));
        for (const h of ['minh.beauty.dem0', 'someone.unknown']) {
          const a = document.createElement('a');
          a.href = `/@${h}`;
          a.textContent = h;
          ul.append(a);
        }
      });
      const ready = (b) => b.some((x) => x.state === 'lookalike') && b.some((x) => x.href?.endsWith('someone.unknown'));
      await waitForBadges(profile, ready, { what: 'the profile page badges, lookalike and unknown included' });
    });

    after(() => env?.close());

    for (const scheme of /** @type {Scheme[]} */ (['light', 'dark'])) {
      const tag = `${lang}-${scheme}`;

      test(`${lang}, ${scheme}: the options page`, async () => {
        const page = await browser.ctx.newPage();
        try {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(browser.extensionUrl('options.html'));
          await page.waitForSelector('body[data-ready="true"]');
          await page.waitForFunction(() => document.getElementById('registryStatus')?.textContent !== '');
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          // A choice made (the same one again): the "saved" line shows too.
          await page.selectOption('#only', 'all');
          await page.waitForFunction(() => document.getElementById('saved')?.textContent !== '');
          /** @type {Found} */
          const found = [['options', await runAxe(page)]];
          await shot(page, `options-${tag}`, { fullPage: true });
          assertNoBlocking(found);
        } finally {
          await page.close();
        }
      });

      test(`${lang}, ${scheme}: the detail card, every badge state`, async () => {
        /** @type {Found} */
        const found = [];
        /** @param {Page} page @param {string} state @param {BadgeAt} badge @param {string} [kind] */
        const check = async (page, state, badge, kind = 'record') => {
          await openCard(page, badge, kind);
          found.push([`card (${state})`, await runAxe(page, { host: 'kol-trust-card' })]);
          await shot(page, `card-${state}-${tag}`);
          await closeCard(page);
        };
        await profile.bringToFront();
        await closeAll(profile);
        await profile.emulateMedia({ colorScheme: scheme });
        await check(profile, 'sanctioned', { kind: 'header', index: 0 });
        await check(profile, 'certified', { kind: 'link', href: '/@bepnha.demo' });
        await check(profile, 'lookalike', { kind: 'link', href: '/@minh.beauty.dem0' }, 'lookalike');
        await check(profile, 'unknown', { kind: 'link', href: '/@someone.unknown' }, 'unknown');
        for (const [state, url, href] of [
          ['expired', 'https://www.youtube.com/watch?v=dQw4w9WgXcA', '/channel/UCdemo0000000000000000A1'],
          ['registered', 'https://x.com/tuan_tech_demo/status/1850000000000000001', '/tuan_tech_demo'],
        ]) {
          const page = await browser.ctx.newPage();
          try {
            await page.emulateMedia({ colorScheme: scheme });
            await page.goto(url);
            await waitForBadges(page, (b) => b.some((x) => x.state === state), { what: `a ${state} badge on ${url}` });
            await check(page, state, { kind: 'link', href });
          } finally {
            await page.close();
          }
        }
        assertNoBlocking(found);
      });

      test(`${lang}, ${scheme}: the report dialog, from a card (draft, preview, sent) and from a post`, async () => {
        /** @type {Found} */
        const found = [];
        /** @param {Page} page @param {string} what @param {string} name */
        const dialog = async (page, what, name) => {
          found.push([`dialog (${what})`, await runAxe(page, { host: 'kol-trust-report' })]);
          await shot(page, `dialog-${name}-${tag}`);
        };
        await profile.bringToFront();
        await closeAll(profile);
        await profile.emulateMedia({ colorScheme: scheme });
        await openCard(profile, { kind: 'header', index: 0 }, 'record');
        await clickInCard(profile, 'report');
        await waitForDialog(profile, (d) => d?.buttons.preview, { what: 'the report dialog' });
        await dialog(profile, 'sanctioned profile, as drafted', 'draft');
        // The preview without a note: "other" needs one, so the field's error shows.
        await clickInDialog(profile, 'preview');
        await waitForDialog(profile, (d) => d?.errors.length > 0, { what: 'the missing note error' });
        await dialog(profile, 'sanctioned profile, field error', 'error');
        const note = lang === 'vi' ? 'Quảng cáo kem trộn không rõ nguồn gốc.' : 'Advertises an unlabelled cream.';
        await typeInDialog(profile, 'note', note);
        await clickInDialog(profile, 'preview');
        await waitForDialog(profile, (d) => d?.buttons.submit, { what: 'the preview' });
        await dialog(profile, 'sanctioned profile, preview', 'preview');
        // Sent to a server that is not there: the report waits in the outbox, for the popup's list below.
        await clickInDialog(profile, 'submit');
        await waitForDialog(profile, (d) => d?.result, { what: 'the confirmation' });
        await dialog(profile, 'sanctioned profile, sent', 'sent');
        await profile.keyboard.press('Escape');
        await waitForDialog(profile, (d) => d === null, { what: 'the dialog to close' });

        // A promotional post's Report button: the dialog also shows the post's excerpt and the detected cues.
        const page = await browser.ctx.newPage();
        try {
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(GROUP);
          await waitForPostButtons(page, 2);
          await clickPostButton(page, 0);
          await waitForDialog(page, (d) => d?.buttons.preview && d.cues.length > 0, {
            what: "the dialog for a post's Report button",
          });
          await dialog(page, 'promotional post', 'post');
        } finally {
          await page.close();
        }
        assertNoBlocking(found);
      });

      test(`${lang}, ${scheme}: the popup on a sanctioned profile, with a report waiting`, async () => {
        // The popup reports on the most recently used web tab: the profile page.
        await profile.bringToFront();
        const page = await browser.ctx.newPage();
        try {
          await page.setViewportSize({ width: 380, height: 640 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(browser.extensionUrl('popup.html'));
          await page.waitForSelector('body[data-ready="true"]');
          await page.waitForSelector('#reports[data-state="ready"]');
          assert.ok((await page.locator('li.report').count()) > 0, 'the report the dialog test sent is listed');
          assert.equal(await page.getAttribute('#badge', 'class'), 'sanctioned');
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          // The badge wears the core's palette (src/views/palette.rs), adopted from the worker, not colours of its own.
          const colours = await page.evaluate(() => {
            const badge = getComputedStyle(/** @type {HTMLElement} */ (document.getElementById('badge')));
            const probe = document.createElement('span');
            document.body.append(probe);
            probe.style.color = 'var(--kt-sanctioned-bg)';
            const bg = getComputedStyle(probe).color;
            probe.style.color = 'var(--kt-sanctioned-ink)';
            const ink = getComputedStyle(probe).color;
            probe.remove();
            return { badge: [badge.backgroundColor, badge.color], palette: [bg, ink] };
          });
          assert.deepEqual(colours.badge, colours.palette, "the popup's badge uses the core's sanctioned swatch");
          /** @type {Found} */
          const found = [['popup', await runAxe(page)]];
          await shot(page, `popup-${tag}`, { fullPage: true });
          assertNoBlocking(found);
        } finally {
          await page.close();
        }
      });
    }
  });
}
