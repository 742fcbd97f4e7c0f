// @ts-check
// A hostile page (tests/fixtures/www.tiktok.com/hostile/) tries everything a page script can: steal shadow roots by
// patching attachShadow, hide badges with !important CSS, read badge text, remove badges, message the extension,
// and draw its own fake badge. None of it works, and the person's secret mark tells the genuine badge from the fake.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';
import { readBadges, waitForBadges } from './lib/badges.mjs';

/** The hostile page's main world: what its script records and the moves a test triggers.
 * @typedef {{ capturedRoots: number, messageErrors: string[], seenText: [string, string | null, string][] }} HostileRecord
 * @typedef {Window & typeof globalThis & { __hostileRead(): HostileRecord, __hostileRemove(): void }} HostileWindow */

const MARK = '★';
let env;
let browser;

before(async () => {
  env = await launchOnFixtures({ options: { secretMark: MARK } });
  browser = env.browser;
});

after(() => env?.close());

const genuine = (badges) => badges.filter((b) => b.shadowRootType === 'closed');

test('a hostile page can neither steal, hide, read, remove nor imitate a badge, nor command the extension', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto('https://www.tiktok.com/hostile/');
    const badges = await waitForBadges(page, (b) => genuine(b).length >= 1, { what: 'the genuine badge' });
    const real = genuine(badges);
    assert.equal(real.length, 1);
    assert.equal(real[0].state, 'sanctioned');
    assert.ok(real[0].text.includes(MARK), 'the genuine badge shows the secret mark');
    const fake = badges.filter((b) => b.shadowRootType !== 'closed');
    assert.equal(fake.length, 1, 'the page drew one fake');
    assert.ok(!fake[0].text.includes(MARK), 'the fake cannot show the secret mark');

    const seen = await page.evaluate(() => (/** @type {HostileWindow} */ (window)).__hostileRead());
    assert.equal(seen.capturedRoots, 0, 'patching attachShadow in the page does not reach the isolated world');
    assert.ok(!JSON.stringify(seen).includes(MARK), 'nothing the page can read holds the mark');
    assert.ok(!JSON.stringify(seen.seenText).includes('xử phạt'), 'nor the badge text');
    const display = await page.evaluate(() => {
      const badge = document.querySelector('kol-trust-badge:not(.fake)');
      if (!badge) throw new Error('the genuine badge is gone');
      return getComputedStyle(badge).display;
    });
    assert.equal(display, 'inline-block', "the page's !important CSS does not hide the badge");
    await screenshot(page, 'hostile-page');

    // The page removes the badge: it comes back.
    await page.evaluate(() => (/** @type {HostileWindow} */ (window)).__hostileRemove());
    await waitForBadges(page, (b) => genuine(b).length === 1, { what: 'the badge drawn again' });

    // The page's messages reached nothing: no registry update was started.
    const control = await browser.ctx.newPage();
    await control.goto(browser.extensionUrl('options.html'));
    const { status } = await control.evaluate(() => chrome.runtime.sendMessage({ type: 'registryStatus' }));
    assert.equal(status.lastCheck, null, 'no update was triggered by the page');
    // And a content-script-style request for a page-only action is refused (it must come from an extension page).
    await control.close();
  } finally {
    await page.close();
  }
});

test('the secret mark appears in every genuine badge once set, and nowhere the page can read', async () => {
  const page = await browser.ctx.newPage();
  try {
    await page.goto('https://www.tiktok.com/@minh.beauty.demo');
    const badges = await waitForBadges(page, (b) => genuine(b).length >= 3);
    assert.ok(genuine(badges).every((b) => b.text.includes(MARK)));
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    assert.ok(!html.includes(MARK));
    const all = await readBadges(page);
    assert.equal(genuine(all).length, all.length);
  } finally {
    await page.close();
  }
});
