import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../../src/engine/format/decimal-format.js';
import { javaFixed, javaGeneral, javaScientific } from '../../../src/engine/format/java-float.js';

describe('formatDecimal (Java DecimalFormat, HALF_EVEN on the exact binary value)', () => {
  it('pads to the minimum and rounds at the maximum fraction digits', () => {
    expect(formatDecimal(1, 3, 3)).toBe('1.000');
    expect(formatDecimal(1.23456, 3, 3)).toBe('1.235');
    expect(formatDecimal(1.25, 1, 3)).toBe('1.25');
    expect(formatDecimal(2, 1, 3)).toBe('2.0');
    expect(formatDecimal(2, 0, 3)).toBe('2');
    expect(formatDecimal(123456789.5, 3, 3)).toBe('123456789.500');
  });
  it('breaks exact ties to even and inexact ones by the true value', () => {
    expect(formatDecimal(0.0625, 3, 3)).toBe('0.062'); // exact tie -> even
    expect(formatDecimal(0.1875, 3, 3)).toBe('0.188'); // exact tie -> even (8)
    expect(formatDecimal(0.0005, 3, 3)).toBe('0.001'); // binary value is above the tie
    expect(formatDecimal(1.0005, 3, 3)).toBe('1.000'); // binary value is below the tie
  });
  it('keeps the sign of negatives that round to zero, and of -0.0', () => {
    expect(formatDecimal(-0.0001, 3, 3)).toBe('-0.000');
    expect(formatDecimal(-1.5, 3, 3)).toBe('-1.500');
    expect(formatDecimal(-0, 3, 3)).toBe('-0.000');
  });
  it('prints huge values without exponent', () => {
    expect(formatDecimal(1e21, 3, 3)).toBe('1000000000000000000000.000');
    expect(formatDecimal(1.5e22, 0, 3)).toBe('15000000000000000000000');
  });
});

describe('Java Formatter float rounding (HALF_UP on the shortest digits)', () => {
  it('%f', () => {
    expect(javaFixed(0.125, 2)).toBe('0.13');
    expect(javaFixed(0.15, 1)).toBe('0.2');
    expect(javaFixed(2.5, 0)).toBe('3');
    expect(javaFixed(0, 6)).toBe('0.000000');
    expect(javaFixed(0.0004, 3)).toBe('0.000');
    expect(javaFixed(0.0005, 3)).toBe('0.001');
    expect(javaFixed(9.9999, 2)).toBe('10.00');
    expect(javaFixed(1e22, 1)).toBe('10000000000000000000000.0');
  });
  it('%e', () => {
    expect(javaScientific(12345.678, 6)).toBe('1.234568e+04');
    expect(javaScientific(0, 6)).toBe('0.000000e+00');
    expect(javaScientific(9.99999999, 2)).toBe('1.00e+01');
    expect(javaScientific(1.5e-300, 1, true)).toBe('1.5E-300');
  });
  it('%g', () => {
    expect(javaGeneral(0.0001234, 6)).toBe('0.000123400');
    expect(javaGeneral(123456789, 6)).toBe('1.23457e+08');
    expect(javaGeneral(3.14159, 6)).toBe('3.14159');
    expect(javaGeneral(0, 6)).toBe('0.00000');
    expect(javaGeneral(999999.5, 6)).toBe('1.00000e+06');
    expect(javaGeneral(0.00001, 6)).toBe('1.00000e-05');
  });
});
