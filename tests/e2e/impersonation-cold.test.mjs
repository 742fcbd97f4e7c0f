// @ts-check
// Look-alike warnings from a worker that has just started on a registry read lazily (issue 15 with issue 14): a
// stored registry over 1 MiB is opened from its resident prefix, which holds the account index but not the name
// index, so the first answer badges registered accounts and lists the strangers in `recheck`; the content script
// asks those again with `final`, which reads the name index — and the impostors on the YouTube results fixture get
// their warnings all the same. The registry is the demo people plus a fictional sample of ~38,000 accounts,
// published by a real `koltrust serve` and taken by the extension's update.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';
import { startAllianceServer, RESOLVED_DEMO, KOLTRUST_BIN } from './lib/alliance-server.mjs';
import { waitForBadges, linkBadges } from './lib/badges.mjs';

const URL_ = 'https://www.youtube.com/results?search_query=review+cong+nghe';
const HOMOGLYPH = 'https://www.youtube.com/@reviewcongngh%D0%B5.demo';
const IMPERSONATOR = 'https://www.youtube.com/@quocanh.quatang2026';
const REAL = 'https://www.youtube.com/@reviewcongnghe.demo';

let env;
let alliance;
let sampleDir;
/** An extension page: it asks for the update and reads the worker's status. */
let control;

before(async () => {
  alliance = await startAllianceServer();
  sampleDir = await fs.mkdtemp(path.join(os.tmpdir(), 'koltrust-sample-'));
  const sample = path.join(sampleDir, 'sample.json');
  execFileSync(KOLTRUST_BIN, ['registry', 'sample', '--count', '12000', '--seed', '15', '--out', sample]);
  alliance.cli('registry', 'import', RESOLVED_DEMO, sample);
  alliance.cli('registry', 'publish');
  env = await launchOnFixtures({ options: { serverUrl: alliance.url } });
  control = await env.browser.ctx.newPage();
  await control.goto(env.browser.extensionUrl('options.html'));
  const updated = await ask({ type: 'updateNow' });
  assert.equal(updated.status.source, 'updated', updated.status.lastError ?? '');
});

after(async () => {
  await env?.close();
  await alliance?.stop();
  if (sampleDir) await fs.rm(sampleDir, { recursive: true, force: true });
});

const ask = (/** @type {object} */ message) => control.evaluate((m) => chrome.runtime.sendMessage(m), message);

test('a cold worker on a large stored registry badges registered accounts first, then the look-alikes', async () => {
  const cdp = await env.browser.ctx.newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const page = await env.browser.ctx.newPage();
  try {
    await page.goto(URL_);
    const badges = linkBadges(
      await waitForBadges(
        page,
        (b) => linkBadges(b).filter((x) => x.state === 'lookalike').length >= 2 && b.some((x) => x.href === REAL),
        { what: 'the registered channel and both look-alikes badged by a cold worker' },
      ),
    );
    const byHref = new Map(badges.map((b) => [b.href, b]));
    assert.equal(byHref.get(REAL)?.state, 'certified');
    assert.equal(byHref.get(HOMOGLYPH)?.state, 'lookalike');
    assert.match(byHref.get(HOMOGLYPH)?.title ?? '', /Phạm Quốc Anh.*Kirin/);
    assert.equal(byHref.get(IMPERSONATOR)?.state, 'lookalike');
    await screenshot(page, 'impersonation-cold-results');

    // The worker that drew them started cold on the stored registry, read the prefix only at first, and gave the
    // look-alike verdicts in a second answer.
    const { status } = await ask({ type: 'registryStatus' });
    assert.equal(status.source, 'updated');
    assert.ok(status.coldStartMs > 0, 'this worker started after the stop');
    assert.ok(status.startPhases.prefixRead > 0, JSON.stringify(status.startPhases));
    assert.ok(
      status.startPhases.finalAnswer >= status.coldStartMs,
      `look-alike checks answered after the first answer: ${JSON.stringify(status.startPhases)}`,
    );
  } finally {
    await page.close();
  }
});

test('the look-alike check of a stranger asked directly is final after a recheck', async () => {
  const cdp = await env.browser.ctx.newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const hrefs = [REAL, HOMOGLYPH, 'https://www.youtube.com/@someone.unrelated.demo'];
  const first = await ask({ type: 'lookupLinks', hrefs });
  assert.ok(first.ok, first.error);
  assert.equal(first.answers[0]?.badge.state, 'certified', 'registered accounts are answered at once');
  assert.deepEqual(first.recheck, [1, 2], 'the strangers wait for the name index');
  const final = await ask({ type: 'lookupLinks', hrefs: first.recheck.map((/** @type {number} */ i) => hrefs[i]), final: true });
  assert.ok(final.ok, final.error);
  assert.equal(final.recheck, undefined);
  assert.equal(final.answers[0]?.badge.state, 'lookalike');
  assert.equal(final.answers[1], null);
});
