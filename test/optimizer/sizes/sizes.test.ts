import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { compile, written } from '../helpers.js';

function dimsOf(src: string, name: string, block = 0): [number, number, number] {
  const h = written(compile(src), name, block);
  return [h.dims.rows, h.dims.cols, h.dims.nnz];
}

const X = 'X = rand(rows=10, cols=4)\n';

describe('size propagation', () => {
  it('data generators with literal sizes', () => {
    expect(dimsOf('A = matrix(0, rows=3, cols=2)', 'A')).toEqual([3, 2, 0]);
    expect(dimsOf('A = matrix(7, rows=3, cols=2)', 'A')).toEqual([3, 2, 6]);
    expect(dimsOf('A = rand(rows=5, cols=6, sparsity=0.1)', 'A')).toEqual([5, 6, -1]);
    expect(dimsOf('A = rand(rows=5, cols=6, sparsity=0)', 'A')).toEqual([5, 6, 0]);
    expect(dimsOf('A = rand(rows=2 + 3, cols=6)', 'A')).toEqual([5, 6, -1]);
    expect(dimsOf('s = seq(1, 10, 2)', 's')).toEqual([5, 1, -1]);
    expect(dimsOf('s = seq(5, 1)', 's')).toEqual([5, 1, -1]);
    expect(dimsOf(X + 'B = matrix(X, rows=20, cols=2)', 'B')).toEqual([20, 2, -1]);
  });

  it('unknown sizes stay -1', () => {
    const h = written(compile('n = 3\nfor (i in 1:2) { n = n + 1 }\nA = rand(rows=n, cols=2)'), 'A', 1);
    expect([h.dims.rows, h.dims.cols]).toEqual([-1, 2]);
  });

  it('element-wise operators with broadcasting', () => {
    expect(dimsOf(X + 'Y = X + 1', 'Y')).toEqual([10, 4, -1]);
    expect(dimsOf(X + 'Y = 2 * X', 'Y')).toEqual([10, 4, -1]);
    expect(dimsOf(X + 'Y = X - colSums(X)', 'Y')).toEqual([10, 4, -1]);
    expect(dimsOf(X + 'Y = X / rowSums(X)', 'Y')).toEqual([10, 4, -1]);
    expect(dimsOf(X + 'Y = abs(-X)', 'Y')).toEqual([10, 4, -1]);
    expect(dimsOf(X + 'Y = X > 0.5', 'Y')).toEqual([10, 4, -1]);
  });

  it('a known dimension mismatch is a compile-time error', () => {
    // Sizes from a .mtd file are known to the optimizer only (analysis does not read files).
    const dir = mkdtempSync(join(tmpdir(), 'tessera-opt-'));
    const file = join(dir, 'A.csv');
    writeFileSync(`${file}.mtd`, JSON.stringify({ data_type: 'matrix', rows: 3, cols: 2 }));
    try {
      compile(`A = read("${file}")\nB = matrix(0, rows=2, cols=2)\nC = A + B`);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DmlError);
      expect((e as DmlError).diagnostics[0]!.code).toBe('DML4001');
      expect((e as DmlError).diagnostics[0]!.span?.line).toBe(3);
    }
    expect(() => compile(`A = read("${file}")\nC = A %*% A`)).toThrow(/DML4002/);
    // Broadcasting a row or column vector is fine.
    expect(() => compile(`A = read("${file}")\nC = A + matrix(1, rows=1, cols=2) + matrix(1, rows=3, cols=1)`)).not.toThrow();
  });

  it('matrix multiplication, transpose, aggregates', () => {
    expect(dimsOf(X + 'Y = t(X)', 'Y')).toEqual([4, 10, -1]);
    expect(dimsOf(X + 'Y = t(X) %*% X', 'Y')).toEqual([4, 4, -1]);
    expect(dimsOf(X + 'Y = rowSums(X)', 'Y')).toEqual([10, 1, -1]);
    expect(dimsOf(X + 'Y = colMeans(X)', 'Y')).toEqual([1, 4, -1]);
    expect(dimsOf(X + 'Y = rowIndexMax(X)', 'Y')).toEqual([10, 1, -1]);
    expect(dimsOf(X + 'Y = cumsum(X)', 'Y')).toEqual([10, 4, -1]);
    const c = compile(X + 's = sum(X)\nm = max(X)');
    expect(written(c, 's').dataType).toBe('scalar');
    expect(written(c, 'm').dims).toEqual({ rows: 0, cols: 0, nnz: -1 });
  });

  it('cbind, rbind, diag, solve, casts', () => {
    expect(dimsOf(X + 'Y = cbind(X, X, rowSums(X))', 'Y')).toEqual([10, 9, -1]);
    expect(dimsOf(X + 'Y = rbind(X, X)', 'Y')).toEqual([20, 4, -1]);
    expect(dimsOf(X + 'Y = diag(rowSums(X))', 'Y')).toEqual([10, 10, -1]);
    expect(dimsOf(X + 'A = t(X) %*% X\nb = diag(A)', 'b')).toEqual([4, 1, -1]);
    expect(dimsOf(X + 'A = t(X) %*% X\nb = solve(A, t(colSums(X)))', 'b')).toEqual([4, 1, -1]);
    expect(dimsOf('M = as.matrix(3)', 'M')).toEqual([1, 1, -1]);
  });

  it('indexing with literal bounds', () => {
    expect(dimsOf(X + 'Y = X[2:5, ]', 'Y')).toEqual([4, 4, -1]);
    expect(dimsOf(X + 'Y = X[, 3]', 'Y')).toEqual([10, 1, -1]);
    expect(dimsOf(X + 'Y = X[1, 2]', 'Y')).toEqual([1, 1, -1]);
    expect(dimsOf(X + 'X[1, 2] = 5\nY = X', 'Y')).toEqual([10, 4, -1]);
  });

  it('nrow and ncol of known sizes fold to literals', () => {
    const c = compile(X + 'n = nrow(X) * ncol(X)');
    const n = written(c, 'n');
    expect(n.kind).toBe('literal');
    expect(n.value).toEqual({ vt: 'int', value: 40 });
  });

  it('sizes flow from one block to the next, not out of loops', () => {
    const c = compile(X + 'for (i in 1:2) { print(i) }\nY = X %*% t(X)');
    expect(written(c, 'Y', 1).dims.rows).toBe(10);
  });

  it('read() takes its size from the .mtd file next to a literal file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-opt-'));
    const file = join(dir, 'A.csv');
    writeFileSync(`${file}.mtd`, JSON.stringify({ data_type: 'matrix', value_type: 'double', rows: 7, cols: 3, nnz: 12, format: 'csv' }));
    const h = written(compile(`A = read("${file}")`), 'A');
    expect([h.dims.rows, h.dims.cols, h.dims.nnz]).toEqual([7, 3, 12]);
    const none = written(compile(`A = read("${join(dir, 'missing.csv')}")`), 'A');
    expect([none.dims.rows, none.dims.cols]).toEqual([-1, -1]);
  });
});
