/**
 * Unit tests of the column encoders. Expected values are hand-computed from SystemDS's encoder
 * semantics (runtime/transform/encode/ColumnEncoderRecode, ColumnEncoderBin, ColumnEncoderFeatureHash,
 * ColumnEncoderDummycode, EncoderMVImpute, EncoderOmit).
 */
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { DmlError } from '../../../src/common/diagnostics.js';
import {
  binCode,
  buildBin,
  buildImpute,
  buildRecode,
  hashCode,
} from '../../../src/engine/frames/encoders.js';
import { javaStringHash } from '../../../src/engine/frames/cells.js';
import { parseLenientJson, parseTransformSpec } from '../../../src/engine/frames/spec.js';
import { frameOf } from './helpers.js';

describe('recode', () => {
  it('codes distinct tokens 1..n in order of first appearance, skipping missing cells', () => {
    const F = frameOf([['b', 'a', 'b', null, '', 'c']]);
    expect([...buildRecode(F, 0)]).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
  });

  it('uses the Java token of numeric cells (1.0, not 1)', () => {
    const F = frameOf([[1, 2.5, 1]], ['double']);
    expect([...buildRecode(F, 0).keys()]).toEqual(['1.0', '2.5']);
    const G = frameOf([[1, 2, 1]], ['int']);
    expect([...buildRecode(G, 0).keys()]).toEqual(['1', '2']);
  });
});

describe('bin', () => {
  it('equi-width: numbins equal bins over [min, max], codes clamped to 1..n', () => {
    // 1..10 in 3 bins of width 3: [1,4], [4,7], [7,10]; code = ceil((v-1)/9*3) clamped.
    const F = frameOf([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], ['double']);
    const b = buildBin(F, 0, 'equi-width', 3, NO_SPAN);
    expect(b.mins).toEqual([1, 4, 7]);
    expect(b.maxs).toEqual([4, 7, 10]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => binCode(b, v))).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(binCode(b, -5)).toBe(1);
    expect(binCode(b, 50)).toBe(3);
    expect(binCode(b, NaN)).toBeNaN();
  });

  it('equi-width with one distinct value makes a single bin', () => {
    const b = buildBin(frameOf([[4, 4, 4]], ['double']), 0, 'equi-width', 5, NO_SPAN);
    expect(b.mins).toEqual([4]);
    expect(binCode(b, 4)).toBe(1);
  });

  it('equi-height: bin maxima at the quantile positions of the sorted values', () => {
    // sorted 1..6, 2 bins: pos 3 -> 3, last -> 6; mins [1, 3].
    const F = frameOf([[5, 1, 3, 2, 4, 6]], ['double']);
    const b = buildBin(F, 0, 'equi-height', 2, NO_SPAN);
    expect(b.maxs).toEqual([3, 6]);
    expect(b.mins).toEqual([1, 3]);
    expect([5, 1, 3, 2, 4, 6].map((v) => binCode(b, v))).toEqual([2, 1, 1, 1, 2, 2]);
  });

  it('bins numeric strings and ignores missing cells; a non-numeric string is an error', () => {
    const b = buildBin(frameOf([['1', null, '3']]), 0, 'equi-width', 2, NO_SPAN);
    expect(b.maxs).toEqual([2, 3]);
    expect(() => buildBin(frameOf([['1', 'x']], undefined, ['age']), 0, 'equi-width', 2, NO_SPAN)).toThrow(
      /age/,
    );
  });
});

describe('hash', () => {
  it("uses Java's String.hashCode: |h| % K + 1", () => {
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('hello')).toBe(99162322);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
    expect(hashCode('a', 10)).toBe(8);
    expect(hashCode('hello', 10)).toBe(3);
  });
});

describe('impute', () => {
  it('global_mean is the mean of the non-missing values', () => {
    const F = frameOf([[1, null, 2, NaN, 6]], ['double']);
    expect(buildImpute(F, 0, 'global_mean', undefined, NO_SPAN)).toEqual({
      method: 'global_mean',
      replacement: '3.0',
    });
  });
  it('global_mode is the most frequent token (first seen wins ties)', () => {
    const F = frameOf([['x', 'y', 'y', null, 'x', 'z']]);
    expect(buildImpute(F, 0, 'global_mode', undefined, NO_SPAN).replacement).toBe('x');
    const G = frameOf([['x', 'y', 'y', null]]);
    expect(buildImpute(G, 0, 'global_mode', undefined, NO_SPAN).replacement).toBe('y');
  });
  it('constant uses the given value', () => {
    expect(buildImpute(frameOf([[null]]), 0, 'constant', 'NA', NO_SPAN).replacement).toBe('NA');
  });
});

describe('spec parsing', () => {
  it('accepts strict JSON and json4j-style unquoted keys and words', () => {
    expect(parseLenientJson('{"recode": ["a", "b"], "ids": false}', NO_SPAN)).toEqual({
      recode: ['a', 'b'],
      ids: false,
    });
    expect(
      parseLenientJson('{ids:true, recode:[1, 2], bin:[{id:3, method:equi-width, numbins:4}]}', NO_SPAN),
    ).toEqual({
      ids: true,
      recode: [1, 2],
      bin: [{ id: 3, method: 'equi-width', numbins: 4 }],
    });
  });

  it('resolves columns by name, or by 1-based id with "ids": true', () => {
    const s = parseTransformSpec(
      '{recode: [b], bin: [{name: c, method: equi-height, numbins: 2}]}',
      ['a', 'b', 'c'],
      NO_SPAN,
    );
    expect([...s.recode]).toEqual([1]);
    expect(s.bin.get(2)).toEqual({ method: 'equi-height', numbins: 2 });
    const t = parseTransformSpec('{ids: true, dummycode: [1], hash: [3], K: 5}', ['a', 'b', 'c'], NO_SPAN);
    expect([...t.dummycode]).toEqual([0]);
    expect([...t.recode]).toEqual([0]); // dummycode implies recode
    expect([...t.hash]).toEqual([2]);
    expect(t.hashK).toBe(5);
  });

  it('dummycode after bin or hash does not add a recode', () => {
    const s = parseTransformSpec(
      '{ids: true, dummycode: [1, 2], bin: [{id: 1, method: equi-width, numbins: 2}], hash: [2], K: 3}',
      ['a', 'b'],
      NO_SPAN,
    );
    expect(s.recode.size).toBe(0);
  });

  it('rejects unknown columns, conflicting encoders, bad methods, and names unsupported features', () => {
    const cols = ['a', 'b'];
    expect(() => parseTransformSpec('{recode: [x]}', cols, NO_SPAN)).toThrow(/no column named 'x'/);
    expect(() => parseTransformSpec('{ids: true, recode: [3]}', cols, NO_SPAN)).toThrow(/out of range/);
    expect(() => parseTransformSpec('{ids: true, recode: [1], hash: [1], K: 2}', cols, NO_SPAN)).toThrow(
      /more than one/,
    );
    expect(() => parseTransformSpec('{bin: [{name: a, method: fancy}]}', cols, NO_SPAN)).toThrow(
      /bin method/,
    );
    expect(() => parseTransformSpec('{impute: [{name: a, method: constant}]}', cols, NO_SPAN)).toThrow(
      /value/,
    );
    expect(() => parseTransformSpec('{hash: [a]}', cols, NO_SPAN)).toThrow(/K/);
    expect(() => parseTransformSpec('{recode: [a]', cols, NO_SPAN)).toThrow(DmlError);
    try {
      parseTransformSpec('{udf: {name: f}}', cols, NO_SPAN);
      expect.unreachable();
    } catch (e) {
      expect((e as DmlError).diagnostics[0]!.code).toBe('DML9001');
    }
  });
});
