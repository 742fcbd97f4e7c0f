// @ts-check
// Launches Debian's Chromium with the built extension loaded, every fixture hostname mapped to the loopback
// fixture server, and a throwaway profile. Returns the context, the extension's service worker and its id.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { fixtureHosts, startFixtureServer } from './fixture-server.mjs';

export const EXTENSION_DIR = process.env.KOLTRUST_EXTENSION_DIR ?? path.resolve('dist/extension');
export const ARTIFACTS_DIR = path.resolve(process.env.KOLTRUST_ARTIFACTS ?? 'tests/e2e/artifacts');

/** @param {{ fixturePort: number, extensionDir?: string, locale?: string, extraHosts?: string[] }} setup */
export async function launchWithExtension({ fixturePort, extensionDir = EXTENSION_DIR, locale = 'vi', extraHosts = [] }) {
  await fs.access(path.join(extensionDir, 'manifest.json')).catch(() => {
    throw new Error(`no built extension in ${extensionDir}: run \`cargo xtask dist\` first`);
  });
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'koltrust-e2e-'));
  const hosts = [...new Set([...(await fixtureHosts()), ...extraHosts])];
  const rules = hosts.map((h) => `MAP ${h} 127.0.0.1:${fixturePort}`).join(', ');
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale,
    // The browser's UI language (chrome.i18n.getUILanguage) follows the environment, not just --lang.
    env: { ...process.env, LANGUAGE: locale, LC_ALL: locale === 'vi' ? 'vi_VN.UTF-8' : 'en_US.UTF-8' },
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // Every other hostname fails at once: the tests never touch the network, and captured pages that reference
      // other hosts do not wait for DNS time-outs.
      `--host-resolver-rules=${rules}, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
      `--lang=${locale}`,
      '--ignore-certificate-errors',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 15000 }));
  const extensionId = new URL(sw.url()).host;
  return {
    ctx,
    sw,
    extensionId,
    extensionUrl: (p) => `chrome-extension://${extensionId}/${p}`,
    async close() {
      await ctx.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of what a person sees (the viewport, or the whole page with `fullPage`) under
 * tests/e2e/artifacts/ (git-ignored). */
export async function screenshot(page, name, { fullPage = false } = {}) {
  await fs.mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Sets extension options (chrome.storage.local) from the service worker, as the options page would. */
export async function setOptions(browser, values) {
  await browser.sw.evaluate((v) => chrome.storage.local.set(v), values);
}

/** The usual test setup: a fixture server, Chromium with the extension on it, and the given options set.
 * Resolves to `{ server, browser, close() }`; `close()` stops both.
 * @param {{ routes?: Record<string, string>, options?: Record<string, unknown>, extensionDir?: string,
 *   locale?: string, extraHosts?: string[] }} [setup] */
export async function launchOnFixtures({ routes, options, ...launch } = {}) {
  const server = await startFixtureServer({ routes });
  const browser = await launchWithExtension({ fixturePort: server.port, ...launch });
  if (options) await setOptions(browser, options);
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
