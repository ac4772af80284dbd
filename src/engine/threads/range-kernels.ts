/**
 * The per-range kernels the thread pool runs. The main thread and every worker call these same
 * functions over disjoint row ranges, so a parallel result is built by exactly the code a
 * single-threaded run would use: cell-wise results are bit-identical; full and column aggregates
 * differ only in summation order (per-chunk Kahan sums merged with Kahan).
 */
import { binaryCellFn, unaryCellFn, type BinaryOp, type UnaryOp } from '../../common/scalar-ops.js';
import { denseFast } from '../kernels/cellwise-dense-fast.js';

/** How an operand of a cell-wise binary op is laid over the m x n output. */
export type OperandShape = 'full' | 'scalar' | 'row' | 'col';

export interface BinaryOperand {
  readonly shape: OperandShape;
  /** Dense data (full: m*n, row: n, col: m); absent for a scalar. */
  readonly data?: Float64Array;
  readonly scalar?: number;
}

/** out[r0*n .. r1*n) = a op b for rows r0..r1 of an m x n result. */
export function binaryRows(
  op: BinaryOp,
  a: BinaryOperand,
  b: BinaryOperand,
  out: Float64Array,
  n: number,
  r0: number,
  r1: number,
): void {
  const s = r0 * n;
  const e = r1 * n;
  const fa = fastSide(a, s, e);
  const fb = fastSide(b, s, e);
  if (fa !== undefined && fb !== undefined && denseFast(op, fa, fb, out.subarray(s, e))) return;
  const f = binaryCellFn(op);
  for (let i = r0; i < r1; i++) {
    const off = i * n;
    for (let j = 0; j < n; j++) out[off + j] = f(cell(a, i, j, off + j), cell(b, i, j, off + j));
  }
}

function fastSide(x: BinaryOperand, s: number, e: number): Float64Array | number | undefined {
  if (x.shape === 'scalar') return x.scalar!;
  if (x.shape === 'full') return x.data!.subarray(s, e);
  return undefined;
}

function cell(x: BinaryOperand, i: number, j: number, k: number): number {
  switch (x.shape) {
    case 'scalar':
      return x.scalar!;
    case 'full':
      return x.data![k]!;
    case 'row':
      return x.data![j]!;
    case 'col':
      return x.data![i]!;
  }
}

/** out[s..e) = f(x[s..e)). */
export function unaryCells(op: UnaryOp, x: Float64Array, out: Float64Array, s: number, e: number): void {
  const f = unaryCellFn(op);
  for (let k = s; k < e; k++) out[k] = f(x[k]!);
}

/** Aggregates the pool parallelises. */
export type ParAggKind = 'sum' | 'sumSq' | 'mean' | 'min' | 'max';

/**
 * Kahan partial of x[s..e) (squared for sumSq): [sum, correction], the same update as
 * aggregators.ts's KahanSum (plain add once a value or the running sum is not finite).
 */
export function kahanPartial(x: Float64Array, s: number, e: number, square: boolean): [number, number] {
  let sum = 0;
  let c = 0;
  for (let k = s; k < e; k++) {
    const v0 = x[k]!;
    const v = square ? v0 * v0 : v0;
    if (!Number.isFinite(v) || !Number.isFinite(sum)) {
      sum += v;
      continue;
    }
    const y = v - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return [sum, c];
}

/** Math.min/Math.max fold of x[s..e) (NaN propagates, as the Extreme accumulator). */
export function extremePartial(x: Float64Array, s: number, e: number, isMax: boolean): number {
  let m = isMax ? -Infinity : Infinity;
  if (isMax) for (let k = s; k < e; k++) m = Math.max(m, x[k]!);
  else for (let k = s; k < e; k++) m = Math.min(m, x[k]!);
  return m;
}

/** One value per row for rows r0..r1 of an m x n block: out[i] (same code path as rowAggregate). */
export function rowAggRows(
  kind: ParAggKind,
  x: Float64Array,
  n: number,
  out: Float64Array,
  r0: number,
  r1: number,
): void {
  for (let i = r0; i < r1; i++) {
    const s = i * n;
    out[i] = aggSegment(kind, x, s, s + n, n);
  }
}

function aggSegment(kind: ParAggKind, x: Float64Array, s: number, e: number, count: number): number {
  switch (kind) {
    case 'sum':
      return kahanPartial(x, s, e, false)[0];
    case 'sumSq':
      return kahanPartial(x, s, e, true)[0];
    case 'mean':
      return kahanPartial(x, s, e, false)[0] / count;
    case 'min':
      return extremePartial(x, s, e, false);
    case 'max':
      return extremePartial(x, s, e, true);
  }
}

/**
 * Column aggregates over columns c0..c1 of all m rows (rows streamed in order, one Kahan state
 * per column, as colAggregate does: bit-identical to it). out has n entries.
 */
export function colAggCols(
  kind: ParAggKind,
  x: Float64Array,
  m: number,
  n: number,
  out: Float64Array,
  c0: number,
  c1: number,
): void {
  const w = c1 - c0;
  if (kind === 'min' || kind === 'max') {
    const acc = new Float64Array(w).fill(kind === 'max' ? -Infinity : Infinity);
    for (let i = 0; i < m; i++) {
      const off = i * n + c0;
      if (kind === 'max') for (let j = 0; j < w; j++) acc[j] = Math.max(acc[j]!, x[off + j]!);
      else for (let j = 0; j < w; j++) acc[j] = Math.min(acc[j]!, x[off + j]!);
    }
    out.set(acc, c0);
    return;
  }
  const square = kind === 'sumSq';
  const sum = new Float64Array(w);
  const cor = new Float64Array(w);
  for (let i = 0; i < m; i++) {
    const off = i * n + c0;
    for (let j = 0; j < w; j++) {
      const v0 = x[off + j]!;
      const v = square ? v0 * v0 : v0;
      const sj = sum[j]!;
      if (!Number.isFinite(v) || !Number.isFinite(sj)) {
        sum[j] = sj + v;
        continue;
      }
      const y = v - cor[j]!;
      const t = sj + y;
      cor[j] = t - sj - y;
      sum[j] = t;
    }
  }
  for (let j = 0; j < w; j++) out[c0 + j] = kind === 'mean' ? sum[j]! / m : sum[j]!;
}

/** Rows r0..r1 of the m x n input written transposed into out (n x m), cache-blocked. */
export function transposeRows(
  x: Float64Array,
  m: number,
  n: number,
  out: Float64Array,
  r0: number,
  r1: number,
): void {
  const B = 32;
  for (let bi = r0; bi < r1; bi += B) {
    const ie = Math.min(r1, bi + B);
    for (let bj = 0; bj < n; bj += B) {
      const je = Math.min(n, bj + B);
      for (let i = bi; i < ie; i++) {
        const ri = i * n;
        for (let j = bj; j < je; j++) out[j * m + i] = x[ri + j]!;
      }
    }
  }
}
