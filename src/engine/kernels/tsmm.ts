/**
 * Transpose-self matrix multiply: t(X) %*% X (left) or X %*% t(X) (right). Computes the upper
 * triangle only and mirrors it, so the result is exactly symmetric (what solve/cholesky expect).
 * Zero semantics as matmul: terms with a zero factor contribute nothing.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { parallelTsmmLeft } from './parallel/tsmm.js';
import { kernelResources, type KernelResources } from '../kernel-resources.js';
import { compiledDescription, compiledKernels, countCompiledCall } from './compiled/library.js';
import { compiledTsmmLeftRows, type TsmmLeftRows } from './compiled/tsmm.js';
import { dot } from './matmul.js';
import { blasUnavailable, countNativeCall, nativeBlas } from './native/state.js';
import { syrk } from './native/routines.js';
import { GEMM_MIN_FLOPS } from './native/thresholds.js';
import { runFirstVariant, type KernelVariant } from './variants.js';

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
/** Widest X the compiled kernel computes at all (native/tsmm.c returns -1 beyond). */
const COMPILED_TSMM_LIMIT_COLS = 64;

/** The inputs of tsmm: t(X) %*% X when left, else X %*% t(X). */
export interface TsmmInputs {
  readonly x: MatrixBlock;
  readonly left: boolean;
}

export type TsmmVariant = KernelVariant<TsmmInputs, MatrixBlock>;

/** The TypeScript kernel alone (zero semantics: terms with a zero factor are skipped). */
export function tsmmTs(x: MatrixBlock, left: boolean): MatrixBlock {
  const out = left ? tsmmLeft(x) : tsmmRight(x);
  return symmetric(left ? x.cols : x.rows, out);
}

function symmetric(n: number, out: Float64Array): MatrixBlock {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j]!;
  return MatrixBlock.dense(n, n, out).examSparsity();
}

/** A dense skinny t(X) %*% X the compiled kernel is preferred for (before loading anything). */
function skinnyLeft({ x, left }: TsmmInputs): boolean {
  return left && !x.isSparse && x.cols <= SKINNY_TSMM_MAX_COLS && x.rows * x.cols >= SKINNY_TSMM_MIN_CELLS;
}

/** What the compiled kernel computes at all: dense t(X) %*% X of 1..64 columns. */
function compiledAccepts({ x, left }: TsmmInputs): boolean {
  return left && !x.isSparse && x.cols >= 1 && x.cols <= COMPILED_TSMM_LIMIT_COLS;
}

function compiledUnavailable(): string | undefined {
  if (compiledKernels() === undefined) return compiledDescription();
  return compiledTsmmLeftRows() === undefined ? 'the compiled library predates native/tsmm.c' : undefined;
}

/**
 * The upper triangle c of t(X) %*% X from the compiled kernel into the result. The kernel
 * multiplies 0 * Inf into NaN where DML skips the term; any non-finite input leaves a non-finite
 * diagonal cell, so a finite result is exactly what the zero semantics give, and a non-finite one
 * is recomputed by the TypeScript kernel.
 */
function finishCompiled(x: MatrixBlock, c: Float64Array): MatrixBlock {
  const n = x.cols;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) if (!Number.isFinite(c[i * n + j]!)) return tsmmTs(x, true);
  return symmetric(n, c);
}

function compiledOneThread(f: TsmmLeftRows, d: Float64Array, m: number, n: number): Float64Array {
  const c = new Float64Array(n * n);
  f(d, m, n, 0, m, c);
  return c;
}

/** Whether the split over threads pays: more than one thread, enough cells, X in shared memory. */
function splitPays(x: MatrixBlock, rt: KernelResources): boolean {
  return (
    rt.threads > 1 && x.rows * x.cols >= rt.minCells && x.denseData().buffer instanceof SharedArrayBuffer
  );
}

/** Skinny dense t(X) %*% X with the compiled kernel, rows split over the pool's threads. */
export const tsmmCompiledThreads: TsmmVariant = {
  name: 'compiled-threads',
  unavailable: compiledUnavailable,
  accepts: compiledAccepts,
  supports: (inp, rt) => skinnyLeft(inp) && compiledTsmmLeftRows() !== undefined && splitPays(inp.x, rt),
  run({ x }, rt) {
    const f = compiledTsmmLeftRows()!;
    countCompiledCall();
    const d = x.denseData();
    // The pool may turn the operation away (workers unavailable): then one thread runs it.
    const c = parallelTsmmLeft(rt, d, x.rows, x.cols) ?? compiledOneThread(f, d, x.rows, x.cols);
    return finishCompiled(x, c);
  },
};

/** Skinny dense t(X) %*% X with the compiled one-pass kernel on the calling thread. */
export const tsmmCompiled: TsmmVariant = {
  name: 'compiled',
  unavailable: compiledUnavailable,
  accepts: compiledAccepts,
  supports: (inp) => skinnyLeft(inp) && compiledTsmmLeftRows() !== undefined,
  run({ x }) {
    const f = compiledTsmmLeftRows()!;
    countCompiledCall();
    return finishCompiled(x, compiledOneThread(f, x.denseData(), x.rows, x.cols));
  },
};

/** Dense tsmm with native BLAS dsyrk (one triangle, mirrored). */
export const tsmmBlas: TsmmVariant = {
  name: 'blas',
  unavailable: blasUnavailable,
  // dsyrk wants a leading dimension of at least 1.
  accepts: ({ x }) => !x.isSparse && x.rows >= 1 && x.cols >= 1,
  supports({ x, left }) {
    const d = left ? x.cols : x.rows;
    if (x.isSparse || x.nnz === 0 || 2 * d * d * (left ? x.rows : x.cols) < GEMM_MIN_FLOPS) return false;
    return nativeBlas() !== undefined;
  },
  run({ x, left }) {
    const blas = nativeBlas()!;
    countNativeCall();
    const d = left ? x.cols : x.rows;
    const c = syrk(blas.fns, x.denseData(), x.rows, x.cols, left);
    // BLAS multiplies 0 * Inf into NaN where DML skips the term: recompute a non-finite result.
    for (let k = 0; k < c.length; k++) if (!Number.isFinite(c[k]!)) return tsmmTs(x, left);
    return MatrixBlock.dense(d, d, c).examSparsity();
  },
};

/** The TypeScript kernel: every input, the reference the others are tested against. */
export const tsmmTypeScript: TsmmVariant = {
  name: 'typescript',
  unavailable: () => undefined,
  accepts: () => true,
  supports: () => true,
  run: ({ x, left }) => tsmmTs(x, left),
};

/**
 * Every tsmm variant in preference order: the kernel runs the first that supports the call.
 * Skinny t(X) %*% X is memory-bound, so the compiled one-pass kernel comes before dsyrk; small or
 * sparse inputs fall through to TypeScript (as does everything else without BLAS).
 */
export const TSMM_VARIANTS: readonly TsmmVariant[] = [
  tsmmCompiledThreads,
  tsmmCompiled,
  tsmmBlas,
  tsmmTypeScript,
];

/** t(X) %*% X when left, else X %*% t(X): the first variant that supports the call. */
export function tsmmKernel(x: MatrixBlock, left: boolean): MatrixBlock {
  return runFirstVariant(TSMM_VARIANTS, { x, left }, kernelResources());
}

/**
 * t(X) %*% X of a dense skinny X (at most SKINNY_TSMM_MAX_COLS columns, at least
 * SKINNY_TSMM_MIN_CELLS cells) with the compiled kernel, split over threads when X is large and in
 * shared memory; undefined when X does not qualify or the compiled kernels are not available
 * (TESSERA_KERNELS=js). Tiny inputs are turned away by their size before anything is loaded.
 */
export function compiledTsmmLeft(x: MatrixBlock): MatrixBlock | undefined {
  const inp = { x, left: true };
  const rt = kernelResources();
  const v = [tsmmCompiledThreads, tsmmCompiled].find((c) => c.supports(inp, rt));
  return v?.run(inp, rt);
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
