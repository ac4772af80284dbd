/**
 * Column aggregates of a row-partitioned matrix: each rank aggregates its rows per column with
 * LOCAL's kernel (a 1 x n partial), then one collective; the 1 x n result is replicated.
 * - colSums, colMeans: allreduce 'sum' (colMeans divides by the row count in finish); within
 *   1e-12 relative of LOCAL (partials added in the MPI library's order).
 * - colProds: allreduce 'prod', within 1e-12 relative.
 * - colMins, colMaxs: allreduce of packed partials (extremes.ts), bit-identical.
 * - colVars, colSds: allgather of (count, means, M2s) per rank merged in rank order
 *   (moments.ts), within 1e-12 relative.
 */
import { MatrixBlock } from '../../data/matrix-block.js';
import { colAggregate, type AggKind } from '../../kernels/aggregates.js';
import { localMatrix, matrixDims, positionalArgs } from './call-args.js';
import type { DistOp, DistPlan } from './dist-op.js';
import { packExtremes, unpackExtremes } from './extremes.js';
import { mergeMoments, momentsOf, varianceOf, type Moments } from './moments.js';

const COL_OPCODES: ReadonlyMap<string, AggKind> = new Map<string, AggKind>([
  ['colSums', 'sum'],
  ['colMeans', 'mean'],
  ['colMins', 'min'],
  ['colMaxs', 'max'],
  ['colProds', 'prod'],
  ['colVars', 'var'],
  ['colSds', 'sd'],
]);

/** A 1 x n partial's cells (a fresh array: the collective reduces into it). */
function partial(kind: AggKind, x: MatrixBlock): Float64Array {
  return colAggregate(kind, x).denseData().slice();
}

const rowVector = (cells: Float64Array): MatrixBlock =>
  MatrixBlock.dense(1, cells.length, cells).examSparsity();

/** Rank's [n, mean_1..mean_k, M2_1..M2_k]. */
function localMoments(x: MatrixBlock): Float64Array {
  const k = x.cols;
  const out = new Float64Array(1 + 2 * k);
  out[0] = x.rows;
  if (x.rows === 0) return out;
  const means = colAggregate('mean', x).denseData();
  const vars = colAggregate('var', x).denseData();
  for (let j = 0; j < k; j++) {
    const p = momentsOf(x.rows, means[j]!, vars[j]!);
    out[1 + j] = p.mean;
    out[1 + k + j] = p.m2;
  }
  return out;
}

function mergedVariances(all: Float64Array, k: number, sd: boolean): Float64Array {
  const stride = 1 + 2 * k;
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let acc: Moments = { n: 0, mean: 0, m2: 0 };
    for (let q = 0; q < all.length; q += stride)
      acc = mergeMoments(acc, { n: all[q]!, mean: all[q + 1 + j]!, m2: all[q + 1 + k + j]! });
    const v = varianceOf(acc);
    out[j] = sd ? Math.sqrt(v) : v;
  }
  return out;
}

function colPlan(kind: AggKind, rows: number, cols: number): DistPlan {
  const base = { args: ['rows'] as const, partitioned: rows, result: { rows: 1, cols } };
  switch (kind) {
    case 'sum':
    case 'sumSq':
    case 'mean':
      return {
        ...base,
        combine: 'allreduce',
        op: 'sum',
        length: cols,
        local: ([x]) => partial(kind === 'sumSq' ? 'sumSq' : 'sum', localMatrix(x)),
        finish: (r) => rowVector(kind === 'mean' ? r.map((s) => s / rows) : r),
      };
    case 'prod':
      return {
        ...base,
        combine: 'allreduce',
        op: 'prod',
        length: cols,
        local: ([x]) => partial('prod', localMatrix(x)),
        finish: rowVector,
      };
    case 'min':
    case 'max':
      return {
        ...base,
        combine: 'allreduce',
        op: kind,
        length: 3 * cols,
        local: ([x]) => packExtremes(kind, partial(kind, localMatrix(x))),
        finish: (r) => rowVector(unpackExtremes(kind, r)),
      };
    case 'var':
    case 'sd':
      return {
        ...base,
        combine: 'allgather',
        length: 1 + 2 * cols,
        local: ([x]) => localMoments(localMatrix(x)),
        finish: (all) => rowVector(mergedVariances(all, cols, kind === 'sd')),
      };
  }
}

export const colAggregateOps: DistOp = {
  opcodes: [...COL_OPCODES.keys()],
  plan(opcode, call) {
    const kind = COL_OPCODES.get(opcode);
    const args = positionalArgs(call);
    if (kind === undefined || args === undefined || args.length !== 1) return undefined;
    const dims = matrixDims(args[0]);
    return dims === undefined ? undefined : colPlan(kind, dims.rows, dims.cols);
  },
};
