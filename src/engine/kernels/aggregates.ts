/**
 * Full, row and column aggregates (sum, prod, mean, var, sd, min, max, sumSq), trace, and
 * rowIndexMax/rowIndexMin. Sparse inputs are aggregated over their stored cells plus a count of
 * implicit zeros. Empty inputs follow the accumulator identities: sum 0, prod 1, min +Inf,
 * max -Inf, mean/var NaN.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { KahanSum, newAccumulator, sumRange, type AggKind } from './aggregators.js';
import { parallelColAggregate, parallelFullAggregate, parallelRowAggregate } from './parallel/ops.js';
import { colAggCols, rowAggRows, type ParAggKind } from './parallel/range-kernels.js';
import { kernelResources } from '../kernel-resources.js';

/** Kinds with dense range kernels shared with the thread pool (same code, same values). */
const RANGE_KINDS: ReadonlySet<string> = new Set(['sum', 'sumSq', 'mean', 'min', 'max']);

export type { AggKind };

export function fullAggregate(kind: AggKind, x: MatrixBlock): number {
  const par = parallelFullAggregate(kernelResources(), kind, x);
  if (par !== undefined) return par;
  if (kind === 'sum' || kind === 'sumSq' || kind === 'mean') {
    // Blocked Kahan over the stored values (implicit zeros add nothing), as the pool's partials.
    const v = x.isSparse ? x.sparseData().values.subarray(0, x.sparseData().rowPtr[x.rows]) : x.denseData();
    const s = sumRange(v, 0, v.length, kind === 'sumSq')[0];
    return kind === 'mean' ? s / (x.rows * x.cols) : s;
  }
  const acc = newAccumulator(kind);
  if (x.isSparse) {
    const s = x.sparseData();
    const end = s.rowPtr[x.rows]!;
    for (let p = 0; p < end; p++) acc.add(s.values[p]!);
    acc.addZeros(x.rows * x.cols - end);
  } else {
    const d = x.denseData();
    for (let k = 0; k < d.length; k++) acc.add(d[k]!);
  }
  return acc.result();
}

/** One value per row: an m x 1 matrix. */
export function rowAggregate(kind: AggKind, x: MatrixBlock): MatrixBlock {
  const par = parallelRowAggregate(kernelResources(), kind, x);
  if (par !== undefined) return par;
  const out = new Float64Array(x.rows);
  const n = x.cols;
  if (x.isSparse) {
    const s = x.sparseData();
    for (let i = 0; i < x.rows; i++) {
      const acc = newAccumulator(kind);
      const a = s.rowPtr[i]!;
      const b = s.rowPtr[i + 1]!;
      for (let p = a; p < b; p++) acc.add(s.values[p]!);
      acc.addZeros(n - (b - a));
      out[i] = acc.result();
    }
  } else if (RANGE_KINDS.has(kind)) {
    rowAggRows(kind as ParAggKind, x.denseData(), n, out, 0, x.rows);
  } else {
    const d = x.denseData();
    for (let i = 0; i < x.rows; i++) {
      const acc = newAccumulator(kind);
      for (let k = i * n; k < (i + 1) * n; k++) acc.add(d[k]!);
      out[i] = acc.result();
    }
  }
  return MatrixBlock.dense(x.rows, 1, out).examSparsity();
}

/** One value per column: a 1 x n matrix (rows are streamed, one accumulator per column). */
export function colAggregate(kind: AggKind, x: MatrixBlock): MatrixBlock {
  const par = parallelColAggregate(kernelResources(), kind, x);
  if (par !== undefined) return par;
  const n = x.cols;
  if (!x.isSparse && RANGE_KINDS.has(kind)) {
    const res = new Float64Array(n);
    colAggCols(kind as ParAggKind, x.denseData(), x.rows, n, res, 0, n);
    return MatrixBlock.dense(1, n, res).examSparsity();
  }
  const accs = Array.from({ length: n }, () => newAccumulator(kind));
  if (x.isSparse) {
    const s = x.sparseData();
    const counts = new Int32Array(n);
    const end = s.rowPtr[x.rows]!;
    for (let p = 0; p < end; p++) {
      const j = s.colIdx[p]!;
      accs[j]!.add(s.values[p]!);
      counts[j]!++;
    }
    for (let j = 0; j < n; j++) accs[j]!.addZeros(x.rows - counts[j]!);
  } else {
    const d = x.denseData();
    for (let i = 0, k = 0; i < x.rows; i++) for (let j = 0; j < n; j++, k++) accs[j]!.add(d[k]!);
  }
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = accs[j]!.result();
  return MatrixBlock.dense(1, n, out).examSparsity();
}

/** Kahan sum of the diagonal of a square matrix. */
export function trace(x: MatrixBlock, span?: Span): number {
  if (x.rows !== x.cols) fail('DML4001', `trace() requires a square matrix, got ${x.rows}x${x.cols}`, span);
  const k = new KahanSum();
  for (let i = 0; i < x.rows; i++) k.add(x.get(i, i));
  return k.sum;
}

/**
 * 1-based column of each row's maximum (or minimum), the LAST one among ties (as SystemDS and R's
 * max.col(ties.method="last")). NaN cells never win; a row with no comparable value gives 1.
 */
export function rowIndexExtreme(x: MatrixBlock, isMax: boolean): MatrixBlock {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    const r = x.row(i);
    let best = isMax ? -Infinity : Infinity;
    let idx = 0;
    for (let j = 0; j < r.length; j++) {
      const v = r[j]!;
      if (isMax ? v >= best : v <= best) {
        best = v;
        idx = j;
      }
    }
    out[i] = x.cols === 0 ? 0 : idx + 1;
  }
  return MatrixBlock.dense(x.rows, 1, out).examSparsity();
}
