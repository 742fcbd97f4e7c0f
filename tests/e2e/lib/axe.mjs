// @ts-check
// Runs axe-core on the extension's surfaces: its own pages (popup, options) and the UI it draws into web pages inside
// *closed* shadow roots (the detail card, the report dialog).
//
// axe is injected with `page.evaluate` (CDP Runtime.evaluate), which no page CSP can refuse — the extension pages'
// CSP (script-src 'self') rightly refuses an injected <script>.
//
// Closed shadow roots: axe walks shadow trees through `element.shadowRoot`, which is null for a closed root, so it
// would see an empty host. This helper does not change the extension (it still attaches `mode: 'closed'` roots, and
// the build under test is the shipped one). Instead the test, acting as a debugger, finds the host and its closed
// root over CDP (DOM.getDocument with `pierce: true`, as card.mjs does), resolves both into the *page's main world*,
// and defines an own `shadowRoot` getter on that one host's main-world wrapper returning its root. axe, injected into
// the same main world, then walks into the real, rendered shadow tree: real computed styles, the real page behind it,
// the emulated colour scheme — not a copy in another page. The content scripts are unaffected: they run in an
// isolated world whose wrappers of the same element are separate objects without this property. For the length of
// the run only, the host also sits inside <body> (see runAxe: axe's contrast check looks nowhere else); afterwards
// it is back in its place with its focus, and the getter is gone.
import fs from 'node:fs/promises';
import path from 'node:path';
import { find } from './badges.mjs';
import { withDocument } from './card.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('axe-core').ImpactValue | undefined} Impact */
/** One failing node: its target (shadow hops as nested arrays), impact and axe's summary.
 * @typedef {{ target: import('axe-core').UnlabelledFrameSelector, impact?: Impact, summary?: string }} ViolationNode */
/** One rule broken (or one rule that threw: id ends with ' (axe error)', impact 'critical').
 * @typedef {{ id: string, impact?: Impact, help: string, nodes: ViolationNode[] }} Violation */
/** The page's main world with axe injected (page.evaluate runs there).
 * @typedef {Window & typeof globalThis & { axe?: typeof import('axe-core') }} AxeWindow */
/** A shadow root's host as seen by axe in the main world: its `shadowRoot` getter is ours (exposeClosedRoot).
 * @typedef {Element & { shadowRoot: ShadowRoot | null }} ExposedHost */

const AXE_SOURCE = fs.readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** Impacts that fail a test. @type {Impact[]} */
export const BLOCKING = ['serious', 'critical'];

/** @param {Page} page */
async function injectAxe(page) {
  if (await page.evaluate(() => typeof (/** @type {AxeWindow} */ (window)).axe === 'object')) return;
  await page.evaluate(await AXE_SOURCE);
}

/**
 * Runs axe on the whole document of `page` (an extension page), or — with `host` — on the custom element of that tag
 * name and its closed shadow tree only (the fixture page around it is a stand-in for a real site and not ours).
 * Resolves to the violations: [{ id, impact, help, nodes: [{ target, summary }] }].
 * @param {Page} page
 * @param {{ host?: string | null }} [options]
 * @returns {Promise<Violation[]>}
 */
export async function runAxe(page, { host = null } = {}) {
  await injectAxe(page);
  if (host) await exposeClosedRoot(page, host);
  return page.evaluate(
    async ({ host }) => {
      const axe = /** @type {typeof import('axe-core')} */ ((/** @type {AxeWindow} */ (window)).axe);
      // A cancelled animation's `finished` rejects; it is over all the same.
      /** @param {ParentNode} root */
      const settle = (root) =>
        Promise.all(
          [...root.children].flatMap((e) => e.getAnimations({ subtree: true })).map((a) => a.finished.catch(() => {})),
        );
      // axe lays out its grid of painted elements — where colour-contrast reads backgrounds from — by walking
      // document.body only. The card and the dialog are fixed overlays whose hosts hang off <html>, outside
      // <body>, so axe would answer "incomplete" for all their text without a word. For the run, the host moves
      // into <body> (fixed, so drawn at the same place: checked below) and then back where it was, with its focus.
      // Moving restarts the opening fade; it is let finish before axe reads colours, and again before returning.
      const el = /** @type {ExposedHost | null} */ (host ? document.querySelector(host) : null);
      const root = el?.shadowRoot ?? null;
      if (el && !root) throw new Error(`<${host}> has no shadow root axe can reach`);
      const outside = !!el && !document.body.contains(el);
      const place = el && root && outside ? { parent: el.parentNode, next: el.nextSibling, active: root.activeElement } : null;
      const box = () => JSON.stringify([...(root?.children ?? [])].map((e) => e.getBoundingClientRect()));
      if (el && root && outside) {
        const before = box();
        document.body.append(el);
        await settle(root);
        if (box() !== before) throw new Error(`<${host}> is drawn elsewhere inside <body>; axe cannot check it`);
      }
      let results;
      try {
        results = await axe.run(host ? { include: [[host]] } : document, { resultTypes: ['violations'] });
      } finally {
        if (el && root && place) {
          place.parent?.insertBefore(el, place.next);
          /** @type {HTMLElement | null} */ (place.active)?.focus({ preventScroll: true });
          await settle(root);
        }
        // The closed root hidden again from the page's world (the own getter goes; the prototype's answers null).
        if (el) delete (/** @type {Partial<ExposedHost>} */ (el)).shadowRoot;
      }
      /** @type {Violation[]} */
      const found = results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, impact: n.impact, summary: n.failureSummary })),
      }));
      // A rule that threw is skipped by axe and listed as incomplete: that is no pass.
      for (const r of results.incomplete) {
        if (!r.error) continue;
        const summary = r.error.message;
        const nodes = [{ target: [host ?? 'document'], summary }];
        found.push({ id: `${r.id} (axe error)`, impact: 'critical', help: summary, nodes });
      }
      return found;
    },
    { host: host && host.toLowerCase() },
  );
}

/** Test-only, main world only: `document.querySelector(tag).shadowRoot` answers the host's closed root (see top).
 * @param {Page} page @param {string} tag */
async function exposeClosedRoot(page, tag) {
  await withDocument(page, async (cdp, root) => {
    const hostNode = find(root, (n) => n.nodeName === tag.toUpperCase());
    const shadowNode = hostNode?.shadowRoots?.[0];
    if (!shadowNode) throw new Error(`no <${tag.toLowerCase()}> with a shadow root on ${page.url()}`);
    // Resolving with no execution context names the frame's main world, where page.evaluate (and axe) run.
    const { object: host } = await cdp.send('DOM.resolveNode', { backendNodeId: hostNode.backendNodeId });
    const { object: shadow } = await cdp.send('DOM.resolveNode', { backendNodeId: shadowNode.backendNodeId });
    await cdp.send('Runtime.callFunctionOn', {
      objectId: host.objectId,
      functionDeclaration: `function (root) {
        Object.defineProperty(this, 'shadowRoot', { configurable: true, get: () => root });
      }`,
      arguments: [{ objectId: shadow.objectId }],
    });
  });
}

/** The violations that fail a test (impact serious or critical). @param {Violation[]} violations */
export const blocking = (violations) => violations.filter((v) => BLOCKING.includes(v.impact));

/** One line per failing node: rule id, impact, target (shadow hops joined by ' >> ') and axe's summary.
 * @param {Violation[]} violations */
export function describeViolations(violations) {
  return violations
    .flatMap((v) =>
      v.nodes.map((n) => {
        const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' | ');
        const summary = (n.summary ?? v.help).replace(/\s*\n\s*/g, ' ');
        return `  [${v.id}, ${n.impact ?? v.impact}] ${target}\n      ${summary}`;
      }),
    )
    .join('\n');
}
