#!/usr/bin/env node
// parfor vs for: 8 independent model fits (ridge regression by conjugate gradient, each on its own
// bootstrap-like slice of a 2e5 x 50 matrix), run once as `parfor` and once as `for` in the same
// process (built dist/), best of BENCH_REPEAT (default 3). Prints wall times, the ratio and
// whether the fitted coefficients are identical. Never a gating test: figures vary on shared machines.
// Env: BENCH_ROWS (default 200000), BENCH_COLS (50), BENCH_FITS (8), BENCH_ITER (CG iterations, 40),
// BENCH_PAR (parfor's par=, default 2; 'auto' for the parfor optimizer's choice with its probe).
import { runScript } from '../dist/api/index.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const ROWS = Number(process.env.BENCH_ROWS ?? 200000);
const COLS = Number(process.env.BENCH_COLS ?? 50);
const FITS = Number(process.env.BENCH_FITS ?? 8);
const ITER = Number(process.env.BENCH_ITER ?? 40);
// par=k states the degree of parallelism (no probe iteration); BENCH_PAR=auto leaves it to the optimizer.
const PAR = process.env.BENCH_PAR ?? '2';

export function fitsScript(loop) {
  return `
X = rand(rows=${ROWS}, cols=${COLS}, seed=1)
y = X %*% rand(rows=${COLS}, cols=1, seed=2) + rand(rows=${ROWS}, cols=1, min=-0.5, max=0.5, seed=3)
n = nrow(X)
B = matrix(0, rows=${COLS}, cols=${FITS})
t0 = time()
${loop} (k in 1:${FITS}${loop === 'parfor' && PAR !== 'auto' ? `, par=${PAR}` : ''}) {
  # Fit k sees every row whose index is not k mod ${FITS} (a different 7/8 of the data each time).
  keep = (seq(1, n) %% ${FITS}) != (k - 1)
  Xk = removeEmpty(target=X, margin="rows", select=keep)
  yk = removeEmpty(target=y, margin="rows", select=keep)
  lambda = 0.001 * k
  b = matrix(0, rows=${COLS}, cols=1)
  r = -(t(Xk) %*% yk)
  p = -r
  nr2 = sum(r ^ 2)
  for (it in 1:${ITER}) {
    q = t(Xk) %*% (Xk %*% p) + lambda * p
    a = nr2 / sum(p * q)
    b = b + a * p
    r = r + a * q
    nr2new = sum(r ^ 2)
    p = -r + (nr2new / nr2) * p
    nr2 = nr2new
  }
  B[, k] = b
}
t1 = time()
print("ms " + ((t1 - t0) / 1e6))
print("checksum " + sum(B))
`;
}

function run(loop) {
  const out = [];
  const t0 = performance.now();
  const r = runScript({ text: fitsScript(loop), print: (l) => out.push(l), seed: 1 });
  const total = performance.now() - t0;
  const loopMs = Number(out.find((l) => l.startsWith('ms '))?.slice(3));
  return { total, loopMs, B: r.variables.get('B').denseData() };
}

const best = (loop) => {
  let b;
  for (let i = 0; i < REPEAT; i++) {
    const r = run(loop);
    if (!b || r.loopMs < b.loopMs) b = r;
  }
  return b;
};

// Warm-up: JIT, and the parfor worker pool (started once per process, reused by every parfor).
run('parfor');
const seq = best('for');
const par = best('parfor');
const same = seq.B.length === par.B.length && seq.B.every((v, i) => Object.is(v, par.B[i]));
console.log(`parfor bench: ${FITS} ridge CG fits (${ITER} iterations) on ${ROWS}x${COLS}, par=${PAR}, best of ${REPEAT}`);
console.log(`  for    loop ${seq.loopMs.toFixed(0)} ms`);
console.log(`  parfor loop ${par.loopMs.toFixed(0)} ms`);
let maxRel = 0;
seq.B.forEach((v, i) => (maxRel = Math.max(maxRel, Math.abs(v - par.B[i]) / Math.max(1e-300, Math.abs(v)))));
console.log(
  `  ratio parfor/for ${(par.loopMs / seq.loopMs).toFixed(2)}; identical coefficients: ${same}` +
    (same ? '' : ` (max relative difference ${maxRel.toExponential(2)})`),
);
