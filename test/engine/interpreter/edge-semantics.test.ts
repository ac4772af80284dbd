/**
 * Ordinary programs at the edges get SystemDS's answer or a clear error, never a silent surprise
 * (issue 18, item 8): reversed slice bounds, source() inside a block, reading an empty directory.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlRunError } from '../../../src/api/run.js';
import { printed } from '../../helpers/run.js';
import { tempDir } from '../io/helpers.js';

function code(text: string, opts = {}): string {
  try {
    printed(text, opts);
  } catch (e) {
    if (e instanceof DmlRunError) return e.diagnostics[0]!.code;
    throw e;
  }
  return 'no error';
}

describe('slice bounds', () => {
  it.each([
    ['X[2:1,]', 'DML5001'],
    ['X[3:1,]', 'DML5001'],
    ['X[, 3:2]', 'DML5001'],
    ['X[0:1,]', 'DML5001'],
    ['X[2:4,]', 'DML5001'],
  ])('%s of a 3x3 matrix is an error (%s), as in SystemDS', (slice, want) => {
    expect(code(`X = matrix(1, rows=3, cols=3)\nprint(sum(${slice}))`)).toBe(want);
  });
  it('a whole-extent slice of an empty matrix is empty, not an error', () => {
    expect(printed('X = matrix(0, rows=0, cols=3)\ny = X[, 1]\nprint(nrow(y) + ncol(y))')).toEqual(['1']);
  });
  it('left indexing refuses reversed bounds too', () => {
    expect(code('X = matrix(1, rows=3, cols=3)\nX[2:1, 1] = matrix(5, rows=0, cols=1)\nprint(sum(X))')).toBe('DML5001');
  });
});

describe('imports inside blocks', () => {
  it.each([
    ['if', 'if (TRUE) {\n  source("lib.dml") as L\n}\nprint(1)'],
    ['for', 'for (i in 1:2) {\n  source("lib.dml") as L\n}\nprint(1)'],
    ['function', 'f = function() return (Double y) {\n  source("lib.dml") as L\n  y = 1\n}\nprint(f())'],
  ])('source() inside %s is DML1006, not silently ignored', (_where, script) => {
    expect(code(script)).toBe('DML1006');
  });
});

describe('reading', () => {
  it('an empty directory is an error naming it, not a 0x0 matrix', () => {
    const d = join(tempDir(), 'empty');
    mkdirSync(d);
    expect(code(`X = read("${d}", format="text", rows=2, cols=2)\nprint(sum(X))`)).toBe('DML6002');
  });
});

describe('statistics and casts at the edges', () => {
  it('cov of one or no observations is NaN (R: NA, NumPy: nan), not 0 or -0', () => {
    expect(printed('print(cov(matrix(1, rows=1, cols=1), matrix(2, rows=1, cols=1)))')).toEqual(['NaN']);
    expect(printed('print(cov(matrix(0, rows=0, cols=1), matrix(0, rows=0, cols=1)))')).toEqual(['NaN']);
    expect(printed('print(cov(seq(1, 3), seq(2, 6, 2)))')).toEqual(['2.0']);
  });
  it('as.integer beyond 2^53 is DML5003, not wrong digits', () => {
    expect(code('print(as.integer(2^62))')).toBe('DML5003');
    expect(printed('print(as.integer(2^52))')).toEqual(['4503599627370496']);
  });
});

describe('text results', () => {
  it('toString with an absurd decimal count is DML3001 naming the limit, not an internal error', () => {
    expect(code('print(toString(matrix(1, rows=2, cols=2), decimal=3000000000))')).toBe('DML3001');
    expect(printed('print(toString(matrix(0.5, rows=1, cols=1), decimal=5))')).toEqual(['0.50000\n']);
  });
});
