#!/usr/bin/env node
// The optimizer's effect end to end: a regression script and a logistic-regression script run with
// --optlevel 0 (no rewrites, no inlining) and with the default optimizer, alternating in one
// process, best of BENCH_REPEAT (default 3). Prints milliseconds and the ratio default / level 0.
// Never a gating test. Env: BENCH_ROWS (default 100000).
import { runScript } from '../dist/api/index.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const N = Number(process.env.BENCH_ROWS ?? 1e5);

const scripts = {
  // Conjugate gradient on the normal equations, written out as SystemDS's LinearRegCG does.
  'linear regression (CG), 1e5x100': `
    X = rand(rows=${N}, cols=100, seed=1); beta = rand(rows=100, cols=1, seed=2)
    y = X %*% beta + 0.01 * rand(rows=${N}, cols=1, seed=3, pdf="normal")
    w = matrix(0, rows=100, cols=1); r = -(t(X) %*% y); p = -r; nr2 = sum(r ^ 2)
    for (i in 1:20) {
      q = t(X) %*% (X %*% p) + 1e-6 * p
      a = nr2 / sum(p * q); w = w + a * p; r = r + a * q
      old = nr2; nr2 = sum(r ^ 2); p = -r + (nr2 / old) * p
    }
    print(sum(w))`,
  // Binary logistic regression by gradient descent with a line search on a fixed step.
  'logistic regression (GD), 1e5x50': `
    X = rand(rows=${N}, cols=50, seed=4); b = rand(rows=50, cols=1, min=-1, max=1, seed=5)
    y = (1 / (1 + exp(-(X %*% b))) > 0.5)
    w = matrix(0, rows=50, cols=1)
    for (i in 1:30) {
      p = 1 / (1 + exp(-(X %*% w)))
      g = t(X) %*% (p - y) / nrow(X)
      w = w - 2.0 * g
    }
    loss = -sum(y * log(p + 1e-12) + (1 - y) * log(1 - p + 1e-12)) / nrow(X)
    print(loss)`,
};

function time(text, optLevel) {
  const out = [];
  const t0 = performance.now();
  runScript({ text, file: 'bench.dml', optLevel, print: (l) => out.push(l) });
  return { ms: performance.now() - t0, out: out.join('\n') };
}

console.log(`optimizer on/off, best of ${REPEAT}, ${N} rows`);
console.log('workload'.padEnd(36) + 'optlevel 0 ms'.padStart(14) + 'default ms'.padStart(12) + 'ratio'.padStart(8));
for (const [name, text] of Object.entries(scripts)) {
  let best0 = Infinity;
  let best2 = Infinity;
  let out0 = '';
  let out2 = '';
  for (let k = 0; k < REPEAT; k++) {
    const a = time(text, 0);
    const b = time(text, 2);
    best0 = Math.min(best0, a.ms);
    best2 = Math.min(best2, b.ms);
    out0 = a.out;
    out2 = b.out;
  }
  const rel = Math.abs(Number(out0) - Number(out2)) / Math.max(1e-300, Math.abs(Number(out0)));
  const same = rel <= 1e-9 ? `  (same result, rel. diff ${rel.toExponential(1)})` : `  (RESULTS DIFFER: ${out0} vs ${out2})`;
  console.log(name.padEnd(36) + best0.toFixed(0).padStart(14) + best2.toFixed(0).padStart(12) + (best2 / best0).toFixed(2).padStart(8) + same);
}
