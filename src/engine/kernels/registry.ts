/**
 * The LOCAL op kernels by op name, as one object, for code that is handed the kernels as a value
 * (a DIST rank's local products). Each kernel runs the first variant of its op's table that
 * supports the call (variants.ts); the choice among variants is made there, not here.
 */
import type { MatrixBlock } from '../data/matrix-block.js';
import {
  choleskyKernel,
  detKernel,
  eigenKernel,
  invKernel,
  luKernel,
  qrKernel,
  solveKernel,
  svdKernel,
} from './decompositions/variants.js';
import { matmulKernel } from './matmul-variants.js';
import { tsmmKernel } from './tsmm.js';

/** Typed signatures of the op kernels. */
export interface KernelSignatures {
  /** A %*% B. */
  matmul: (a: MatrixBlock, b: MatrixBlock) => MatrixBlock;
  /** t(X) %*% X when left, else X %*% t(X). */
  tsmm: (x: MatrixBlock, left: boolean) => MatrixBlock;
  /** Solution of A x = b (least squares via QR when A is not square, as SystemDS). */
  solve: (a: MatrixBlock, b: MatrixBlock) => MatrixBlock;
  inv: (a: MatrixBlock) => MatrixBlock;
  det: (a: MatrixBlock) => number;
  /** Lower-triangular L with A = L %*% t(L). */
  cholesky: (a: MatrixBlock) => MatrixBlock;
  /** Symmetric eigen decomposition: values ascending (column vector), vectors as columns. */
  eigen: (a: MatrixBlock) => [MatrixBlock, MatrixBlock];
  /** [P, L, U] with P %*% A = L %*% U. */
  lu: (a: MatrixBlock) => [MatrixBlock, MatrixBlock, MatrixBlock];
  /** [H, R]: Householder vectors and R, as SystemDS returns them. */
  qr: (a: MatrixBlock) => [MatrixBlock, MatrixBlock];
  /** [U, S, V] with A = U %*% S %*% t(V). */
  svd: (a: MatrixBlock) => [MatrixBlock, MatrixBlock, MatrixBlock];
}

export type KernelName = keyof KernelSignatures;

export interface KernelRegistry {
  get<K extends KernelName>(op: K): KernelSignatures[K];
}

const LOCAL: KernelSignatures = {
  matmul: matmulKernel,
  tsmm: tsmmKernel,
  solve: solveKernel,
  inv: invKernel,
  det: detKernel,
  cholesky: choleskyKernel,
  eigen: eigenKernel,
  lu: luKernel,
  qr: qrKernel,
  svd: svdKernel,
};

/** The LOCAL kernels (immutable). */
export const LOCAL_KERNELS: KernelRegistry = Object.freeze({
  get: <K extends KernelName>(op: K): KernelSignatures[K] => LOCAL[op],
});
