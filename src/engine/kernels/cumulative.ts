/**
 * Cumulative aggregates: cumsum, cumprod, cummin, cummax down each column (as in R and SystemDS),
 * rowcumsum along each row, and cumsumprod (the recurrence Y[i] = X[i,1] + X[i,2] * Y[i-1]).
 * cumsum and rowcumsum carry a Kahan correction per column (row) as SystemDS's ucumk+ does.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { KahanSum } from './aggregators.js';

export type CumKind = 'cumsum' | 'cumprod' | 'cummin' | 'cummax';

export function cumulative(kind: CumKind, x: MatrixBlock): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  const out = new Float64Array(m * n);
  if (kind === 'cumsum') {
    const accs = Array.from({ length: n }, () => new KahanSum());
    for (let i = 0; i < m; i++) {
      const r = x.row(i);
      for (let j = 0; j < n; j++) {
        accs[j]!.add(r[j]!);
        out[i * n + j] = accs[j]!.sum;
      }
    }
  } else {
    const f = kind === 'cumprod' ? (a: number, b: number) => a * b : kind === 'cummin' ? Math.min : Math.max;
    for (let i = 0; i < m; i++) {
      const r = x.row(i);
      for (let j = 0; j < n; j++) out[i * n + j] = i === 0 ? r[j]! : f(out[(i - 1) * n + j]!, r[j]!);
    }
  }
  return MatrixBlock.dense(m, n, out).examSparsity();
}

/** Cumulative sum along each row. */
export function rowCumsum(x: MatrixBlock): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const r = x.row(i);
    const k = new KahanSum();
    for (let j = 0; j < n; j++) {
      k.add(r[j]!);
      out[i * n + j] = k.sum;
    }
  }
  return MatrixBlock.dense(m, n, out).examSparsity();
}

/** cumsumprod(X) for an m x 2 matrix: Y[1] = X[1,1], Y[i] = X[i,1] + X[i,2] * Y[i-1]. */
export function cumsumprod(x: MatrixBlock, span?: Span): MatrixBlock {
  if (x.cols !== 2)
    fail('DML4001', `cumsumprod() requires a matrix with two columns, got ${x.rows}x${x.cols}`, span);
  const out = new Float64Array(x.rows);
  let prev = 0;
  for (let i = 0; i < x.rows; i++) {
    prev = x.get(i, 0) + x.get(i, 1) * prev;
    out[i] = prev;
  }
  return MatrixBlock.dense(x.rows, 1, out).examSparsity();
}
