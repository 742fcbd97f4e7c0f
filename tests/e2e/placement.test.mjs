// @ts-check
// Badges never move the page's own content, and never cover the words beside a name (content/placement.js).
// On each site's feed or listing fixture and on the marketplaces' product pages, with every recognized account
// badged (unknown ones too):
//  - the position of every element of the page is the same with our badges as with them removed: badges take no
//    room in the page's layout, so nothing shifts when they appear (whatever the site's CSS);
//  - a badge shown in full overlaps no text of the page; where the room beside a name is taken (X puts the
//    @handle right after the name), the badge is the compact icon on the name's corner instead, or right after the
//    name when that room is free; a compact one covers no text but the end of its own name;
//  - a badge drawn anew where one stood before (a profile header's, after an option change) is placed again.
import { test, before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';
import { badgeBox, waitForBadges } from './lib/badges.mjs';
import { readPostButtons } from './lib/report-dialog.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** [what, URL, how many link badges it gets, how many page badges (owner, title), whether it is a feed] from the
 * hand-written oracle of recognition.test.mjs: every site's feed or listing, and the marketplaces' product pages. */
const PAGES = [
  ['facebook', 'feed'],
  ['tiktok', 'feed'],
  ['youtube', 'feed'],
  ['instagram', 'feed'],
  ['x', 'feed'],
  ['threads', 'feed'],
  ['shopee', 'search'],
  ['shopee', 'product'],
  ['lazada', 'catalog'],
  ['lazada', 'product'],
  ['zalo', 'oa-home'],
].map(([site, name]) => {
  const oracle = JSON.parse(fs.readFileSync(path.join(here, 'expectations', `${site}.json`), 'utf8'));
  const page = oracle.pages.find((p) => p.name === name);
  const feed = name !== 'product';
  return [`${site} ${name}`, page.url, page.profileLinks.length, page.spots?.length ?? 0, feed];
});

let env;

before(async () => {
  env = await launchOnFixtures({ options: { showUnknown: true } });
});

after(() => env?.close());

/** Every page element's box, as a string per element, with our badge hosts taken out of the page for the
 * measurement (synchronously: the extension puts them back afterwards) and, for comparison, with them in. */
function layoutWithAndWithout() {
  const boxes = () =>
    [...document.body.querySelectorAll('*')]
      .filter((el) => !el.localName.startsWith('kol-trust-'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.localName}:${r.x.toFixed(2)},${r.y.toFixed(2)},${r.width.toFixed(2)},${r.height.toFixed(2)}`;
      });
  const withBadges = boxes();
  const hosts = [...document.querySelectorAll('kol-trust-badge, kol-trust-report-button')];
  const places = hosts.map((h) => {
    if (!h.parentNode) throw new Error(`<${h.localName}> is not in the document`);
    return /** @type {const} */ ([h.parentNode, h.nextSibling]);
  });
  hosts.forEach((h) => h.remove());
  const withoutBadges = boxes();
  // Back in reverse order: a host's next sibling may be another host taken out.
  for (let i = hosts.length - 1; i >= 0; i--) places[i][0].insertBefore(hosts[i], places[i][1]);
  return { withBadges, withoutBadges, hosts: hosts.length };
}

/** The boxes of the page's text (every non-blank text node's line boxes) that intersect any of `boxes`, by more than
 * 1 px across and more than a box's `inset` (1 px unless given) up and down; text that is part of a box's `own` name
 * (a compact disc on its name's corner) does not count for that box. */
function textUnder(boxes) {
  const hits = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? ''; // (always a string on a text node)
    if (!text.trim() || node.parentElement?.closest('script, style')) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      for (const b of boxes) {
        // 1 px of tolerance: anti-aliased edges of neighbours touching is not covering.
        const inset = b.inset ?? 1;
        if (r.left < b.right - 1 && r.right > b.left + 1 && r.top < b.bottom - inset && r.bottom > b.top + inset) {
          if (b.own?.includes(text.trim())) continue;
          hits.push({ text: text.trim().slice(0, 40), badge: b.label });
        }
      }
    }
  }
  return hits;
}

for (const [site, url, links, own, feed] of PAGES) {
  test(`${site}: badges move none of the page's content and cover none of its text`, async () => {
    const page = await env.browser.ctx.newPage();
    try {
      await page.goto(url);
      const badges = await waitForBadges(
        page,
        (b) =>
          b.filter((x) => x.kind === 'link').length >= links &&
          b.filter((x) => x.kind === 'header').length >= own &&
          b.every((x) => x.placement && x.placement !== 'unplaced'),
        { what: `all ${links} link badges and ${own} page badges on ${site} drawn and placed` },
      );
      await screenshot(page, `placement-${site.replace(' ', '-')}`);
      const layout = await page.evaluate(layoutWithAndWithout);
      assert.ok(layout.hosts >= badges.length, 'every badge read was measured');
      const moved = layout.withBadges
        .map((b, i) => (b === layout.withoutBadges[i] ? null : `${layout.withoutBadges[i]} → ${b}`))
        .filter(Boolean)
        .slice(0, 12);
      assert.deepEqual(moved, [], `${site}: no element of the page moves or resizes because of the badges`);

      // The feed may re-draw a badge between reading it and measuring it (a re-placed badge is a new node): then the
      // badges are read again and measured again, until one reading measures whole.
      let full = [];
      let compact = [];
      for (let attempt = 0; ; attempt++) {
        const now = attempt === 0 ? badges : await waitForBadges(page, (b) => b.every((x) => x.placement && x.placement !== 'unplaced'), { what: 'placed badges' });
        try {
          full = [];
          compact = [];
          for (const b of now.filter((x) => x.placement === 'full')) {
            full.push({ ...(await badgeBox(page, b.badgeNodeId)), label: b.label });
          }
          for (const b of now.filter((x) => x.placement === 'compact')) {
            // Up and down a disc may reach as far into a neighbouring line's text box as the lines' own boxes reach into
            // each other under a tight line height (4 px on these fixtures): glyphs do not fill their boxes.
            const own = b.kind === 'link' ? b.anchorText : b.headerText;
            compact.push({ ...(await badgeBox(page, b.badgeNodeId)), label: b.label, inset: 4, own });
          }
          break;
        } catch (e) {
          if (attempt >= 4 || !String(e).includes('Could not compute box model')) throw e;
        }
      }
      // Scrolled out of view or not, the geometry is the page's: compare in the same coordinates.
      const covered = await page.evaluate(textUnder, full);
      assert.deepEqual(covered, [], `${site}: a badge shown in full covers no text of the page`);
      // A compact disc covers no text either, but for the end of its own name when it sits on the name's corner.
      const strays = await page.evaluate(textUnder, compact);
      assert.deepEqual(strays, [], `${site}: a compact badge covers no text but its own name's`);
      // (A product page's few names may all sit in tight seller panels: there, compact is right.)
      if (feed) assert.ok(full.length > 0, `${site}: names with free room beside them get the full badge`);
      if (site === 'x') {
        assert.ok(
          badges.some((b) => b.placement === 'compact'),
          'x: where the @handle follows the name, the badge is compact',
        );
      }
    } finally {
      await page.close();
    }
  });
}

test("facebook group: the Report buttons beside promotional posts move none of the page's content", async () => {
  const page = await env.browser.ctx.newPage();
  try {
    await page.goto('https://www.facebook.com/groups/hoi.review.demo/');
    const deadline = Date.now() + 10000;
    let buttons = [];
    // Two of the fixture's three posts promote something; wait until both buttons are drawn and placed.
    while (!(buttons.length === 2 && buttons.every((m) => m === 'full' || m === 'compact'))) {
      if (Date.now() > deadline) throw new Error(`report buttons not placed: ${JSON.stringify(buttons)}`);
      await page.waitForTimeout(50);
      buttons = (await readPostButtons(page)).map((b) => b.placement);
    }
    await waitForBadges(page, (b) => b.length > 0 && b.every((x) => x.placement && x.placement !== 'unplaced'));
    const layout = await page.evaluate(layoutWithAndWithout);
    const moved = layout.withBadges.filter((b, i) => b !== layout.withoutBadges[i]);
    assert.deepEqual(moved, [], 'no element of the page moves because of the Report buttons and badges');
  } finally {
    await page.close();
  }
});

test("a profile header's badge redrawn after an option change is placed again, with no link badge left to redraw", async () => {
  const page = await env.browser.ctx.newPage();
  const lang = await env.browser.sw.evaluate(() => chrome.storage.local.get('lang').then((o) => o.lang ?? null));
  try {
    await page.goto('https://www.tiktok.com/@minh.beauty.demo');
    const placedHeader = (/** @type {any[]} */ b) => b.find((x) => x.kind === 'header' && (x.placement === 'full' || x.placement === 'compact'));
    const before = placedHeader(await waitForBadges(page, (b) => Boolean(placedHeader(b)), { what: 'the header badge, placed' }));
    // Only the header is left to draw: the page's links go, with their badges.
    await page.evaluate(() => document.querySelectorAll('a[href], kol-trust-badge[kind="link"]').forEach((a) => a.remove()));
    await waitForBadges(page, (b) => b.every((x) => x.kind === 'header'), { what: 'no link badges' });
    // A changed option re-answers the page: the header's badge is drawn anew, in the same header element (whose
    // size does not change, so no resize is reported for it).
    await env.browser.sw.evaluate(() => chrome.storage.local.set({ lang: 'en' }));
    const after = await waitForBadges(page, (b) => b.some((x) => x === placedHeader(b) && x.label !== before.label), {
      what: 'the header badge in English, placed',
    });
    assert.equal(after.filter((x) => x.kind === 'header').length, 1, 'one header badge');
  } finally {
    await env.browser.sw.evaluate((l) => (l ? chrome.storage.local.set({ lang: l }) : chrome.storage.local.remove('lang')), lang);
    await page.close();
  }
});
