#!/usr/bin/env node
// Distributed against local (issue 12): lm by the normal equations, l2svm and kmeans on a
// row-distributed X, each as LOCAL with 1 thread, as 2 MPI ranks of 1 thread each (-exec dist), and
// as 4 ranks (oversubscribed on a 2-core machine). Times are of the algorithm only (time() around
// it in the script; X is generated in place on the ranks first), best of BENCH_REPEAT runs in one
// process per side. The DIST rows also give rank 0's time inside MPI calls (collectives, waiting
// for the other ranks included) and the cost model's prediction against the measured time per
// DIST op (from -stats). Never a gating test. Needs Open MPI (mpirun) and `npm run build`.
// Usage: node bench/dist.js   (BENCH_REPEAT=3, BENCH_ONLY=regex)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dml = join(root, 'bin', 'dml.js');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

const workloads = [
  {
    name: 'lm normal equations 1e6x100',
    setup: 'X = rand(rows=1000000, cols=100, seed=1); y = rand(rows=1000000, cols=1, seed=2)',
    op: 'B = solve(t(X) %*% X, t(X) %*% y)',
    use: 'as.scalar(B[1, 1])',
  },
  {
    name: 'l2svm 1e5x100 20x20 it',
    setup: `X = rand(rows=100000, cols=100, seed=1); w0 = rand(rows=100, cols=1, min=-1, max=1, seed=2)
Y = 2 * ((X - 0.5) %*% w0 > 0) - 1`,
    op: 'w = l2svm(X=X, Y=Y, intercept=FALSE, epsilon=0, reg=1, maxIterations=20, maxii=20, verbose=FALSE)',
    use: 'as.scalar(w[1, 1])',
  },
  {
    name: 'kmeans 1e5x20 k=10 20 it',
    setup: 'X = rand(rows=100000, cols=20, seed=1)',
    op: '[C, Y] = kmeans(X=X, k=10, runs=1, max_iter=20, eps=0, seed=7, is_verbose=FALSE)',
    use: 'as.scalar(C[1, 1])',
  },
];

function script(w) {
  return `${w.setup}
best = 1e300
for (r in 1:${REPEAT}) {
  t0 = time()
  ${w.op}
  t1 = time()
  v = ${w.use}
  best = min(best, (t1 - t0) / 1e6)
  print("check " + v)
}
print("best_ms " + best)
`;
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-dist-'));
const config = join(dir, 'threads1.json');
writeFileSync(config, JSON.stringify({ threads: 1 }));
const asRoot = process.getuid?.() === 0 ? ['--allow-run-as-root'] : [];

function side(w, ranks) {
  const file = join(dir, 'w.dml');
  writeFileSync(file, script(w));
  const base = ['-f', file, '-config', config, '-stats', '30'];
  const r =
    ranks === 0
      ? spawnSync(process.execPath, [dml, ...base], { encoding: 'utf8' })
      : spawnSync(
          'mpirun',
          ['-np', String(ranks), '--oversubscribe', ...asRoot, '--bind-to', 'none',
            ...(ranks > cpus().length ? ['--mca', 'mpi_yield_when_idle', '1'] : []),
            process.execPath, dml, ...base, '-exec', 'dist'],
          { encoding: 'utf8' },
        );
  const best = /best_ms (\S+)/.exec(r.stdout)?.[1];
  if (r.status !== 0 || best === undefined) return { error: (r.stderr || r.stdout).split('\n').slice(0, 3).join(' ') };
  const mpi = /MPI calls on rank 0:\s+(\S+) sec: (.*)\./.exec(r.stderr);
  const placed = r.stderr
    .split('\n')
    .filter((l) => /^ {2}DIST /.test(l))
    .map((l) => l.trim().replace(/\s+/g, ' '));
  const checks = r.stdout.split('\n').filter((l) => l.startsWith('check ')).slice(-1)[0];
  return { ms: Number(best), mpiSec: mpi ? Number(mpi[1]) : undefined, mpiCalls: mpi?.[2], placed, check: checks };
}

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, node ${process.versions.node}`);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`protocol: algorithm timed inside the script, best of ${REPEAT}; 1 thread per process`);
console.log(
  'workload'.padEnd(30) +
    'LOCAL ms'.padStart(10) +
    '2 ranks ms'.padStart(12) +
    'speed-up'.padStart(10) +
    '4 ranks ms'.padStart(12) +
    'speed-up'.padStart(10),
);
const details = [];
for (const w of workloads) {
  if (ONLY && !ONLY.test(w.name)) continue;
  const local = side(w, 0);
  const two = side(w, 2);
  const four = side(w, 4);
  const fmt = (s) => (s.error ? 'error' : s.ms.toFixed(0));
  const up = (s) => (s.error || local.error ? '-' : (local.ms / s.ms).toFixed(2));
  console.log(
    w.name.padEnd(30) + fmt(local).padStart(10) + fmt(two).padStart(12) + up(two).padStart(10) + fmt(four).padStart(12) + up(four).padStart(10),
  );
  details.push({ w, local, two, four });
}
for (const { w, local, two, four } of details) {
  console.log(`\n${w.name}: results ${local.check} (LOCAL), ${two.check} (2 ranks), ${four.check} (4 ranks)`);
  for (const [label, s] of [['2 ranks', two], ['4 ranks', four]]) {
    if (s.error) {
      console.log(`  ${label}: ${s.error}`);
      continue;
    }
    console.log(`  ${label}: rank 0 in MPI calls ${s.mpiSec?.toFixed(3)} s of the run: ${s.mpiCalls}`);
    console.log(`  ${label}: measured / predicted per DIST op (whole run, all repetitions):`);
    for (const l of s.placed.slice(0, 8)) console.log(`    ${l}`);
  }
}
rmSync(dir, { recursive: true, force: true });
