// @ts-check
// Browser benchmark of the worker's cold start at national scale (`cargo xtask bench-browser` builds the extension
// with signed registries of several sizes and runs this file with their folders). Per registry, in Debian's
// Chromium with the extension loaded and the fixture sites mapped to a loopback server:
//  - cold start to first answer: the worker is stopped (CDP `ServiceWorker.stopAllWorkers`), an extension page's
//    badge question (a batch of known and unknown profile links) wakes it, and the worker reports
//    `coldStartMs` — `performance.now()` at its first answer, i.e. from the worker's start. Median of RUNS, for the
//    bundled registry (its copy in IndexedDB) and for an updated one (stored by an update), which share one path.
//    That first answer badges registered accounts; links whose look-alike check waits for the name index (read
//    after the resident prefix) come back in `recheck` and are asked again with `final`, as the content script
//    does: the worker's `finalAnswer` step is reported beside it ("with look-alike checks");
//  - the first start of all (the bundled file copied from the package into IndexedDB);
//  - navigation to first badge on the 2,400-link feed (tests/fixtures/x.com/i/scale/feed.html) with the worker
//    stopped first: from the page's `load` and from its first idle period;
//  - the worker's WebAssembly memory, and the extension renderer process's resident memory (Linux /proc);
//  - the platform's floor (arguments labelled `floor:MODE`, built from benches/browser/floor/): the same cold start
//    for a worker that answers at once (`empty`), and for one that only compiles the first module and reads the
//    registry from IndexedDB (`read`) — what any design pays on this machine before its own code runs — and, with
//    the `empty` one (no content script), when the feed itself first paints and is first idle after its `load`.
// Prints one table and the floor. Usage: node benches/browser/run.mjs LABEL=DIR [LABEL=DIR …] [floor:MODE=DIR …]
import fs from 'node:fs/promises';
import { launchOnFixtures } from '../../tests/e2e/lib/browser.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const FEED_RUNS = Number(process.env.BENCH_FEED_RUNS ?? 5);

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The question that wakes the worker: known fixture people and unknown strangers, as a feed's first batch. */
const HREFS = [
  'https://www.tiktok.com/@bepnha.demo',
  'https://www.tiktok.com/@minh.beauty.demo',
  'https://www.facebook.com/lan.review.demo',
  'https://www.youtube.com/@reviewcongnghe.demo',
  'https://www.instagram.com/thutrang.style.demo/',
  'https://x.com/tuan_tech_demo',
  ...Array.from({ length: 94 }, (_, i) => `https://www.tiktok.com/@stranger.${i}.demo`),
];

/** Resident memory of Chromium's extension renderer processes, in MB (Linux). */
async function extensionProcessRssMb() {
  let kb = 0;
  for (const pid of await fs.readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmd.includes('--extension-process')) continue;
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  return Math.round(kb / 1024);
}

/** @param {string} label @param {string} dir */
async function measure(label, dir) {
  const env = await launchOnFixtures({ extensionDir: dir, options: { showUnknown: true } });
  const { browser } = env;
  try {
    const page = await browser.ctx.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    const cdp = await browser.ctx.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const ask = (/** @type {object} */ msg) => page.evaluate((m) => chrome.runtime.sendMessage(m), msg);
    const status = async () => /** @type {any} */ (await ask({ type: 'registryStatus' })).status;

    // The first start of all: the worker started at install; this first question is its first answer.
    const t0 = Date.now();
    const first = await ask({ type: 'lookupLinks', hrefs: HREFS });
    if (!first.ok) throw new Error(`${label}: ${first.error}`);
    const firstStartMs = Date.now() - t0;
    const known = first.answers.filter((/** @type {any} */ a) => a && a.state !== 'unknown').length;

    /** Cold starts with whatever the worker will open. */
    async function coldStarts() {
      const ms = [];
      /** When the first answer with every look-alike check done was given (the same as `ms` when none waited). */
      const complete = [];
      /** @type {Record<string, number>[]} */
      const phases = [];
      let source = '';
      for (let i = 0; i < RUNS; i++) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        const answer = await ask({ type: 'lookupLinks', hrefs: HREFS });
        if (!answer.ok) throw new Error(`${label}: ${answer.error}`);
        // Links whose look-alike check waited for the name index are asked again, as the content script does.
        if (answer.recheck?.length) {
          const final = await ask({ type: 'lookupLinks', hrefs: answer.recheck.map((/** @type {number} */ i) => HREFS[i]), final: true });
          if (!final.ok) throw new Error(`${label}: ${final.error}`);
        }
        const s = await status();
        if (s.lastError) throw new Error(`${label}: ${s.lastError}`);
        ms.push(s.coldStartMs);
        complete.push(s.startPhases.finalAnswer ?? s.coldStartMs);
        phases.push(s.startPhases);
        source = s.source;
      }
      // The median of each step over the runs: where the time goes.
      const steps = Object.keys(phases[0] ?? {}).map((k) => `${k} ${median(phases.map((p) => p[k] ?? NaN))}`);
      return { median: median(ms), min: Math.min(...ms), max: Math.max(...ms), complete: median(complete), source, steps: steps.join(', ') };
    }
    const bundled = await coldStarts();
    // An updated registry: what an update stores (the same file here), under the key the worker prefers.
    await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('koltrust', 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction('registry', 'readwrite').objectStore('registry');
            const get = store.get('bundled');
            get.onsuccess = () => {
              store.put({ blob: get.result.blob, sequence: get.result.sequence, stored: Date.now(), prefixLen: get.result.prefixLen }, 'current');
              store.transaction.oncomplete = () => resolve(null);
            };
          };
        }),
    );
    const updated = await coldStarts();
    const s = await status();
    const wasmMb = Math.round((s.wasmMemoryBytes ?? 0) / 1048576);
    const rssMb = await extensionProcessRssMb();

    // Navigation to first badge, the worker stopped before each visit.
    const fromLoad = [];
    const fromIdle = [];
    for (let i = 0; i < FEED_RUNS; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const feed = await browser.ctx.newPage();
      await feed.goto('https://x.com/i/scale/feed.html');
      // Both events, in whichever order: a badge before the page's first idle period counts negative.
      await feed.waitForFunction(
        () => {
          const m = /** @type {any} */ (window).__scale;
          return m.firstBadgeAt !== null && m.idleAt !== null;
        },
        null,
        { timeout: 30000 },
      );
      const m = await feed.evaluate(() => /** @type {any} */ (window).__scale);
      fromLoad.push(m.firstBadgeAt - m.loadAt);
      fromIdle.push(m.firstBadgeAt - m.idleAt);
      await feed.close();
    }
    await page.close();
    // Each visit, load → idle → badge in ms after `load`: the page's first idle period comes before its first frame in
    // some visits and hundreds of milliseconds later in others, which moves "after first idle" far more than the
    // worker's start does (docs/performance.md, "The page's idle time" and "Fourth pass").
    const visits = fromLoad.map((l, i) => `${Math.round(l - fromIdle[i])}→${Math.round(l)}`).join(' ');
    return { label, known, firstStartMs, bundled, updated, wasmMb, rssMb, fromLoad: median(fromLoad), fromIdle: median(fromIdle), visits };
  } finally {
    await env.close();
  }
}

/** The floor worker's cold start (benches/browser/floor/worker.js), stopped between runs like the extension's.
 * @param {string} mode @param {string} dir */
async function measureFloor(mode, dir) {
  const env = await launchOnFixtures({ extensionDir: dir });
  try {
    const page = await env.browser.ctx.newPage();
    await page.goto(env.browser.extensionUrl('options.html'));
    const cdp = await env.browser.ctx.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const ask = async () => {
      const answer = /** @type {any} */ (await page.evaluate(() => chrome.runtime.sendMessage({})));
      if (!answer.ok) throw new Error(`floor ${mode}: ${answer.error}`);
      return answer;
    };
    await ask(); // the first start of all (the registry copied into IndexedDB)
    const ms = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const answer = await ask();
      ms.push(answer.ms);
      bytes = answer.bytes;
    }
    // The feed with no content script at all (this extension has none): when the page itself first paints and is
    // first idle after its `load` — the floor under "first badge after load".
    /** @type {{ frame: number, idle: number }[]} */
    const feed = [];
    if (mode === 'empty') {
      for (let i = 0; i < FEED_RUNS; i++) {
        const visit = await env.browser.ctx.newPage();
        // The end of the first frame after `load` (its rAF, then the task after it): the page first painted.
        await visit.addInitScript(() =>
          addEventListener('load', () => requestAnimationFrame(() => setTimeout(() => ((/** @type {any} */ (window)).__framed = performance.now()), 0))),
        );
        await visit.goto('https://x.com/i/scale/feed.html');
        await visit.waitForFunction(() => /** @type {any} */ (window).__scale.idleAt !== null && /** @type {any} */ (window).__framed, null, { timeout: 30000 });
        feed.push(
          await visit.evaluate(() => {
            const w = /** @type {any} */ (window);
            return { frame: w.__framed - w.__scale.loadAt, idle: w.__scale.idleAt - w.__scale.loadAt };
          }),
        );
        await visit.close();
      }
    }
    return { mode, median: median(ms), min: Math.min(...ms), max: Math.max(...ms), bytes, feed };
  } finally {
    await env.close();
  }
}

const rows = [];
const floors = [];
for (const arg of process.argv.slice(2)) {
  const [label, dir] = arg.split('=');
  if (label.startsWith('floor:')) floors.push(await measureFloor(label.slice('floor:'.length), dir));
  else rows.push(await measure(label, dir));
}
const f = (/** @type {number} */ x) => (Math.round(x * 10) / 10).toFixed(1);
console.log(`\nworker cold start to first answer (median of ${RUNS}, ms from the worker's start; min–max) and first badge (median of ${FEED_RUNS}, ms)`);
console.log('| registry | first start of all | cold start, bundled | cold start, updated | with look-alike checks (bundled / updated) | first badge after load | after first idle | wasm memory | extension process RSS |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.error(`${r.label}: steps (median ms from the worker's start) bundled: ${r.bundled.steps}; updated: ${r.updated.steps}`);
  console.error(`${r.label}: feed visits, first idle period → first badge, ms after load: ${r.visits}`);
  console.log(
    `| ${r.label} | ${r.firstStartMs} ms | ${f(r.bundled.median)} (${f(r.bundled.min)}–${f(r.bundled.max)}) | ` +
      `${f(r.updated.median)} (${f(r.updated.min)}–${f(r.updated.max)}) | ${f(r.bundled.complete)} / ${f(r.updated.complete)} | ` +
      `${f(r.fromLoad)} | ${f(r.fromIdle)} | ${r.wasmMb} MB | ${r.rssMb} MB |`,
  );
}
if (floors.length) {
  console.log(`\nthe platform's floor (benches/browser/floor/; median of ${RUNS}, ms from the worker's start; min–max)`);
  for (const r of floors) {
    const what =
      r.mode === 'empty'
        ? 'a worker that answers at once'
        : `a worker that only compiles and instantiates the first module and reads the first registry (${r.bytes} bytes) from IndexedDB`;
    console.log(`| ${what} | ${f(r.median)} (${f(r.min)}–${f(r.max)}) |`);
    if (r.feed.length) {
      console.log(
        `| the 2,400-link feed with no extension script: its first frame after load painted / its first idle period, ms after load (median of ${r.feed.length}) | ` +
          `${f(median(r.feed.map((v) => v.frame)))} / ${f(median(r.feed.map((v) => v.idle)))} |`,
      );
    }
  }
}
