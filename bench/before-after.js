#!/usr/bin/env node
// Two Tessera builds side by side in one run: every workload (or BENCH_ONLY) through the build at
// BENCH_BEFORE (a checkout of the earlier commit, built with npm run build) and through this
// checkout, alternating before/after ROUNDS times in fresh processes (so drift in the machine's
// load hits both alike), best of all rounds per side. Prints after/before per workload (lower is
// better); a row over 1.05 is marked. Never a gating test.
// Usage: BENCH_BEFORE=/path/to/old/checkout node bench/before-after.js
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workloads } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));
const after = resolve(here, '..');
const before = process.env.BENCH_BEFORE;
if (!before) throw new Error('set BENCH_BEFORE to the earlier checkout (built)');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const rev = (root) => spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();

function run(root, w) {
  const r = spawnSync(process.execPath, [join(here, 'tessera-child.js'), root, w.name, String(REPEAT)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { error: (r.stderr || line).split('\n')[0] };
  }
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.versions.node}`);
console.log(`before: ${before} (commit ${rev(before)}); after: ${after} (commit ${rev(after)})`);
console.log(`protocol: op x${REPEAT} per process, ${ROUNDS} alternating rounds per side, best (ms)`);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('workload'.padEnd(40) + 'before ms'.padStart(12) + 'after ms'.padStart(12) + 'after/before'.padStart(14));
for (const w of workloads.filter((x) => !ONLY || ONLY.test(x.name))) {
  let b = Infinity;
  let a = Infinity;
  let err;
  for (let k = 0; k < ROUNDS; k++) {
    const rb = run(before, w);
    const ra = run(after, w);
    if (rb.error || ra.error) err = rb.error ?? ra.error;
    if (rb.ms !== undefined) b = Math.min(b, rb.ms);
    if (ra.ms !== undefined) a = Math.min(a, ra.ms);
  }
  const ratio = Number.isFinite(a) && Number.isFinite(b) ? a / b : undefined;
  console.log(
    w.name.padEnd(40) +
      (Number.isFinite(b) ? b.toFixed(1) : '-').padStart(12) +
      (Number.isFinite(a) ? a.toFixed(1) : '-').padStart(12) +
      (ratio === undefined ? '-' : `${ratio.toFixed(2)}${ratio > 1.05 ? ' *' : ''}`).padStart(14) +
      (err ? `  (${err})` : ''),
  );
}
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
