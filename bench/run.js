#!/usr/bin/env node
// Side-by-side timings: each workload through Tessera (in-process API, built dist/) and, in the same
// run, through NumPy/SciPy when python3 has them. Prints milliseconds and the ratio Tessera / NumPy
// (lower is better), plus `dml -s 'print(1)'` start-up. Never a gating test: figures vary on shared
// machines. Env: BENCH_REPEAT (best of, default 3), BENCH_ONLY (regex over workload names),
// BENCH_LM_ROWS (rows of the lm workloads, default 1e6), TESSERA_BLAS=none (TypeScript kernels).
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { applyCoreType } from '../dist/engine/kernels/native/cpu.js';
import { nativeDescription } from '../dist/engine/kernels/native/state.js';
import { runScript } from '../dist/api/index.js';

// Same OpenBLAS kernels for both sides: Tessera sets this itself before loading the library; set it
// here first so the NumPy child processes inherit the same value.
applyCoreType(process.env);

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const LM = Number(process.env.BENCH_LM_ROWS ?? 1e6);

const sq = (n, seed) => `rand(rows=${n}, cols=${n}, seed=${seed})`;
const workloads = [
  { name: 'matmul 1000', setup: `A = ${sq(1000, 1)}; B = ${sq(1000, 2)}`, op: 'C = A %*% B; s = sum(C)', np: ['A = np.random.rand(1000, 1000); B = np.random.rand(1000, 1000)', 'C = A @ B; s = C.sum()'] },
  { name: 'matmul 2000', setup: `A = ${sq(2000, 1)}; B = ${sq(2000, 2)}`, op: 'C = A %*% B; s = sum(C)', np: ['A = np.random.rand(2000, 2000); B = np.random.rand(2000, 2000)', 'C = A @ B; s = C.sum()'] },
  { name: 'tsmm 1e5x100', setup: 'X = rand(rows=100000, cols=100, seed=1)', op: 'G = t(X) %*% X; s = sum(G)', np: ['X = np.random.rand(100000, 100)', 'G = X.T @ X; s = G.sum()'] },
  { name: 'tsmm 1e6x10', setup: 'X = rand(rows=1000000, cols=10, seed=1)', op: 'G = t(X) %*% X; s = sum(G)', np: ['X = np.random.rand(1000000, 10)', 'G = X.T @ X; s = G.sum()'] },
  {
    name: 'X*Y+Z 1e7',
    setup: 'X = rand(rows=10000, cols=1000, seed=1); Y = rand(rows=10000, cols=1000, seed=2); Z = rand(rows=10000, cols=1000, seed=3)',
    op: 'R = X * Y + Z; s = as.scalar(R[1, 1])',
    np: ['X = np.random.rand(10000, 1000); Y = np.random.rand(10000, 1000); Z = np.random.rand(10000, 1000)', 'R = X * Y + Z; s = R[0, 0]'],
  },
  {
    name: 'sum(X*Y*Z) 1e7',
    setup: 'X = rand(rows=10000, cols=1000, seed=1); Y = rand(rows=10000, cols=1000, seed=2); Z = rand(rows=10000, cols=1000, seed=3)',
    op: 's = sum(X * Y * Z)',
    np: ['X = np.random.rand(10000, 1000); Y = np.random.rand(10000, 1000); Z = np.random.rand(10000, 1000)', 's = (X * Y * Z).sum()'],
  },
  // colSums/rowSums materialised and indexed: `sum(colSums(X))` is rewritten to `sum(X)` by the
  // optimizer (as in SystemDS), which would time a full sum instead of the row/column kernel.
  { name: 'colSums 1e4x1e3', setup: 'X = rand(rows=10000, cols=1000, seed=1)', op: 'C = colSums(X); s = as.scalar(C[1, 7])', np: ['X = np.random.rand(10000, 1000)', 'C = X.sum(axis=0); s = C[6]'] },
  { name: 'rowSums 1e4x1e3', setup: 'X = rand(rows=10000, cols=1000, seed=1)', op: 'R = rowSums(X); s = as.scalar(R[7, 1])', np: ['X = np.random.rand(10000, 1000)', 'R = X.sum(axis=1); s = R[6]'] },
  {
    name: 'solve 1000',
    setup: `A = ${sq(1000, 1)} + diag(matrix(1000, rows=1000, cols=1)); b = rand(rows=1000, cols=1, seed=2)`,
    op: 'x = solve(A, b); s = sum(x)',
    np: ['A = np.random.rand(1000, 1000) + 1000 * np.eye(1000); b = np.random.rand(1000, 1)', 'x = np.linalg.solve(A, b); s = x.sum()'],
  },
  {
    name: 'sparse 1e5x1e4 (1%) %*% 1e4x100',
    setup: 'S = rand(rows=100000, cols=10000, sparsity=0.01, seed=1); D = rand(rows=10000, cols=100, seed=2)',
    op: 'C = S %*% D; s = sum(C)',
    np: ['import scipy.sparse as sp; S = sp.random(100000, 10000, density=0.01, format="csr", random_state=1); D = np.random.rand(10000, 100)', 'C = S @ D; s = C.sum()'],
  },
  {
    name: `lm normal equations ${LM.toExponential(0)}x100`,
    setup: `X = rand(rows=${LM}, cols=100, seed=1); y = rand(rows=${LM}, cols=1, seed=2)`,
    op: 'B = solve(t(X) %*% X, t(X) %*% y); s = sum(B)',
    np: [`X = np.random.rand(${LM}, 100); y = np.random.rand(${LM}, 1)`, 'B = np.linalg.solve(X.T @ X, X.T @ y); s = B.sum()'],
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
  const r = spawnSync('python3', ['-c', py], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) return undefined;
  return Number(r.stdout.trim());
}

function startup() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [new URL('../bin/dml.js', import.meta.url).pathname, '-s', 'print(1)'], { encoding: 'utf8' });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2];
}

const np = spawnSync('python3', ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'], { encoding: 'utf8' });
const hasNumpy = np.status === 0;
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.versions.node}, OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE ?? '-'}`);
console.log(`Tessera bench (best of ${REPEAT}); NumPy/SciPy ${hasNumpy ? np.stdout.trim() + ' in the same run' : 'not installed: apt-get install python3-numpy python3-scipy'}`);
console.log('workload'.padEnd(34) + 'tessera ms'.padStart(12) + 'numpy ms'.padStart(12) + 'ratio'.padStart(9));
for (const w of workloads) {
  if (ONLY && !ONLY.test(w.name)) continue;
  const t = timeTessera(w);
  const n = hasNumpy ? timeNumpy(w) : undefined;
  const ratio = n ? (t / n).toFixed(2) : '-';
  console.log(w.name.padEnd(34) + t.toFixed(1).padStart(12) + (n === undefined ? '-' : n.toFixed(1)).padStart(12) + ratio.padStart(9));
}
console.log(`dense linear algebra: ${nativeDescription(false)}`);
if (!ONLY) console.log(`start-up: dml -s 'print(1)' median of 5: ${startup().toFixed(0)} ms wall`);
