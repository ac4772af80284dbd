import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { bool, dbl, int, str, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin, testContext } from '../../helpers/builtins.js';

const M = (v: Value | readonly Value[] | void): MatrixBlock => v as MatrixBlock;

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e.diagnostics[0]!.code;
    throw e;
  }
  return undefined;
}

function rand(named: Record<string, Value>): MatrixBlock {
  const names = Object.keys(named);
  return M(callBuiltin('rand', names.map((k) => named[k]!), names));
}

describe('matrix()', () => {
  it('fills with a scalar', () => {
    expect(M(callBuiltin('matrix', [int(7), int(2), int(3)])).toArrays()).toEqual([[7, 7, 7], [7, 7, 7]]);
    const z = M(callBuiltin('matrix', [int(0), int(100), int(100)]));
    expect(z.nnz).toBe(0);
  });
  it('parses a string of numbers, row-major by default', () => {
    expect(M(callBuiltin('matrix', [str('1 2 3 4'), int(2), int(2)])).toArrays()).toEqual([[1, 2], [3, 4]]);
    expect(M(callBuiltin('matrix', [str('1 2 3 4'), int(2), int(2), bool(false)])).toArrays()).toEqual([[1, 3], [2, 4]]);
  });
  it('reshapes row-major and column-major, dense and sparse', () => {
    const x = MatrixBlock.fromRows([[1, 2, 3], [4, 5, 6]]);
    for (const src of [x, x.toSparse()]) {
      expect(M(callBuiltin('matrix', [src, int(3), int(2)])).toArrays()).toEqual([[1, 2], [3, 4], [5, 6]]);
      expect(M(callBuiltin('matrix', [src, int(3), int(2), bool(false)])).toArrays()).toEqual([[1, 5], [4, 3], [2, 6]]);
      expect(M(callBuiltin('matrix', [src, int(1)], [undefined, 'rows'])).toArrays()).toEqual([[1, 2, 3, 4, 5, 6]]);
    }
  });
  it('rejects a cell-count mismatch with DML4003', () => {
    expect(code(() => callBuiltin('matrix', [MatrixBlock.dense(2, 3), int(4), int(2)]))).toBe('DML4003');
    expect(code(() => callBuiltin('matrix', [str('1 2 3'), int(2), int(2)]))).toBe('DML4003');
  });
});

describe('rand()', () => {
  it('is reproducible for a fixed seed and differs across seeds', () => {
    const a = rand({ rows: int(20), cols: int(30), seed: int(42) });
    const b = rand({ rows: int(20), cols: int(30), seed: int(42) });
    const c = rand({ rows: int(20), cols: int(30), seed: int(43) });
    expect(a.toArrays()).toEqual(b.toArrays());
    expect(a.toArrays()).not.toEqual(c.toArrays());
  });
  it('seed -1 takes fresh seeds from the context', () => {
    const ctx = testContext();
    const a = M(callBuiltin('rand', [int(5), int(5)], ['rows', 'cols'], ctx));
    const b = M(callBuiltin('rand', [int(5), int(5)], ['rows', 'cols'], ctx));
    expect(a.get(0, 0)).not.toBe(b.get(0, 0));
  });
  it('uniform values lie in [min, max] with the right mean', () => {
    const x = rand({ rows: int(300), cols: int(100), min: dbl(-2), max: dbl(3), seed: int(1) });
    let s = 0;
    x.forEachNonZero((_i, _j, v) => {
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThan(3);
      s += v;
    });
    expect(s / 30000).toBeCloseTo(0.5, 1);
  });
  it('sparsity gives the expected fraction of non-zeros and a sparse block below 0.4', () => {
    const x = rand({ rows: int(400), cols: int(250), sparsity: dbl(0.1), seed: int(2) });
    expect(x.isSparse).toBe(true);
    expect(Math.abs(x.nnz / 100000 - 0.1)).toBeLessThan(0.005);
    const y = rand({ rows: int(100), cols: int(100), sparsity: dbl(0.7), seed: int(2) });
    expect(y.isSparse).toBe(false);
    expect(Math.abs(y.nnz / 10000 - 0.7)).toBeLessThan(0.03);
    expect(rand({ rows: int(10), cols: int(10), sparsity: dbl(0) }).nnz).toBe(0);
  });
  it('normal pdf has mean 0 and sd 1', () => {
    const x = rand({ rows: int(200), cols: int(250), pdf: str('normal'), seed: int(3) }).denseData();
    let s = 0;
    let s2 = 0;
    for (const v of x) {
      s += v;
      s2 += v * v;
    }
    const mean = s / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(s2 / x.length - mean * mean) - 1)).toBeLessThan(0.02);
  });
  it('poisson pdf has mean and variance lambda (small and large lambda), integer values', () => {
    for (const lambda of [3, 50]) {
      const x = rand({ rows: int(200), cols: int(100), pdf: str('poisson'), lambda: dbl(lambda), seed: int(4) }).denseData();
      let s = 0;
      let s2 = 0;
      for (const v of x) {
        expect(Number.isInteger(v) && v >= 0).toBe(true);
        s += v;
        s2 += v * v;
      }
      const mean = s / x.length;
      expect(Math.abs(mean - lambda) / lambda).toBeLessThan(0.02);
      expect(Math.abs(s2 / x.length - mean * mean - lambda) / lambda).toBeLessThan(0.05);
    }
  });
  it('validates arguments', () => {
    expect(code(() => rand({ rows: int(2), cols: int(2), min: dbl(3), max: dbl(1) }))).toBe('DML5001');
    expect(code(() => rand({ rows: int(2), cols: int(2), pdf: str('cauchy') }))).toBe('DML5001');
    expect(code(() => rand({ rows: int(-1), cols: int(2) }))).toBe('DML5001');
  });
});

describe('seq()', () => {
  const seq = (...a: number[]) => Array.from(M(callBuiltin('seq', a.map(dbl))).denseData());
  it('counts up, down, and by fractional increments', () => {
    expect(seq(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(seq(5, 1)).toEqual([5, 4, 3, 2, 1]);
    expect(seq(3, 3)).toEqual([3]);
    expect(seq(1, 2, 0.25)).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(seq(10, 1, -3)).toEqual([10, 7, 4, 1]);
    expect(seq(1, 10, 4)).toEqual([1, 5, 9]);
    expect(seq(0, 1, 0.1)).toHaveLength(11);
    expect(seq(150, 0, -0.1)).toHaveLength(1501);
  });
  it('is a column vector', () => {
    const s = M(callBuiltin('seq', [int(1), int(4)]));
    expect([s.rows, s.cols]).toEqual([4, 1]);
  });
  it('rejects a wrong-signed or zero increment with DML5004', () => {
    expect(code(() => seq(1, 5, -1))).toBe('DML5004');
    expect(code(() => seq(5, 1, 1))).toBe('DML5004');
    expect(code(() => seq(1, 5, 0))).toBe('DML5004');
  });
});

describe('sample()', () => {
  it('without replacement draws distinct values in 1..range, reproducibly', () => {
    for (const [range, size] of [[10, 10], [1000, 7], [50, 30]]) {
      const s = Array.from(M(callBuiltin('sample', [int(range!), int(size!), bool(false), int(9)])).denseData());
      expect(s).toHaveLength(size!);
      expect(new Set(s).size).toBe(size);
      for (const v of s) expect(v >= 1 && v <= range! && Number.isInteger(v)).toBe(true);
      const again = Array.from(M(callBuiltin('sample', [int(range!), int(size!), bool(false), int(9)])).denseData());
      expect(again).toEqual(s);
    }
  });
  it('with replacement covers the range', () => {
    const s = M(callBuiltin('sample', [int(3), int(300), bool(true), int(5)])).denseData();
    expect(new Set(s)).toEqual(new Set([1, 2, 3]));
  });
  it('takes a numeric third argument as the seed', () => {
    const a = M(callBuiltin('sample', [int(100), int(5), int(11)])).denseData();
    const b = M(callBuiltin('sample', [int(100), int(5), int(11)])).denseData();
    expect(Array.from(a)).toEqual(Array.from(b));
  });
  it('rejects size > range without replacement', () => {
    expect(code(() => callBuiltin('sample', [int(3), int(5)]))).toBe('DML5001');
  });
});
