import { describe, expect, it } from 'vitest';
import { UNARY_MATH, UNARY_PREDICATES, unaryCellFn, type UnaryOp } from '../../../src/common/scalar-ops.js';
import { cellwiseUnary } from '../../../src/engine/kernels/cellwise-unary.js';
import { block, expectSameValues, randomMatrix, rng, SHAPES, SPARSITIES } from './cellwise-helpers.js';

const OPS: readonly UnaryOp[] = ['u-', '!', ...UNARY_MATH, ...UNARY_PREDICATES];

describe('cellwiseUnary', () => {
  const r = rng(5);
  for (const op of OPS) {
    it(`${op} agrees with the reference for dense and sparse inputs`, () => {
      const f = unaryCellFn(op);
      for (const [m, n] of SHAPES) {
        for (const s of SPARSITIES) {
          const a = randomMatrix(r, m, n, s);
          const want = a.map((row) => row.map(f));
          for (const sparse of [false, true]) expectSameValues(cellwiseUnary(op, block(m, n, a, sparse)), want, `${op} ${m}x${n} s=${s}`);
        }
      }
    });
  }

  it('keeps sparse-safe ops sparse and densifies the others', () => {
    const x = block(100, 50, randomMatrix(rng(1), 100, 50, 0.01, false), true);
    expect(cellwiseUnary('abs', x).isSparse).toBe(true);
    expect(cellwiseUnary('sqrt', x).isSparse).toBe(true);
    expect(cellwiseUnary('exp', x).isSparse).toBe(false);
    expect(cellwiseUnary('!', x).isSparse).toBe(false);
  });

  it('round follows Java Math.round', () => {
    const x = block(1, 5, [[2.5, -2.5, 0.5, -0.5, NaN]], false);
    expect(cellwiseUnary('round', x).toArrays()[0]).toEqual([3, -2, 1, 0, 0]);
  });
});
