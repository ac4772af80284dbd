import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { HopFactory } from '../../../src/optimizer/hop-factory.js';
import type { LiteralValue } from '../../../src/optimizer/plan.js';
import { constantFolding } from '../../../src/optimizer/rewrites/constant-folding.js';
import { compile, written } from '../helpers.js';

const f = new HopFactory();
const lit = (value: LiteralValue) => f.literal(value);
const int = (value: number) => lit({ vt: 'int', value });
const dbl = (value: number) => lit({ vt: 'double', value });
const op = (name: string, ...inputs: ReturnType<typeof lit>[]) => f.make({ kind: 'op', op: name, inputs, span: NO_SPAN });

function fold(h: ReturnType<typeof op>) {
  return constantFolding.rewrite(h, { factory: f });
}

describe('constant folding', () => {
  it('folds arithmetic with the int/double rules', () => {
    expect(fold(op('+', int(2), int(3))).hop.value).toEqual({ vt: 'int', value: 5 });
    expect(fold(op('*', int(2), dbl(1.5))).hop.value).toEqual({ vt: 'double', value: 3 });
    expect(fold(op('/', int(1), int(2))).hop.value).toEqual({ vt: 'double', value: 0.5 });
    expect(fold(op('^', int(2), int(3))).hop.value).toEqual({ vt: 'double', value: 8 });
    expect(fold(op('%%', int(-7), int(3))).hop.value).toEqual({ vt: 'int', value: -1 });
    expect(fold(op('%/%', int(7), int(2))).hop.value).toEqual({ vt: 'int', value: 3 });
    expect(fold(op('u-', int(4))).hop.value).toEqual({ vt: 'int', value: -4 });
  });

  it('leaves an int op unfolded when its value is not an int (x %% 0, x %/% 0: NaN/Inf doubles)', () => {
    // Folding would give a double literal where the HOP is typed int (found by the fuzzer, which
    // runs with rewrite validation on); the run computes the same NaN/Inf.
    const h = op('%%', int(0), int(0));
    expect(h.valueType).toBe('int');
    expect(fold(h).changed).toBe(false);
    expect(fold(op('%/%', int(7), int(0))).changed).toBe(false);
    expect(fold(op('%%', dbl(7), dbl(0))).changed).toBe(true);
  });

  it('folds comparisons, boolean ops, string concatenation and casts', () => {
    expect(fold(op('<', int(2), dbl(3))).hop.value).toEqual({ vt: 'boolean', value: true });
    expect(fold(op('&', lit({ vt: 'boolean', value: true }), lit({ vt: 'boolean', value: false }))).hop.value).toEqual({ vt: 'boolean', value: false });
    expect(fold(op('!', lit({ vt: 'boolean', value: false }))).hop.value).toEqual({ vt: 'boolean', value: true });
    expect(fold(op('+', lit({ vt: 'string', value: 'x=' }), dbl(2))).hop.value).toEqual({ vt: 'string', value: 'x=2.0' });
    expect(fold(op('as.double', int(2))).hop.value).toEqual({ vt: 'double', value: 2 });
  });

  it('does not fold non-literal inputs, nondeterministic or side-effecting builtins', () => {
    const x = f.make({ kind: 'tread', op: 'tread', name: 'x', inputs: [], span: NO_SPAN, type: { dataType: 'scalar', valueType: 'int' } });
    expect(fold(op('+', x, int(1))).changed).toBe(false);
    expect(fold(f.make({ kind: 'op', op: 'rand', inputs: [int(2), int(2)], span: NO_SPAN })).changed).toBe(false);
    expect(fold(f.make({ kind: 'op', op: 'print', inputs: [int(2)], outputs: [], span: NO_SPAN })).changed).toBe(false);
  });

  it('leaves what the runtime rejects to the runtime (overflow, strings in arithmetic)', () => {
    expect(fold(op('*', int(2 ** 52), int(4))).changed).toBe(false);
    expect(fold(op('-', lit({ vt: 'string', value: 'a' }), int(1))).changed).toBe(false);
  });

  it('fires in compiled programs only at optLevel 2', () => {
    expect(written(compile('x = 1 + 2 * 3'), 'x').value).toEqual({ vt: 'int', value: 7 });
    expect(compile('x = 1 + 2 * 3').rewritesFired).toContain('constant-folding');
    expect(written(compile('x = 1 + 2 * 3', { optLevel: 0 }), 'x').kind).toBe('op');
  });

  it('folds through bindings within a block', () => {
    expect(written(compile('a = 2\nb = a * 4 + 1'), 'b').value).toEqual({ vt: 'int', value: 9 });
  });
});
