/**
 * Order statistics and moments as SystemDS defines them (MatrixBlock.pickValue,
 * interQuartileMean, CM and COV objects):
 * - quantile(p): sort by value; the smallest value whose cumulative weight reaches ceil(p * W)
 *   (W = total weight; p = 0 gives the smallest value);
 * - median: quantile(0.5), but with an even total weight the average of the values at cumulative
 *   positions W/2 and W/2 + 1;
 * - interQuartileMean: weighted mean of the values between the 25% and 75% positions, with the
 *   boundary values counted fractionally;
 * - moment(order): central moment sum(w (x - mean)^k) / W for k = 2, 3, 4;
 * - cov: sum(w (a - ma)(b - mb)) / (W - 1), 0 when W = 1.
 * NaN sorts last (Java's Double ordering).
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { KahanSum } from './aggregators.js';

/** Values sorted ascending with their weights (weights 1 when none are given). */
interface Sorted {
  readonly values: Float64Array;
  readonly weights: Float64Array;
  readonly total: number;
}

function cells(x: MatrixBlock): Float64Array {
  return x.denseData().slice();
}

function sortWeighted(x: MatrixBlock, w: MatrixBlock | undefined, what: string, span?: Span): Sorted {
  const v = cells(x);
  if (w === undefined) {
    v.sort(); // typed-array sort: numeric, NaN last
    return { values: v, weights: new Float64Array(v.length).fill(1), total: v.length };
  }
  if (w.rows !== x.rows || w.cols !== x.cols) {
    fail('DML4001', `${what}: weights are ${w.rows}x${w.cols} but the values are ${x.rows}x${x.cols}`, span);
  }
  const wv = cells(w);
  const order = Array.from({ length: v.length }, (_, k) => k).sort((a, b) => javaCompare(v[a]!, v[b]!));
  const values = new Float64Array(v.length);
  const weights = new Float64Array(v.length);
  let total = 0;
  order.forEach((k, t) => {
    values[t] = v[k]!;
    weights[t] = wv[k]!;
    total += wv[k]!;
  });
  return { values, weights, total };
}

function javaCompare(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first sorted value whose cumulative weight reaches pos. */
function pickIndex(s: Sorted, pos: number): number {
  let t = 0;
  let i = -1;
  do {
    i++;
    t += s.weights[i]!;
  } while (t < pos && i < s.values.length - 1);
  return i;
}

function checkP(p: number, span?: Span): void {
  if (!(p >= 0 && p <= 1)) fail('DML5001', `quantile: probability ${p} is outside [0, 1]`, span);
}

/** Quantiles for each p (values in [0, 1]). */
export function quantiles(
  x: MatrixBlock,
  w: MatrixBlock | undefined,
  ps: readonly number[],
  span?: Span,
): number[] {
  const s = sortWeighted(x, w, 'quantile', span);
  if (s.values.length === 0) return ps.map(() => NaN);
  return ps.map((p) => {
    checkP(p, span);
    return s.values[pickIndex(s, Math.ceil(p * s.total))]!;
  });
}

export function median(x: MatrixBlock, w?: MatrixBlock, span?: Span): number {
  const s = sortWeighted(x, w, 'median', span);
  if (s.values.length === 0) return NaN;
  const pos = Math.ceil(0.5 * s.total);
  const i = pickIndex(s, pos);
  if (s.total % 2 !== 0) return s.values[i]!;
  // Even total weight: average with the next value unless this one's weight covers both positions.
  let t = 0;
  for (let k = 0; k <= i; k++) t += s.weights[k]!;
  if (t >= pos + 1 || i + 1 >= s.values.length) return s.values[i]!;
  return (s.values[i]! + s.values[i + 1]!) / 2;
}

export function interQuartileMean(x: MatrixBlock, w?: MatrixBlock, span?: Span): number {
  const s = sortWeighted(x, w, 'interQuartileMean', span);
  const n = s.values.length;
  if (n === 0) return NaN;
  const q25d = 0.25 * s.total;
  const q75d = 0.75 * s.total;
  const q25i = Math.ceil(q25d);
  const q75i = Math.ceil(q75d);
  let t = 0;
  let i = -1;
  while (i < n - 1 && t < q25i) {
    i++;
    t += s.weights[i]!;
  }
  let run = (t - q25d) * s.values[i]!;
  while (i < n - 1 && t < q75i) {
    i++;
    t += s.weights[i]!;
    run += s.values[i]! * s.weights[i]!;
  }
  run -= (t - q75d) * s.values[i]!;
  return run / (s.total * 0.5);
}

function weightedMean(v: Float64Array, w: Float64Array | undefined): { mean: number; total: number } {
  const sum = new KahanSum();
  const tw = new KahanSum();
  for (let k = 0; k < v.length; k++) {
    const wk = w ? w[k]! : 1;
    sum.add(v[k]! * wk);
    tw.add(wk);
  }
  return { mean: sum.sum / tw.sum, total: tw.sum };
}

function checkSameShape(a: MatrixBlock, b: MatrixBlock, what: string, span?: Span): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    fail('DML4001', `${what}: operands differ in shape (${a.rows}x${a.cols} vs ${b.rows}x${b.cols})`, span);
  }
}

/** Central moment of order 2, 3 or 4 (population: divided by the total weight). */
export function moment(x: MatrixBlock, w: MatrixBlock | undefined, order: number, span?: Span): number {
  if (order !== 2 && order !== 3 && order !== 4)
    fail('DML3001', `moment(): order must be 2, 3 or 4, got ${order}`, span);
  if (w) checkSameShape(x, w, 'moment', span);
  const v = x.denseData();
  const wv = w?.denseData();
  const { mean, total } = weightedMean(v, wv);
  const acc = new KahanSum();
  for (let k = 0; k < v.length; k++) acc.add((wv ? wv[k]! : 1) * Math.pow(v[k]! - mean, order));
  return acc.sum / total;
}

/** Sample covariance of two vectors (optionally weighted). */
export function cov(a: MatrixBlock, b: MatrixBlock, w: MatrixBlock | undefined, span?: Span): number {
  checkSameShape(a, b, 'cov', span);
  if (w) checkSameShape(a, w, 'cov', span);
  const av = a.denseData();
  const bv = b.denseData();
  const wv = w?.denseData();
  const ma = weightedMean(av, wv);
  const mb = weightedMean(bv, wv).mean;
  // One observation (or none) has no covariance: NaN, as R's NA and NumPy's nan (not 0 or -0).
  if (!(ma.total > 1)) return NaN;
  const acc = new KahanSum();
  for (let k = 0; k < av.length; k++) acc.add((wv ? wv[k]! : 1) * (av[k]! - ma.mean) * (bv[k]! - mb));
  return acc.sum / (ma.total - 1);
}
