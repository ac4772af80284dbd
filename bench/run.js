#!/usr/bin/env node
// Side-by-side timings: each workload through Tessera (in-process API, built dist/) and, in the same
// run, through NumPy when python3 with numpy is installed. Prints milliseconds and the ratio
// Tessera / NumPy (lower is better). Never a gating test: figures vary on shared machines.
import { spawnSync } from 'node:child_process';
import { runScript } from '../dist/api/index.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

const workloads = [
  {
    name: 'matmul 500x500',
    setup: 'A = rand(rows=500, cols=500, seed=1); B = rand(rows=500, cols=500, seed=2)',
    op: 'C = A %*% B; s = sum(C)',
    np: ['A = np.random.rand(500, 500); B = np.random.rand(500, 500)', 'C = A @ B; s = C.sum()'],
  },
  {
    name: 'tsmm 1e5x20',
    setup: 'X = rand(rows=100000, cols=20, seed=1)',
    op: 'G = t(X) %*% X; s = sum(G)',
    np: ['X = np.random.rand(100000, 20)', 'G = X.T @ X; s = G.sum()'],
  },
  {
    name: 'X*Y+Z 1e6',
    setup: 'X = rand(rows=1000, cols=1000, seed=1); Y = rand(rows=1000, cols=1000, seed=2); Z = rand(rows=1000, cols=1000, seed=3)',
    op: 'R = X * Y + Z; s = sum(R)',
    np: ['X = np.random.rand(1000, 1000); Y = np.random.rand(1000, 1000); Z = np.random.rand(1000, 1000)', 'R = X * Y + Z; s = R.sum()'],
  },
  {
    name: 'colSums+rowSums 1e4x1e3',
    setup: 'X = rand(rows=10000, cols=1000, seed=1)',
    op: 's = sum(colSums(X)) + sum(rowSums(X))',
    np: ['X = np.random.rand(10000, 1000)', 'a = X.sum(axis=0).sum() + X.sum(axis=1).sum()'],
  },
  {
    name: 'solve 300',
    setup: 'A = rand(rows=300, cols=300, seed=1) + diag(matrix(300, rows=300, cols=1)); b = rand(rows=300, cols=1, seed=2)',
    op: 'x = solve(A, b); s = sum(x)',
    np: ['A = np.random.rand(300, 300) + 300 * np.eye(300); b = np.random.rand(300, 1)', 'x = np.linalg.solve(A, b); s = x.sum()'],
  },
  {
    name: 'lm normal equations 1e5x50',
    setup: 'X = rand(rows=100000, cols=50, seed=1); y = rand(rows=100000, cols=1, seed=2)',
    op: 'B = solve(t(X) %*% X, t(X) %*% y); s = sum(B)',
    np: ['X = np.random.rand(100000, 50); y = np.random.rand(100000, 1)', 'B = np.linalg.solve(X.T @ X, X.T @ y); s = B.sum()'],
  },
];

function timeTessera(w) {
  // Setup and op in one script; the op is timed inside DML with time() so parsing and data
  // generation are excluded.
  let best = Infinity;
  for (let r = 0; r < REPEAT; r++) {
    const lines = [];
    runScript({ text: `${w.setup}\nt0 = time()\n${w.op}\nt1 = time()\nprint(s)\nprint((t1 - t0) / 1e6)`, print: (l) => lines.push(l) });
    best = Math.min(best, Number(lines[lines.length - 1]));
  }
  return best;
}

function timeNumpy(w) {
  const py = `import time, numpy as np\nnp.random.seed(1)\n${w.np[0]}\nbest = 1e18\nfor _ in range(${REPEAT}):\n  t0 = time.perf_counter()\n  ${w.np[1]}\n  best = min(best, (time.perf_counter() - t0) * 1000)\nprint(best)`;
  const r = spawnSync('python3', ['-c', py], { encoding: 'utf8', env: { ...process.env, OPENBLAS_CORETYPE: process.env.OPENBLAS_CORETYPE ?? 'Haswell' } });
  if (r.status !== 0) return undefined;
  return Number(r.stdout.trim());
}

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
console.log(`Tessera bench (best of ${REPEAT}); NumPy ${hasNumpy ? 'in the same run' : 'not installed: apt-get install python3-numpy'}`);
console.log('workload'.padEnd(30) + 'tessera ms'.padStart(12) + 'numpy ms'.padStart(12) + 'ratio'.padStart(9));
for (const w of workloads) {
  const t = timeTessera(w);
  const n = hasNumpy ? timeNumpy(w) : undefined;
  const ratio = n ? (t / n).toFixed(1) : '-';
  console.log(w.name.padEnd(30) + t.toFixed(1).padStart(12) + (n === undefined ? '-' : n.toFixed(1)).padStart(12) + ratio.padStart(9));
}
