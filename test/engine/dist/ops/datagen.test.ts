/**
 * rand, matrix(value, rows=, cols=) and seq generated in place on DIST, against the LOCAL builtin:
 * bit-identical on P = 1, 2, 3, 4, 7 and P > rows, including rand over several 1000-row stream
 * blocks with partitions not aligned to them, sparse, normal and Poisson. Plans are made both
 * from the lowering's binding (the driver) and from the argument names alone (the worker ranks).
 */
import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../../src/common/builtins/bind.js';
import { builtinSpec } from '../../../../src/common/builtins/catalogue.js';
import { NO_SPAN } from '../../../../src/common/span.js';
import type { ArgShape, BackendCall } from '../../../../src/engine/backends/backend.js';
import type { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { bool, dbl, int, str, type ScalarValue, type Value } from '../../../../src/engine/data/values.js';
import { planDist, type DistPlan, type LocalArg } from '../../../../src/engine/dist/ops/index.js';
import { simulate } from '../../../../src/engine/dist/ops/simulate.js';
import { LOCAL_KERNELS } from '../../../../src/engine/kernels/registry.js';
import { callBuiltin } from '../../../helpers/builtins.js';
import { dense, expectAgree, shapeOf } from './harness.js';

/** A call as written: [name or undefined for positional, value]. */
type Written = readonly (readonly [string | undefined, LocalArg])[];

function callOf(opcode: string, written: Written, withBinding: boolean): BackendCall<ArgShape> {
  const argNames = written.map(([n]) => n);
  const call: BackendCall<ArgShape> = { args: written.map(([, v]) => shapeOf(v)), argNames, span: NO_SPAN };
  if (!withBinding) return call;
  const r = bindArguments(builtinSpec(opcode)!, argNames);
  if (!r.ok) throw new Error(r.message);
  return { ...call, bound: r.binding };
}

function planOf(opcode: string, written: Written, withBinding = true): DistPlan | undefined {
  return planDist(opcode, callOf(opcode, written, withBinding));
}

function local(opcode: string, written: Written): MatrixBlock {
  const v = callBuiltin(
    opcode,
    written.map(([, a]) => a as Value),
    written.map(([n]) => n),
  ) as Value;
  if (v.dt !== 'matrix') throw new Error(`LOCAL ${opcode} gave a ${v.dt}`);
  return v;
}

/** DIST on every rank count (both ways of planning) is bit-identical to LOCAL. */
function checkGenerated(opcode: string, written: Written, what: string): void {
  const want = local(opcode, written);
  for (const withBinding of [true, false]) {
    const plan = planOf(opcode, written, withBinding);
    expect(plan, `${what}: planned`).toBeDefined();
    expect(plan!.combine).toBe('rows');
    expect(plan!.args).toEqual(written.map(() => 'scalar'));
    expect(plan!.partitioned).toBe(want.rows);
    for (const p of [1, 2, 3, 4, 7, want.rows + 3]) {
      const got = simulate(
        plan!,
        written.map(([, a]) => a),
        p,
        LOCAL_KERNELS,
      );
      expectAgree(got, want, 'exact', `${what}, P=${p}${withBinding ? '' : ' (names only)'}`);
      expect((got as MatrixBlock).nnz, `${what}, P=${p}: nnz`).toBe(want.nnz);
    }
  }
}

const named = (o: Record<string, ScalarValue>): Written => Object.entries(o);

describe('rand generated in place', () => {
  const cases: Record<string, Written> = {
    'uniform 2500x3 (three stream blocks)': named({
      rows: int(2500),
      cols: int(3),
      min: dbl(-1),
      max: dbl(2),
      seed: int(5),
    }),
    'normal 2345x2': named({ rows: int(2345), cols: int(2), pdf: str('normal'), seed: int(6) }),
    'poisson lambda=4, 1200x3': named({
      rows: int(1200),
      cols: int(3),
      pdf: str('poisson'),
      lambda: dbl(4),
      seed: int(7),
    }),
    'poisson lambda=30 (PTRS), 1100x2': named({
      rows: int(1100),
      cols: int(2),
      pdf: str('Poisson'),
      lambda: int(30),
      seed: int(8),
    }),
    'sparse 0.1, 3001x5': named({ rows: int(3001), cols: int(5), sparsity: dbl(0.1), seed: int(9) }),
    'sparse normal 0.3, 2100x4': named({
      rows: int(2100),
      cols: int(4),
      sparsity: dbl(0.3),
      pdf: str('normal'),
      seed: int(10),
    }),
    'sparsity 0, 1500x3': named({ rows: int(1500), cols: int(3), sparsity: int(0), seed: int(11) }),
    'small 7x4 (P > rows)': named({ rows: int(7), cols: int(4), seed: int(12) }),
    'one column 2003x1': named({ rows: int(2003), cols: int(1), seed: dbl(13.7) }),
    'empty 0x3': named({ rows: int(0), cols: int(3), seed: int(14) }),
    'large seed': named({ rows: int(1001), cols: int(2), seed: dbl(123456789012) }),
    'rows as a double': named({ rows: dbl(1234.0), cols: dbl(2), seed: int(15) }),
    positional: [
      [undefined, int(1500)],
      [undefined, int(2)],
      [undefined, dbl(3)],
      [undefined, dbl(4)],
      [undefined, dbl(1)],
      [undefined, int(16)],
    ],
  };
  it.each(Object.entries(cases))('%s: DIST equals LOCAL', (what, written) =>
    checkGenerated('rand', written, what),
  );

  it('Rand (the older name) too', () =>
    checkGenerated('Rand', named({ rows: int(1300), cols: int(2), seed: int(17) }), 'Rand'));

  it('declines what a rank cannot reproduce or LOCAL must reject', () => {
    const base = { rows: int(10), cols: int(3), seed: int(1) };
    const declined: Record<string, Written> = {
      // The seed of an unseeded rand is the driver interpreter's.
      'no seed': named({ rows: int(10), cols: int(3) }),
      'seed=-1': named({ ...base, seed: int(-1) }),
      'seed NaN': named({ ...base, seed: dbl(NaN) }),
      'unknown pdf': named({ ...base, pdf: str('cauchy') }),
      'min > max': named({ ...base, min: dbl(2), max: dbl(1) }),
      'sparsity > 1': named({ ...base, sparsity: dbl(1.5) }),
      'poisson lambda 0': named({ ...base, pdf: str('poisson'), lambda: int(0) }),
      'negative rows': named({ ...base, rows: int(-2) }),
      'rows as a string': named({ ...base, rows: str('10') }),
      'rows as a matrix': [
        ['rows', dense(1, 1, 3)],
        ['cols', int(3)],
        ['seed', int(1)],
      ],
      'an unknown parameter': named({ ...base, foo: int(1) }),
    };
    for (const [what, written] of Object.entries(declined)) {
      expect(planOf('rand', written, false), what).toBeUndefined();
      if (what !== 'an unknown parameter') expect(planOf('rand', written, true), what).toBeUndefined();
    }
  });
});

describe('matrix(value, rows=, cols=) generated in place', () => {
  const cases: Record<string, Written> = {
    '3.5, 2100x3': [
      [undefined, dbl(3.5)],
      ['rows', int(2100)],
      ['cols', int(3)],
    ],
    '0, 9x3 (sparse zeros)': [
      [undefined, int(0)],
      ['rows', int(9)],
      ['cols', int(3)],
    ],
    'TRUE, 5x1': [
      [undefined, bool(true)],
      ['rows', int(5)],
      ['cols', int(1)],
    ],
    'NaN, 4x2': [
      [undefined, dbl(NaN)],
      ['rows', int(4)],
      ['cols', int(2)],
    ],
    '-0, 3x3': [
      [undefined, dbl(-0)],
      ['rows', int(3)],
      ['cols', int(3)],
    ],
    'positional, byrow=FALSE': [
      [undefined, dbl(-2)],
      [undefined, int(6)],
      [undefined, int(2)],
      ['byrow', bool(false)],
    ],
  };
  it.each(Object.entries(cases))('%s: DIST equals LOCAL', (what, written) =>
    checkGenerated('matrix', written, what),
  );

  it('declines the string and matrix forms and calls LOCAL rejects', () => {
    const declined: Record<string, Written> = {
      string: [
        [undefined, str('1 2 3 4')],
        ['rows', int(2)],
        ['cols', int(2)],
      ],
      reshape: [
        [undefined, dense(2, 3, 1)],
        ['rows', int(3)],
        ['cols', int(2)],
      ],
      'no cols': [
        [undefined, dbl(1)],
        ['rows', int(3)],
      ],
      'negative cols': [
        [undefined, dbl(1)],
        ['rows', int(3)],
        ['cols', int(-1)],
      ],
      'byrow a string': [
        [undefined, dbl(1)],
        ['rows', int(3)],
        ['cols', int(1)],
        ['byrow', str('maybe')],
      ],
    };
    for (const [what, written] of Object.entries(declined))
      for (const withBinding of [true, false])
        expect(planOf('matrix', written, withBinding), what).toBeUndefined();
  });
});

describe('seq generated in place', () => {
  const cases: Record<string, readonly LocalArg[]> = {
    '1..2500': [int(1), int(2500)],
    '10 down to 1': [int(10), int(1)],
    '0..1 by 0.1': [dbl(0), dbl(1), dbl(0.1)],
    '5..-3 by -0.25': [dbl(5), dbl(-3), dbl(-0.25)],
    '1..1': [int(1), int(1)],
    '1..2 by 5': [int(1), int(2), int(5)],
    '-1e3..1e3 by 0.7': [dbl(-1e3), dbl(1e3), dbl(0.7)],
  };
  it.each(Object.entries(cases))('%s: DIST equals LOCAL', (what, args) =>
    checkGenerated(
      'seq',
      args.map((a) => [undefined, a] as const),
      what,
    ),
  );

  it('takes named arguments', () =>
    checkGenerated('seq', named({ to: int(30), from: int(3), incr: int(3) }), 'named'));

  it('declines what LOCAL rejects', () => {
    for (const args of [
      [int(1), int(10), int(0)],
      [int(1), int(10), int(-1)],
      [int(10), int(1), int(1)],
      [dbl(1), dbl(Infinity)],
      [str('1'), int(3)],
    ])
      for (const withBinding of [true, false])
        expect(
          planOf(
            'seq',
            args.map((a) => [undefined, a] as const),
            withBinding,
          ),
        ).toBeUndefined();
  });
});
