import { describe, expect, it } from 'vitest';
import { DmlError } from '../../src/common/diagnostics.js';
import { intDiv, javaRound, modulus, scalarBinary, scalarUnary, type ScalarLike } from '../../src/common/scalar-ops.js';
import { javaDoubleToString } from '../../src/common/format-number.js';

const i = (value: number): ScalarLike => ({ vt: 'int', value });
const d = (value: number): ScalarLike => ({ vt: 'double', value });
const b = (value: boolean): ScalarLike => ({ vt: 'boolean', value });
const s = (value: string): ScalarLike => ({ vt: 'string', value });

describe('scalarBinary typing', () => {
  it.each([
    ['+', i(2), i(3), i(5)],
    ['-', i(2), i(3), i(-1)],
    ['*', i(2), i(3), i(6)],
    ['/', i(6), i(3), d(2)],
    ['^', i(2), i(3), d(8)],
    ['%/%', i(7), i(2), i(3)],
    ['%%', i(7), i(2), i(1)],
    ['+', i(2), d(0.5), d(2.5)],
    ['+', b(true), b(true), i(2)],
    ['*', b(true), i(5), i(5)],
    ['min', i(3), i(2), i(2)],
    ['max', i(3), d(2), d(3)],
    ['<', i(1), d(2), b(true)],
    ['==', d(0 / 0), d(0 / 0), b(false)],
    ['!=', d(0 / 0), d(0 / 0), b(true)],
    ['&', i(2), d(0), b(false)],
    ['|', i(0), d(-1), b(true)],
    ['xor', b(true), b(true), b(false)],
    ['bitwAnd', i(12), i(10), i(8)],
    ['bitwOr', i(12), i(10), i(14)],
    ['bitwXor', i(12), i(10), i(6)],
    ['bitwShiftL', i(1), i(4), i(16)],
    ['bitwShiftR', i(-16), i(2), i(-4)],
    ['log', d(8), d(2), d(3)],
  ] as const)('%s %o %o', (op, a, x, want) => {
    expect(scalarBinary(op, a, x)).toEqual(want);
  });

  it('%/% truncates toward zero and %% takes the sign of the dividend', () => {
    expect(scalarBinary('%/%', i(-7), i(2))).toEqual(i(-3));
    expect(scalarBinary('%%', i(-7), i(2))).toEqual(i(-1));
    expect(scalarBinary('%/%', i(7), i(-2))).toEqual(i(-3));
    expect(scalarBinary('%%', i(7), i(-2))).toEqual(i(1));
    expect(scalarBinary('%%', d(5.5), d(2))).toEqual(d(1.5));
    expect(scalarBinary('%%', d(-5.5), d(2))).toEqual(d(-1.5));
    expect(intDiv(1 - 2 ** -53, 1)).toBe(1); // eps rule: floor(|v| + 2^-53)
    expect(intDiv(0.3, 0.1)).toBe(2); // 2.9999999999999996 is more than eps below 3
  });

  it('division and modulus by zero', () => {
    const m = scalarBinary('%%', i(5), i(0));
    expect(m.vt).toBe('double');
    expect(Number.isNaN(m.value)).toBe(true);
    expect(scalarBinary('%/%', i(5), i(0))).toEqual(d(Infinity));
    expect(scalarBinary('%/%', i(-5), i(0))).toEqual(d(-Infinity));
    expect(Number.isNaN(intDiv(0, 0))).toBe(true);
    expect(Number.isNaN(modulus(3.5, 0))).toBe(true);
    expect(scalarBinary('/', i(1), i(0))).toEqual(d(Infinity));
  });

  it('integer overflow is an error, not a wrap', () => {
    expect(() => scalarBinary('*', i(2 ** 40), i(2 ** 20))).toThrow(DmlError);
    try {
      scalarBinary('+', i(Number.MAX_SAFE_INTEGER), i(1));
      expect.unreachable();
    } catch (e) {
      expect((e as DmlError).diagnostics[0]!.code).toBe('DML5003');
    }
    expect(scalarBinary('*', d(2 ** 40), i(2 ** 20))).toEqual(d(2 ** 60));
  });

  it('string concatenation uses Java double formatting', () => {
    expect(scalarBinary('+', s('a'), d(1))).toEqual(s('a1.0'));
    expect(scalarBinary('+', s('a'), i(1))).toEqual(s('a1'));
    expect(scalarBinary('+', d(6.042e7), s('x'))).toEqual(s('6.042E7x'));
    expect(scalarBinary('+', s('v='), b(true))).toEqual(s('v=TRUE'));
    expect(scalarBinary('+', s('a'), d(0.0001))).toEqual(s('a1.0E-4'));
  });

  it('bitwise ops cast like Java (NaN -> 0) instead of throwing', () => {
    expect(scalarBinary('bitwOr', d(NaN), i(3))).toEqual(i(3));
    expect(scalarBinary('bitwAnd', d(7.9), i(3))).toEqual(i(3));
  });

  it('string comparison is lexicographic', () => {
    expect(scalarBinary('<', s('abc'), s('abd'))).toEqual(b(true));
    expect(scalarBinary('==', s('x'), s('x'))).toEqual(b(true));
    expect(scalarBinary('>', s('B'), s('a'))).toEqual(b(false));
  });

  it('arithmetic on strings fails', () => {
    expect(() => scalarBinary('-', s('a'), i(1))).toThrow(/not defined for a string/);
  });
});

describe('scalarUnary', () => {
  it('types', () => {
    expect(scalarUnary('u-', i(3))).toEqual(i(-3));
    expect(scalarUnary('u-', d(3))).toEqual(d(-3));
    expect(scalarUnary('!', i(0))).toEqual(b(true));
    expect(scalarUnary('!', b(true))).toEqual(b(false));
    expect(scalarUnary('abs', i(-3))).toEqual(d(3));
    expect(scalarUnary('sqrt', d(16))).toEqual(d(4));
    expect(scalarUnary('is.nan', d(NaN))).toEqual(b(true));
    expect(scalarUnary('is.infinite', d(-Infinity))).toEqual(b(true));
    expect(scalarUnary('sigmoid', d(0))).toEqual(d(0.5));
    expect(scalarUnary('sign', d(-2))).toEqual(d(-1));
  });
  it('round is Java Math.round', () => {
    expect(javaRound(2.5)).toBe(3);
    expect(javaRound(-2.5)).toBe(-2);
    expect(Object.is(javaRound(-0.4), 0)).toBe(true);
    expect(javaRound(NaN)).toBe(0);
    expect(javaRound(0.49999999999999994)).toBe(0);
  });
  it('javaDoubleToString', () => {
    expect(javaDoubleToString(10)).toBe('10.0');
    expect(javaDoubleToString(1e7)).toBe('1.0E7');
    expect(javaDoubleToString(-0.5)).toBe('-0.5');
  });
});
