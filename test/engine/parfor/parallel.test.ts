/**
 * parfor on worker threads gives the results of the sequential loop: left-indexed results,
 * accumulators, nested loops, function calls, printing, lists. TESSERA_PARFOR=parallel forces
 * workers even for these tiny bodies (auto mode would keep them on the main thread).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DmlRunError } from '../../../src/api/run.js';
import { shutdownParforPool } from '../../../src/engine/parfor/pool.js';
import { runDml } from '../../helpers/run.js';

function both(script: string): { par: ReturnType<typeof runDml>; seq: ReturnType<typeof runDml> } {
  process.env.TESSERA_PARFOR = 'parallel';
  const par = runDml(script);
  process.env.TESSERA_PARFOR = 'sequential';
  const seq = runDml(script);
  process.env.TESSERA_PARFOR = 'parallel';
  return { par, seq };
}

function expectSame(script: string): string[] {
  const { par, seq } = both(script);
  expect(par.out).toEqual(seq.out);
  return par.out;
}

describe('parallel parfor', () => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.TESSERA_PARFOR;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.TESSERA_PARFOR;
    else process.env.TESSERA_PARFOR = saved;
    await shutdownParforPool();
  });

  it('merges left-indexed rows', () => {
    const out = expectSame(`
      X = rand(rows=40, cols=5, seed=3)
      R = matrix(0, rows=40, cols=2)
      parfor (i in 1:40, par=2) {
        R[i, 1] = sum(X[i, ])
        R[i, 2] = i * 2
      }
      print(toString(R[38:40, ]))
      print(sum(R))`);
    expect(out.at(-1)).not.toBe('0.0');
  });

  it('sums += accumulators (scalar and matrix)', () => {
    const out = expectSame(`
      s = 10
      M = matrix(1, rows=2, cols=2)
      parfor (i in 1:20) {
        s += i
        M += matrix(i, rows=2, cols=2)
      }
      print(s)
      print(sum(M))`);
    expect(out).toEqual(['220', '844.0']);
  });

  it('runs nested for loops, function calls and prints in iteration order', () => {
    const out = expectSame(`
      f = function(matrix[double] A, double c) return (double y) {
        y = 0
        for (j in 1:ncol(A)) y = y + c * sum(A[, j])
      }
      A = matrix(seq(1, 12), rows=3, cols=4)
      R = matrix(0, rows=8, cols=1)
      parfor (i in 1:8) {
        tt = 0
        for (j in 1:i) tt = tt + j
        R[i, 1] = f(A, i) + tt
        print("iteration " + i)
      }
      print(toString(t(R)))`);
    expect(out.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, k) => `iteration ${k + 1}`));
  });

  it('merges list results by index', () => {
    expectSame(`
      L = list(0, 0, 0, 0, 0, 0)
      parfor (i in 1:6) L[i] = i * i
      for (i in 1:6) print(as.scalar(L[i]))`);
  });

  it('keeps cells other iterations did not write, and matrices of a sparse original', () => {
    expectSame(`
      R = matrix(0, rows=100, cols=100)
      R[50, 50] = 7
      parfor (i in seq(1, 100, 3)) R[i, i] = i
      print(sum(R))
      print(as.scalar(R[50, 50]))`);
  });

  it('8 independent model fits: parfor gives exactly the coefficients of the for loop', () => {
    const fits = (loop: string): string => `
      X = rand(rows=4000, cols=10, seed=7)
      y = X %*% seq(1, 10) + rand(rows=4000, cols=1, seed=8)
      B = matrix(0, rows=10, cols=8)
      ${loop} (k in 1:8) {
        keep = (seq(1, nrow(X)) %% 8) != (k - 1)
        Xk = removeEmpty(target=X, margin="rows", select=keep)
        yk = removeEmpty(target=y, margin="rows", select=keep)
        B[, k] = solve(t(Xk) %*% Xk + diag(matrix(0.001 * k, rows=10, cols=1)), t(Xk) %*% yk)
      }`;
    const seq = runDml(fits('for')).result.variables.get('B');
    const par = runDml(fits('parfor')).result.variables.get('B');
    expect(par && par.dt === 'matrix' ? Array.from(par.denseData()) : []).toEqual(
      seq && seq.dt === 'matrix' ? Array.from(seq.denseData()) : [1],
    );
  });

  it('surfaces a worker error as the usual diagnostic with its line', () => {
    process.env.TESSERA_PARFOR = 'parallel';
    const script = `R = matrix(0, rows=4, cols=1)
parfor (i in 1:4) {
  R[i, 1] = as.scalar(R[i + 10, 1])
}`;
    let err: unknown;
    try {
      runDml(script);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DmlRunError);
    const d = (err as DmlRunError).diagnostics[0]!;
    expect(d.code).toBe('DML5001');
    expect(d.span?.line).toBe(3);
  });
});
