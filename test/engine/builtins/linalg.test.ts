import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { dbl, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin } from '../../helpers/builtins.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e.diagnostics[0]!.code;
    throw e;
  }
  return undefined;
}

const A = MatrixBlock.fromRows([[4, 1], [1, 3]]);

describe('linear-algebra builtins', () => {
  it('%*% multiplies and checks dims and scalars', () => {
    const c = callBuiltin('%*%', [A, MatrixBlock.fromRows([[1], [2]])]) as MatrixBlock;
    expect(c.toArrays()).toEqual([[6], [7]]);
    expect(code(() => callBuiltin('%*%', [A, MatrixBlock.dense(3, 1)]))).toBe('DML4001');
    expect(code(() => callBuiltin('%*%', [A, dbl(2)]))).toBe('DML3001');
  });
  it('solve, inv/inverse, det, cholesky', () => {
    const x = callBuiltin('solve', [A, MatrixBlock.fromRows([[1], [2]])]) as MatrixBlock;
    expect(x.get(0, 0)).toBeCloseTo(1 / 11, 14);
    expect(x.get(1, 0)).toBeCloseTo(7 / 11, 14);
    expect((callBuiltin('inv', [A]) as MatrixBlock).get(0, 0)).toBeCloseTo(3 / 11, 14);
    expect((callBuiltin('inverse', [A]) as MatrixBlock).get(1, 1)).toBeCloseTo(4 / 11, 14);
    expect((callBuiltin('det', [A]) as { value: number }).value).toBeCloseTo(11, 13);
    expect((callBuiltin('cholesky', [A]) as MatrixBlock).get(0, 0)).toBeCloseTo(2, 15);
  });
  it('multi-return builtins return arrays of matrices', () => {
    expect((callBuiltin('eigen', [A]) as Value[]).length).toBe(2);
    expect((callBuiltin('lu', [A]) as Value[]).length).toBe(3);
    expect((callBuiltin('qr', [A]) as Value[]).length).toBe(2);
    expect((callBuiltin('svd', [A]) as Value[]).length).toBe(3);
  });
  it('errors: non-square (DML4002), singular (DML5002), not SPD (DML5005)', () => {
    const R = MatrixBlock.dense(2, 3);
    for (const f of ['inv', 'det', 'cholesky', 'eigen', 'lu']) expect(code(() => callBuiltin(f, [R]))).toBe('DML4002');
    expect(code(() => callBuiltin('solve', [R, MatrixBlock.dense(2, 1)]))).toBe('DML4002');
    const S = MatrixBlock.fromRows([[1, 2], [2, 4]]);
    expect(code(() => callBuiltin('inv', [S]))).toBe('DML5002');
    expect(code(() => callBuiltin('cholesky', [MatrixBlock.fromRows([[1, 2], [2, 1]])]))).toBe('DML5005');
  });
});
