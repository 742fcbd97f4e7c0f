// @ts-check
// The real captured pages (shared/pages) served at their original URLs: the content script reads their page
// signals as the sites rendered them, and the core must name the page's main profile as a careful reader does
// (shared/pages/INDEX.tsv, `*` account; tests/e2e/expectations/captured.json), and the toolbar popup must name it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchOnFixtures, screenshot } from './lib/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PAGES_DIR = path.resolve(here, '../../../shared/pages');
const { pages } = JSON.parse(fs.readFileSync(path.join(here, 'expectations', 'captured.json'), 'utf8'));

let env;
let browser;
let control; // an extension page, to read what the worker was told and to ask it questions

before(async () => {
  assert.ok(fs.existsSync(PAGES_DIR), `the captured pages are missing: ${PAGES_DIR}`);
  const routes = Object.fromEntries(pages.map((p) => [p.url, path.join(PAGES_DIR, p.file)]));
  env = await launchOnFixtures({ routes, extraHosts: pages.map((p) => new URL(p.url).hostname) });
  browser = env.browser;
  control = await browser.ctx.newPage();
  await control.goto(browser.extensionUrl('options.html'));
});

after(() => env?.close());

for (const page of pages) {
  test(`captured ${page.file}: main profile is ${page.main.platform} ${page.main.account_id} (${page.main.kind})`, async () => {
    const tab = await browser.ctx.newPage();
    try {
      await tab.goto(page.url, { waitUntil: 'domcontentloaded' });
      // The content script reports the page signals to the worker, which keeps them per tab for the popup.
      const signals = await control.evaluate(async (url) => {
        const [tab] = await chrome.tabs.query({ url });
        for (;;) {
          const key = `tab:${tab.id}`;
          const stored = (await chrome.storage.session.get(key))[key];
          if (stored) return stored;
          await new Promise((r) => setTimeout(r, 50));
        }
      }, page.url);
      const answer = await control.evaluate((s) => chrome.runtime.sendMessage({ type: 'lookupPage', signals: s }), signals);
      assert.equal(answer.ok, true);
      assert.equal(answer.main?.platform, page.main.platform);
      assert.equal(answer.main?.kind, page.main.kind);
      assert.deepEqual(
        answer.main.accounts.map((a) => [a.id_type, a.account_id]),
        page.mainAccounts,
      );
      // The popup (it reports on the most recently used web tab) names the same owner.
      await tab.bringToFront();
      const popup = await browser.ctx.newPage();
      try {
        await popup.goto(browser.extensionUrl('popup.html'));
        await popup.waitForSelector('body[data-ready="true"]');
        assert.equal(await popup.textContent('#subject'), page.subject, 'the popup names the owner');
      } finally {
        await popup.close();
      }
      await screenshot(tab, `captured-${path.basename(page.file, '.html')}`);
    } finally {
      await tab.close();
    }
  });
}
