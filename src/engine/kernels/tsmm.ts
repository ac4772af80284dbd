/**
 * Transpose-self matrix multiply: t(X) %*% X (left) or X %*% t(X) (right). Computes the upper
 * triangle only and mirrors it, so the result is exactly symmetric (what solve/cholesky expect).
 * Zero semantics as matmul: terms with a zero factor contribute nothing.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { parallelTsmmLeft } from './parallel/tsmm.js';
import { kernelResources } from '../kernel-resources.js';
import { countCompiledCall } from './compiled/library.js';
import { compiledTsmmLeftRows } from './compiled/tsmm.js';
import { dot } from './matmul.js';

/**
 * Widest X routed to the compiled skinny kernel (which itself takes up to 64 columns). At 1e6 rows
 * it beat OpenBLAS dsyrk (tuned for the compute-bound wide case) by 1.4x or more up to 50 columns,
 * but only by ~1.2x at 64 and not at all at 1e5 x 50 (docs/engine.md); wider X stays on dsyrk.
 */
export const SKINNY_TSMM_MAX_COLS = 48;
/**
 * Smaller X stays on the TypeScript loop: a few microseconds either way, dwarfed by the interpreter,
 * and it keeps tiny operations free of FFI calls and of loading the library at all.
 */
export const SKINNY_TSMM_MIN_CELLS = 4096;

export function tsmm(x: MatrixBlock, left: boolean): MatrixBlock {
  return (left ? compiledTsmmLeft(x) : undefined) ?? tsmmTs(x, left);
}

/** The TypeScript kernel alone (zero semantics: terms with a zero factor are skipped). */
export function tsmmTs(x: MatrixBlock, left: boolean): MatrixBlock {
  const out = left ? tsmmLeft(x) : tsmmRight(x);
  return symmetric(left ? x.cols : x.rows, out);
}

function symmetric(n: number, out: Float64Array): MatrixBlock {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j]!;
  return MatrixBlock.dense(n, n, out).examSparsity();
}

/**
 * t(X) %*% X of a dense skinny X (at most SKINNY_TSMM_MAX_COLS columns, at least
 * SKINNY_TSMM_MIN_CELLS cells) with the compiled kernel, split over threads when X is large and in
 * shared memory; undefined when X does not qualify or the compiled kernels are not available
 * (TESSERA_KERNELS=js), so that the caller takes its usual path. Tiny inputs are turned away by
 * their size before anything is loaded.
 */
export function compiledTsmmLeft(x: MatrixBlock): MatrixBlock | undefined {
  const m = x.rows;
  const n = x.cols;
  if (n > SKINNY_TSMM_MAX_COLS || m * n < SKINNY_TSMM_MIN_CELLS || x.isSparse) return undefined;
  const f = compiledTsmmLeftRows();
  if (!f) return undefined;
  countCompiledCall();
  const d = x.denseData();
  let c = parallelTsmmLeft(kernelResources(), d, m, n);
  if (c === undefined) {
    c = new Float64Array(n * n);
    f(d, m, n, 0, m, c);
  }
  // The kernel multiplies 0 * Inf into NaN where DML skips the term; any non-finite input leaves
  // a non-finite diagonal cell, so a finite result is exactly what the zero semantics give.
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) if (!Number.isFinite(c[i * n + j]!)) return tsmmTs(x, true);
  return symmetric(n, c);
}

/** t(X) %*% X as a sum of outer products of the rows of X (one pass over X, row-major friendly). */
function tsmmLeft(x: MatrixBlock): Float64Array {
  const m = x.rows;
  const n = x.cols;
  const c = new Float64Array(n * n);
  if (x.isSparse) {
    const s = x.sparseData();
    for (let r = 0; r < m; r++) {
      const end = s.rowPtr[r + 1]!;
      for (let p = s.rowPtr[r]!; p < end; p++) {
        const xi = s.values[p]!;
        if (xi === 0) continue;
        const ci = s.colIdx[p]! * n;
        for (let q = p; q < end; q++) {
          const xj = s.values[q]!;
          if (xj !== 0) c[ci + s.colIdx[q]!]! += xi * xj;
        }
      }
    }
    return c;
  }
  const d = x.denseData();
  for (let r = 0; r < m; r++) {
    const ro = r * n;
    for (let i = 0; i < n; i++) {
      const xi = d[ro + i]!;
      if (xi === 0) continue;
      const ci = i * n;
      if (Number.isFinite(xi)) {
        for (let j = i; j < n; j++) c[ci + j]! += xi * d[ro + j]!;
      } else {
        for (let j = i; j < n; j++) {
          const xj = d[ro + j]!;
          if (xj !== 0) c[ci + j]! += xi * xj;
        }
      }
    }
  }
  return c;
}

/** X %*% t(X): pairwise dot products of rows. */
function tsmmRight(x: MatrixBlock): Float64Array {
  const m = x.rows;
  const n = x.cols;
  const c = new Float64Array(m * m);
  if (x.isSparse) {
    const s = x.sparseData();
    for (let i = 0; i < m; i++) {
      for (let j = i; j < m; j++) {
        // merge the two sorted column lists
        let p = s.rowPtr[i]!;
        const pe = s.rowPtr[i + 1]!;
        let q = s.rowPtr[j]!;
        const qe = s.rowPtr[j + 1]!;
        let sum = 0;
        while (p < pe && q < qe) {
          const cp = s.colIdx[p]!;
          const cq = s.colIdx[q]!;
          if (cp === cq) {
            const a = s.values[p++]!;
            const b = s.values[q++]!;
            if (a !== 0 && b !== 0) sum += a * b;
          } else if (cp < cq) p++;
          else q++;
        }
        c[i * m + j] = sum;
      }
    }
    return c;
  }
  const d = x.denseData();
  for (let i = 0; i < m; i++) for (let j = i; j < m; j++) c[i * m + j] = dot(d, i * n, d, j * n, n);
  return c;
}
