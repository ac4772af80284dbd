/**
 * Kernel registry: (backend, op) -> kernel. The one place a faster implementation plugs in:
 * the TypeScript kernels register under 'local' as the baseline; native BLAS/LAPACK, WASM, GPU
 * or MPI backends register the same op names and take precedence by backend order.
 * Registration is explicit (no import side effects): see registerLocalKernels().
 */
import type { MatrixBlock } from '../data/matrix-block.js';

export type Backend = 'native' | 'wasm' | 'local' | 'gpu' | 'dist';

/** Typed signatures of the kernels that backends may replace. */
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

/** Preference order when several backends provide the same kernel. */
const ORDER: readonly Backend[] = ['native', 'wasm', 'local'];

export class KernelRegistry {
  private readonly table = new Map<KernelName, Map<Backend, KernelSignatures[KernelName]>>();

  register<K extends KernelName>(backend: Backend, op: K, kernel: KernelSignatures[K]): void {
    let m = this.table.get(op);
    if (!m) this.table.set(op, (m = new Map()));
    m.set(backend, kernel);
  }

  /** The kernel of the given backend, or of the most preferred CPU backend that has one. */
  get<K extends KernelName>(op: K, backend?: Backend): KernelSignatures[K] {
    const m = this.table.get(op);
    if (m) {
      if (backend) {
        const k = m.get(backend);
        if (k) return k as KernelSignatures[K];
      } else {
        for (const b of ORDER) {
          const k = m.get(b);
          if (k) return k as KernelSignatures[K];
        }
      }
    }
    throw new Error(`no kernel '${op}'${backend ? ` for backend ${backend}` : ''} is registered`);
  }

  /** Which backend serves an op (for -stats and --version). */
  backendOf(op: KernelName): Backend | undefined {
    const m = this.table.get(op);
    return m ? ORDER.find((b) => m.has(b)) : undefined;
  }

  has(op: KernelName, backend: Backend): boolean {
    return this.table.get(op)?.has(backend) ?? false;
  }
}
