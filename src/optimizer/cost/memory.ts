/**
 * Memory estimates per HOP, as in SystemDS's OptimizerUtils.estimateSizeExactSparsity:
 * a matrix is dense (8 bytes a cell) unless the engine would hold it sparse (prefersSparse, the
 * engine's own rule: sparsity below 0.4 and more than one column), then CSR
 * (12 bytes a non-zero + 4 bytes a row pointer). Unknown nnz is priced as dense (worst case);
 * unknown dims give an unknown (infinite) estimate, which marks the op for recompilation.
 * An operation's estimate is its inputs + intermediates + output, all held at once.
 */
import { prefersSparse } from '../../common/sparsity.js';
import type { Dims } from '../../common/types.js';
import type { Hop } from '../hop.js';

/** Bytes of a matrix with these dims; Infinity when rows or cols are unknown. */
export function matrixBytes(d: Dims): number {
  if (d.rows < 0 || d.cols < 0) return Infinity;
  const cells = d.rows * d.cols;
  const dense = 8 * cells;
  return d.nnz >= 0 && prefersSparse(d.rows, d.cols, d.nnz) ? 12 * d.nnz + 4 * (d.rows + 1) : dense;
}

/** Bytes of the value a HOP produces (scalars and absent operands count as nothing). */
export function outputBytes(h: Hop): number {
  if (h.kind === 'none' || h.dataType === 'scalar') return 0;
  // print, write, stop: no value.
  if (h.outputs !== undefined && h.outputs.length === 0) return 0;
  if (h.dataType === 'matrix' || h.dataType === 'frame') return matrixBytes(h.dims);
  // Lists and unknown types: we cannot tell without the real value.
  return h.dataType === 'list' ? 0 : Infinity;
}

/** Working memory beyond inputs and output: factorizations copy their input. */
function intermediateBytes(h: Hop): number {
  if (h.kind !== 'op') return 0;
  switch (h.op) {
    case 'solve':
    case 'inv':
    case 'cholesky':
    case 'qr':
    case 'lu':
    case 'eigen':
    case 'svd':
    case 'det': {
      const a = h.inputs[0];
      return a ? 8 * Math.max(0, a.dims.rows) * Math.max(0, a.dims.cols) : 0;
    }
    default:
      return 0;
  }
}

/** Estimate for running the HOP: inputs + intermediates + output (bytes; Infinity when unknown). */
export function operationBytes(h: Hop): number {
  // Reads and writes of variables move no data; literals cost nothing.
  if (h.kind === 'literal' || h.kind === 'none' || h.kind === 'tread' || h.kind === 'twrite')
    return outputBytes(h);
  const seen = new Set<Hop>();
  let total = outputBytes(h) + intermediateBytes(h);
  for (const i of h.inputs) {
    if (seen.has(i)) continue; // X %*% X holds X once
    seen.add(i);
    total += outputBytes(i);
  }
  return total;
}

/** Human units with one decimal, as in SystemDS's explain (e.g. "7.8KB", "1.2GB"; "?" when unknown). */
export function formatBytes(b: number | undefined): string {
  if (b === undefined || !Number.isFinite(b)) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = b;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v}B` : `${v.toFixed(1)}${units[u]}`;
}
