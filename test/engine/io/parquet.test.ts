import '../../../src/engine/io/columnar-register.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/api/run.js';
import { NO_SPAN } from '../../../src/common/span.js';
import type { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { FrameBlock } from '../../../src/engine/data/values.js';
import { readParquetFile, writeParquetFile } from '../../../src/engine/io/parquet.js';
import { readValue } from '../../../src/engine/io/read.js';
import { writeValue } from '../../../src/engine/io/write.js';
import { expectSameMatrix, sampleMatrices, tempDir, hostFiles } from './helpers.js';

const dir = tempDir();

describe('DML read/write format="parquet"', () => {
  for (const [name, m] of Object.entries(sampleMatrices())) {
    it(`matrix round trip: ${name}`, () => {
      const p = join(dir, `${name}.parquet`);
      writeValue(m, { path: p, files: hostFiles, format: 'parquet', header: false, sep: ',', sparse: false }, NO_SPAN);
      expect(readFileSync(p).subarray(0, 4).toString('latin1')).toBe('PAR1');
      expect(JSON.parse(readFileSync(`${p}.mtd`, 'utf8'))).toMatchObject({
        format: 'parquet',
        rows: m.rows,
        cols: m.cols,
      });
      const back = readValue({ path: p, files: hostFiles, name: p, args: {} }, NO_SPAN) as MatrixBlock;
      expectSameMatrix(back, m);
    });
  }
  it('frames keep names, schema and nulls', () => {
    const f = new FrameBlock(
      ['string', 'double', 'int', 'boolean'],
      ['name', 'score', 'count', 'ok'],
      [
        ['a', null, 'c,d'],
        [1.5, NaN, null],
        [1, -2, null],
        [true, null, false],
      ],
    );
    const back = readParquetFile(writeParquetFile(f), 'f', 'frame', NO_SPAN) as FrameBlock;
    expect(back.schema).toEqual(f.schema);
    expect(back.columnNames).toEqual(f.columnNames);
    expect(back.columns).toEqual(f.columns);
  });
  it('a script writes and reads matrices and frames with identical values', () => {
    const f = new FrameBlock(
      ['string', 'double', 'int'],
      ['C1', 'C2', 'C3'],
      [
        ['a', 'b', null],
        [1.5, 2, -2],
        [1, 2, 3],
      ],
    );
    writeValue(
      f,
      { path: join(dir, 'f.csv'), files: hostFiles, format: 'csv', header: true, sep: ',', sparse: false },
      NO_SPAN,
    );
    const out: string[] = [];
    const r = runScript({
      text: `
        X = rand(rows=100, cols=7, seed=3, sparsity=0.5, min=-5, max=5)
        write(X, "x.parquet", format="parquet")
        Y = read("x.parquet")
        print(sum(X == Y))
        F = read("f.csv", data_type="frame", format="csv", header=TRUE)
        write(F, "f.parquet", format="parquet")
        G = read("f.parquet", data_type="frame")
      `,
      cwd: dir,
      print: (l) => out.push(l),
    });
    expect(out[0]).toBe('700.0');
    const F = r.variables.get('F') as FrameBlock;
    const G = r.variables.get('G') as FrameBlock;
    expect(G.schema).toEqual(F.schema);
    expect(G.columns).toEqual(F.columns);
  });
  it('without .mtd or format, Parquet and Arrow files are recognised by their magic bytes', () => {
    const m = sampleMatrices()['dense']!;
    writeFileSync(join(dir, 'raw.pq'), writeParquetFile(m));
    expectSameMatrix(
      readValue({ path: join(dir, 'raw.pq'), files: hostFiles, name: 'raw.pq', args: {} }, NO_SPAN) as MatrixBlock,
      m,
    );
  });
  it('reads files written by other tools: several row groups, dictionary strings, INT32/FLOAT, no compression', () => {
    const n = 1000;
    const buf = parquetWriteBuffer({
      columnData: [
        {
          name: 'cat',
          data: Array.from({ length: n }, (_, i) => ['red', 'green', 'blue'][i % 3]!),
          type: 'STRING',
        },
        { name: 'i32', data: Int32Array.from({ length: n }, (_, i) => i - 500), type: 'INT32' },
        { name: 'f32', data: Float32Array.from({ length: n }, (_, i) => i / 4), type: 'FLOAT' },
      ],
      rowGroupSize: 128,
      codec: 'UNCOMPRESSED',
    });
    const f = readParquetFile(new Uint8Array(buf), 'other', 'frame', NO_SPAN) as FrameBlock;
    expect(f.schema).toEqual(['string', 'int', 'double']);
    expect(f.rows).toBe(n);
    expect(f.get(999, 0)).toBe('red');
    expect(f.get(998, 0)).toBe('blue');
    expect(f.get(0, 1)).toBe(-500);
    expect(f.get(999, 2)).toBe(999 / 4);
    writeFileSync(join(dir, 'nums.parquet'), new Uint8Array(buf));
    const out: string[] = [];
    runScript({
      text: 'F = read("nums.parquet", data_type="frame")\nprint(nrow(F))',
      cwd: dir,
      print: (l) => out.push(l),
    });
    expect(out[0]).toBe('1000');
    expect(() =>
      runScript({ text: 'X = read("nums.parquet")\nprint(sum(X))', cwd: dir, print: () => {} }),
    ).toThrow(/column 'cat' of 'nums.parquet' holds strings; read it as a frame/);
  });
  it('a file that is not Parquet fails with DML6002', () => {
    writeFileSync(join(dir, 'bad.bin'), 'not parquet at all');
    expect(() =>
      runScript({ text: 'X = read("bad.bin", format="parquet")\nprint(sum(X))', cwd: dir, print: () => {} }),
    ).toThrow(/DML6002.*not a Parquet/);
  });
});
