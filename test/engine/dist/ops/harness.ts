/**
 * Runs an opcode both ways: DIST (plan, slice into partitions, each rank's local step, the
 * collective simulated as MPI applies it) and LOCAL (the builtin on the whole inputs), and
 * compares. Shared by the table-driven tests of the distributed operators.
 */
import { expect } from 'vitest';
import { NO_SPAN } from '../../../../src/common/span.js';
import type { ArgShape, BackendCall } from '../../../../src/engine/backends/backend.js';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import type { Value } from '../../../../src/engine/data/values.js';
import {
  planDist,
  type DistPlan,
  type DistResult,
  type LocalArg,
} from '../../../../src/engine/dist/ops/index.js';
import { simulate } from '../../../../src/engine/dist/ops/simulate.js';
import { LOCAL_KERNELS } from '../../../../src/engine/kernels/registry.js';
import { callBuiltin } from '../../../helpers/builtins.js';

/** The rank counts every case runs with; a case adds rows + 3 (more ranks than rows). */
export const RANKS: readonly number[] = [1, 2, 3, 4];

export function ranksFor(args: readonly LocalArg[]): number[] {
  const rows = Math.max(0, ...args.map((a) => (a.dt === 'matrix' ? Math.max(a.rows, a.cols) : 0)));
  return [...RANKS, rows + 3];
}

export function shapeOf(a: LocalArg): ArgShape {
  return a.dt === 'matrix'
    ? { kind: 'matrix', rows: a.rows, cols: a.cols, nnz: a.nnz }
    : { kind: 'scalar', value: a };
}

export function callOf(
  args: readonly LocalArg[],
  argNames?: readonly (string | undefined)[],
): BackendCall<ArgShape> {
  return { args: args.map(shapeOf), argNames: argNames ?? args.map(() => undefined), span: NO_SPAN };
}

export function planOf(opcode: string, args: readonly LocalArg[]): DistPlan | undefined {
  return planDist(opcode, callOf(args));
}

export function runDist(opcode: string, args: readonly LocalArg[], size: number): DistResult {
  const plan = planOf(opcode, args);
  if (plan === undefined) throw new Error(`no distributed plan for ${opcode}`);
  return simulate(plan, args, size, LOCAL_KERNELS);
}

export function runLocal(opcode: string, args: readonly LocalArg[]): DistResult {
  const v = callBuiltin(opcode, args as Value[]) as Value;
  if (v.dt === 'matrix') return v;
  if (v.dt === 'scalar' && typeof v.value === 'number') return v.value;
  throw new Error(`LOCAL ${opcode} gave a ${v.dt}`);
}

/** Bit-identical cells (a matrix does not keep the sign of a zero in every format: -0 == 0 there). */
function sameCell(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function closeCell(a: number, b: number, rel: number): boolean {
  return sameCell(a, b) || Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}

export type Exactness = 'exact' | 'close';

/** The numerical contract: 'exact' = bit-identical; 'close' = within 1e-12 relative. */
export function expectAgree(dist: DistResult, local: DistResult, how: Exactness, what: string): void {
  if (typeof local === 'number') {
    expect(typeof dist, what).toBe('number');
    const d = dist as number;
    // Scalars keep the sign of zero: exact means Object.is.
    const ok = how === 'exact' ? Object.is(d, local) : closeCell(d, local, 1e-12);
    expect(ok, `${what}: DIST ${d} vs LOCAL ${local}`).toBe(true);
    return;
  }
  expect(typeof dist, what).toBe('object');
  const m = dist as MatrixBlock;
  expect([m.rows, m.cols], `${what}: dims`).toEqual([local.rows, local.cols]);
  const a = m.denseData();
  const b = local.denseData();
  for (let k = 0; k < b.length; k++) {
    const ok = how === 'exact' ? sameCell(a[k]!, b[k]!) : closeCell(a[k]!, b[k]!, 1e-12);
    if (!ok) expect.fail(`${what}: cell ${k}: DIST ${a[k]} vs LOCAL ${b[k]}`);
  }
}

/** Runs the opcode on every rank count and compares with LOCAL; returns how many runs. */
export function checkAgainstLocal(
  opcode: string,
  args: readonly LocalArg[],
  how: Exactness,
  what: string,
): number {
  const local = runLocal(opcode, args);
  const sizes = ranksFor(args);
  for (const p of sizes) expectAgree(runDist(opcode, args, p), local, how, `${what}, P=${p}`);
  return sizes.length;
}

// ------------------------------------------------------------------ test data

/** Deterministic pseudo-random values in [lo, hi). */
export function values(n: number, seed: number, lo = -2, hi = 5): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let k = 0; k < n; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[k] = lo + ((s >>> 8) / (1 << 24)) * (hi - lo);
  }
  return out;
}

export function dense(rows: number, cols: number, seed: number, lo?: number, hi?: number): MatrixBlock {
  return MatrixBlock.dense(rows, cols, values(rows * cols, seed, lo, hi));
}

/** About `fill` of the cells non-zero, stored sparse (CSR) whatever the density. */
export function sparse(rows: number, cols: number, seed: number, fill = 0.15): MatrixBlock {
  const v = values(rows * cols, seed);
  const keep = values(rows * cols, seed + 101, 0, 1);
  for (let k = 0; k < v.length; k++) if (keep[k]! >= fill) v[k] = 0;
  return MatrixBlock.dense(rows, cols, v).toSparse();
}

/** NaN, +-Inf and -0 among ordinary values (dense). */
export function special(rows: number, cols: number, seed: number): MatrixBlock {
  const v = values(rows * cols, seed);
  const odd = [NaN, Infinity, -Infinity, -0, 0];
  for (let k = 0; k < v.length; k += 3) v[k] = odd[(k / 3) % odd.length]!;
  return MatrixBlock.dense(rows, cols, v);
}

/** The matrices every op family runs on: name -> matrix of `rows x cols`-ish shape. */
export function datasets(): readonly (readonly [string, MatrixBlock])[] {
  return [
    ['dense 7x5', dense(7, 5, 11)],
    ['sparse 23x6', sparse(23, 6, 12)],
    ['NaN/Inf 9x4', special(9, 4, 13)],
    ['one row 1x5', dense(1, 5, 14)],
    ['column 11x1', dense(11, 1, 15)],
    ['two rows 2x3', dense(2, 3, 16)],
    ['all zero sparse 5x4', MatrixBlock.zeros(5, 4).toSparse()],
  ];
}
