import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareResults,
  parseCsv,
  parseIjv,
  parseMatrixMarket,
  parseNumber,
  readDmlOutput,
  readExpected,
  type MatrixResult,
} from './read-outputs.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'read-outputs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string, mtd?: object): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  if (mtd) fs.writeFileSync(`${p}.mtd`, JSON.stringify(mtd));
  return p;
}

function m(rows: number, cols: number, entries: Array<[number, number, number]>): MatrixResult {
  return { kind: 'matrix', rows, cols, cells: new Map(entries.map(([i, j, v]) => [`${i},${j}`, v])) };
}

describe('parsers', () => {
  it('parses numbers as SystemDS and R print them', () => {
    expect(parseNumber('1.5e-3')).toBe(0.0015);
    expect(parseNumber('NaN')).toBeNaN();
    expect(parseNumber('Infinity')).toBe(Infinity);
    expect(parseNumber('-Inf')).toBe(-Infinity);
    expect(parseNumber('TRUE')).toBe(1);
    expect(parseNumber('false')).toBe(0);
    expect(() => parseNumber('abc')).toThrow(/not a number/);
  });

  it('reads IJV text with dims from the caller or the largest index', () => {
    const r = parseIjv('1 1 2.5\n3 2 -1\n\n');
    expect(r.rows).toBe(3);
    expect(r.cols).toBe(2);
    expect(r.cells.get('3,2')).toBe(-1);
    expect(parseIjv('1 1 1\n', 4, 5).rows).toBe(4);
    expect(() => parseIjv('1 1\n')).toThrow(/bad IJV/);
  });

  it('reads CSV with and without a header', () => {
    const r = parseCsv('a,b\n1,0\n0,3\n', true);
    expect([r.rows, r.cols]).toEqual([2, 2]);
    expect(r.cells.get('2,2')).toBe(3);
    expect(r.cells.has('1,2')).toBe(false);
    expect(parseCsv('1;2\n', false, ';').cells.get('1,2')).toBe(2);
  });

  it('reads Matrix Market coordinate, pattern, symmetric and array files', () => {
    const general = parseMatrixMarket(
      '%%MatrixMarket matrix coordinate real general\n% comment\n2 3 2\n1 1 0.5\n2 3 -4\n',
    );
    expect([general.rows, general.cols]).toEqual([2, 3]);
    expect(general.cells.get('2,3')).toBe(-4);
    const sym = parseMatrixMarket('%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 1 7\n2 1 3\n');
    expect(sym.cells.get('1,2')).toBe(3);
    expect(sym.cells.get('2,1')).toBe(3);
    const pattern = parseMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n3 3 1\n2 2\n');
    expect(pattern.cells.get('2,2')).toBe(1);
    const empty = parseMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n37 1 0\n');
    expect([empty.rows, empty.cols, empty.cells.size]).toEqual([37, 1, 0]);
    const arr = parseMatrixMarket('%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n0\n');
    expect(arr.cells.get('2,1')).toBe(2);
    expect(arr.cells.get('1,2')).toBe(3);
    expect(arr.cells.has('2,2')).toBe(false);
    expect(() => parseMatrixMarket('hello')).toThrow(/not a Matrix Market/);
  });
});

describe('readDmlOutput / readExpected', () => {
  it('reads a text matrix with its .mtd (dims from the .mtd, trailing empty rows kept)', () => {
    const p = write('B', '1 1 1.0\n2 1 2.0\n', {
      data_type: 'matrix',
      value_type: 'double',
      rows: 5,
      cols: 1,
      format: 'text',
    });
    const r = readDmlOutput(p);
    expect(r.kind).toBe('matrix');
    expect(r.kind === 'matrix' && [r.rows, r.cols]).toEqual([5, 1]);
  });

  it('reads part-file directories', () => {
    const dir = path.join(tmp, 'P');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '0-m-00000'), '1 1 1\n');
    fs.writeFileSync(path.join(dir, '0-m-00001'), '2 2 4\n');
    fs.writeFileSync(path.join(dir, '_SUCCESS'), '');
    fs.writeFileSync(`${dir}.mtd`, JSON.stringify({ data_type: 'matrix', rows: 2, cols: 2, format: 'text' }));
    const r = readDmlOutput(dir);
    expect(r.kind === 'matrix' && r.cells.get('2,2')).toBe(4);
  });

  it('reads csv outputs and scalars with or without .mtd', () => {
    const c = readDmlOutput(
      write('Ccsv', '1.0,2.0\n3.0,4.0\n', { data_type: 'matrix', rows: 2, cols: 2, format: 'csv' }),
    );
    expect(c.kind === 'matrix' && c.cells.get('2,1')).toBe(3);
    expect(
      readDmlOutput(write('s1', '42.5', { data_type: 'scalar', value_type: 'double', format: 'text' })),
    ).toEqual({
      kind: 'scalar',
      value: 42.5,
    });
    expect(readDmlOutput(write('s2', 'TRUE\n'))).toEqual({ kind: 'scalar', value: 1 });
    expect(readDmlOutput(write('s3', 'hello world\n'))).toEqual({ kind: 'scalar', value: 'hello world' });
    expect(() => readDmlOutput(path.join(tmp, 'nope'))).toThrow(/not written/);
  });

  it('reads R expectations: Matrix Market or plain text', () => {
    expect(
      readExpected(write('e1', '%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 3\n')).kind,
    ).toBe('matrix');
    expect(readExpected(write('e2', '3.25\n'))).toEqual({ kind: 'scalar', value: 3.25 });
  });
});

describe('compareResults', () => {
  it('accepts equal matrices, treating absent cells as 0 and NaN as equal to NaN', () => {
    expect(
      compareResults(
        m(2, 2, [
          [1, 1, 1],
          [2, 2, 0],
        ]),
        m(2, 2, [[1, 1, 1]]),
        1e-9,
      ),
    ).toEqual([]);
    expect(compareResults(m(1, 1, [[1, 1, NaN]]), m(1, 1, [[1, 1, NaN]]), 1e-9)).toEqual([]);
    expect(compareResults(m(1, 1, [[1, 1, Infinity]]), m(1, 1, [[1, 1, Infinity]]), 1e-9)).toEqual([]);
  });

  it('uses a relative tolerance for large values and an absolute one below 1', () => {
    expect(compareResults(m(1, 1, [[1, 1, 1e6 + 1e-2]]), m(1, 1, [[1, 1, 1e6]]), 1e-9)).toHaveLength(1);
    expect(compareResults(m(1, 1, [[1, 1, 1e6 + 1e-2]]), m(1, 1, [[1, 1, 1e6]]), 1e-6)).toEqual([]);
    expect(compareResults(m(1, 1, [[1, 1, 1e-10]]), m(1, 1, []), 1e-9)).toEqual([]);
    expect(compareResults(m(1, 1, [[1, 1, 1e-8]]), m(1, 1, []), 1e-9)).toHaveLength(1);
  });

  it("accepts NaN and infinities where R's writeMM wrote its 1e308 stand-in", () => {
    expect(
      compareResults(
        m(1, 3, [
          [1, 1, NaN],
          [1, 2, Infinity],
          [1, 3, -Infinity],
        ]),
        m(1, 3, [
          [1, 1, 1e308],
          [1, 2, 1e308],
          [1, 3, -1e308],
        ]),
        1e-9,
      ),
    ).toEqual([]);
    expect(compareResults(m(1, 1, [[1, 1, 5]]), m(1, 1, [[1, 1, 1e308]]), 1e-9)).toHaveLength(1);
    expect(compareResults(m(1, 1, [[1, 1, NaN]]), m(1, 1, [[1, 1, -1e308]]), 1e-9)).toHaveLength(1);
  });

  it('reports value, NaN and dimension mismatches', () => {
    expect(compareResults(m(2, 2, [[1, 2, 5]]), m(2, 2, [[1, 2, 6]]), 1e-9)[0]).toMatch(
      /cell \(1,2\): 5 vs expected 6/,
    );
    expect(compareResults(m(1, 1, [[1, 1, NaN]]), m(1, 1, [[1, 1, 0]]), 1e-9)).toHaveLength(1);
    expect(compareResults(m(2, 3, []), m(3, 2, []), 1e-9)[0]).toMatch(/dims/);
  });

  it('compares scalars with 1x1 matrices and strings exactly', () => {
    expect(compareResults({ kind: 'scalar', value: 2 }, m(1, 1, [[1, 1, 2]]), 1e-9)).toEqual([]);
    expect(compareResults({ kind: 'scalar', value: 0 }, m(1, 1, []), 1e-9)).toEqual([]);
    expect(compareResults({ kind: 'scalar', value: 2 }, m(2, 1, []), 1e-9)[0]).toMatch(/shape/);
    expect(compareResults({ kind: 'scalar', value: 'a b' }, { kind: 'scalar', value: 'a b' }, 0)).toEqual([]);
    expect(compareResults({ kind: 'scalar', value: 'a' }, { kind: 'scalar', value: 'b' }, 0)).toHaveLength(1);
  });
});
