/**
 * Bindings of native/sums.c: row, column and full blocked-Kahan sums, bit-identical to the
 * TypeScript kernels in range-kernels.ts and aggregators.ts (same operations, same order; the C
 * only vectorises what is order-free). Undefined when the compiled kernels are not available.
 */
import { compiledKernels, type CompiledFunction, type CompiledKernels } from './library.js';

export interface CompiledSums {
  /** out[i] = sum(row i) / div for rows r0..r1; non-finite rows get NaN; returns their count. */
  rowSums(x: Float64Array, n: number, r0: number, r1: number, div: number, out: Float64Array): number;
  /** [sum, correction] of x[s..e) into res[0..2). */
  sumRange(x: Float64Array, s: number, e: number, square: boolean, res: Float64Array): void;
  /** Per-column Kahan states of row chunks k0..k1 (colChunkPartials' layout). */
  colChunkPartials(
    x: Float64Array,
    m: number,
    n: number,
    c0: number,
    w: number,
    k0: number,
    k1: number,
    chunkRows: number,
    square: boolean,
    part: Float64Array,
  ): void;
  /** out[c0+j] = merged column j / div; non-finite columns get NaN; returns their count. */
  colMerge(part: Float64Array, chunks: number, w: number, c0: number, div: number, out: Float64Array): number;
}

let boundFor: CompiledKernels | undefined;
let bound: CompiledSums | undefined;

export function compiledSums(): CompiledSums | undefined {
  const k = compiledKernels();
  if (k === undefined) return undefined;
  if (k !== boundFor) {
    boundFor = k;
    try {
      bound = bind(k);
    } catch {
      // A library built before native/sums.c existed (same ABI, fewer symbols): TypeScript runs.
      bound = undefined;
    }
  }
  return bound;
}

function bind(k: CompiledKernels): CompiledSums {
  const rows: CompiledFunction = k.fn(
    'int64_t tessera_row_sums(const double *x, int64_t n, int64_t r0, int64_t r1, double div, double *out)',
  );
  const range: CompiledFunction = k.fn(
    'void tessera_sum_range(const double *x, int64_t s, int64_t e, int square, double *res)',
  );
  const chunks: CompiledFunction = k.fn(
    'void tessera_col_chunk_partials(const double *x, int64_t m, int64_t n, int64_t c0, int64_t w, ' +
      'int64_t k0, int64_t k1, int64_t chunk_rows, int square, double *part)',
  );
  const merge: CompiledFunction = k.fn(
    'int64_t tessera_col_merge(const double *part, int64_t chunks, int64_t w, int64_t c0, double div, double *out)',
  );
  return {
    rowSums: (x, n, r0, r1, div, out) => Number(rows(x, n, r0, r1, div, out)),
    sumRange: (x, s, e, square, res) => void range(x, s, e, square ? 1 : 0, res),
    colChunkPartials: (x, m, n, c0, w, k0, k1, chunkRows, square, part) =>
      void chunks(x, m, n, c0, w, k0, k1, chunkRows, square ? 1 : 0, part),
    colMerge: (part, nChunks, w, c0, div, out) => Number(merge(part, nChunks, w, c0, div, out)),
  };
}
