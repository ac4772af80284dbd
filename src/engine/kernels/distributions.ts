/**
 * Cumulative distribution and quantile functions behind cdf/icdf and the pnorm/qnorm family: normal, exp,
 * chisq, f, t. Accuracy comes from @stdlib's ports of Cephes/Boost (incomplete gamma and beta
 * functions); upper tails (lower.tail=FALSE) are computed directly, not as 1 - cdf, so small
 * tail probabilities keep their relative accuracy (SystemDS subtracts; R does not).
 */
import { createRequire } from 'node:module';
import type betaincFn from '@stdlib/math-base-special-betainc';
import type gammaincFn from '@stdlib/math-base-special-gammainc';
import type chisqCdfFn from '@stdlib/stats-base-dists-chisquare-cdf';
import type chisqQuantileFn from '@stdlib/stats-base-dists-chisquare-quantile';
import type fCdfFn from '@stdlib/stats-base-dists-f-cdf';
import type fQuantileFn from '@stdlib/stats-base-dists-f-quantile';
import type normalCdfFn from '@stdlib/stats-base-dists-normal-cdf';
import type normalQuantileFn from '@stdlib/stats-base-dists-normal-quantile';
import type tCdfFn from '@stdlib/stats-base-dists-t-cdf';
import type tQuantileFn from '@stdlib/stats-base-dists-t-quantile';
import { fail } from '../../common/diagnostics.js';

// @stdlib's modules take ~250 ms to import: load each on first use so start-up does not pay.
const requireLazy = createRequire(import.meta.url);
function lazy<F extends (...args: never[]) => number>(id: string): F {
  let f: F | undefined;
  return ((...args: Parameters<F>) => (f ??= requireLazy(id) as F)(...args)) as F;
}
const betainc = lazy<typeof betaincFn>('@stdlib/math-base-special-betainc');
const gammainc = lazy<typeof gammaincFn>('@stdlib/math-base-special-gammainc');
const chisqCdf = lazy<typeof chisqCdfFn>('@stdlib/stats-base-dists-chisquare-cdf');
const chisqQuantile = lazy<typeof chisqQuantileFn>('@stdlib/stats-base-dists-chisquare-quantile');
const fCdf = lazy<typeof fCdfFn>('@stdlib/stats-base-dists-f-cdf');
const fQuantile = lazy<typeof fQuantileFn>('@stdlib/stats-base-dists-f-quantile');
const normalCdf = lazy<typeof normalCdfFn>('@stdlib/stats-base-dists-normal-cdf');
const normalQuantile = lazy<typeof normalQuantileFn>('@stdlib/stats-base-dists-normal-quantile');
const tCdf = lazy<typeof tCdfFn>('@stdlib/stats-base-dists-t-cdf');
const tQuantile = lazy<typeof tQuantileFn>('@stdlib/stats-base-dists-t-quantile');

export type DistName = 'normal' | 'exp' | 'chisq' | 'f' | 't';

export const DIST_NAMES: readonly DistName[] = ['normal', 'exp', 'chisq', 'f', 't'];

/** Distribution parameters (SystemDS's names); unused ones are ignored. */
export interface DistParams {
  readonly mean: number;
  readonly sd: number;
  readonly df: number;
  readonly df1: number;
  readonly df2: number;
  readonly rate: number;
}

function positive(name: string, v: number, dist: DistName): void {
  if (!(v > 0) || !Number.isFinite(v))
    fail('DML5001', `${dist} distribution: ${name} must be a positive number, got ${v}`);
}

/** Checks the parameters a distribution needs (NaN marks a missing one). */
export function checkParams(dist: DistName, p: DistParams): void {
  switch (dist) {
    case 'normal':
      if (!Number.isFinite(p.mean))
        fail('DML5001', `normal distribution: mean must be finite, got ${p.mean}`);
      return positive('sd', p.sd, dist);
    case 'exp':
      return positive('rate', p.rate, dist);
    case 'chisq':
    case 't':
      return positive('df', p.df, dist);
    case 'f':
      positive('df1', p.df1, dist);
      return positive('df2', p.df2, dist);
  }
}

/** P(X <= x) (lowerTail) or P(X > x). */
export function cdf(dist: DistName, x: number, p: DistParams, lowerTail: boolean): number {
  if (Number.isNaN(x)) return NaN;
  switch (dist) {
    case 'normal':
      return lowerTail ? normalCdf(x, p.mean, p.sd) : normalCdf(-(x - p.mean) / p.sd, 0, 1);
    case 'exp':
      if (x <= 0) return lowerTail ? 0 : 1;
      return lowerTail ? -Math.expm1(-p.rate * x) : Math.exp(-p.rate * x);
    case 't':
      return lowerTail ? tCdf(x, p.df) : tCdf(-x, p.df);
    case 'chisq':
      if (x <= 0) return lowerTail ? 0 : 1;
      if (x === Infinity) return lowerTail ? 1 : 0;
      return lowerTail ? chisqCdf(x, p.df) : gammainc(x / 2, p.df / 2, true, true);
    case 'f':
      if (x <= 0) return lowerTail ? 0 : 1;
      if (x === Infinity) return lowerTail ? 1 : 0;
      return lowerTail
        ? fCdf(x, p.df1, p.df2)
        : betainc(p.df2 / (p.df2 + p.df1 * x), p.df2 / 2, p.df1 / 2, true, false);
  }
}

/** The x with P(X <= x) = prob. */
export function quantile(dist: DistName, prob: number, p: DistParams): number {
  if (Number.isNaN(prob)) return NaN;
  if (prob < 0 || prob > 1) fail('DML5001', `${dist} quantile: probability must be in [0, 1], got ${prob}`);
  switch (dist) {
    case 'normal':
      return p.mean + p.sd * standardNormalQuantile(prob);
    case 'exp':
      return prob === 1 ? Infinity : -Math.log1p(-prob) / p.rate;
    case 't':
      return tQuantile(prob, p.df);
    case 'chisq':
      return chisqQuantile(prob, p.df);
    case 'f':
      return fQuantile(prob, p.df1, p.df2);
  }
}

/**
 * Standard normal quantile: @stdlib's erfinv-based value (relative error up to ~1e-9 in the far
 * tails) polished by Newton steps on the accurate cdf, computed in the lower half so that small
 * probabilities keep full relative precision (1 - p is exact for p >= 0.5).
 */
function standardNormalQuantile(prob: number): number {
  if (prob === 0) return -Infinity;
  if (prob === 1) return Infinity;
  const lower = prob <= 0.5;
  const q = lower ? prob : 1 - prob;
  let x = normalQuantile(q, 0, 1);
  for (let it = 0; it < 3 && Number.isFinite(x); it++) {
    const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    if (density === 0) break;
    const step = (normalCdf(x, 0, 1) - q) / density;
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return lower ? x : -x;
}
