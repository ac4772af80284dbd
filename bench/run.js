#!/usr/bin/env node
// Side-by-side timings: every workload in bench/workloads.js through Tessera (in-process API, built
// dist/: run `npm run build` first) and, in the same run, through NumPy/SciPy and R when installed.
// Prints best milliseconds per side and the ratios tessera/numpy and tessera/R (lower is better),
// the machine, the BLAS each side loaded, and the load average at start and end. Never a gating
// test: figures vary on shared machines; take them from a quiet machine.
//
// Protocol, the same on every side: generate the data once, then run the op BENCH_REPEAT times in
// the same script/process (warm allocator and caches everywhere) and report the best; each
// repetition's result is read after its timed region so no side can skip the work.
//
// Usage: node bench/run.js            (or npm run bench)
// Env:   BENCH_REPEAT    best of how many repetitions (default 3)
//        BENCH_ONLY      regex over workload names, e.g. 'matmul|tsmm'
//        BENCH_LM_ROWS   rows of the lm workloads (default 1e6; 1e5 for a quick check)
//        BENCH_SIDES     comparison sides, comma-separated (default numpy,r; '' for Tessera only)
//        BENCH_PYTHON    Python interpreter (default /usr/bin/python3 when it has numpy and scipy,
//                        i.e. Debian's packages, else python3); BENCH_RSCRIPT likewise (Rscript)
//        BENCH_EXPLAIN   print each workload's Tessera plan (-explain) instead of timing it
//        TESSERA_BLAS=none, TESSERA_KERNELS=js   Tessera's TypeScript kernels instead of native ones
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { compileScript, explain } from '../dist/api/index.js';
import { compiledDescription } from '../dist/engine/kernels/compiled/library.js';
import { applyCoreType } from '../dist/engine/kernels/native/cpu.js';
import { nativeDescription } from '../dist/engine/kernels/native/state.js';
import * as numpy from './sides/numpy.js';
import * as r from './sides/r.js';
import * as tessera from './sides/tessera.js';
import { workloads } from './workloads.js';

// Same OpenBLAS kernels on every side: Tessera sets this itself before loading the library; set it
// here first so the NumPy and R child processes inherit the same value.
applyCoreType(process.env);

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const WANTED = (process.env.BENCH_SIDES ?? 'numpy,r')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const selected = workloads.filter((w) => !ONLY || ONLY.test(w.name));

if (process.env.BENCH_EXPLAIN) {
  for (const w of selected) {
    console.log(
      `== ${w.name}\n${explain(compileScript({ text: tessera.script(w, REPEAT) }).compiled, 'runtime')}`,
    );
  }
  process.exit(0);
}

console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.versions.node}, OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE ?? '-'}`,
);
// Which comparison sides run: asked for and installed; the rest print '-' with how to install.
const sides = [];
for (const side of [numpy, r]) {
  if (!WANTED.includes(side.name)) continue;
  const desc = side.describe();
  if (desc) sides.push({ side, desc });
  console.log(`${side.name}: ${desc ?? `not available (${side.install}); its columns show '-'`}`);
}
const has = (name) => sides.some((s) => s.side.name === name);
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim();
console.log(`tessera: ${commit ? `commit ${commit}` : 'not a git checkout'}, dist/ as built`);
console.log(`load average at start: ${load()}`);
console.log(`protocol: setup once, op x${REPEAT} in one script/process, best reported (ms)`);

const cell = (v, width) => (v === undefined ? '-' : v).padStart(width);
const ms = (res) => (res?.ms === undefined ? undefined : res.ms.toFixed(1));
const ratio = (t, o) => (t?.ms !== undefined && o?.ms ? (t.ms / o.ms).toFixed(2) : undefined);
const W = 40;
console.log(
  'workload'.padEnd(W) +
    ['tessera ms', 'numpy ms', 'R ms', 't/numpy', 't/R', 'load']
      .map((h, i) => h.padStart(i < 3 ? 12 : 9))
      .join(''),
);

const notes = [];
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
try {
  for (const w of selected) {
    const t = tessera.time(w, REPEAT);
    const n = has('numpy') ? numpy.time(w, REPEAT, dir) : undefined;
    const rr = has('r') ? r.time(w, REPEAT, dir) : undefined;
    for (const [side, res] of [
      ['tessera', t],
      ['numpy', n],
      ['R', rr],
    ]) {
      if (res?.error) notes.push(`${w.name} [${side}] failed: ${res.error}`);
      if (res?.info) notes.push(`${w.name} [${side}]: ${res.info}`);
    }
    console.log(
      w.name.padEnd(W) +
        cell(ms(t), 12) +
        cell(ms(n), 12) +
        cell(ms(rr), 12) +
        cell(ratio(t, n), 9) +
        cell(ratio(t, rr), 9) +
        cell(loadavg()[0].toFixed(2), 9),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
for (const note of notes) console.log(`note: ${note}`);
console.log(`tessera dense linear algebra: ${nativeDescription(false)}`);
console.log(`tessera compiled kernels: ${compiledDescription(false)}`);
console.log(`load average at end: ${load()}`);
if (!ONLY) console.log(`start-up: dml -s 'print(1)' median of 5: ${startup().toFixed(0)} ms wall`);

function startup() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [new URL('../bin/dml.js', import.meta.url).pathname, '-s', 'print(1)'], {
      encoding: 'utf8',
    });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2];
}
