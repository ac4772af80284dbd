/**
 * table / ctable(A, B[, W][, odim1, odim2]): contingency table. Cell (A[k], B[k]) accumulates
 * W[k] (1 without weights). A, B and W are matrices of the same shape or scalars (broadcast).
 * As in SystemDS: a tuple with NaN in A, B or W is skipped; values are cast with floor(v + eps);
 * a cast value <= 0 is an error; with odim1/odim2 the output has exactly those dims and entries
 * outside them are dropped, otherwise it is max(A) x max(B).
 */
import { checkResultFits } from '../result-limits.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { indexFromDouble } from './indexing.js';

export type CellSource = MatrixBlock | number;

function cellCount(v: CellSource): number {
  return typeof v === 'number' ? -1 : v.length;
}

function reader(v: CellSource): (k: number) => number {
  if (typeof v === 'number') return () => v;
  const d = v.denseData();
  return (k) => d[k]!;
}

export function ctable(
  a: CellSource,
  b: CellSource,
  w: CellSource = 1,
  dims?: { rows: number; cols: number },
  span?: Span,
  /** The run's memory budget: a result larger than it is refused before it is built. */
  budget?: number,
): MatrixBlock {
  const counts = [a, b, w].map(cellCount).filter((c) => c >= 0);
  const n = counts.length === 0 ? 1 : counts[0]!;
  const shapes = [a, b, w].filter((v): v is MatrixBlock => typeof v !== 'number');
  for (const s of shapes) {
    if (s.rows !== shapes[0]!.rows || s.cols !== shapes[0]!.cols) {
      fail(
        'DML4001',
        `table(): matrix arguments must have the same dimensions, got ${shapes.map((x) => `${x.rows}x${x.cols}`).join(' and ')}`,
        span,
      );
    }
  }
  if (dims && (!(dims.rows >= 0) || !(dims.cols >= 0))) {
    fail('DML3004', `table(): output dimensions must be non-negative, got ${dims.rows}x${dims.cols}`, span);
  }
  const ra = reader(a);
  const rb = reader(b);
  const rw = reader(w);
  const is: number[] = [];
  const js: number[] = [];
  const vs: number[] = [];
  let maxR = 0;
  let maxC = 0;
  for (let k = 0; k < n; k++) {
    const va = ra(k);
    const vb = rb(k);
    const vw = rw(k);
    if (Number.isNaN(va) || Number.isNaN(vb) || Number.isNaN(vw)) continue;
    const r = indexFromDouble(va);
    const c = indexFromDouble(vb);
    if (r <= 0 || c <= 0) {
      fail(
        'DML5002',
        `table(): values must be positive integers (one of the values <= 0): ${va} ${vb}`,
        span,
      );
    }
    if (!Number.isFinite(r) || !Number.isFinite(c) || r > 2 ** 31 - 1 || c > 2 ** 31 - 1) {
      fail('DML5002', `table(): value too large for a table dimension: ${va} ${vb}`, span);
    }
    if (dims && (r > dims.rows || c > dims.cols)) continue;
    if (r > maxR) maxR = r;
    if (c > maxC) maxC = c;
    is.push(r - 1);
    js.push(c - 1);
    vs.push(vw);
  }
  const rows = dims ? dims.rows : maxR;
  const cols = dims ? dims.cols : maxC;
  // The size follows from the data: refuse it before allocating (1e9 x 1e9 from two cells used
  // to grow to 10+ GB first). The cheaper of sparse and dense is what would be built.
  const sparseBytes = 12 * vs.length + 4 * (rows + 1);
  checkResultFits('table', rows, cols, Math.min(sparseBytes, 8 * rows * cols), budget, span);
  return MatrixBlock.fromTriples(rows, cols, is, js, vs);
}
