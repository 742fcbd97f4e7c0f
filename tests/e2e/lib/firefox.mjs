// @ts-check
// Headless Firefox (Debian's firefox-esr) with the Firefox build (`dist/firefox`, `cargo xtask dist`) installed as a
// temporary add-on, driven by puppeteer-core over WebDriver BiDi (docs/architecture.md, "Firefox").
//
// How it differs from the Chromium harness (browser.mjs), and why:
//  - Hostnames: the pref `network.dns.localDomains` resolves the fixture hosts to 127.0.0.1 (Firefox has no
//    `--host-resolver-rules`), so pages are opened at their real hostname with the fixture server's port
//    (`site(url)`); the manifest's `https://*.tiktok.com/*` patterns match any port. `acceptInsecureCerts` accepts
//    the fixture server's fresh self-signed certificate.
//  - Extension pages: the add-on's internal UUID is fixed with the pref `extensions.webextensions.uuids`, so
//    `moz-extension://<uuid>/options.html` is known in advance. WebDriver BiDi only navigates to such pages when
//    the remote agent allows system access (`MOZ_REMOTE_ALLOW_SYSTEM_ACCESS`), and puppeteer never sees their load
//    event, so `openExtensionPage` navigates without waiting and then waits for the document itself.
//  - Closed shadow roots: BiDi's serialization with `includeShadowTree: 'all'` returns the document with closed
//    shadow roots included — what CDP's `DOM.getDocument {pierce: true}` gives the Chromium tests. `documentTree`
//    converts it to CDP's node shape so badges.mjs reads badges the same way; nodes keep their BiDi `sharedId`,
//    through which `callOn` and `clickNode` reach a node inside a closed root (page scripts cannot).
// One browser per test file; everything waits for a condition, never for a fixed time.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { fixtureHosts } from './fixture-server.mjs';
import { badgesInTree } from './badges.mjs';

export const FIREFOX_DIR = process.env.KOLTRUST_FIREFOX_DIR ?? path.resolve('dist/firefox');

/** A node in CDP's shape (what badges.mjs and card.mjs read), with the BiDi shared id.
 * @typedef {{ nodeType: number, nodeName: string, nodeValue?: string, attributes: string[], children: TreeNode[],
 *   shadowRoots?: TreeNode[], shadowRootType?: string, sharedId?: string }} TreeNode */

/** BiDi's serialized node → CDP's shape. @param {any} remote @returns {TreeNode} */
function toTree(remote) {
  const v = remote?.value ?? {};
  const names = { 3: '#text', 8: '#comment', 9: '#document', 10: 'html', 11: '#document-fragment' };
  /** @type {TreeNode} */
  const node = {
    nodeType: v.nodeType,
    nodeName: v.nodeType === 1 ? String(v.localName).toUpperCase() : /** @type {any} */ (names)[v.nodeType] ?? '#node',
    nodeValue: v.nodeValue,
    attributes: Object.entries(v.attributes ?? {}).flat(),
    children: (v.children ?? []).map(toTree),
    sharedId: remote?.sharedId,
  };
  if (v.shadowRoot) node.shadowRoots = [{ ...toTree(v.shadowRoot), shadowRootType: v.shadowRoot.value?.mode }];
  return node;
}

/** BiDi's serialized value → a plain JSON value (nodes and other objects become null). @param {any} r @returns {any} */
function fromRemote(r) {
  switch (r?.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return r.value;
    case 'array':
      return r.value.map(fromRemote);
    case 'object':
      return Object.fromEntries(r.value.map((/** @type {[any, any]} */ [k, v]) => [typeof k === 'string' ? k : fromRemote(k), fromRemote(v)]));
    default:
      return null;
  }
}

/** Polls `fn` until it returns a truthy value (every 50 ms), or fails naming `what`.
 * @template T @param {() => Promise<T> | T} fn @param {string} what @returns {Promise<T>} */
export async function waitFor(fn, what, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err; // e.g. a page still navigating
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Launches Firefox with the add-on installed and an extension page open to talk to the background script.
 * @param {{ fixturePort: number, extraHosts?: string[] }} setup */
export async function launchFirefox({ fixturePort, extraHosts = [] }) {
  const manifest = JSON.parse(await fs.readFile(path.join(FIREFOX_DIR, 'manifest.json'), 'utf8').catch(() => {
    throw new Error(`no Firefox build in ${FIREFOX_DIR}: run \`cargo xtask dist\` first`);
  }));
  const geckoId = manifest.browser_specific_settings.gecko.id;
  const uuid = crypto.randomUUID();
  const hosts = [...new Set([...(await fixtureHosts()), ...extraHosts])];
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      'network.dns.localDomains': hosts.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      'intl.accept_languages': 'vi-VN, vi, en',
      // Grants what the extension asks for with permissions.request() without the prompt a person would answer.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  const base = `moz-extension://${uuid}/`;
  /** @type {any} BiDi's raw connection (puppeteer's BiDi browser exposes it), and a page's browsing-context id (its
   * main frame's `_id`, internal to puppeteer-core: pinned in package.json, so a change shows up on upgrade). */
  const bidi = /** @type {any} */ (browser).connection;
  /** @param {import('puppeteer-core').Page} page */
  const contextOf = (page) => /** @type {any} */ (page.mainFrame())._id;

  /** Opens an extension page (`options.html`, `popup.html`) in `page` and waits until its document is complete.
   * @param {import('puppeteer-core').Page} page @param {string} file */
  async function openExtensionPage(page, file) {
    const url = base + file;
    await bidi.send('browsingContext.navigate', { context: contextOf(page), url, wait: 'none' });
    await waitFor(() => page.evaluate((u) => location.href === u && document.readyState === 'complete', url), url);
    return page;
  }

  /** @type {import('puppeteer-core').Page} */
  let control;
  try {
    await browser.installExtension(FIREFOX_DIR);
    control = await openExtensionPage(await browser.newPage(), 'options.html');
  } catch (err) {
    await browser.close(); // (a failed start leaves no Firefox or temporary profile behind)
    throw err;
  }

  /** The whole document of `page`, closed shadow roots included, in CDP's node shape.
   * @param {import('puppeteer-core').Page} page @returns {Promise<TreeNode>} */
  async function documentTree(page) {
    const res = await bidi.send('script.evaluate', {
      expression: 'document',
      target: { context: contextOf(page) },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
    });
    return toTree(res.result.result);
  }

  /** Calls `fn` (source of an arrow function taking the node) on a node of `documentTree` in the page's realm;
   * returns its JSON value. @param {import('puppeteer-core').Page} page @param {TreeNode} node @param {string} fn */
  async function callOn(page, node, fn) {
    const res = await bidi.send('script.callFunction', {
      functionDeclaration: fn,
      arguments: [{ sharedId: node.sharedId }],
      target: { context: contextOf(page) },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const r = res.result;
    if (r.type === 'exception') throw new Error(`callOn: ${r.exceptionDetails?.text}`);
    return fromRemote(r.result);
  }

  return {
    browser,
    control,
    geckoId,
    extensionUrl: (/** @type {string} */ file) => base + file,
    /** `url` at its real hostname, on the fixture server's port. @param {string} url */
    site(url) {
      const u = new URL(url);
      u.port = String(fixturePort);
      return u.href;
    },
    /** A message to the background script, as an extension page sends it. @param {object} message */
    ask: (message) => control.evaluate((m) => chrome.runtime.sendMessage(m), message),
    /** Extension options (storage.local), as the options page writes them. @param {Record<string, unknown>} values */
    setOptions: (values) => control.evaluate((v) => chrome.storage.local.set(v), values),
    openExtensionPage,
    documentTree,
    callOn,
    /** Every badge of `page` (badges.mjs's shape). @param {import('puppeteer-core').Page} page */
    async readBadges(page) {
      return badgesInTree(await documentTree(page), page.url());
    },
    /** Scrolls `node` into view and clicks its centre with a real (trusted) mouse click.
     * @param {import('puppeteer-core').Page} page @param {TreeNode} node */
    async clickNode(page, node) {
      const [x, y] = await callOn(page, node,
        "(el) => { el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }");
      await page.mouse.click(x, y);
    },
    async close() {
      await browser.close();
    },
  };
}
