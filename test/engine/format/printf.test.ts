import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { DmlError } from '../../../src/common/diagnostics.js';
import { bool, dbl, int, str, type ScalarValue } from '../../../src/engine/data/values.js';
import { javaFormat } from '../../../src/engine/format/printf.js';

const f = (fmt: string, ...args: ScalarValue[]): string => javaFormat(fmt, args, NO_SPAN);

describe('printf (Java String.format)', () => {
  it('formats the common conversions', () => {
    expect(f('%d items, %.2f avg, %s', int(3), dbl(2.5), str('x'))).toBe('3 items, 2.50 avg, x');
    expect(f('%f', dbl(1 / 3))).toBe('0.333333');
    expect(f('%e', dbl(12345.678))).toBe('1.234568e+04');
    expect(f('%E', dbl(12345.678))).toBe('1.234568E+04');
    expect(f('%g', dbl(0.0001234))).toBe('0.000123400');
    expect(f('%x %X %o', int(255), int(255), int(8))).toBe('ff FF 10');
    expect(f('%x', int(-1))).toBe('ffffffffffffffff');
    expect(f('100%% done%n', )).toBe('100% done\n');
  });
  it('%s shows Java objects: Double.toString, Long, lower-case booleans', () => {
    expect(f('%s %s %s %s', dbl(3), int(3), bool(true), dbl(6.042e7))).toBe('3.0 3 true 6.042E7');
    expect(f('%S|%.2s|%b|%B', str('ab'), str('xyz'), bool(false), int(0))).toBe('AB|xy|false|TRUE');
  });
  it('flags, width and precision', () => {
    expect(f('%5.1f|', dbl(3.14159))).toBe('  3.1|');
    expect(f('%-5s|', str('ab'))).toBe('ab   |');
    expect(f('%05d', int(-42))).toBe('-0042');
    expect(f('%,d', int(1234567))).toBe('1,234,567');
    expect(f('%,.2f', dbl(1234567.891))).toBe('1,234,567.89');
    expect(f('%+.1f % d', dbl(2), int(5))).toBe('+2.0  5');
    expect(f('%(d', int(-7))).toBe('(7)');
    expect(f('%#x', int(255))).toBe('0xff');
    expect(f('%2$s %1$s', str('a'), str('b'))).toBe('b a');
  });
  it('rounds HALF_UP on the shortest digits like Java', () => {
    expect(f('%.2f', dbl(0.125))).toBe('0.13');
    expect(f('%.1f', dbl(0.15))).toBe('0.2');
    expect(f('%.0f', dbl(-2.5))).toBe('-3');
  });
  it('NaN and infinities', () => {
    expect(f('%f %f %.2f', dbl(NaN), dbl(Infinity), dbl(-Infinity))).toBe('NaN Infinity -Infinity');
    expect(f('%08.2f|', dbl(NaN))).toBe('     NaN|');
  });
  it('%d of an integral double prints an integer; other mismatches fail with DML5010', () => {
    expect(f('%d', dbl(3))).toBe('3');
    expect(f('%f', int(2))).toBe('2.000000');
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return e instanceof DmlError ? e.diagnostics[0]!.code : 'not a DmlError';
      }
      return undefined;
    };
    expect(code(() => f('%d', dbl(2.5)))).toBe('DML5010');
    expect(code(() => f('%d', str('a')))).toBe('DML5010');
    expect(code(() => f('%f', bool(true)))).toBe('DML5010');
    expect(code(() => f('%d %d', int(1)))).toBe('DML5010');
    expect(code(() => f('%q', int(1)))).toBe('DML5010');
    expect(code(() => f('abc %', int(1)))).toBe('DML5010');
  });
});
