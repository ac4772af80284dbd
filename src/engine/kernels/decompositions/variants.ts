/**
 * The linear-algebra ops' local variants, one table per op in preference order: LAPACK (through
 * the loaded BLAS/LAPACK library, for dense inputs large enough that koffi's marshalling and the
 * copy pay) and TypeScript. Each op's kernel (solveKernel, ...) runs the first variant that
 * supports the call; LAPACK never gets a non-finite cell (its results would differ from the
 * TypeScript kernels'), and fails singular or indefinite inputs with the TypeScript kernels' codes.
 */
import type { MatrixBlock } from '../../data/matrix-block.js';
import { kernelResources } from '../../kernel-resources.js';
import { allFinite } from '../finite.js';
import type { RawRoutines } from '../native/library.js';
import {
  lapackCholesky,
  lapackDet,
  lapackEigen,
  lapackInv,
  lapackLu,
  lapackQr,
  lapackSolve,
  lapackSvd,
} from '../native/lapack.js';
import { blasUnavailable, countNativeCall, nativeBlas } from '../native/state.js';
import { LAPACK_MIN_N, SVD_MIN_WORK } from '../native/thresholds.js';
import { runFirstVariant, typeScriptVariant, type KernelVariant } from '../variants.js';
import { cholesky } from './cholesky.js';
import { eigen, isSymmetric } from './eigen.js';
import { det, lu } from './lu.js';
import { inv, qr, solve } from './qr.js';
import { svd } from './svd.js';

/** solve(A, b): A x = b. */
export interface SolveInputs {
  readonly a: MatrixBlock;
  readonly b: MatrixBlock;
}

type Triple = [MatrixBlock, MatrixBlock, MatrixBlock];
type Pair = [MatrixBlock, MatrixBlock];

interface LapackBody<I, R> {
  /** Large enough that LAPACK beats the TypeScript kernel (sizes only: checked before loading). */
  large(inputs: I): boolean;
  /** What the body computes as the TypeScript kernel would: the shape it needs, finite cells. */
  accepts(inputs: I): boolean;
  run(f: RawRoutines, inputs: I): R;
}

function lapackVariant<I, R>(body: LapackBody<I, R>): KernelVariant<I, R> {
  return {
    name: 'lapack',
    unavailable: blasUnavailable,
    accepts: body.accepts,
    supports: (inputs) => body.large(inputs) && nativeBlas() !== undefined && body.accepts(inputs),
    run(inputs) {
      const blas = nativeBlas()!;
      countNativeCall();
      return body.run(blas.fns, inputs);
    },
  };
}

/** A square matrix of order LAPACK_MIN_N or more. */
const largeSquare = (a: MatrixBlock): boolean => a.rows === a.cols && a.rows >= LAPACK_MIN_N;
/** LAPACK wants a leading dimension of at least 1. */
const finiteSquare = (a: MatrixBlock): boolean =>
  a.rows === a.cols && a.rows >= 1 && allFinite(a.denseData());
/** m*n*min(m, n) of SVD_MIN_WORK or more (svd, qr). */
const largeWork = (a: MatrixBlock): boolean => {
  const p = Math.min(a.rows, a.cols);
  return p > 0 && a.rows * a.cols * p >= SVD_MIN_WORK;
};
const finiteNonEmpty = (a: MatrixBlock): boolean => a.rows >= 1 && a.cols >= 1 && allFinite(a.denseData());

export const SOLVE_VARIANTS: readonly KernelVariant<SolveInputs, MatrixBlock>[] = [
  lapackVariant<SolveInputs, MatrixBlock>({
    large: ({ a }) => largeSquare(a),
    accepts: ({ a, b }) => b.rows === a.rows && finiteSquare(a) && allFinite(b.denseData()),
    run: (f, { a, b }) => lapackSolve(f, a, b),
  }),
  typeScriptVariant(({ a, b }) => solve(a, b)),
];

export const INV_VARIANTS: readonly KernelVariant<MatrixBlock, MatrixBlock>[] = [
  lapackVariant({ large: largeSquare, accepts: finiteSquare, run: lapackInv }),
  typeScriptVariant(inv),
];

export const DET_VARIANTS: readonly KernelVariant<MatrixBlock, number>[] = [
  lapackVariant({ large: largeSquare, accepts: finiteSquare, run: lapackDet }),
  typeScriptVariant(det),
];

export const CHOLESKY_VARIANTS: readonly KernelVariant<MatrixBlock, MatrixBlock>[] = [
  lapackVariant({ large: largeSquare, accepts: finiteSquare, run: lapackCholesky }),
  typeScriptVariant(cholesky),
];

/** dsyevd is for symmetric matrices: the TypeScript kernel takes the others. */
export const EIGEN_VARIANTS: readonly KernelVariant<MatrixBlock, Pair>[] = [
  lapackVariant({
    large: largeSquare,
    accepts: (a) => finiteSquare(a) && isSymmetric(a.denseData(), a.rows),
    run: lapackEigen,
  }),
  typeScriptVariant(eigen),
];

export const LU_VARIANTS: readonly KernelVariant<MatrixBlock, Triple>[] = [
  lapackVariant({ large: largeSquare, accepts: finiteSquare, run: lapackLu }),
  typeScriptVariant(lu),
];

export const QR_VARIANTS: readonly KernelVariant<MatrixBlock, Pair>[] = [
  lapackVariant({ large: largeWork, accepts: finiteNonEmpty, run: lapackQr }),
  typeScriptVariant(qr),
];

export const SVD_VARIANTS: readonly KernelVariant<MatrixBlock, Triple>[] = [
  lapackVariant({ large: largeWork, accepts: finiteNonEmpty, run: lapackSvd }),
  typeScriptVariant(svd),
];

/** Solution of A x = b (least squares via QR when A is not square, as SystemDS). */
export function solveKernel(a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  return runFirstVariant(SOLVE_VARIANTS, { a, b }, kernelResources());
}

export function invKernel(a: MatrixBlock): MatrixBlock {
  return runFirstVariant(INV_VARIANTS, a, kernelResources());
}

export function detKernel(a: MatrixBlock): number {
  return runFirstVariant(DET_VARIANTS, a, kernelResources());
}

/** Lower-triangular L with A = L %*% t(L). */
export function choleskyKernel(a: MatrixBlock): MatrixBlock {
  return runFirstVariant(CHOLESKY_VARIANTS, a, kernelResources());
}

/** Symmetric eigen decomposition: values ascending (column vector), vectors as columns. */
export function eigenKernel(a: MatrixBlock): Pair {
  return runFirstVariant(EIGEN_VARIANTS, a, kernelResources());
}

/** [P, L, U] with P %*% A = L %*% U. */
export function luKernel(a: MatrixBlock): Triple {
  return runFirstVariant(LU_VARIANTS, a, kernelResources());
}

/** [H, R]: Householder vectors and R, as SystemDS returns them. */
export function qrKernel(a: MatrixBlock): Pair {
  return runFirstVariant(QR_VARIANTS, a, kernelResources());
}

/** [U, S, V] with A = U %*% S %*% t(V). */
export function svdKernel(a: MatrixBlock): Triple {
  return runFirstVariant(SVD_VARIANTS, a, kernelResources());
}
