// @ts-check
// Recognition on every main site, in the browser: on each fixture page (feed, profile, post, another profile),
// reached directly and through SPA navigation, and after the feed grows, every text link to a profile gets exactly
// one badge and no other link gets one; the profile header gets the page's badge on profile pages only. The
// oracle is tests/e2e/expectations/<site>.json, written by hand from the corpus conventions, not by the recognizer.
// The option "mark profiles not in the registry" is on, so unknown accounts are badged too and every recognition
// is visible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchOnFixtures, screenshot, setOptions } from './lib/browser.mjs';
import { waitForBadges, linkBadges, headerBadges } from './lib/badges.mjs';
import { expectedState } from './lib/known-accounts.mjs';

/** A fixture site's main world: the SPA driver (tests/fixtures/_shared/spa.js) and the mark a test leaves to tell an
 * in-page navigation from a reload.
 * @typedef {Window & typeof globalThis & { KolFixture: { append(n: number): void, navigate(path: string): void },
 *   __noReload?: boolean }} FixtureWindow */

const here = path.dirname(fileURLToPath(import.meta.url));
const SITES = ['facebook', 'tiktok', 'youtube', 'instagram', 'x', 'threads', 'shopee', 'lazada', 'zalo'].map((s) =>
  JSON.parse(fs.readFileSync(path.join(here, 'expectations', `${s}.json`), 'utf8')),
);

let env;
let browser;

before(async () => {
  env = await launchOnFixtures({ options: { showUnknown: true } });
  browser = env.browser;
});

after(() => env?.close());

/** What the page must show: link badges [href, state] in document order, and the page's badges [spot, state]: the
 * profile header on a profile page, or the spots a content page lists (`spots`: the owner's name, the title). */
function expectedBadges(site, page, links = page.profileLinks) {
  const platform = site.site;
  const state = page.main
    ? (page.mainAccounts ?? [[page.main.id_type, page.main.account_id]])
        .map(([t, id]) => expectedState(platform, t, id))
        .find((s) => s !== 'unknown') ?? 'unknown'
    : null;
  const spots = page.spots ?? (page.main?.kind === 'profile' ? ['header'] : []);
  return {
    links: links.map(([href, idType, id]) => [href, expectedState(platform, idType, id)]),
    header: spots.map((spot) => [spot, state]),
  };
}

async function assertPage(tab, site, page, links) {
  const want = expectedBadges(site, page, links);
  const wantHeaders = want.header.length;
  const badges = await waitForBadges(
    tab,
    (b) => linkBadges(b).length >= want.links.length && headerBadges(b).length >= wantHeaders,
    { what: `${want.links.length} link badges and ${wantHeaders} page badges on ${site.site} ${page.name}` },
  );
  // Compared as sorted lists: every profile link badged exactly once (duplicates count), nothing else badged.
  const sorted = (xs) => [...xs].sort((a, b) => (a.join() < b.join() ? -1 : 1));
  assert.deepEqual(
    sorted(linkBadges(badges).map((b) => [b.href, b.state])),
    sorted(want.links),
    `${site.site} ${page.name}: exactly the profile links are badged, each once`,
  );
  assert.deepEqual(
    sorted(headerBadges(badges).map((b) => [b.spot, b.state])),
    sorted(want.header),
    `${site.site} ${page.name}: the page's own badges`,
  );
}

for (const site of SITES) {
  test(`${site.site}: every profile link on every page gets exactly one badge, system links none`, async () => {
    const tab = await browser.ctx.newPage();
    try {
      for (const page of site.pages) {
        await tab.goto(page.url);
        await assertPage(tab, site, page);
        await screenshot(tab, `recognition-${site.site}-${page.name}`);
        if (page.afterAppend) {
          // The feed grows (infinite scroll): the new posts' profile links get their badges too.
          await tab.evaluate(() => (/** @type {FixtureWindow} */ (window)).KolFixture.append(1));
          await assertPage(tab, site, page, [...page.profileLinks, ...page.afterAppend]);
        }
      }
    } finally {
      await tab.close();
    }
  });

  test(`${site.site}: SPA navigation re-badges the new view and its header`, async () => {
    const tab = await browser.ctx.newPage();
    try {
      for (const step of site.spa) {
        const from = site.pages.find((p) => p.name === step.from);
        const to = site.pages.find((p) => p.name === step.to);
        await tab.goto(from.url);
        await assertPage(tab, site, from);
        await tab.evaluate(() => ((/** @type {FixtureWindow} */ (window)).__noReload = true));
        await tab.click(step.click);
        await tab.waitForURL(step.url);
        assert.equal(await tab.evaluate(() => (/** @type {FixtureWindow} */ (window)).__noReload), true, 'navigation stayed in the page (SPA)');
        await assertPage(tab, site, to);
      }
      await screenshot(tab, `recognition-${site.site}-after-spa`);
    } finally {
      await tab.close();
    }
  });
}

test('"what to badge": sanctioned only leaves every other state unbadged', async () => {
  await setOptions(browser, { only: 'sanctioned' });
  const tab = await browser.ctx.newPage();
  try {
    await tab.goto('https://www.tiktok.com/@minh.beauty.demo');
    const badges = await waitForBadges(tab, (b) => b.length >= 2, { what: 'the sanctioned badges' });
    assert.ok(badges.every((b) => b.state === 'sanctioned'), JSON.stringify(badges.map((b) => b.state)));
    assert.deepEqual(
      linkBadges(badges).map((b) => b.href),
      ['https://www.tiktok.com/@minh.beauty.demo?lang=vi-VN&is_from_webapp=1'],
    );
  } finally {
    await tab.close();
    await setOptions(browser, { only: 'all' });
  }
});
