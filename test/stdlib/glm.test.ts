/**
 * glm and glmPredict against R's glm() (tools/stdlib-ref/regression.R, fitted with
 * epsilon = 1e-14). Our IRLS uses R's stopping rule (relative deviance change) with the same
 * tol = 1e-14, so both stop at the optimum to ~1e-10; what is left is rounding in the weighted
 * solves, below the 1e-6 relative tolerance used here. (Non-canonical links such as cauchit
 * converge only linearly under Fisher scoring, so a looser tol would leave ~1e-6 differences.)
 */
import { describe, expect, it } from 'vitest';
import { expectMatrixClose, readRef, runStdlib } from './helpers.js';

interface Case {
  name: string;
  args: string;
  icpt?: number;
}

const cases: Case[] = [
  { name: 'binomial_logit', args: 'dfam=2' },
  { name: 'binomial_probit', args: 'dfam=2, link=3' },
  { name: 'binomial_cloglog', args: 'dfam=2, link=4' },
  { name: 'poisson_log', args: 'dfam=1, vpow=1.0' },
  { name: 'poisson_sqrt', args: 'dfam=1, vpow=1.0, link=1, lpow=0.5' },
  { name: 'gamma_log', args: 'dfam=1, vpow=2.0, link=1, lpow=0.0' },
  { name: 'gamma_inverse', args: 'dfam=1, vpow=2.0' },
  { name: 'gaussian_identity', args: 'dfam=1', icpt: 0 },
  { name: 'gaussian_log', args: 'dfam=1, vpow=0.0, link=1, lpow=0.0' },
  { name: 'invgauss_canonical', args: 'dfam=1, vpow=3.0' },
  { name: 'binomial_cauchit', args: 'dfam=2, link=5' },
  { name: 'poisson_identity', args: 'dfam=1, vpow=1.0, link=1, lpow=1.0' },
];

function fit(c: Case, extra = ''): ReturnType<typeof runStdlib> {
  const icpt = c.icpt ?? 1;
  return runStdlib(
    `X = read("glm/X.csv", format="csv"); Y = read("glm/${c.name}_y.csv", format="csv")\n` +
      `B = glm(X=X, Y=Y, ${c.args}, icpt=${icpt}, tol=1e-14, verbose=FALSE${extra})\n` +
      `M = glmPredict(X=X, B=B, ${c.args}, verbose=FALSE)`,
  );
}

describe('glm', () => {
  for (const c of cases) {
    it(`matches R for ${c.name}`, () => {
      const r = fit(c);
      expectMatrixClose(r.matrix('B'), readRef('glm', `${c.name}_B.csv`), { rel: 1e-6, abs: 1e-9 });
    });
  }
  it('accepts a two-column binomial response (successes, failures)', () => {
    const r = runStdlib(
      'X = read("glm/X.csv", format="csv"); Y = read("glm/binomial_counts_y.csv", format="csv")\n' +
        'B = glm(X=X, Y=Y, dfam=2, icpt=1, tol=1e-14, verbose=FALSE)',
    );
    expectMatrixClose(r.matrix('B'), readRef('glm', 'binomial_counts_B.csv'), { rel: 1e-6, abs: 1e-9 });
  });
  it('treats yneg as the binomial no label', () => {
    const r = runStdlib(
      'X = read("glm/X.csv", format="csv"); Y = read("glm/binomial_logit_y.csv", format="csv")\n' +
        'B = glm(X=X, Y=2 * Y - 1, dfam=2, yneg=-1, icpt=1, tol=1e-14, verbose=FALSE)',
    );
    expectMatrixClose(r.matrix('B'), readRef('glm', 'binomial_logit_B.csv'), { rel: 1e-6, abs: 1e-9 });
  });
  it('icpt=2 returns original-scale coefficients first and standardised ones second', () => {
    const r = runStdlib(
      'X = read("glm/X.csv", format="csv"); Y = read("glm/poisson_log_y.csv", format="csv")\n' +
        'B = glm(X=X, Y=Y, dfam=1, vpow=1.0, icpt=2, tol=1e-14, verbose=FALSE)\n' +
        'B1 = B[, 1]\n' +
        'sd = t(sqrt(colVars(X)))\n' +
        'back = B[1:3, 2] / sd',
    );
    expect(r.matrix('B')[0]!.length).toBe(2);
    expectMatrixClose(r.matrix('B1'), readRef('glm', 'poisson_log_B.csv'), { rel: 1e-6, abs: 1e-9 });
    expectMatrixClose(r.matrix('back'), readRef('glm', 'poisson_log_B.csv').slice(0, 3), { rel: 1e-6, abs: 1e-9 });
  });
  it('converges to R within 1e-4 with the default tolerance', () => {
    // Default tol = 1e-6 on the relative deviance change: IRLS converges quadratically, so the
    // last step is already tiny; 1e-4 relative is a safe bound for these well-posed fits.
    const r = runStdlib(
      'X = read("glm/X.csv", format="csv"); Y = read("glm/binomial_logit_y.csv", format="csv")\n' +
        'B = glm(X=X, Y=Y, dfam=2, icpt=1)',
    );
    expectMatrixClose(r.matrix('B'), readRef('glm', 'binomial_logit_B.csv'), { rel: 1e-4 });
    expect(r.out).toContain('TERMINATION_CODE,1');
  });
  it('reg adds the same unpenalised-intercept ridge as lmDS (Gaussian identity: one solve)', () => {
    // R's glm has no ridge term, so this cross-checks against lmDS, which solves the same system.
    const r = runStdlib(
      'X = read("glm/X.csv", format="csv"); Y = read("glm/gaussian_identity_y.csv", format="csv")\n' +
        'B = glm(X=X, Y=Y, icpt=1, reg=5.0, tol=1e-14, verbose=FALSE)\n' +
        'L = lmDS(X=X, y=Y, icpt=1, reg=5.0, verbose=FALSE)\n' +
        'L0 = lmDS(X=X, y=Y, icpt=1, verbose=FALSE)\n' +
        'shrunk = sum(L ^ 2) < sum(L0 ^ 2)',
    );
    expectMatrixClose(r.matrix('B'), r.matrix('L'), { rel: 1e-9, abs: 1e-12 });
    expect(r.scalar('shrunk')).toBe(true);
  });
  it('stops on a binomial response without any no label', () => {
    expect(() =>
      runStdlib('X = read("glm/X.csv", format="csv"); B = glm(X=X, Y=matrix(1, rows=200, cols=1), dfam=2, verbose=FALSE)'),
    ).toThrow(/all Y values|no Y value is the binomial 'no' label/);
  });
  it('stops on a negative Poisson response', () => {
    expect(() =>
      runStdlib('X = read("glm/X.csv", format="csv"); B = glm(X=X, Y=-X[, 1], dfam=1, vpow=1.0, verbose=FALSE)'),
    ).toThrow(/must not be negative/);
  });
});

describe('glmPredict', () => {
  for (const c of cases) {
    it(`fitted means match R for ${c.name}`, () => {
      const r = fit(c);
      const m = r.matrix('M');
      // Binomial predictions carry P(yes) in column 1 and P(no) in column 2.
      expectMatrixClose(
        m.map((row) => [row[0]!]),
        readRef('glm', `${c.name}_mu.csv`),
        { rel: 1e-6, abs: 1e-9 },
      );
      if (c.args.startsWith('dfam=2')) expect(m.every((row) => Math.abs(row[0]! + row[1]! - 1) < 1e-12)).toBe(true);
    });
  }
  it('prints residual statistics against ytest and rejects a B that does not fit X', () => {
    const r = runStdlib(
      'X = read("glm/X.csv", format="csv"); Y = read("glm/poisson_log_y.csv", format="csv")\n' +
        'B = glm(X=X, Y=Y, dfam=1, vpow=1.0, icpt=1, verbose=FALSE)\n' +
        'M = glmPredict(X=X, B=B, ytest=Y, dfam=1, vpow=1.0)',
    );
    expect(r.out.some((l) => /^R2,1,,0\.\d+/.test(l))).toBe(true);
    expect(() =>
      runStdlib('X = read("glm/X.csv", format="csv"); M = glmPredict(X=X, B=matrix(1, rows=7, cols=1))'),
    ).toThrow(/B has 7 rows but X has 3 columns/);
  });
});
