/**
 * Every variant of A %*% B (MATMUL_VARIANTS: compiled skinny, BLAS dgemm, TypeScript), of
 * t(A) %*% B (TMM_VARIANTS) and of mmchain (MMCHAIN_VARIANTS) runs the same cases directly (each
 * case a variant accepts) against a naive reference with DML's zero semantics (0 * Inf adds
 * nothing). A variant whose library is not available here is skipped, saying why; in CI (BLAS
 * installed, compiled kernels built) none is skipped. Then the dispatch: each op's kernel gives
 * exactly what the first variant that supports the call gives.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import {
  standaloneResources,
  withKernelResources,
  type KernelResources,
} from '../../../src/engine/kernel-resources.js';
import { MMCHAIN_VARIANTS, mmchain, type MmchainInputs } from '../../../src/engine/kernels/fused/mmchain.js';
import {
  MATMUL_VARIANTS,
  matmulBlas,
  matmulCompiledSkinny,
  matmulKernel,
  matmulTypeScript,
  TMM_VARIANTS,
  tmmKernel,
  type MatmulInputs,
} from '../../../src/engine/kernels/matmul-variants.js';
import { sharedF64 } from '../../../src/engine/kernels/parallel/shared-memory.js';
import { pickVariant, type KernelVariant } from '../../../src/engine/kernels/variants.js';
import { resetNativeBlas } from '../../../src/engine/kernels/native/state.js';
import { shutdownPool } from '../../../src/engine/threads/pool.js';
import { naiveMatmul, transpose } from './helpers.js';
import { rng } from './compiled-helpers.js';

afterAll(async () => {
  await shutdownPool();
});

/** m x n in shared memory: `fill(r, c, u)` with u uniform in [0, 1). */
function make(
  m: number,
  n: number,
  seed: number,
  fill: (r: number, c: number, u: number) => number,
): MatrixBlock {
  const next = rng(seed);
  const d = sharedF64(m * n);
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) d[r * n + c] = fill(r, c, next());
  return MatrixBlock.dense(m, n, d);
}

const uniform = (_r: number, _c: number, u: number): number => 2 * u - 1;
const sparse = (_r: number, _c: number, u: number): number => (u < 0.9 ? 0 : u);

interface Case {
  readonly name: string;
  readonly a: MatrixBlock;
  readonly b: MatrixBlock;
}

/** Products m x k times k x n, dense, CSR and mixed, plus zeros and non-finite cells. */
function productCases(): Case[] {
  const out: Case[] = [];
  const shapes: [number, number, number][] = [
    [0, 3, 2],
    [3, 0, 2],
    [2, 3, 0],
    [1, 1, 1],
    [1, 9, 1], // row times column
    [7, 1, 5], // outer product
    [1, 40, 30], // row vector times X: the compiled t(X) %*% w path
    [6, 5, 4],
    [300, 20, 3], // skinny: the compiled kernel's shape
    [200, 40, 16], // widest V the compiled kernel takes
    [33, 47, 29], // non-square, BLAS-sized
    [60, 60, 60],
  ];
  let seed = 1;
  for (const [m, k, n] of shapes) {
    const a = make(m, k, seed++, uniform);
    const b = make(k, n, seed++, uniform);
    out.push({ name: `${m}x${k} %*% ${k}x${n} dense`, a, b });
    const as = make(m, k, seed++, sparse);
    const bs = make(k, n, seed++, sparse);
    out.push({ name: `${m}x${k} %*% ${k}x${n} CSR x CSR`, a: as.toSparse(), b: bs.toSparse() });
    out.push({ name: `${m}x${k} %*% ${k}x${n} CSR x dense`, a: as.toSparse(), b });
    out.push({ name: `${m}x${k} %*% ${k}x${n} dense x CSR`, a, b: bs.toSparse() });
    out.push({ name: `${m}x${k} %*% ${k}x${n} sparse values, dense layout`, a: as, b: bs });
  }
  // Past 8 MB the compiled kernel beats dgemm (skinny-mm.ts): the size it is chosen for with BLAS.
  out.push({
    name: '33000x32 %*% 32x4',
    a: make(33000, 32, seed++, uniform),
    b: make(32, 4, seed++, uniform),
  });
  out.push({ name: 'zeros', a: make(50, 30, seed++, () => 0), b: make(30, 20, seed++, uniform) });
  // Non-finite cells next to zeros: DML skips a term with a zero factor, so 0 * Inf adds nothing.
  for (const [m, k, n] of [
    [6, 4, 3],
    [400, 12, 4],
    [40, 50, 45],
  ] as const)
    for (const v of [NaN, Infinity, -Infinity]) {
      const a = make(m, k, seed++, (r, c, u) => (r === 2 && c === 1 ? v : u));
      const b = make(k, n, seed++, (r, c, u) => (r === 1 && c === 0 ? 0 : u));
      out.push({ name: `${m}x${k} %*% ${k}x${n} with ${v} times a zero`, a, b });
      out.push({ name: `${m}x${k} %*% ${k}x${n} with ${v}, sparse`, a: a.toSparse(), b });
    }
  return out;
}

/** Undefined when `got` is `want` up to rounding (non-finite cells exactly), else the first mismatch. */
function mismatch(got: MatrixBlock, want: number[][], rows: number, cols: number): string | undefined {
  if (got.rows !== rows || got.cols !== cols) return `dims ${got.rows}x${got.cols}, expected ${rows}x${cols}`;
  const g = got.toArrays();
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const v = g[i]![j]!;
      const e = want[i]![j]!;
      const ok = Number.isFinite(e)
        ? Math.abs(v - e) <= 1e-12 * Math.max(1, Math.abs(e))
        : Object.is(v, e) || (Number.isNaN(v) && Number.isNaN(e));
      if (!ok) return `(${i}, ${j}): ${v}, expected ${e}`;
    }
  return undefined;
}

const threaded: KernelResources = standaloneResources({ threads: 3, minCells: 64 });
const oneThread: KernelResources = standaloneResources({ threads: 1 });

/** Why a variant is skipped here: never in CI, where a missing library must fail the test. */
function skipReason(op: string, v: { name: string; unavailable(): string | undefined }): string | undefined {
  const why = process.env['CI'] ? undefined : v.unavailable();
  if (why !== undefined) console.warn(`${op} variant ${v.name} skipped: ${why}`);
  return why;
}

const PRODUCTS = productCases();
/** t(A) %*% B cases: the products' cases with A transposed (A is k x m). */
const TRANS_A = [
  ...PRODUCTS.map((c) => ({
    name: `t(${c.name})`,
    a: c.a.isSparse ? transpose(c.a).toSparse() : transpose(c.a),
    b: c.b,
  })),
  { name: 't(33000x32) %*% 33000x4', a: make(33000, 32, 900, uniform), b: make(33000, 4, 901, uniform) },
];

function variantSuite(
  op: string,
  variants: readonly KernelVariant<MatmulInputs, MatrixBlock>[],
  cases: readonly Case[],
  reference: (c: Case) => number[][],
  dims: (c: Case) => [number, number],
): void {
  describe.each(variants.map((v) => [v.name, v] as const))(`${op} variant %s`, (_name, v) => {
    const why = skipReason(op, v);
    const mine = cases.filter((c) => v.accepts(c));
    for (const rt of [oneThread, threaded])
      it.skipIf(why !== undefined)(
        `${mine.length} cases match the naive reference (${rt.threads} thread(s))`,
        () => {
          const bad: string[] = [];
          for (const c of mine) {
            const m = mismatch(v.run(c, rt), reference(c), ...dims(c));
            if (m !== undefined) bad.push(`${c.name}: ${m}`);
          }
          expect(bad).toEqual([]);
        },
      );

    it.skipIf(why !== undefined)('is chosen for some case, and accepts every case it is chosen for', () => {
      const chosen = cases.filter((c) => v.supports(c, oneThread));
      expect(chosen.length).toBeGreaterThan(0);
      for (const c of chosen) expect(v.accepts(c), c.name).toBe(true);
    });
  });
}

variantSuite(
  'matmul',
  MATMUL_VARIANTS,
  PRODUCTS,
  (c) => naiveMatmul(c.a, c.b),
  (c) => [c.a.rows, c.b.cols],
);
variantSuite(
  'tmm',
  TMM_VARIANTS,
  TRANS_A,
  (c) => naiveMatmul(transpose(c.a), c.b),
  (c) => [c.a.cols, c.b.cols],
);

describe('mmchain variants', () => {
  const cases: (MmchainInputs & { name: string })[] = [];
  let seed = 500;
  for (const [m, n] of [
    [0, 3],
    [1, 1],
    [9, 1],
    [5, 4],
    [2000, 3],
    [300, 40],
  ] as const)
    for (const weighted of [false, true]) {
      const x = make(m, n, seed++, uniform);
      const v = make(n, 1, seed++, uniform);
      const w = weighted ? make(m, 1, seed++, uniform) : undefined;
      const name = `${m}x${n}${weighted ? ' weighted' : ''}`;
      cases.push({ name, x, v, w }, { name: `${name} CSR`, x: x.toSparse(), v, w });
    }
  const xn = make(1000, 8, seed++, (r, c, u) => (r === 3 && c === 2 ? NaN : c === 5 ? 0 : u));
  cases.push({
    name: '1000x8 with NaN',
    x: xn,
    v: make(8, 1, seed++, (r, _c, u) => (r === 2 ? 0 : u)),
    w: undefined,
  });
  /** t(X) %*% (w * (X %*% v)), naively with the zero semantics. */
  const reference = (c: MmchainInputs): number[][] => {
    let u = naiveMatmul(c.x, c.v);
    if (c.w !== undefined) u = u.map((row, i) => [row[0]! * c.w!.get(i, 0)]);
    return naiveMatmul(
      transpose(c.x),
      MatrixBlock.dense(
        u.length,
        1,
        Float64Array.from(u, (row) => row[0]!),
      ),
    );
  };

  describe.each(MMCHAIN_VARIANTS.map((v) => [v.name, v] as const))('mmchain variant %s', (_name, v) => {
    const why = skipReason('mmchain', v);
    it.skipIf(why !== undefined)('matches the naive reference on every case it accepts', () => {
      const bad: string[] = [];
      for (const c of cases.filter((k) => v.accepts(k))) {
        const m = mismatch(v.run(c, threaded), reference(c), c.x.cols, 1);
        if (m !== undefined) bad.push(`${c.name}: ${m}`);
      }
      expect(bad).toEqual([]);
    });
  });

  it('the kernel gives exactly what its chosen variant gives', () => {
    for (const c of cases) {
      const chosen = pickVariant(MMCHAIN_VARIANTS, c, oneThread).run(c, oneThread);
      const got = withKernelResources(oneThread, () => mmchain(c.x, c.v, c.w));
      expect(got.toArrays(), c.name).toEqual(chosen.toArrays());
    }
  });
});

describe('matmul and tmm dispatch', () => {
  it('orders the variants: compiled skinny, BLAS, TypeScript', () => {
    expect(MATMUL_VARIANTS.map((v) => v.name)).toEqual(['compiled-skinny', 'blas', 'typescript']);
    expect(TMM_VARIANTS.map((v) => v.name)).toEqual(['compiled-skinny', 'blas', 'typescript']);
  });

  it('TypeScript takes sparse, tiny and all-zero products', () => {
    const sparseA = make(300, 20, 1, sparse).toSparse();
    for (const inp of [
      { a: sparseA, b: make(20, 3, 2, uniform) },
      { a: make(3, 4, 3, uniform), b: make(4, 5, 4, uniform) },
      { a: make(300, 20, 5, () => 0), b: make(20, 3, 6, uniform) },
    ])
      expect(pickVariant(MATMUL_VARIANTS, inp, oneThread)).toBe(matmulTypeScript);
  });

  it.skipIf(!process.env['CI'] && matmulCompiledSkinny.unavailable() !== undefined)(
    'without BLAS, a skinny dense product goes to the compiled kernel',
    () => {
      // BLAS hidden (a library path that does not exist), as on a machine without one.
      const saved = process.env['TESSERA_BLAS'];
      process.env['TESSERA_BLAS'] = '/nonexistent/libnoblas.so';
      resetNativeBlas();
      try {
        expect(matmulBlas.unavailable()).toBeDefined();
        const inp = { a: make(3000, 20, 7, uniform), b: make(20, 3, 8, uniform) };
        expect(pickVariant(MATMUL_VARIANTS, inp, oneThread)).toBe(matmulCompiledSkinny);
      } finally {
        if (saved === undefined) delete process.env['TESSERA_BLAS'];
        else process.env['TESSERA_BLAS'] = saved;
        resetNativeBlas();
      }
    },
  );

  it.skipIf(matmulBlas.unavailable() !== undefined)('a square dense product goes to BLAS', () => {
    const inp = { a: make(60, 60, 9, uniform), b: make(60, 60, 10, uniform) };
    expect(pickVariant(MATMUL_VARIANTS, inp, oneThread)).toBe(matmulBlas);
  });

  it('the kernels give exactly what their chosen variant gives', () => {
    for (const c of PRODUCTS) {
      const chosen = pickVariant(MATMUL_VARIANTS, c, oneThread).run(c, oneThread);
      const got = withKernelResources(oneThread, () => matmulKernel(c.a, c.b));
      expect(got.toArrays(), c.name).toEqual(chosen.toArrays());
    }
    for (const c of TRANS_A) {
      const chosen = pickVariant(TMM_VARIANTS, c, oneThread).run(c, oneThread);
      const got = withKernelResources(oneThread, () => tmmKernel(c.a, c.b));
      expect(got.toArrays(), c.name).toEqual(chosen.toArrays());
    }
  });
});
