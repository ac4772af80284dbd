/**
 * The per-range kernels the thread pool runs (their job kinds are defined in ./ops.ts). The main thread and every worker call these same
 * functions over disjoint row ranges, so a parallel result is built by exactly the code a
 * single-threaded run would use: cell-wise results are bit-identical; full and column aggregates
 * differ only in summation order (per-chunk Kahan sums merged with Kahan).
 */
import { binaryCellFn, unaryCellFn, type BinaryOp, type UnaryOp } from '../../../common/scalar-ops.js';
import { denseFast } from '../cellwise-dense-fast.js';
import { checkedKahan, sumRange } from '../aggregators.js';
import { countCompiledCall } from '../compiled/library.js';
import { compiledSums } from '../compiled/sums.js';

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
 * Compensated partial of x[s..e) (squared for sumSq): [sum, correction]. Blocked Kahan
 * (aggregators.ts's sumRange): Kahan-grade accuracy near the speed of a plain sum; Inf/NaN
 * follow KahanSum's rules.
 */
export function kahanPartial(x: Float64Array, s: number, e: number, square: boolean): [number, number] {
  return sumRange(x, s, e, square);
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
  if (kind === 'sum' || kind === 'mean') {
    rowSums(x, n, out, r0, r1, kind === 'mean' ? n : 1);
    return;
  }
  for (let i = r0; i < r1; i++) {
    const s = i * n;
    out[i] = aggSegment(kind, x, s, s + n, n);
  }
}

/**
 * Row sums (divided by `div`) with aggregators.ts's blocked Kahan sum written out inline: the
 * same values as sumRange, without a call and a result pair per row (10^4 short rows made that
 * overhead a sixth of the kernel). Non-finite rows are redone with KahanSum's rules.
 */
function rowSums(x: Float64Array, n: number, out: Float64Array, r0: number, r1: number, div: number): void {
  const c = (r1 - r0) * n >= COMPILED_MIN_CELLS ? compiledSums() : undefined;
  if (c !== undefined) {
    countCompiledCall();
    // native/sums.c computes the same values and marks the rare non-finite rows with NaN.
    if (c.rowSums(x, n, r0, r1, div, out) > 0)
      for (let i = r0; i < r1; i++)
        if (Number.isNaN(out[i])) out[i] = checkedKahan(x, i * n, (i + 1) * n, false)[0] / div;
    return;
  }
  for (let i = r0; i < r1; i++) {
    const e = (i + 1) * n;
    let s1 = 0;
    let c1 = 0;
    let s2 = 0;
    let c2 = 0;
    let k = i * n;
    for (; k + 32 <= e; k += 32) {
      const b1 =
        x[k]! +
        x[k + 8]! +
        (x[k + 1]! + x[k + 9]!) +
        (x[k + 2]! + x[k + 10]! + (x[k + 3]! + x[k + 11]!)) +
        (x[k + 4]! +
          x[k + 12]! +
          (x[k + 5]! + x[k + 13]!) +
          (x[k + 6]! + x[k + 14]! + (x[k + 7]! + x[k + 15]!)));
      const b2 =
        x[k + 16]! +
        x[k + 24]! +
        (x[k + 17]! + x[k + 25]!) +
        (x[k + 18]! + x[k + 26]! + (x[k + 19]! + x[k + 27]!)) +
        (x[k + 20]! +
          x[k + 28]! +
          (x[k + 21]! + x[k + 29]!) +
          (x[k + 22]! + x[k + 30]! + (x[k + 23]! + x[k + 31]!)));
      const y1 = b1 - c1;
      const t1 = s1 + y1;
      c1 = t1 - s1 - y1;
      s1 = t1;
      const y2 = b2 - c2;
      const t2 = s2 + y2;
      c2 = t2 - s2 - y2;
      s2 = t2;
    }
    for (; k < e; k++) {
      const y = x[k]! - c1;
      const t = s1 + y;
      c1 = t - s1 - y;
      s1 = t;
    }
    let y = s2 - c1;
    let t = s1 + y;
    c1 = t - s1 - y;
    s1 = t;
    y = -c2 - c1;
    t = s1 + y;
    c1 = t - s1 - y;
    s1 = t;
    if (!Number.isFinite(s1) || !Number.isFinite(c1)) s1 = checkedKahan(x, i * n, e, false)[0];
    out[i] = s1 / div;
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
  // Sums: fixed chunks of COL_CHUNK_ROWS rows, each with its own per-column Kahan states, merged
  // in chunk order. The pool splits the same chunks by rows (contiguous streams, see
  // ./ops.ts), so serial and parallel results are bit-identical.
  const square = kind === 'sumSq';
  const chunks = Math.ceil(m / COL_CHUNK_ROWS);
  const part = partialsScratch(2 * chunks * w);
  colChunkPartials(x, m, n, c0, w, 0, chunks, square, part);
  mergeColChunks(kind, part, chunks, x, m, n, c0, w, out);
}

let scratch = new Float64Array(0);

/**
 * Storage for the column sums' chunk partials: with the compiled kernels (which zero the slots
 * they fill) one buffer is reused, since allocating and zeroing 160 KB per colSums of a 1e4x1e3
 * matrix cost ~0.1 ms, 3-4% of the kernel; the TypeScript loop accumulates into zeroed memory.
 */
function partialsScratch(len: number): Float64Array {
  if (compiledSums() === undefined) return new Float64Array(len);
  if (scratch.length < len) scratch = new Float64Array(len);
  return scratch.subarray(0, len);
}

/** Rows per fixed chunk of the column sums (chosen so a 1e4-row matrix splits ~10 ways). */
export const COL_CHUNK_ROWS = 1024;

/** Below this many cells the ~80 ns of a compiled call costs more than the TypeScript loop. */
const COMPILED_MIN_CELLS = 512;

/**
 * Per-column Kahan states [sum(w) | correction(w)] of chunks k0..k1 (rows k*COL_CHUNK_ROWS ..)
 * over columns c0..c0+w, written to part at chunk k's slot (2*w doubles each).
 */
export function colChunkPartials(
  x: Float64Array,
  m: number,
  n: number,
  c0: number,
  w: number,
  k0: number,
  k1: number,
  square: boolean,
  part: Float64Array,
): void {
  // Always compiled when available (one call per operation; colAggCols' reused scratch relies on it).
  const c = compiledSums();
  if (c !== undefined) {
    countCompiledCall();
    c.colChunkPartials(x, m, n, c0, w, k0, k1, COL_CHUNK_ROWS, square, part);
    return;
  }
  for (let k = k0; k < k1; k++) {
    const r0 = k * COL_CHUNK_ROWS;
    const r1 = Math.min(m, r0 + COL_CHUNK_ROWS);
    const sum = part.subarray(2 * k * w, (2 * k + 1) * w);
    const cor = part.subarray((2 * k + 1) * w, (2 * k + 2) * w);
    colKahanRows(x, n, c0, w, r0, r1, square, sum, cor);
  }
}

/** Merges chunk partials column by column with Kahan; Inf/NaN columns redone one by one. */
export function mergeColChunks(
  kind: ParAggKind,
  part: Float64Array,
  chunks: number,
  x: Float64Array,
  m: number,
  n: number,
  c0: number,
  w: number,
  out: Float64Array,
): void {
  const square = kind === 'sumSq';
  const div = kind === 'mean' ? m : 1;
  const compiled = chunks * w >= COMPILED_MIN_CELLS ? compiledSums() : undefined;
  if (compiled !== undefined) {
    // Same merge in native/sums.c; it marks the non-finite columns with NaN.
    if (compiled.colMerge(part, chunks, w, c0, div, out) > 0)
      for (let j = 0; j < w; j++)
        if (Number.isNaN(out[c0 + j])) out[c0 + j] = columnChecked(x, m, n, c0 + j, square) / div;
    return;
  }
  for (let j = 0; j < w; j++) {
    let s = 0;
    let c = 0;
    for (let k = 0; k < chunks; k++) {
      let y = part[2 * k * w + j]! - c;
      let t = s + y;
      c = t - s - y;
      s = t;
      y = -part[(2 * k + 1) * w + j]! - c;
      t = s + y;
      c = t - s - y;
      s = t;
    }
    // Inf/NaN or overflow somewhere in this column: redo it with KahanSum's one-by-one rules.
    if (!Number.isFinite(s) || !Number.isFinite(c)) s = columnChecked(x, m, n, c0 + j, square);
    out[c0 + j] = s / div;
  }
}

/**
 * Rows r0..r1, columns c0..c0+w into per-column Kahan states. Eight rows at a time: their cells
 * are added pairwise (three plain roundings per cell, the error of pairwise summation over an
 * 8-cell block) and the block goes into the column's Kahan state: Kahan-grade accuracy with the
 * Kahan chain and the sum/correction traffic once per 8 rows. No finiteness tests (the merge
 * redoes non-finite columns).
 */
function colKahanRows(
  x: Float64Array,
  n: number,
  c0: number,
  w: number,
  r0: number,
  r1: number,
  square: boolean,
  sum: Float64Array,
  cor: Float64Array,
): void {
  let i = r0;
  for (; i + 8 <= r1; i += 8) {
    if (square) colBlockSq(x, i * n + c0, n, w, sum, cor);
    else colBlock(x, i * n + c0, n, w, sum, cor);
  }
  for (; i < r1; i++) {
    const off = i * n + c0;
    for (let j = 0; j < w; j++) {
      const v0 = x[off + j]!;
      const sj = sum[j]!;
      const y = (square ? v0 * v0 : v0) - cor[j]!;
      const t = sj + y;
      cor[j] = t - sj - y;
      sum[j] = t;
    }
  }
}

function columnChecked(x: Float64Array, m: number, n: number, j: number, square: boolean): number {
  const col = new Float64Array(m);
  for (let i = 0; i < m; i++) col[i] = x[i * n + j]!;
  return checkedKahan(col, 0, m, square)[0];
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

/** Non-zero (NaN included) cells of x[s..e), as MatrixBlock's own count. */
export function countNonZeros(x: Float64Array, s: number, e: number): number {
  let c = 0;
  for (let k = s; k < e; k++) if (x[k] !== 0) c++;
  return c;
}

/** Adds rows o, o+n, ..., o+7n (w cells each) to the column Kahan states, pairwise per column. */
function colBlock(
  x: Float64Array,
  o: number,
  n: number,
  w: number,
  sum: Float64Array,
  cor: Float64Array,
): void {
  const o1 = o + n;
  const o2 = o1 + n;
  const o3 = o2 + n;
  const o4 = o3 + n;
  const o5 = o4 + n;
  const o6 = o5 + n;
  const o7 = o6 + n;
  for (let j = 0; j < w; j++) {
    const b =
      x[o + j]! +
      x[o1 + j]! +
      (x[o2 + j]! + x[o3 + j]!) +
      (x[o4 + j]! + x[o5 + j]! + (x[o6 + j]! + x[o7 + j]!));
    const sj = sum[j]!;
    const y = b - cor[j]!;
    const t = sj + y;
    cor[j] = t - sj - y;
    sum[j] = t;
  }
}

/** colBlock of squares. */
function colBlockSq(
  x: Float64Array,
  o: number,
  n: number,
  w: number,
  sum: Float64Array,
  cor: Float64Array,
): void {
  for (let j = 0; j < w; j++) {
    let b0 = 0;
    let b1 = 0;
    for (let r = 0; r < 8; r += 2) {
      const v = x[o + r * n + j]!;
      const u = x[o + (r + 1) * n + j]!;
      b0 += v * v;
      b1 += u * u;
    }
    const sj = sum[j]!;
    const y = b0 + b1 - cor[j]!;
    const t = sj + y;
    cor[j] = t - sj - y;
    sum[j] = t;
  }
}
