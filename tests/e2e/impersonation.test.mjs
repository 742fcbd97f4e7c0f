// @ts-check
// Impersonation defence in the page (issue 14), on a YouTube search-results fixture at the real hostname: a channel
// whose handle imitates a registered KOL's with a Cyrillic letter, and a channel with an unrelated handle that shows
// the KOL's name with a check mark and "Official", both get the look-alike badge; their cards name the imitated KOL
// and say how; "Report impersonation" opens the report with the category and both accounts prefilled. Ordinary
// channels — one showing the same legal name as another registered KOL — get nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';
import { waitForBadges, linkBadges } from './lib/badges.mjs';
import { waitForCard, waitForSettledCard, clickBadge, clickInCard } from './lib/card.mjs';
import { waitForDialog } from './lib/report-dialog.mjs';

const URL_ = 'https://www.youtube.com/results?search_query=review+cong+nghe';
const HOMOGLYPH = 'https://www.youtube.com/@reviewcongngh%D0%B5.demo';
const IMPERSONATOR = 'https://www.youtube.com/@quocanh.quatang2026';
const REAL = 'https://www.youtube.com/@reviewcongnghe.demo';

let env;
let browser;

before(async () => {
  env = await launchOnFixtures();
  browser = env.browser;
});

after(() => env?.close());

/** The search page with its three badges drawn (the real channel's, the two look-alikes'). */
async function openResults() {
  const page = await browser.ctx.newPage();
  await page.goto(URL_);
  await waitForBadges(page, (b) => linkBadges(b).filter((x) => x.state === 'lookalike').length >= 2 && b.some((x) => x.href === REAL), {
    what: 'the registered channel and both look-alikes badged',
  });
  return page;
}

test('a Cyrillic look-alike handle and a channel wearing a registered name are badged; ordinary channels are not', async () => {
  const page = await openResults();
  try {
    const badges = linkBadges(await (await import('./lib/badges.mjs')).readBadges(page));
    const byHref = new Map(badges.map((b) => [b.href, b]));
    assert.equal(byHref.get(REAL)?.state, 'certified');
    assert.equal(byHref.get(HOMOGLYPH)?.state, 'lookalike', 'the Cyrillic look-alike');
    assert.match(byHref.get(HOMOGLYPH)?.title ?? '', /Phạm Quốc Anh.*Kirin/);
    assert.equal(byHref.get(IMPERSONATOR)?.state, 'lookalike', 'the display-name impersonator');
    assert.match(byHref.get(IMPERSONATOR)?.title ?? '', /«Phạm Quốc Anh ✅ Official»/);
    // Nothing else on the page: ordinary names, including a registered KOL's legal name shown plainly.
    for (const h of ['@tranvanhung.vlog', '@nguyenvantung94', '@bepcuahoa']) {
      assert.equal(badges.filter((b) => b.href?.endsWith(h)).length, 0, `${h} gets no badge`);
    }
    assert.equal(badges.length, 3, JSON.stringify(badges.map((b) => [b.href, b.state])));
    await screenshot(page, 'impersonation-results');
  } finally {
    await page.close();
  }
});

test('the look-alike cards name the imitated KOL and how; "Report impersonation" prefills both accounts', async () => {
  const page = await openResults();
  try {
    await clickBadge(page, { kind: 'link', href: '/@reviewcongnghе.demo' });
    const homoglyph = await waitForCard(page, (k) => k?.kind === 'lookalike', { what: 'the homoglyph card' });
    assert.equal(homoglyph.registryId, 'KT-DEMO-0005');
    assert.match(homoglyph.message ?? '', /KHÔNG có trong sổ đăng ký.*Phạm Quốc Anh.*chữ cái Kirin/);
    assert.match(homoglyph.text, /YouTube · reviewcongnghe\.demo/);
    await waitForSettledCard(page);
    await screenshot(page, 'impersonation-card-homoglyph');
    await page.keyboard.press('Escape');
    await waitForCard(page, (k) => k === null);

    await clickBadge(page, { kind: 'link', href: '/@quocanh.quatang2026' });
    const named = await waitForCard(page, (k) => k?.kind === 'lookalike', { what: 'the impersonator card' });
    assert.equal(named.registryId, 'KT-DEMO-0005');
    assert.match(named.message ?? '', /«Phạm Quốc Anh ✅ Official».*Phạm Quốc Anh.*dấu tích xác minh giả/);
    assert.equal(named.report?.text, 'Báo cáo mạo danh');
    await waitForSettledCard(page);
    await screenshot(page, 'impersonation-card-display-name');

    await clickInCard(page, 'report');
    const dialog = await waitForDialog(page, (d) => d?.category === 'impersonation', { what: 'the impersonation report' });
    assert.match(dialog.subject ?? '', /YouTube · quocanh\.quatang2026/, 'the impostor is the reported profile');
    assert.match(dialog.note ?? '', /Mạo danh Phạm Quốc Anh — YouTube · reviewcongnghe\.demo \(https:\/\/www\.youtube\.com\/@reviewcongnghe\.demo\)/);
    await screenshot(page, 'impersonation-report');
  } finally {
    await page.close();
  }
});
