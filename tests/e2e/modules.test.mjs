// @ts-check
// The extension's two WebAssembly modules (docs/architecture.md, "Two WebAssembly modules"): a worker answers badge
// questions from the first module alone — on a feed visit, after a cold start — and instantiates the second
// (card, report dialog, post flags, outbox) only on the first message that needs it. The worker reports which
// modules it has instantiated in its `registryStatus` answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchOnFixtures } from './lib/browser.mjs';
import { waitForBadges } from './lib/badges.mjs';
import { clickBadge, waitForCard } from './lib/card.mjs';
import { waitForDialog } from './lib/report-dialog.mjs';

/** @type {any} */
let env;
/** @type {any} */
let browser;
/** An extension page to ask the worker from (its messages wake a stopped worker). @type {import('playwright-core').Page} */
let control;

before(async () => {
  env = await launchOnFixtures();
  browser = env.browser;
  control = await browser.ctx.newPage();
  await control.goto(browser.extensionUrl('options.html'));
});

after(() => env?.close());

/** @returns {Promise<import('../../extension/types/messages').ModuleStates>} */
const modules = async () => {
  const reply = await control.evaluate(() => chrome.runtime.sendMessage({ type: 'registryStatus' }));
  if (!reply.ok) throw new Error(`registryStatus: ${reply.error}`);
  return reply.modules;
};

/** Stops the service worker, as Chromium does after ~30 s idle: the next message starts a fresh one. */
async function stopWorker() {
  const cdp = await control.context().newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The running worker (a fresh handle after a restart: the old one closed with its worker). */
async function liveWorker() {
  for (let tries = 0; tries < 3; tries++) {
    for (const sw of browser.ctx.serviceWorkers()) {
      if (await sw.evaluate(() => true).catch(() => false)) return sw;
    }
    await browser.ctx.waitForEvent('serviceworker', { timeout: 10000 }).catch(() => {});
  }
  throw new Error('no live service worker');
}

/** A feed visit on a stopped worker: a YouTube watch page (channel links to badge, no posts to flag: the site has no
 * post selectors), once its three badges are drawn — by the first module alone.
 * @returns {Promise<import('playwright-core').Page>} */
async function coldFeedVisit() {
  await stopWorker();
  const page = await browser.ctx.newPage();
  await page.goto('https://www.youtube.com/watch?v=dQw4w9WgXcA');
  await waitForBadges(page, (b) => b.length >= 3, { what: 'the three channel badges' });
  assert.deepEqual(await modules(), { first: 'ready', second: 'unloaded', secondLoadMs: null, secondMemoryBytes: null });
  return page;
}

test('a cold worker answers a feed visit with the first module alone; the report dialog loads the second', async () => {
  const page = await coldFeedVisit();
  try {

    // The context menu's "Report" on a channel link (its handler, as a headless menu cannot be clicked).
    const sw = await liveWorker();
    await sw.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://www.youtube.com/*' });
      await globalThis.kolTrustContextMenuClicked(
        { menuItemId: 'kol-trust-report', linkUrl: 'https://www.youtube.com/@reviewcongnghe.demo', frameId: 0 },
        tab,
      );
    });
    const dialog = await waitForDialog(page, (d) => Boolean(d?.name), { what: 'the report dialog, drafted' });
    assert.match(dialog.stateLabel, /^Đã chứng nhận/, 'the first module gave the registry facts');
    const after = await modules();
    assert.equal(after.second, 'ready');
    assert.ok(typeof after.secondLoadMs === 'number' && after.secondLoadMs >= 0);
    assert.ok(typeof after.secondMemoryBytes === 'number' && after.secondMemoryBytes > 0);
    console.log(
      `second module instantiated on first use in ${after.secondLoadMs} ms; its memory ${after.secondMemoryBytes} bytes`,
    );
  } finally {
    await page.close();
  }
});

test('after a restart, opening a badge card loads the second module; the card comes from both', async () => {
  const page = await coldFeedVisit();
  try {
    await clickBadge(page, { href: '/channel/UCdemo0000000000000000A1' });
    const card = await waitForCard(page, (c) => c !== null && !c.animating, { what: 'the card' });
    assert.equal(card.state, 'expired');
    assert.equal((await modules()).second, 'ready');
  } finally {
    await page.close();
  }
});
