/**
 * Parallel entry points the cell-wise, aggregate, transpose, sparse-dense and fused kernels call
 * first, and the job kinds they post (registered by ./jobs.ts). Each entry point returns
 * undefined when the operation is too small, not dense, or the pool is unavailable; the caller
 * then runs its single-threaded kernel. Results live in SharedArrayBuffers (./shared-memory.ts).
 * Each takes the run's resources (`rt`: thread settings, pool, recycler), resolved once by the
 * calling kernel.
 */
import type { BinaryOp, UnaryOp } from '../../../common/scalar-ops.js';
import { MatrixBlock, type CsrData } from '../../data/matrix-block.js';
import { defineJob, type Job } from '../../threads/jobs.js';
import type { KernelResources } from '../../kernel-resources.js';
import { KahanSum } from '../aggregators.js';
import {
  evaluateCellProgramRows,
  type CellAggregate,
  type CellLeaf,
  type LeafKind,
} from '../fused/cell-program.js';
import { sparseDenseRows } from '../matmul.js';
import { KERNEL_JOBS } from './jobs.js';
import {
  binaryRows,
  colAggCols,
  colChunkPartials,
  COL_CHUNK_ROWS,
  countNonZeros,
  extremePartial,
  kahanPartial,
  mergeColChunks,
  rowAggRows,
  transposeRows,
  unaryCells,
  type BinaryOperand,
  type ParAggKind,
} from './range-kernels.js';
import { isShared, shared, sharedF64, sharedF64Overwritten, sharedI32 } from './shared-memory.js';

export interface BinaryJob {
  readonly op: BinaryOp;
  readonly a: BinaryOperand;
  readonly b: BinaryOperand;
  readonly out: Float64Array;
  readonly n: number;
  readonly r0: number;
  readonly r1: number;
  /** Non-zero cells written, one slot per chunk (absent: not counted). */
  readonly nnz?: Float64Array;
  readonly slot?: number;
}

export const binaryJob = defineJob<BinaryJob>('binary', (j) => {
  binaryRows(j.op, j.a, j.b, j.out, j.n, j.r0, j.r1);
  // Counted here, in parallel, rather than by MatrixBlock.dense on the main thread.
  if (j.nnz !== undefined) j.nnz[j.slot!] = countNonZeros(j.out, j.r0 * j.n, j.r1 * j.n);
});

export interface UnaryJob {
  readonly op: UnaryOp;
  readonly x: Float64Array;
  readonly out: Float64Array;
  readonly s: number;
  readonly e: number;
}

export const unaryJob = defineJob<UnaryJob>('unary', (j) => unaryCells(j.op, j.x, j.out, j.s, j.e));

export interface FullAggJob {
  readonly agg: ParAggKind;
  readonly x: Float64Array;
  readonly s: number;
  readonly e: number;
  /** Two slots per chunk: [sum, correction] or [extreme, unused]. */
  readonly partials: Float64Array;
  readonly slot: number;
}

export const fullAggJob = defineJob<FullAggJob>('fullAgg', (j) => {
  if (j.agg === 'min' || j.agg === 'max') {
    j.partials[2 * j.slot] = extremePartial(j.x, j.s, j.e, j.agg === 'max');
  } else {
    const [s, c] = kahanPartial(j.x, j.s, j.e, j.agg === 'sumSq');
    j.partials[2 * j.slot] = s;
    j.partials[2 * j.slot + 1] = c;
  }
});

export interface RowAggJob {
  readonly agg: ParAggKind;
  readonly x: Float64Array;
  readonly n: number;
  readonly out: Float64Array;
  readonly r0: number;
  readonly r1: number;
}

export const rowAggJob = defineJob<RowAggJob>('rowAgg', (j) =>
  rowAggRows(j.agg, j.x, j.n, j.out, j.r0, j.r1),
);

export interface ColAggJob {
  readonly agg: ParAggKind;
  readonly x: Float64Array;
  readonly m: number;
  readonly n: number;
  readonly out: Float64Array;
  readonly c0: number;
  readonly c1: number;
}

export const colAggJob = defineJob<ColAggJob>('colAgg', (j) =>
  colAggCols(j.agg, j.x, j.m, j.n, j.out, j.c0, j.c1),
);

export interface ColChunksJob {
  readonly square: boolean;
  readonly x: Float64Array;
  readonly m: number;
  readonly n: number;
  /** Per fixed row chunk: n sums then n corrections. */
  readonly part: Float64Array;
  readonly k0: number;
  readonly k1: number;
}

export const colChunksJob = defineJob<ColChunksJob>('colChunks', (j) =>
  colChunkPartials(j.x, j.m, j.n, 0, j.n, j.k0, j.k1, j.square, j.part),
);

export interface TransposeJob {
  readonly x: Float64Array;
  readonly m: number;
  readonly n: number;
  readonly out: Float64Array;
  readonly r0: number;
  readonly r1: number;
}

export const transposeJob = defineJob<TransposeJob>('transpose', (j) =>
  transposeRows(j.x, j.m, j.n, j.out, j.r0, j.r1),
);

export interface SparseDenseJob {
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
  readonly b: Float64Array;
  readonly n: number;
  readonly out: Float64Array;
  readonly r0: number;
  readonly r1: number;
}

export const sparseDenseJob = defineJob<SparseDenseJob>('sparseDense', (j) =>
  sparseDenseRows(j.rowPtr, j.colIdx, j.values, j.b, j.n, j.out, j.r0, j.r1),
);

export interface CellProgramJob {
  readonly program: string;
  readonly kinds: readonly LeafKind[];
  readonly agg: CellAggregate;
  readonly D: readonly Float64Array[];
  readonly S: Float64Array;
  readonly cols: number;
  readonly r0: number;
  readonly r1: number;
  /** none: the m x n cells; rowSums: m sums; sum: one slot per chunk; colSums: cols per chunk. */
  readonly out: Float64Array;
  readonly slot: number;
  /** none: non-zero cells written, one slot per chunk (absent: not counted). */
  readonly nnz?: Float64Array;
}

export const cellProgramJob = defineJob<CellProgramJob>('cellProgram', (j) => {
  // Cells and row sums go straight into their slice of the shared result.
  const slice =
    j.agg === 'none'
      ? j.out.subarray(j.r0 * j.cols, j.r1 * j.cols)
      : j.agg === 'rowSums'
        ? j.out.subarray(j.r0, j.r1)
        : undefined;
  const count = j.nnz === undefined ? undefined : new Float64Array(1);
  const r = evaluateCellProgramRows(j.program, j.kinds, j.agg, j.D, j.S, j.cols, j.r0, j.r1, slice, count);
  if (count !== undefined) j.nnz![j.slot] = count[0]!;
  if (typeof r === 'number') j.out[j.slot] = r;
  else if (j.agg === 'colSums') j.out.set(r, j.slot * j.cols);
});

const PAR_AGGS: ReadonlySet<string> = new Set(['sum', 'sumSq', 'mean', 'min', 'max']);

/**
 * Whether splitting pays: a memory-bound op (X+Y, colSums) gains nothing when its large inputs
 * must first be copied into shared memory, so it goes parallel only when they already are; a
 * compute-bound op (exp, ^, log) pays for the copy.
 */
function worthIt(large: readonly (Float64Array | undefined)[], computeBound: boolean): boolean {
  return computeBound || large.every((d) => d === undefined || isShared(d));
}

const CHEAP_BINARY: ReadonlySet<string> = new Set([
  '+',
  '-',
  '*',
  '/',
  '>',
  '<',
  '>=',
  '<=',
  '==',
  '!=',
  'min',
  'max',
  '&',
  '|',
]);
const CHEAP_UNARY: ReadonlySet<string> = new Set([
  'u-',
  '!',
  'abs',
  'sign',
  'floor',
  'ceil',
  'ceiling',
  'round',
  'sqrt',
  'is.na',
  'is.nan',
  'is.infinite',
]);

/** Whether a fused program calls anything beyond + - * / (then it is compute-bound). */
function programComputeBound(program: string): boolean {
  for (const m of program.matchAll(/([^$(),\d][^(),]*)\(/g)) if (!CHEAP_BINARY.has(m[1]!)) return true;
  return false;
}

/** Number of chunks for `cells` cells over `units` splittable units, or 0 to run inline. */
function chunksFor(rt: KernelResources, cells: number, units: number): number {
  const t = rt.threads;
  if (t <= 1 || cells < rt.minCells) return 0;
  return Math.min(t, units);
}

/** [start, end) of chunk k of `units` split into `p` near-equal parts. */
function split(units: number, p: number, k: number): [number, number] {
  return [Math.floor((units * k) / p), Math.floor((units * (k + 1)) / p)];
}

function operand(x: MatrixBlock | number, m: number, n: number): BinaryOperand | undefined {
  if (typeof x === 'number') return { shape: 'scalar', scalar: x };
  if (x.isSparse) return undefined;
  if (x.rows === m && x.cols === n) return { shape: 'full', data: shared(x.denseData()) };
  if (x.rows === 1 && x.cols === n) return { shape: 'row', data: shared(x.denseData()) };
  if (x.rows === m && x.cols === 1) return { shape: 'col', data: shared(x.denseData()) };
  return undefined;
}

/** a op b over an m x n output (shapes already checked by the caller), or undefined. */
export function parallelBinary(
  rt: KernelResources,
  op: BinaryOp,
  a: MatrixBlock | number,
  b: MatrixBlock | number,
  m: number,
  n: number,
): MatrixBlock | undefined {
  const p = chunksFor(rt, m * n, m);
  if (p < 2) return undefined;
  const full = (x: MatrixBlock | number): Float64Array | undefined =>
    typeof x !== 'number' && !x.isSparse && x.rows === m && x.cols === n ? x.denseData() : undefined;
  if (!worthIt([full(a), full(b)], !CHEAP_BINARY.has(op))) return undefined;
  const oa = operand(a, m, n);
  const ob = operand(b, m, n);
  if (oa === undefined || ob === undefined) return undefined;
  const out = sharedF64Overwritten(rt, m * n);
  const nnz = sharedF64(p);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [r0, r1] = split(m, p, k);
    jobs.push(binaryJob.job({ op, a: oa, b: ob, out, n, r0, r1, nnz, slot: k }));
  }
  return rt.pool.runParallel(KERNEL_JOBS, jobs)
    ? MatrixBlock.denseWithNnz(m, n, out, total(nnz)).examSparsity()
    : undefined;
}

/** f(x) cell-wise for a dense x, or undefined. */
export function parallelUnary(rt: KernelResources, op: UnaryOp, x: MatrixBlock): MatrixBlock | undefined {
  const cells = x.rows * x.cols;
  const p = chunksFor(rt, cells, cells);
  if (p < 2 || x.isSparse || !worthIt([x.denseData()], !CHEAP_UNARY.has(op))) return undefined;
  const xd = shared(x.denseData());
  const out = sharedF64Overwritten(rt, cells);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [s, e] = split(cells, p, k);
    jobs.push(unaryJob.job({ op, x: xd, out, s, e }));
  }
  return rt.pool.runParallel(KERNEL_JOBS, jobs)
    ? MatrixBlock.dense(x.rows, x.cols, out).examSparsity()
    : undefined;
}

/** Full aggregate of a dense x: per-chunk Kahan partials merged with Kahan, or undefined. */
export function parallelFullAggregate(rt: KernelResources, kind: string, x: MatrixBlock): number | undefined {
  const cells = x.rows * x.cols;
  const p = chunksFor(rt, cells, cells);
  if (p < 2 || x.isSparse || !PAR_AGGS.has(kind) || !worthIt([x.denseData()], false)) return undefined;
  const agg = kind as ParAggKind;
  const xd = shared(x.denseData());
  const partials = sharedF64(2 * p);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [s, e] = split(cells, p, k);
    jobs.push(fullAggJob.job({ agg, x: xd, s, e, partials, slot: k }));
  }
  if (!rt.pool.runParallel(KERNEL_JOBS, jobs)) return undefined;
  if (agg === 'min' || agg === 'max') {
    let r = agg === 'max' ? -Infinity : Infinity;
    for (let k = 0; k < p; k++)
      r = agg === 'max' ? Math.max(r, partials[2 * k]!) : Math.min(r, partials[2 * k]!);
    return r;
  }
  // Merge: each chunk's value is its sum minus its pending correction.
  const k = new KahanSum();
  for (let q = 0; q < p; q++) {
    k.add(partials[2 * q]!);
    if (partials[2 * q + 1] !== 0) k.add(-partials[2 * q + 1]!);
  }
  return agg === 'mean' ? k.sum / cells : k.sum;
}

/** rowSums and friends of a dense x (bit-identical: whole rows per thread), or undefined. */
export function parallelRowAggregate(
  rt: KernelResources,
  kind: string,
  x: MatrixBlock,
): MatrixBlock | undefined {
  const p = chunksFor(rt, x.rows * x.cols, x.rows);
  if (p < 2 || x.isSparse || !PAR_AGGS.has(kind) || !worthIt([x.denseData()], false)) return undefined;
  const xd = shared(x.denseData());
  const out = sharedF64(x.rows, rt);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [r0, r1] = split(x.rows, p, k);
    jobs.push(rowAggJob.job({ agg: kind as ParAggKind, x: xd, n: x.cols, out, r0, r1 }));
  }
  return rt.pool.runParallel(KERNEL_JOBS, jobs)
    ? MatrixBlock.dense(x.rows, 1, out).examSparsity()
    : undefined;
}

/**
 * colSums and friends of a dense x: each thread streams all rows over its own column range
 * (bit-identical to the single-threaded kernel); used when there are enough columns to share.
 */
export function parallelColAggregate(
  rt: KernelResources,
  kind: string,
  x: MatrixBlock,
): MatrixBlock | undefined {
  if (kind === 'sum' || kind === 'sumSq' || kind === 'mean') return parallelColSums(rt, kind, x);
  const p = chunksFor(rt, x.rows * x.cols, Math.floor(x.cols / 64));
  if (p < 2 || x.isSparse || !PAR_AGGS.has(kind) || !worthIt([x.denseData()], false)) return undefined;
  const xd = shared(x.denseData());
  const out = sharedF64(x.cols, rt);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [c0, c1] = split(x.cols, p, k);
    jobs.push(colAggJob.job({ agg: kind as ParAggKind, x: xd, m: x.rows, n: x.cols, out, c0, c1 }));
  }
  return rt.pool.runParallel(KERNEL_JOBS, jobs)
    ? MatrixBlock.dense(1, x.cols, out).examSparsity()
    : undefined;
}

/**
 * colSums/colSumSqs/colMeans: the serial kernel's fixed row chunks (./range-kernels.ts) shared out
 * by contiguous row ranges, each thread streaming whole rows; merged in chunk order on the main
 * thread, so the result is bit-identical to the serial one.
 */
function parallelColSums(rt: KernelResources, kind: ParAggKind, x: MatrixBlock): MatrixBlock | undefined {
  const m = x.rows;
  const n = x.cols;
  const chunks = Math.ceil(m / COL_CHUNK_ROWS);
  const p = chunksFor(rt, m * n, chunks);
  if (p < 2 || x.isSparse || !worthIt([x.denseData()], false)) return undefined;
  const xd = shared(x.denseData());
  const part = sharedF64(2 * chunks * n);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [k0, k1] = split(chunks, p, k);
    jobs.push(colChunksJob.job({ square: kind === 'sumSq', x: xd, m, n, part, k0, k1 }));
  }
  if (!rt.pool.runParallel(KERNEL_JOBS, jobs)) return undefined;
  const out = new Float64Array(n);
  mergeColChunks(kind, part, chunks, xd, m, n, 0, n, out);
  return MatrixBlock.dense(1, n, out).examSparsity();
}

/** t(X) of a dense x with more than one row and column, or undefined. */
export function parallelTranspose(rt: KernelResources, x: MatrixBlock): MatrixBlock | undefined {
  const p = chunksFor(rt, x.rows * x.cols, Math.floor(x.rows / 32));
  if (p < 2 || x.isSparse || x.rows === 1 || x.cols === 1 || !worthIt([x.denseData()], false))
    return undefined;
  const xd = shared(x.denseData());
  const out = sharedF64Overwritten(rt, x.rows * x.cols);
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [r0, r1] = split(x.rows, p, k);
    jobs.push(transposeJob.job({ x: xd, m: x.rows, n: x.cols, out, r0, r1 }));
  }
  return rt.pool.runParallel(KERNEL_JOBS, jobs) ? MatrixBlock.dense(x.cols, x.rows, out) : undefined;
}

/** Sum of per-chunk counts. */
function total(counts: Float64Array): number {
  let t = 0;
  for (let k = 0; k < counts.length; k++) t += counts[k]!;
  return t;
}

/**
 * A fused cell program (X*Y+Z, sum(X*Y*Z), rowSums/colSums of one) over row ranges: cells and
 * row sums are bit-identical to the single-threaded loop; sum and colSums merge per-chunk Kahan
 * sums with Kahan (summation order only). Undefined when small or the pool is unavailable.
 */
export function parallelCellProgram(
  rt: KernelResources,
  program: string,
  leaves: readonly CellLeaf[],
  kinds: readonly LeafKind[],
  agg: CellAggregate,
  rows: number,
  cols: number,
): MatrixBlock | number | undefined {
  const p = chunksFor(rt, rows * cols, rows);
  if (p < 2) return undefined;
  const large = leaves.map((l, i) =>
    typeof l !== 'number' && kinds[i] === 'full' ? l.denseData() : undefined,
  );
  if (!worthIt(large, programComputeBound(program))) return undefined;
  const empty = sharedF64(0);
  const D = leaves.map((l) => (typeof l === 'number' ? empty : shared(l.denseData())));
  const S = Float64Array.from(leaves, (l) => (typeof l === 'number' ? l : 0));
  const outLen = agg === 'none' ? rows * cols : agg === 'rowSums' ? rows : agg === 'sum' ? p : p * cols;
  // Every cell of a cell-wise result is written; the aggregates' partial slots may not be.
  const out = agg === 'none' ? sharedF64Overwritten(rt, outLen) : sharedF64(outLen);
  const nnz = agg === 'none' ? sharedF64(p) : undefined;
  const jobs: Job[] = [];
  for (let k = 0; k < p; k++) {
    const [r0, r1] = split(rows, p, k);
    jobs.push(cellProgramJob.job({ program, kinds, agg, D, S, cols, r0, r1, out, slot: k, nnz }));
  }
  if (!rt.pool.runParallel(KERNEL_JOBS, jobs)) return undefined;
  switch (agg) {
    case 'none':
      return MatrixBlock.denseWithNnz(rows, cols, out, total(nnz!)).examSparsity();
    case 'rowSums':
      return MatrixBlock.dense(rows, 1, out).examSparsity();
    case 'sum': {
      const k = new KahanSum();
      for (let q = 0; q < p; q++) k.add(out[q]!);
      return k.sum;
    }
    case 'colSums': {
      const res = new Float64Array(cols);
      for (let j = 0; j < cols; j++) {
        const k = new KahanSum();
        for (let q = 0; q < p; q++) k.add(out[q * cols + j]!);
        res[j] = k.sum;
      }
      return MatrixBlock.dense(1, cols, res).examSparsity();
    }
  }
}

/**
 * C = A %*% B for CSR A (m rows) and dense B (n columns) over row ranges balanced by stored
 * entries, or undefined when small. Compute-bound (n flops per entry), so copying A and B into
 * shared memory pays. Each row is computed by the single-threaded kernel's code: identical values.
 * `compiled`: the rows run the compiled kernel (native/sparse.c, ~0.25 ns a cell, 3x the
 * TypeScript loop), so a split needs 4x the work, and copying a non-shared A (12 bytes an entry)
 * pays only when B is wide (at n = 16 the copy made 2 threads slower than one).
 */
export function parallelSparseDense(
  rt: KernelResources,
  a: CsrData,
  m: number,
  b: Float64Array,
  n: number,
  compiled = false,
): Float64Array | undefined {
  const nnz = a.rowPtr[m]!;
  const t = rt.threads;
  if (t <= 1 || nnz * n < rt.minCells * (compiled ? 16 : 4) || m < 2 * t) return undefined;
  if (compiled && n < 32 && !(a.colIdx.buffer instanceof SharedArrayBuffer && isShared(a.values)))
    return undefined;
  const p = Math.min(t, m);
  const rowPtr = sharedI32(a.rowPtr.subarray(0, m + 1));
  const colIdx = sharedI32(a.colIdx.subarray(0, nnz));
  const values = shared(a.values.subarray(0, nnz));
  const bd = shared(b);
  const out = sharedF64(m * n, rt);
  const jobs: Job[] = [];
  let r0 = 0;
  for (let k = 0; k < p; k++) {
    // First row whose prefix count reaches the k+1-th share of the entries.
    let r1 = m;
    if (k < p - 1) {
      const target = Math.floor((nnz * (k + 1)) / p);
      let lo = r0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rowPtr[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      r1 = lo;
    }
    jobs.push(sparseDenseJob.job({ rowPtr, colIdx, values, b: bd, n, out, r0, r1 }));
    r0 = r1;
  }
  return rt.pool.runParallel(KERNEL_JOBS, jobs) ? out : undefined;
}
