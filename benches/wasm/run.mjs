// @ts-check
// WebAssembly benchmark harness: loads the core built with the `wasm-bench` feature for Node
// (`cargo xtask bench-wasm` builds it and runs this file) and reports median figures for the budgets in docs/performance.md.
// Timing happens here; the loops run inside WebAssembly (see wasm/src/bench.rs), so the figures are the core's,
// not the JS↔wasm boundary's. `BENCH_ACCOUNTS=10000,1000000` picks the registry sizes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const core = require(path.resolve(process.argv[2], 'koltrust.js'));
const here = path.dirname(fileURLToPath(import.meta.url));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Times `fn` (which does `work` units) over `samples` runs after warm-up; returns median ns per unit. */
function measure(fn, work, samples = 25) {
  for (let i = 0; i < 3; i++) fn();
  const per = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    per.push(Number(process.hrtime.bigint() - t0) / work);
  }
  return median(per);
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// --- recognition over the shared corpus --------------------------------------------------------------------------
const corpus = path.resolve(here, '../../../shared/corpus/profile_urls.tsv');
const urls = fs.readFileSync(corpus, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]).filter(Boolean);
const rounds = 20;
const nsPerUrl = measure(() => core.recognizeRounds(urls, rounds), urls.length * rounds);
console.log(`recognize: ${urls.length} corpus URLs, median ${nsPerUrl.toFixed(1)} ns/URL`);

// --- registry: cold start and badge lookups ----------------------------------------------------------------------
const sizes = (process.env.BENCH_ACCOUNTS ?? '10000,300000,1000000').split(',').map(Number);
console.log('\naccounts  | snapshot bytes | cold start (copy+open+first lookup) | lookup known | lookup unknown | unknown + look-alike check | … with a shown name');
for (const accounts of sizes) {
  const records = Math.ceil(accounts / 3);
  const bytes = core.benchSnapshot(records); // a Uint8Array, as the worker reads it from storage
  const key = core.benchKeyHex();
  const now = core.benchNowMs();
  const first = core.benchNames(records, 1, true);
  const colds = [];
  let engine;
  for (let i = 0; i < 7; i++) {
    engine?.free();
    const t0 = process.hrtime.bigint();
    engine = new core.Engine(bytes, [key], undefined, now);
    if (core.benchLookups(engine, first, 1) !== 1) throw new Error('first lookup missed');
    colds.push(ms(t0));
  }
  const known = core.benchNames(records, 4096, true);
  const unknown = core.benchNames(records, 4096, false);
  const k = measure(() => core.benchLookups(engine, known, 20), 4096 * 20, 15);
  const u = measure(() => core.benchLookups(engine, unknown, 20), 4096 * 20, 15);
  // What an unknown link really costs the worker: the lookup and the look-alike check (handle, then shown name).
  const few = core.benchNames(records, 512, false);
  const l = measure(() => core.benchBadges(engine, few, 4, undefined), 512 * 4, 15);
  const n = measure(() => core.benchBadges(engine, few, 4, 'Nguyễn Văn Tùng Official'), 512 * 4, 15);
  console.log(
    `${String(records * 3).padStart(9)} | ${String(bytes.length).padStart(14)} | ${median(colds).toFixed(2).padStart(31)} ms | ${k.toFixed(0).padStart(9)} ns | ${u.toFixed(0).padStart(11)} ns | ${l.toFixed(0).padStart(22)} ns | ${n.toFixed(0).padStart(16)} ns`,
  );
  engine.free();
}
console.log('\nbudgets (docs/performance.md): badge lookup at 1M accounts ≤ 150 ns (wasm); unknown link with the look-alike check ≤ 2 µs at 1M (wasm); worker cold start to first answer ≤ 20 ms at 2k, ≤ 40 ms at 300k, ≤ 80 ms at 1M accounts (open + first lookup above is the core\'s part of it)');
