import '../../../src/engine/io/columnar-register.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { FrameBlock, bool, dbl, int, str, type Value } from '../../../src/engine/data/values.js';
import type { FileFormat } from '../../../src/engine/io/formats.js';
import { readValue } from '../../../src/engine/io/read.js';
import { writeValue } from '../../../src/engine/io/write.js';
import { expectSameMatrix, sampleMatrices, tempDir, hostFiles } from './helpers.js';

const dir = tempDir();

function write(v: Value, name: string, format: FileFormat, extra: Partial<{ header: boolean; sep: string; sparse: boolean }> = {}): string {
  const path = join(dir, name);
  writeValue(v, { path, files: hostFiles, format, header: false, sep: ',', sparse: false, ...extra }, NO_SPAN);
  return path;
}

const read = (path: string): Value => readValue({ path, files: hostFiles, name: path, args: {} }, NO_SPAN);

describe('matrix round trips through every format (dims from .mtd)', () => {
  const formats: FileFormat[] = ['text', 'csv', 'mm', 'binary', 'libsvm'];
  for (const format of formats) {
    for (const [name, m] of Object.entries(sampleMatrices())) {
      // LIBSVM needs a label column, so it cannot hold a matrix without columns.
      if (format === 'libsvm' && m.cols === 0) continue;
      it(`${format}: ${name}`, () => {
        const p = write(m, `${name}.${format}`, format);
        const back = read(p);
        expect(back.dt).toBe('matrix');
        expectSameMatrix(back as MatrixBlock, m);
        const mtd = JSON.parse(readFileSync(`${p}.mtd`, 'utf8'));
        expect(mtd).toMatchObject({ data_type: 'matrix', value_type: 'double', rows: m.rows, cols: m.cols, nnz: m.nnz, format, author: 'tessera' });
        expect(typeof mtd.created).toBe('string');
      });
    }
  }

  it('csv with header, another separator and sparse=TRUE', () => {
    const m = sampleMatrices()['sparse']!;
    const p = write(m, 'hs.csv', 'csv', { header: true, sep: ';', sparse: true });
    expect(readFileSync(p, 'utf8').split('\n')[0]!.startsWith('C1;C2;')).toBe(true);
    expect(JSON.parse(readFileSync(`${p}.mtd`, 'utf8'))).toMatchObject({ header: true, sep: ';' });
    expectSameMatrix(read(p) as MatrixBlock, m);
  });

  it('text writes only non-zeros, 1-based, with exact doubles', () => {
    const m = MatrixBlock.fromRows([
      [0, 0.1],
      [1e-300, 0],
    ]);
    const p = write(m, 'exact.text', 'text');
    expect(readFileSync(p, 'utf8')).toBe('1 2 0.1\n2 1 1.0E-300\n');
    expect(readFileSync(write(MatrixBlock.zeros(3, 3), 'z.text', 'text'), 'utf8')).toBe('');
  });

  it('binary picks the sparse layout for sparse data and is compact', () => {
    const m = MatrixBlock.fromTriples(300, 300, [5], [7], [3]);
    const p = write(m, 'big.bin', 'binary');
    expect(readFileSync(p).length).toBeLessThan(2000);
    expectSameMatrix(read(p) as MatrixBlock, m);
  });
});

describe('frames and scalars round trip', () => {
  const f = new FrameBlock(['string', 'double', 'int', 'boolean'], ['name', 'x, y', 'n', 'ok'], [
    ['a', null, 'say "hi"'],
    [1.5, NaN, -2],
    [3, 4, null],
    [true, false, null],
  ]);
  for (const format of ['csv', 'text'] as const) {
    it(`frame as ${format}`, () => {
      const p = write(f, `f.${format}`, format, { header: true });
      const back = read(p) as FrameBlock;
      expect(back.dt).toBe('frame');
      expect(back.schema).toEqual(f.schema);
      expect(back.columns).toEqual(f.columns);
      if (format === 'csv') expect(back.columnNames).toEqual(f.columnNames);
      expect(JSON.parse(readFileSync(`${p}.mtd`, 'utf8'))).toMatchObject({ data_type: 'frame', rows: 3, cols: 4, schema: 'STRING,FP64,INT64,BOOLEAN' });
    });
  }
  it('scalars of every value type', () => {
    for (const [k, v] of [dbl(0.1), dbl(NaN), int(42), bool(true), str(' two words ')].entries()) {
      const p = write(v, `s${k}.scalar`, 'text');
      expect(read(p)).toEqual(v);
      expect(JSON.parse(readFileSync(`${p}.mtd`, 'utf8'))).toMatchObject({ data_type: 'scalar', value_type: v.vt });
    }
  });
  it('overwrites an existing file and a part-file directory', () => {
    const p = write(MatrixBlock.scalar(1), 'over.text', 'text');
    write(MatrixBlock.scalar(2), 'over.text', 'text');
    expectSameMatrix(read(p) as MatrixBlock, MatrixBlock.scalar(2));
    expect(existsSync(`${p}.mtd`)).toBe(true);
  });
});
