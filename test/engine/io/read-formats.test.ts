import '../../../src/engine/io/columnar-register.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { NO_SPAN } from '../../../src/common/span.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import type { FrameBlock, Value } from '../../../src/engine/data/values.js';
import type { Metadata } from '../../../src/engine/io/mtd.js';
import { readValue, type ReadRequest } from '../../../src/engine/io/read.js';
import { expectSameMatrix, tempDir, hostFiles } from './helpers.js';

const dir = tempDir();
let n = 0;

function file(text: string, mtd?: object): string {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, text);
  if (mtd) writeFileSync(`${p}.mtd`, JSON.stringify(mtd));
  return p;
}

function read(path: string, args: Metadata = {}, extra: Partial<ReadRequest> = {}): Value {
  return readValue({ path, files: hostFiles, name: path, args, ...extra }, NO_SPAN);
}

function error(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return { code: e.diagnostics[0]!.code, message: e.diagnostics[0]!.message };
    throw e;
  }
  throw new Error('expected a DmlError');
}

const m = (v: Value): MatrixBlock => v as MatrixBlock;

describe('text cells (IJV)', () => {
  it('takes dims from the arguments, else from the largest indices', () => {
    const p = file('1 1 2.5\n3 2 -1\n');
    expectSameMatrix(m(read(p)), MatrixBlock.fromRows([[2.5, 0], [0, 0], [0, -1]]));
    expect([m(read(p, { rows: 4, cols: 5 })).rows, m(read(p, { rows: 4, cols: 5 })).cols]).toEqual([4, 5]);
  });
  it('reads SystemDS-written metadata and the "1 1 0" line of an empty matrix', () => {
    const p = file('1 1 0\n', { data_type: 'matrix', value_type: 'double', rows: 3, cols: 2, nnz: 0, format: 'text', author: 'SystemDS', created: 'x' });
    const r = m(read(p));
    expect([r.rows, r.cols, r.nnz]).toEqual([3, 2, 0]);
  });
  it('reads a directory of part files as one matrix, skipping .crc and _SUCCESS', () => {
    const d = join(dir, 'parts');
    mkdirSync(d);
    writeFileSync(join(d, '0-m-00001'), '2 2 4\n');
    writeFileSync(join(d, '0-m-00000'), '1 1 1\n');
    writeFileSync(join(d, '.0-m-00000.crc'), 'garbage');
    writeFileSync(join(d, '_SUCCESS'), '');
    writeFileSync(`${d}.mtd`, JSON.stringify({ data_type: 'matrix', rows: 2, cols: 2, format: 'text' }));
    expectSameMatrix(m(read(d)), MatrixBlock.fromRows([[1, 0], [0, 4]]));
  });
  it('a later duplicate cell wins', () => {
    expectSameMatrix(m(read(file('1 1 1\n1 1 5\n'), { rows: 1, cols: 3 })), MatrixBlock.fromRows([[5, 0, 0]]));
  });
  it('malformed lines and out-of-range cells name file:line (DML6002)', () => {
    const p = file('1 1 1\n2 x 3\n');
    const e = error(() => read(p));
    expect(e.code).toBe('DML6002');
    expect(e.message).toContain(`${p}:2:`);
    expect(error(() => read(file('1 1 1\n\n5 1 2\n'), { rows: 2, cols: 2 })).message).toContain(':3:');
    expect(error(() => read(file('0 1 1\n'))).code).toBe('DML6002');
  });
});

describe('metadata', () => {
  it('arguments may add to the .mtd but not contradict it (DML6003)', () => {
    const p = file('1 1 1\n', { data_type: 'matrix', rows: 2, cols: 2, format: 'text' });
    expect(m(read(p, { rows: 2, format: 'text' })).rows).toBe(2);
    const e = error(() => read(p, { rows: 3 }));
    expect(e.code).toBe('DML6003');
    expect(e.message).toContain('rows=3');
    expect(error(() => read(p, { format: 'csv' })).code).toBe('DML6003');
  });
  it('accepts numeric strings, upper-case types and -1 for unknown', () => {
    const p = file('1 2 7\n', { data_type: 'MATRIX', value_type: 'DOUBLE', rows: '1', cols: -1, format: 'textcell' });
    expectSameMatrix(m(read(p)), MatrixBlock.fromRows([[0, 7]]));
  });
  it('invalid .mtd JSON is DML6002; a missing file is DML6001 naming it', () => {
    const p = file('1 1 1\n');
    writeFileSync(`${p}.mtd`, '{ nope');
    expect(error(() => read(p)).code).toBe('DML6002');
    const e = error(() => read(join(dir, 'does-not-exist.csv')));
    expect(e.code).toBe('DML6001');
    expect(e.message).toContain('does-not-exist.csv');
  });
  it('declared dims that do not match the data are an error', () => {
    expect(error(() => read(file('1,2\n3,4\n'), { format: 'csv', rows: 3 })).code).toBe('DML6002');
  });
});

describe('csv', () => {
  it('header, separator, quotes, fill and naStrings', () => {
    const p = file('a;b;c\n1;"2";\n"3.5";NA;-1e3\n');
    const r = m(read(p, { format: 'csv', header: true, sep: ';' }, { naStrings: ['NA'] }));
    expectSameMatrix(r, MatrixBlock.fromRows([[1, 2, 0], [3.5, NaN, -1000]]));
    const filled = m(read(file('1,,3\n'), { format: 'csv' }, { fillValue: 9 }));
    expectSameMatrix(filled, MatrixBlock.fromRows([[1, 9, 3]]));
    expect(error(() => read(file('1,,3\n'), { format: 'csv' }, { fill: false })).message).toContain(':1:');
  });
  it('Java number forms, NaN and Infinity', () => {
    expectSameMatrix(m(read(file('NaN,Infinity,-Infinity,+.5,1E2\n'), { format: 'csv' })), MatrixBlock.fromRows([[NaN, Infinity, -Infinity, 0.5, 100]]));
  });
  it('ragged rows and non-numbers name the line', () => {
    expect(error(() => read(file('1,2\n3\n'), { format: 'csv' })).message).toMatch(/:2: expected 2 field/);
    expect(error(() => read(file('1,2\n3,abc\n'), { format: 'csv' })).message).toMatch(/:2: field 2 is not a number/);
  });
  it('frames with a schema', () => {
    const p = file('name,age,ok\n"Smith, J",42,true\n,7,FALSE\n');
    const f = read(p, { format: 'csv', dataType: 'frame', header: true, schema: ['string', 'int', 'boolean'] }) as FrameBlock;
    expect(f.columnNames).toEqual(['name', 'age', 'ok']);
    expect(f.columns).toEqual([['Smith, J', null], [42, 7], [true, false]]);
    expect(error(() => read(file('x\n'), { format: 'csv', dataType: 'frame', schema: ['int'] })).code).toBe('DML6002');
  });
});

describe('Matrix Market', () => {
  it('coordinate general, with comments', () => {
    const p = file('%%MatrixMarket matrix coordinate real general\n% a comment\n2 3 2\n1 1 1.5\n2 3 -2\n');
    expectSameMatrix(m(read(p, { format: 'mm' })), MatrixBlock.fromRows([[1.5, 0, 0], [0, 0, -2]]));
  });
  it('is recognised without a format, and mirrors symmetric and pattern files', () => {
    const sym = file('%%MatrixMarket matrix coordinate integer symmetric\n2 2 2\n1 1 4\n2 1 7\n');
    expectSameMatrix(m(read(sym)), MatrixBlock.fromRows([[4, 7], [7, 0]]));
    const pat = file('%%MatrixMarket matrix coordinate pattern general\n2 2 1\n2 1\n');
    expectSameMatrix(m(read(pat)), MatrixBlock.fromRows([[0, 0], [1, 0]]));
    const skew = file('%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 3\n');
    expectSameMatrix(m(read(skew)), MatrixBlock.fromRows([[0, -3], [3, 0]]));
  });
  it('array layout is column-major', () => {
    const p = file('%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n');
    expectSameMatrix(m(read(p)), MatrixBlock.fromRows([[1, 3], [2, 4]]));
    const s = file('%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n');
    expectSameMatrix(m(read(s)), MatrixBlock.fromRows([[1, 2], [2, 3]]));
  });
  it('entries outside the size are errors with the line', () => {
    const p = file('%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n');
    expect(error(() => read(p)).message).toContain(':3:');
  });
});

describe('libsvm and binary', () => {
  it('libsvm: label first in the file, last column in the matrix', () => {
    const p = file('1 1:0.5 3:2\n-1 2:4\n');
    expectSameMatrix(m(read(p, { format: 'libsvm' })), MatrixBlock.fromRows([[0.5, 0, 2, 1], [0, 4, 0, -1]]));
    expect(error(() => read(file('1 1:x\n'), { format: 'libsvm' })).code).toBe('DML6002');
  });
  it('a corrupt binary file is DML6002', () => {
    const p = file('TSRB and then garbage that is long enough to have a header.........');
    expect(error(() => read(p, { format: 'binary' })).code).toBe('DML6002');
  });
});

describe('scalars', () => {
  it('reads by value type', () => {
    expect(read(file('3.5\n'), { dataType: 'scalar' })).toEqual({ dt: 'scalar', vt: 'double', value: 3.5 });
    expect(read(file('TRUE\n', { data_type: 'scalar', value_type: 'boolean' }))).toEqual({ dt: 'scalar', vt: 'boolean', value: true });
    expect(read(file('12\n'), { dataType: 'scalar', valueType: 'int' })).toEqual({ dt: 'scalar', vt: 'int', value: 12 });
    expect(error(() => read(file('abc\n'), { dataType: 'scalar' })).code).toBe('DML6002');
  });
});
