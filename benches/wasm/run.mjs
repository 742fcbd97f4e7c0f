// WebAssembly benchmark harness: loads the core built with the `wasm-bench` feature for Node
// (`cargo xtask bench-wasm` builds it and runs this file) and reports median figures for the DESIGN.md budgets.
// Timing happens here, the loops run inside WebAssembly (see src/wasm/bench.rs).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkgDir = process.argv[2];
const core = require(path.resolve(pkgDir, 'koltrust.js'));

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

const corpusPath = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../../../shared/corpus/profile_urls.tsv');
const urls = fs
  .readFileSync(corpusPath, 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t')[0])
  .filter(Boolean);

const rounds = 20;
const nsPerUrl = measure(() => core.recognizeRounds(urls, rounds), urls.length * rounds);
console.log(`recognize (wasm, Node ${process.version}): ${urls.length} corpus URLs, median ${nsPerUrl.toFixed(1)} ns/URL (budget ≤ 200 ns native)`);
