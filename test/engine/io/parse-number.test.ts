import { describe, expect, it } from 'vitest';
import { parseJavaDouble } from '../../../src/engine/io/parse-number.js';

describe('parseJavaDouble', () => {
  it('accepts what Double.parseDouble accepts', () => {
    expect(parseJavaDouble('1')).toBe(1);
    expect(parseJavaDouble('-2.5e-3')).toBe(-0.0025);
    expect(parseJavaDouble(' +.5 ')).toBe(0.5);
    expect(parseJavaDouble('1.5d')).toBe(1.5);
    expect(parseJavaDouble('2f')).toBe(2);
    expect(parseJavaDouble('NaN')).toBeNaN();
    expect(parseJavaDouble('-Infinity')).toBe(-Infinity);
    expect(Object.is(parseJavaDouble('-0'), -0)).toBe(true);
  });
  it('rejects what JS Number() would wrongly accept', () => {
    for (const s of ['', ' ', '0x10', '0b1', '0o7', '-0x10', 'abc', '1,5', '1e', '--1']) expect(parseJavaDouble(s)).toBeUndefined();
  });
});
