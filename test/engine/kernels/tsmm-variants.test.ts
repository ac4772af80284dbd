/**
 * Every tsmm variant (TSMM_VARIANTS: compiled C over threads, compiled C, BLAS dsyrk, TypeScript)
 * runs the same cases directly (each case a variant accepts), against a naive reference with
 * DML's zero semantics; a variant whose library is not available here is skipped, saying why.
 * Then the dispatch: the kernel runs the first variant that supports the call, bit for bit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import type { KernelResources } from '../../../src/engine/kernel-resources.js';
import { standaloneResources, withKernelResources } from '../../../src/engine/kernel-resources.js';
import { sharedF64 } from '../../../src/engine/kernels/parallel/shared-memory.js';
import {
  SKINNY_TSMM_MIN_CELLS,
  TSMM_VARIANTS,
  tsmmBlas,
  tsmmCompiled,
  tsmmCompiledThreads,
  tsmmKernel,
  tsmmTypeScript,
  type TsmmInputs,
} from '../../../src/engine/kernels/tsmm.js';
import { pickVariant } from '../../../src/engine/kernels/variants.js';
import { shutdownPool } from '../../../src/engine/threads/pool.js';
import { rng } from './compiled-helpers.js';

afterAll(async () => {
  await shutdownPool();
});

interface Case {
  readonly name: string;
  readonly x: MatrixBlock;
}

/** m x n in shared memory (as large producers allocate it): `fill(r, c, u)` with u uniform in [0, 1). */
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
const ints = (_r: number, _c: number, u: number): number => Math.floor(u * 7) - 3;

function cases(): Case[] {
  const out: Case[] = [];
  const shapes: [number, number][] = [
    [0, 0],
    [0, 3],
    [3, 0],
    [1, 1],
    [1, 7],
    [9, 1],
    [5, 4],
    [37, 13],
    [200, 21], // skinny: the compiled kernel's size
    [129, 48],
    [70, 64], // widest the compiled kernel takes
    [30, 80],
  ];
  let seed = 1;
  for (const [m, n] of shapes) {
    out.push({ name: `${m}x${n} dense`, x: make(m, n, seed++, uniform) });
    out.push({ name: `${m}x${n} ints`, x: make(m, n, seed++, ints) });
    const s = make(m, n, seed++, sparse);
    out.push({ name: `${m}x${n} sparse (CSR)`, x: s.toSparse() });
    out.push({ name: `${m}x${n} sparse values, dense layout`, x: s });
  }
  out.push({ name: '40x6 zeros', x: make(40, 6, seed++, () => 0) });
  // Non-finite cells: DML skips a term with a zero factor, so 0 * Inf adds nothing.
  for (const [m, n] of [
    [6, 3],
    [300, 16],
  ] as const) {
    const special = [NaN, Infinity, -Infinity];
    for (let k = 0; k < special.length; k++) {
      const v = special[k]!;
      const x = make(m, n, seed++, (r, c, u) => (r === 2 && c === 1 ? v : c === 0 ? 0 : u));
      out.push({ name: `${m}x${n} with ${v} next to zeros`, x });
      out.push({ name: `${m}x${n} with ${v} sparse`, x: x.toSparse() });
    }
    out.push({
      name: `${m}x${n} with Inf and -Inf in one column`,
      x: make(m, n, seed++, (r, c, u) => (c === 2 && r < 2 ? (r === 0 ? Infinity : -Infinity) : u)),
    });
  }
  return out;
}

/** t(X) %*% X (left) or X %*% t(X), term by term in row order, skipping terms with a zero factor. */
function reference(x: MatrixBlock, left: boolean): { value: Float64Array; scale: Float64Array; n: number } {
  const a = x.toArrays();
  const [m, n] = [x.rows, x.cols];
  const d = left ? n : m;
  const k = left ? m : n;
  const at = (i: number, r: number): number => (left ? a[r]![i]! : a[i]![r]!);
  const value = new Float64Array(d * d);
  const scale = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++)
      for (let r = 0; r < k; r++) {
        const p = at(i, r);
        const q = at(j, r);
        if (p === 0 || q === 0) continue;
        value[i * d + j]! += p * q;
        scale[i * d + j]! += Math.abs(p * q);
      }
  return { value, scale, n: d };
}

/** Undefined when `got` is the reference up to rounding (non-finite cells exactly), else the first mismatch. */
function mismatch(x: MatrixBlock, left: boolean, got: MatrixBlock): string | undefined {
  const ref = reference(x, left);
  if (got.rows !== ref.n || got.cols !== ref.n)
    return `dims ${got.rows}x${got.cols}, expected ${ref.n}x${ref.n}`;
  const g = got.toArrays();
  for (let i = 0; i < ref.n; i++)
    for (let j = 0; j < ref.n; j++) {
      const v = g[i]![j]!;
      if (!Object.is(v, g[j]![i]!)) return `not symmetric at (${i}, ${j})`;
      const e = ref.value[i * ref.n + j]!;
      const ok = Number.isFinite(e)
        ? Math.abs(v - e) <= 1e-13 * ref.scale[i * ref.n + j]!
        : Object.is(v, e) || (Number.isNaN(v) && Number.isNaN(e));
      if (!ok) return `(${i}, ${j}): ${v}, expected ${e}`;
    }
  return undefined;
}

/** Three threads and a tiny split threshold, so that the threaded variant really splits. */
const threaded: KernelResources = standaloneResources({ threads: 3, minCells: 64 });
const oneThread: KernelResources = standaloneResources({ threads: 1 });

const CASES = cases();
/** The table as it is where no BLAS is loaded. */
const NO_BLAS = TSMM_VARIANTS.filter((v) => v !== tsmmBlas);

describe.each(TSMM_VARIANTS.map((v) => [v.name, v] as const))('tsmm variant %s', (_name, v) => {
  // A variant whose library is missing skips on a developer's machine, never in CI (CI installs
  // BLAS and builds the compiled kernels): there the test runs and fails.
  const missing = v.unavailable();
  const why = process.env['CI'] ? undefined : missing;
  if (why !== undefined) console.warn(`tsmm variant ${v.name} skipped: ${why}`);
  const rt = v === tsmmCompiledThreads ? threaded : oneThread;

  for (const left of [true, false]) {
    const mine = CASES.filter((c) => v.accepts({ x: c.x, left }));
    // Variants made for one direction only (the compiled ones: t(X) %*% X) get no test for the other.
    if (mine.length === 0) continue;
    it.skipIf(why !== undefined)(
      `${left ? 't(X) %*% X' : 'X %*% t(X)'}: ${mine.length} cases match the naive reference`,
      () => {
        const bad: string[] = [];
        for (const c of mine) {
          const m = mismatch(c.x, left, v.run({ x: c.x, left }, rt));
          if (m !== undefined) bad.push(`${c.name}: ${m}`);
        }
        expect(bad).toEqual([]);
      },
    );
  }

  it.skipIf(why !== undefined)('is chosen for some case, and accepts every case it is chosen for', () => {
    const chosen = CASES.flatMap((c) =>
      [true, false].filter((left) => v.supports({ x: c.x, left }, rt)).map((left) => ({ x: c.x, left })),
    );
    expect(chosen.length).toBeGreaterThan(0);
    for (const inp of chosen) expect(v.accepts(inp)).toBe(true);
  });

  if (v === tsmmCompiledThreads)
    it.skipIf(why !== undefined)('splits over the pool', () => {
      const before = threaded.counters!.parallelOps;
      v.run({ x: make(500, 8, 99, uniform), left: true }, threaded);
      expect(threaded.counters!.parallelOps).toBe(before + 1);
    });
});

describe('tsmm dispatch', () => {
  it('orders the variants: compiled over threads, compiled, BLAS, TypeScript', () => {
    expect(TSMM_VARIANTS.map((v) => v.name)).toEqual(['compiled-threads', 'compiled', 'blas', 'typescript']);
  });

  it('TypeScript takes what nothing else supports: sparse, tiny, X %*% t(X) without BLAS', () => {
    const tiny: TsmmInputs = { x: make(3, 2, 5, uniform), left: true };
    const csr: TsmmInputs = { x: make(300, 10, 6, sparse).toSparse(), left: true };
    for (const inp of [tiny, csr]) expect(pickVariant(TSMM_VARIANTS, inp, threaded)).toBe(tsmmTypeScript);
    const right: TsmmInputs = { x: make(300, 10, 7, uniform), left: false };
    expect(pickVariant(NO_BLAS, right, threaded)).toBe(tsmmTypeScript);
  });

  it.skipIf(tsmmCompiled.unavailable() !== undefined)(
    'skinny dense t(X) %*% X goes to the compiled kernel',
    () => {
      const x = make(SKINNY_TSMM_MIN_CELLS / 16, 16, 8, uniform);
      expect(pickVariant(TSMM_VARIANTS, { x, left: true }, threaded)).toBe(tsmmCompiledThreads);
      expect(pickVariant(TSMM_VARIANTS, { x, left: true }, oneThread)).toBe(tsmmCompiled);
      // Not in shared memory: copying it there would cost as much as the pass.
      const own = MatrixBlock.dense(x.rows, x.cols, Float64Array.from(x.denseData()));
      expect(pickVariant(TSMM_VARIANTS, { x: own, left: true }, threaded)).toBe(tsmmCompiled);
      // One cell short of the threshold: TypeScript (or BLAS).
      const small = make(SKINNY_TSMM_MIN_CELLS / 16 - 1, 16, 9, uniform);
      expect(pickVariant(NO_BLAS, { x: small, left: true }, threaded)).toBe(tsmmTypeScript);
    },
  );

  it.skipIf(tsmmBlas.unavailable() !== undefined)(
    'wide or X %*% t(X) dense goes to BLAS when large enough',
    () => {
      expect(pickVariant(TSMM_VARIANTS, { x: make(100, 60, 10, uniform), left: true }, oneThread)).toBe(
        tsmmBlas,
      );
      expect(pickVariant(TSMM_VARIANTS, { x: make(60, 100, 11, uniform), left: false }, oneThread)).toBe(
        tsmmBlas,
      );
      expect(pickVariant(TSMM_VARIANTS, { x: make(40, 6, 12, () => 0), left: false }, oneThread)).toBe(
        tsmmTypeScript,
      );
    },
  );

  it('the kernel gives exactly what its chosen variant gives', () => {
    for (const c of CASES)
      for (const left of [true, false]) {
        const inp = { x: c.x, left };
        const chosen = pickVariant(TSMM_VARIANTS, inp, oneThread).run(inp, oneThread);
        const viaKernel = withKernelResources(oneThread, () => tsmmKernel(c.x, left));
        expect(viaKernel.toArrays(), c.name).toEqual(chosen.toArrays());
      }
  });
});
