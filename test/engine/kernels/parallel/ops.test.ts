import { afterAll, describe, expect, it } from 'vitest';
import type { BinaryOp, UnaryOp } from '../../../../src/common/scalar-ops.js';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { colAggregate, fullAggregate, rowAggregate } from '../../../../src/engine/kernels/aggregates.js';
import { cellwiseBinary } from '../../../../src/engine/kernels/cellwise-binary.js';
import { cellwiseUnary } from '../../../../src/engine/kernels/cellwise-unary.js';
import { transpose } from '../../../../src/engine/kernels/transpose.js';
import { matmul } from '../../../../src/engine/kernels/matmul.js';
import { evaluateCellProgram } from '../../../../src/engine/kernels/fused/cell-program.js';
import { KERNEL_JOBS } from '../../../../src/engine/kernels/parallel/jobs.js';
import { unaryJob, type UnaryJob } from '../../../../src/engine/kernels/parallel/ops.js';
import { sharedF64 } from '../../../../src/engine/kernels/parallel/shared-memory.js';
import { poolStats, runParallel, shutdownPool } from '../../../../src/engine/threads/pool.js';
import { standaloneResources, withKernelResources } from '../../../../src/engine/kernel-resources.js';

/** Deterministic values with some NaN, Inf, zeros and negatives mixed in. */
function data(rows: number, cols: number, seed: number, specials = true, isShared = true): MatrixBlock {
  const d = isShared ? sharedF64(rows * cols) : new Float64Array(rows * cols);
  let s = seed;
  for (let k = 0; k < d.length; k++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    d[k] = (s / 2 ** 32) * 20 - 10;
  }
  if (specials) {
    d[3] = NaN;
    d[17] = Infinity;
    d[29] = -Infinity;
    d[41] = 0;
  }
  return MatrixBlock.dense(rows, cols, d);
}

/** Runs fn single-threaded, then on 3 threads with a tiny threshold. */
function both<T>(fn: () => T): [T, T] {
  const serial = withKernelResources(standaloneResources({ threads: 1 }), fn);
  return [serial, withKernelResources(standaloneResources({ threads: 3, minCells: 64 }), fn)];
}

/** Equal within 1e-12 relative; NaN and infinities must match exactly. */
function close(a: number, b: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b);
  return Math.abs(a - b) <= 1e-12 * Math.abs(b);
}

function bits(m: MatrixBlock): number[] {
  return Array.from(m.denseData());
}

afterAll(async () => {
  await shutdownPool();
});

describe('parallel kernels', () => {
  const X = data(301, 67, 1);
  const Y = data(301, 67, 2);
  const row = data(1, 67, 3, false);
  const col = data(301, 1, 4, false);

  const binOps: BinaryOp[] = [
    '+',
    '-',
    '*',
    '/',
    '^',
    '%%',
    '%/%',
    '>',
    '<',
    '==',
    '!=',
    '<=',
    'min',
    'max',
    '&',
    'log',
  ];
  it.each(binOps)('cell-wise %s is bit-identical to the single-threaded kernel', (op) => {
    const before = poolStats().ops;
    for (const [a, b] of [
      [X, Y],
      [X, 2.5],
      [-1.5, Y],
      [X, row],
      [col, Y],
    ] as const) {
      const [s, p] = both(() => cellwiseBinary(op, a, b));
      expect(p.rows).toBe(s.rows);
      expect(p.cols).toBe(s.cols);
      expect(Object.is(p.isSparse, s.isSparse)).toBe(true);
      expect(bits(p)).toEqual(bits(s));
    }
    expect(poolStats().ops).toBeGreaterThan(before);
  });

  const unOps: UnaryOp[] = [
    'exp',
    'log',
    'sqrt',
    'abs',
    'round',
    'sigmoid',
    'u-',
    '!',
    'is.nan',
    'sign',
    'floor',
  ];
  it.each(unOps)('unary %s is bit-identical', (op) => {
    const [s, p] = both(() => cellwiseUnary(op, X));
    expect(bits(p)).toEqual(bits(s));
  });

  it('row and column aggregates are bit-identical; full aggregates agree to 1e-12', () => {
    const Z = data(400, 300, 7, false);
    for (const kind of ['sum', 'sumSq', 'mean', 'min', 'max'] as const) {
      const [rs, rp] = both(() => rowAggregate(kind, Z));
      expect(bits(rp)).toEqual(bits(rs));
      const [cs, cp] = both(() => colAggregate(kind, Z));
      expect(bits(cp)).toEqual(bits(cs));
      const [fs, fp] = both(() => fullAggregate(kind, Z));
      expect(close(fp, fs)).toBe(true);
    }
    // NaN and Inf propagate as in the serial kernel.
    for (const kind of ['sum', 'min', 'max', 'mean'] as const) {
      const [fs, fp] = both(() => fullAggregate(kind, X));
      expect(fp).toBe(fs);
      const [rs, rp] = both(() => rowAggregate(kind, X));
      expect(bits(rp)).toEqual(bits(rs));
    }
  });

  it('fused cell programs: cells and rowSums bit-identical, sum and colSums within 1e-12', () => {
    const A = data(301, 67, 11, false);
    const B = data(301, 67, 12, false);
    for (const [prog, leaves] of [
      ['+(*($0,$1),$2)', [A, B, X]],
      ['*(exp($0),$1)', [A, 0.5]],
      ['-(^($0,$1),$2)', [A, 2, col]],
      ['/(+($0,$2),$1)', [B, row, A]],
    ] as const) {
      const [s, p] = both(() => evaluateCellProgram(prog, leaves, 'none') as MatrixBlock);
      expect(bits(p)).toEqual(bits(s));
      const [rs, rp] = both(() => evaluateCellProgram(prog, leaves, 'rowSums') as MatrixBlock);
      expect(bits(rp)).toEqual(bits(rs));
      const [fs, fp] = both(() => evaluateCellProgram(prog, leaves, 'sum') as number);
      expect(close(fp, fs)).toBe(true);
      const [cs, cp] = both(() => evaluateCellProgram(prog, leaves, 'colSums') as MatrixBlock);
      const c1 = bits(cs);
      expect(bits(cp).every((v, j) => close(v, c1[j]!))).toBe(true);
    }
  });

  it('sparse x dense is bit-identical (NaN/Inf entries too) and parallel results carry exact nnz', () => {
    const dense = data(300, 40, 21);
    const d = dense.denseData();
    for (let k = 0; k < d.length; k++) if (k % 3 !== 0) d[k] = 0;
    d[3 * 5] = NaN;
    d[3 * 9] = Infinity;
    const A = MatrixBlock.dense(300, 40, d).examSparsity();
    expect(A.isSparse).toBe(true);
    const B = data(40, 13, 22);
    const [s, p] = both(() => matmul(A, B));
    expect(bits(p)).toEqual(bits(s));
    const [cs, cp] = both(() => cellwiseBinary('*', X, Y));
    expect(cp.nnz).toBe(MatrixBlock.dense(cs.rows, cs.cols, cs.denseData()).nnz);
    const [fs, fp] = both(() => evaluateCellProgram('-($0,$1)', [X, X], 'none') as MatrixBlock);
    expect(fp.nnz).toBe(fs.nnz);
    expect(fp.isSparse).toBe(fs.isSparse);
  });

  it('column sums over several fixed row chunks are bit-identical and match Kahan per column', () => {
    const T = data(2600, 30, 31);
    for (const kind of ['sum', 'sumSq', 'mean'] as const) {
      const [cs, cp] = both(() => colAggregate(kind, T));
      expect(bits(cp)).toEqual(bits(cs));
    }
    const [s] = both(() => colAggregate('sum', T));
    const d = T.denseData();
    for (let j = 0; j < 30; j++) {
      let sum = 0;
      let c = 0;
      for (let i = 0; i < 2600; i++) {
        const v = d[i * 30 + j]!;
        if (!Number.isFinite(v) || !Number.isFinite(sum)) {
          sum += v;
          continue;
        }
        const y = v - c;
        const t = sum + y;
        c = t - sum - y;
        sum = t;
      }
      expect(close(s.get(0, j), sum)).toBe(true);
    }
  });

  it('transpose is identical', () => {
    const [s, p] = both(() => transpose(X));
    expect(p.rows).toBe(67);
    expect(bits(p)).toEqual(bits(s));
  });

  it('memory-bound ops on unshared inputs stay inline; compute-bound ones copy and split', () => {
    const U = data(301, 67, 5, true, false);
    const V = data(301, 67, 6, true, false);
    let before = poolStats().ops;
    const [s, p] = both(() => cellwiseBinary('+', U, V));
    expect(bits(p)).toEqual(bits(s));
    both(() => colAggregate('sum', U));
    expect(poolStats().ops).toBe(before);
    before = poolStats().ops;
    const [s2, p2] = both(() => cellwiseBinary('^', U, V));
    expect(bits(p2)).toEqual(bits(s2));
    const [s3, p3] = both(() => cellwiseUnary('exp', U));
    expect(bits(p3)).toEqual(bits(s3));
    expect(poolStats().ops).toBe(before + 2);
    // The inline kernel's large results are shared, so the next op on them can split.
    withKernelResources(standaloneResources({ threads: 2, minCells: 64 }), () => {
      expect(cellwiseBinary('+', U, V).denseData().buffer).toBeInstanceOf(SharedArrayBuffer);
    });
  });

  it('a job that fails in a worker is reported as not run, so the caller runs inline', () => {
    const x = sharedF64(10).fill(1);
    const out = sharedF64(10);
    const ok: UnaryJob = { op: 'exp', x, out, s: 0, e: 5 };
    const broken = { op: 'exp', x: null, out, s: 5, e: 10 } as unknown as UnaryJob;
    expect(runParallel(KERNEL_JOBS, [unaryJob.job(ok), unaryJob.job(broken)])).toBe(false);
    expect(runParallel(KERNEL_JOBS, [unaryJob.job(ok), unaryJob.job({ ...ok, s: 5, e: 10 })])).toBe(true);
    expect(Array.from(out)).toEqual(Array(10).fill(Math.exp(1)));
  });

  it('sparse inputs and small inputs stay on the single-threaded kernel', () => {
    const S = MatrixBlock.fromTriples(500, 500, [1, 2], [3, 4], [5, 6]);
    const before = poolStats().ops;
    const [s, p] = both(() => cellwiseBinary('*', S, 2));
    expect(p.isSparse).toBe(true);
    expect(p.toArrays()).toEqual(s.toArrays());
    expect(poolStats().ops).toBe(before);
  });
});
