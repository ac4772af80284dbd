/**
 * Every variant of solve, inv, det, cholesky, eigen, lu, qr and svd (LAPACK, TypeScript: the
 * tables in kernels/decompositions/variants.ts) runs the same cases directly, each case the
 * variant accepts: its result must satisfy the op's defining property (A x = b, A inv(A) = I,
 * L t(L) = A, ...) and agree with the TypeScript variant; where the TypeScript kernel fails
 * (singular, not positive definite) every variant fails with the same code. A variant whose
 * library is not available here is skipped, saying why (never in CI, where BLAS is installed).
 * Then the dispatch: each op's kernel gives exactly what its chosen variant gives.
 */
import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { standaloneResources } from '../../../src/engine/kernel-resources.js';
import {
  CHOLESKY_VARIANTS,
  choleskyKernel,
  DET_VARIANTS,
  detKernel,
  EIGEN_VARIANTS,
  eigenKernel,
  INV_VARIANTS,
  invKernel,
  LU_VARIANTS,
  luKernel,
  QR_VARIANTS,
  qrKernel,
  SOLVE_VARIANTS,
  solveKernel,
  SVD_VARIANTS,
  svdKernel,
  type SolveInputs,
} from '../../../src/engine/kernels/decompositions/variants.js';
import { matmul } from '../../../src/engine/kernels/matmul.js';
import { transpose } from '../../../src/engine/kernels/transpose.js';
import { pickVariant, type KernelVariant } from '../../../src/engine/kernels/variants.js';
import { identityArrays, maxRelDiff, rng } from './helpers.js';

const rt = standaloneResources({ threads: 1 });

/** n x m with cells uniform in [-1, 1), plus `diag` on the diagonal (well conditioned when large). */
function make(n: number, m: number, seed: number, diag = 0): MatrixBlock {
  const r = rng(seed);
  const d = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) d[i * m + j] = 2 * r() - 1 + (i === j ? diag : 0);
  return MatrixBlock.dense(n, m, d);
}

/** A symmetric positive definite n x n: t(X) %*% X + n I. */
function spd(n: number, seed: number): MatrixBlock {
  const x = make(n + 3, n, seed);
  const g = matmul(transpose(x), x).denseData().slice();
  for (let i = 0; i < n; i++) g[i * n + i]! += n;
  return MatrixBlock.dense(n, n, g);
}

function withCell(a: MatrixBlock, i: number, j: number, v: number): MatrixBlock {
  const d = a.denseData().slice();
  d[i * a.cols + j] = v;
  return MatrixBlock.dense(a.rows, a.cols, d);
}

/** Row `last` = 2 * row 0: singular. */
function singular(n: number, seed: number): MatrixBlock {
  const d = make(n, n, seed).denseData().slice();
  for (let j = 0; j < n; j++) d[(n - 1) * n + j] = 2 * d[j]!;
  return MatrixBlock.dense(n, n, d);
}

interface Named<I> {
  readonly name: string;
  readonly inputs: I;
}

/** Square inputs every square op gets: tiny, at and past LAPACK's threshold, sparse, NaN, singular. */
function squareCases(base: (n: number, seed: number) => MatrixBlock): Named<MatrixBlock>[] {
  const out: Named<MatrixBlock>[] = [];
  let seed = 1;
  for (const n of [1, 2, 15, 16, 40]) out.push({ name: `${n}x${n}`, inputs: base(n, seed++) });
  const s = base(30, seed++);
  out.push({ name: '30x30 CSR', inputs: s.toSparse() });
  out.push({ name: '30x30 with NaN', inputs: withCell(base(30, seed++), 3, 4, NaN) });
  out.push({ name: '30x30 with Inf', inputs: withCell(base(30, seed++), 0, 0, Infinity) });
  out.push({ name: '20x20 singular', inputs: singular(20, seed++) });
  out.push({ name: '20x20 zeros', inputs: MatrixBlock.dense(20, 20) });
  return out;
}

/** Any shape (qr, svd): square, tall, wide, vectors, sparse, NaN. */
function anyCases(): Named<MatrixBlock>[] {
  const out: Named<MatrixBlock>[] = [];
  let seed = 100;
  for (const [m, n] of [
    [1, 1],
    [3, 3],
    [20, 1],
    [1, 20],
    [40, 12],
    [12, 40],
    [30, 30],
  ] as const)
    out.push({ name: `${m}x${n}`, inputs: make(m, n, seed++) });
  out.push({ name: '40x20 CSR', inputs: make(40, 20, seed++).toSparse() });
  out.push({ name: '30x20 with NaN', inputs: withCell(make(30, 20, seed++), 1, 2, NaN) });
  return out;
}

const close = (x: MatrixBlock, y: MatrixBlock | number[][], tol: number): string | undefined => {
  const d = maxRelDiff(x.toArrays(), Array.isArray(y) ? y : y.toArrays());
  return d <= tol ? undefined : `off by ${d}`;
};
const mm = (a: MatrixBlock, b: MatrixBlock): MatrixBlock => matmul(a, b);

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { diagnostics?: { code?: string }[] }).diagnostics?.[0]?.code ?? 'thrown';
  }
  return undefined;
}

function hasNonFinite(a: MatrixBlock): boolean {
  return a.denseData().some((v) => !Number.isFinite(v));
}

interface OpSpec<I, R> {
  readonly op: string;
  readonly variants: readonly KernelVariant<I, R>[];
  readonly cases: readonly Named<I>[];
  /** Undefined when `out` is right for `inputs` (finite inputs only), else what is wrong. */
  check(inputs: I, out: R): string | undefined;
  /** Undefined when two variants' results agree, else how they differ. */
  agree(x: R, y: R): string | undefined;
  readonly kernel: (inputs: I) => R;
  readonly finite: (inputs: I) => boolean;
}

function suite<I, R>(spec: OpSpec<I, R>): void {
  const ts = spec.variants[spec.variants.length - 1]!;
  describe.each(spec.variants.map((v) => [v.name, v] as const))(`${spec.op} variant %s`, (_n, v) => {
    const missing = v.unavailable();
    const why = process.env['CI'] ? undefined : missing;
    if (why !== undefined) console.warn(`${spec.op} variant ${v.name} skipped: ${why}`);
    const mine = spec.cases.filter((c) => v.accepts(c.inputs));

    it.skipIf(why !== undefined)(
      `${mine.length} cases: the op's property, the TypeScript result, its errors`,
      () => {
        expect(mine.length).toBeGreaterThan(0);
        const bad: string[] = [];
        for (const c of mine) {
          const want = errorCode(() => ts.run(c.inputs, rt));
          const got = errorCode(() => v.run(c.inputs, rt));
          if (got !== want) {
            bad.push(`${c.name}: error ${got}, TypeScript ${want}`);
            continue;
          }
          if (got !== undefined) continue;
          const out = v.run(c.inputs, rt);
          const wrong =
            (spec.finite(c.inputs) ? spec.check(c.inputs, out) : undefined) ??
            spec.agree(out, ts.run(c.inputs, rt));
          if (wrong !== undefined) bad.push(`${c.name}: ${wrong}`);
        }
        expect(bad).toEqual([]);
      },
    );

    it.skipIf(why !== undefined)('is chosen for some case, and accepts every case it is chosen for', () => {
      const chosen = spec.cases.filter((c) => v.supports(c.inputs, rt));
      expect(chosen.length).toBeGreaterThan(0);
      for (const c of chosen) expect(v.accepts(c.inputs), c.name).toBe(true);
    });
  });

  it(`${spec.op}: the kernel gives exactly what its chosen variant gives (or its error)`, () => {
    for (const c of spec.cases) {
      const v = pickVariant(spec.variants, c.inputs, rt);
      let want: R | string | undefined;
      let got: R | string | undefined;
      want = errorCode(() => (want = v.run(c.inputs, rt))) ?? want;
      got = errorCode(() => (got = spec.kernel(c.inputs))) ?? got;
      expect(got, c.name).toEqual(want);
    }
  });
}

const sq = (f: (a: MatrixBlock) => boolean) => (a: MatrixBlock) => f(a);
const finiteA = sq((a) => !hasNonFinite(a));
const sameMatrix = (tol: number) => (x: MatrixBlock, y: MatrixBlock) => close(x, y, tol);
const sameMatrices =
  (tol: number) =>
  (x: readonly MatrixBlock[], y: readonly MatrixBlock[]): string | undefined => {
    for (let i = 0; i < x.length; i++) {
      const d = close(x[i]!, y[i]!, tol);
      if (d !== undefined) return `output ${i + 1} ${d}`;
    }
    return undefined;
  };
const conditioned = (n: number, seed: number): MatrixBlock => make(n, n, seed, n);

describe('linear-algebra variants', () => {
  const solveCases: Named<SolveInputs>[] = squareCases(conditioned).map((c, k) => ({
    name: c.name,
    inputs: { a: c.inputs, b: make(c.inputs.rows, k % 2 === 0 ? 1 : 3, 50 + k) },
  }));
  solveCases.push({
    name: '16x16, b with NaN',
    inputs: { a: conditioned(16, 70), b: withCell(make(16, 2, 71), 0, 0, NaN) },
  });
  suite<SolveInputs, MatrixBlock>({
    op: 'solve',
    variants: SOLVE_VARIANTS,
    cases: solveCases,
    check: ({ a, b }, x) => close(mm(a, x), b, 1e-9),
    agree: sameMatrix(1e-8),
    kernel: ({ a, b }) => solveKernel(a, b),
    finite: ({ a, b }) => !hasNonFinite(a) && !hasNonFinite(b),
  });

  suite<MatrixBlock, MatrixBlock>({
    op: 'inv',
    variants: INV_VARIANTS,
    cases: squareCases(conditioned),
    check: (a, x) => close(mm(a, x), identityArrays(a.rows), 1e-9),
    agree: sameMatrix(1e-8),
    kernel: invKernel,
    finite: finiteA,
  });

  suite<MatrixBlock, number>({
    op: 'det',
    variants: DET_VARIANTS,
    cases: squareCases(conditioned),
    check: () => undefined,
    agree: (x, y) =>
      Object.is(x, y) || Math.abs(x - y) <= 1e-9 * Math.abs(y) || (Number.isNaN(x) && Number.isNaN(y))
        ? undefined
        : `${x}, TypeScript ${y}`,
    kernel: detKernel,
    finite: finiteA,
  });

  const choleskyCases = squareCases(spd);
  choleskyCases.push({ name: '20x20 not symmetric', inputs: withCell(spd(20, 80), 0, 1, 5) });
  choleskyCases.push({ name: '20x20 indefinite', inputs: withCell(spd(20, 81), 5, 5, -1) });
  suite<MatrixBlock, MatrixBlock>({
    op: 'cholesky',
    variants: CHOLESKY_VARIANTS,
    cases: choleskyCases,
    check: (a, l) => close(mm(l, transpose(l)), a, 1e-9),
    agree: sameMatrix(1e-8),
    kernel: choleskyKernel,
    finite: finiteA,
  });

  suite<MatrixBlock, [MatrixBlock, MatrixBlock]>({
    op: 'eigen',
    variants: EIGEN_VARIANTS,
    cases: [...squareCases(spd), { name: '20x20 not symmetric', inputs: make(20, 20, 90) }],
    // A V = V diag(values); the vectors' signs are the implementation's choice.
    check: (a, [values, vectors]) => {
      const n = a.rows;
      const scaled = vectors.denseData().map((x, k) => x * values.denseData()[k % n]!);
      return close(mm(a, vectors), MatrixBlock.dense(n, n, scaled), 1e-8);
    },
    agree: ([x], [y]) => close(x, y, 1e-8),
    kernel: eigenKernel,
    finite: finiteA,
  });

  suite<MatrixBlock, [MatrixBlock, MatrixBlock, MatrixBlock]>({
    op: 'lu',
    variants: LU_VARIANTS,
    cases: squareCases(conditioned),
    check: (a, [p, l, u]) => close(mm(p, a), mm(l, u), 1e-9),
    agree: sameMatrices(1e-8),
    kernel: luKernel,
    finite: finiteA,
  });

  suite<MatrixBlock, [MatrixBlock, MatrixBlock]>({
    op: 'qr',
    variants: QR_VARIANTS,
    cases: anyCases(),
    check: () => undefined,
    agree: sameMatrices(1e-8),
    kernel: qrKernel,
    finite: finiteA,
  });

  suite<MatrixBlock, [MatrixBlock, MatrixBlock, MatrixBlock]>({
    op: 'svd',
    variants: SVD_VARIANTS,
    cases: anyCases(),
    check: (a, [u, s, v]) => close(mm(mm(u, s), transpose(v)), a, 1e-9),
    agree: ([, x], [, y]) => close(x, y, 1e-8),
    kernel: svdKernel,
    finite: finiteA,
  });
});
