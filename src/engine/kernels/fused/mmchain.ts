/**
 * Matrix-multiplication chains in one pass over X (SystemDS's MapMultChain):
 *   t(X) %*% (X %*% v)          (XtXv)
 *   t(X) %*% (w * (X %*% v))    (XtwXv)
 * For each row x_i of X: s = x_i . v (times w_i), then out += s * x_i. Only a scalar per row
 * is live: neither t(X) nor X %*% v is materialised. As in the engine's matmul, terms with a
 * zero factor contribute nothing (0 * Inf adds no NaN). A large dense X goes to the compiled
 * one-pass kernel (src/engine/kernels/skinny-mm.ts), split over the pool when X is shared: the
 * two variants are one table, MMCHAIN_VARIANTS.
 */
import { MatrixBlock } from '../../data/matrix-block.js';
import { kernelResources } from '../../kernel-resources.js';
import { compiledDescription, compiledKernels } from '../compiled/library.js';
import { compiledSkinnyMmchainRows } from '../compiled/skinny-mm.js';
import { skinnyMmchain, skinnyMmchainAccepts, skinnyMmchainRouted } from '../skinny-mm.js';
import { runFirstVariant, typeScriptVariant, type KernelVariant } from '../variants.js';

/** mmchain(X, v, w): v is ncol(X) x 1, w (if any) nrow(X) x 1. */
export interface MmchainInputs {
  readonly x: MatrixBlock;
  readonly v: MatrixBlock;
  readonly w: MatrixBlock | undefined;
}

export type MmchainVariant = KernelVariant<MmchainInputs, MatrixBlock>;

/** A large dense X with the compiled one-pass kernel (the TypeScript loop redoes a non-finite result). */
export const mmchainCompiled: MmchainVariant = {
  name: 'compiled',
  unavailable: () =>
    compiledKernels() === undefined
      ? compiledDescription()
      : compiledSkinnyMmchainRows() === undefined
        ? 'the compiled library predates native/skinny-mm.c'
        : undefined,
  accepts: ({ x }) => skinnyMmchainAccepts(x),
  supports: ({ x }) => skinnyMmchainRouted(x),
  run({ x, v, w }, rt) {
    const out = skinnyMmchain(x, v, w, rt);
    return out !== undefined ? MatrixBlock.dense(x.cols, 1, out).examSparsity() : mmchainTs(x, v, w);
  },
};

export const mmchainTypeScript: MmchainVariant = typeScriptVariant(({ x, v, w }) => mmchainTs(x, v, w));

/** Every mmchain variant in preference order. */
export const MMCHAIN_VARIANTS: readonly MmchainVariant[] = [mmchainCompiled, mmchainTypeScript];

/** t(X) %*% (w * (X %*% v)), w optional: the first variant that supports the call. */
export function mmchain(x: MatrixBlock, v: MatrixBlock, w?: MatrixBlock): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  if (v.rows !== n || v.cols !== 1)
    throw new RangeError(`mmchain: v must be ${n}x1, got ${v.rows}x${v.cols}`);
  if (w !== undefined && (w.rows !== m || w.cols !== 1))
    throw new RangeError(`mmchain: w must be ${m}x1, got ${w.rows}x${w.cols}`);
  return runFirstVariant(MMCHAIN_VARIANTS, { x, v, w }, kernelResources());
}

/** The TypeScript loop (zero semantics: terms with a zero factor are skipped). */
function mmchainTs(x: MatrixBlock, v: MatrixBlock, w: MatrixBlock | undefined): MatrixBlock {
  const m = x.rows;
  const n = x.cols;
  const vd = v.denseData();
  const wd = w?.denseData();
  const out = new Float64Array(n);
  if (x.isSparse) {
    const s = x.sparseData();
    for (let i = 0; i < m; i++) {
      const end = s.rowPtr[i + 1]!;
      let dot = 0;
      for (let p = s.rowPtr[i]!; p < end; p++) {
        const a = s.values[p]!;
        const b = vd[s.colIdx[p]!]!;
        if (a !== 0 && b !== 0) dot += a * b;
      }
      if (wd !== undefined) dot *= wd[i]!; // cell-wise, as w * (X %*% v)
      if (dot === 0) continue;
      for (let p = s.rowPtr[i]!; p < end; p++) {
        const a = s.values[p]!;
        if (a !== 0) out[s.colIdx[p]!]! += a * dot;
      }
    }
  } else {
    const d = x.denseData();
    for (let i = 0; i < m; i++) {
      const off = i * n;
      let dot = 0;
      for (let j = 0; j < n; j++) {
        const a = d[off + j]!;
        const b = vd[j]!;
        if (a !== 0 && b !== 0) dot += a * b;
      }
      if (wd !== undefined) dot *= wd[i]!; // cell-wise, as w * (X %*% v)
      if (dot === 0) continue;
      for (let j = 0; j < n; j++) {
        const a = d[off + j]!;
        if (a !== 0) out[j]! += a * dot;
      }
    }
  }
  return MatrixBlock.dense(n, 1, out).examSparsity();
}
