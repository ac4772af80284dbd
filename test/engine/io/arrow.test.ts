import '../../../src/engine/io/columnar-register.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Int32, makeVector, Table, tableFromIPC, Type, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/api/run.js';
import { NO_SPAN } from '../../../src/common/span.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { FrameBlock } from '../../../src/engine/data/values.js';
import { arrowToFrame, arrowToMatrix, frameToArrow, matrixToArrow } from '../../../src/engine/io/arrow.js';
import { readValue } from '../../../src/engine/io/read.js';
import { writeValue } from '../../../src/engine/io/write.js';
import { expectSameMatrix, sampleMatrices, tempDir, hostFiles } from './helpers.js';

const dir = tempDir();

describe('matrix <-> Arrow table', () => {
  it('one Float64 column per matrix column named C1..Cn, NaN as null', () => {
    const m = MatrixBlock.fromRows([
      [1, NaN],
      [3, 4],
    ]);
    const t = matrixToArrow(m);
    expect(t.schema.fields.map((f) => [f.name, f.type.typeId])).toEqual([
      ['C1', Type.Float],
      ['C2', Type.Float],
    ]);
    expect(t.getChild('C2')!.get(0)).toBeNull();
    expect(t.getChild('C2')!.get(1)).toBe(4);
    expectSameMatrix(arrowToMatrix(t), m);
    expect(matrixToArrow(m, ['a', 'b']).schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
  });
  it('a single-column matrix is shared, not copied, both ways', () => {
    const data = new Float64Array([1, 2, 3]);
    const m = MatrixBlock.dense(3, 1, data);
    const t = matrixToArrow(m);
    expect(t.getChildAt(0)!.data[0]!.values).toBe(data);
    const back = arrowToMatrix(t);
    expect(back.denseData()).toBe(data);
  });
  it('integer, boolean and nullable columns become doubles, nulls NaN', () => {
    const t = new Table({
      i: vectorFromArray([1, null, 3], new Int32()),
      x: makeVector(new Float64Array([0.5, 1.5, 2.5])),
      b: vectorFromArray([true, false, null]),
    });
    const m = arrowToMatrix(t);
    expect([m.rows, m.cols]).toEqual([3, 3]);
    expect(Array.from(m.denseData())).toEqual([1, 0.5, 1, NaN, 1.5, 0, 3, 2.5, NaN]);
  });
  it('a string column cannot become a matrix', () => {
    const t = new Table({ s: vectorFromArray(['a']) });
    expect(() => arrowToMatrix(t)).toThrow(/numeric columns/);
  });
});

describe('frame <-> Arrow table', () => {
  const f = new FrameBlock(
    ['string', 'double', 'int', 'boolean'],
    ['name', 'score', 'count', 'ok'],
    [
      ['a', null, 'c'],
      [1.5, NaN, null],
      [1, 2, null],
      [true, null, false],
    ],
  );
  it('keeps names, types and nulls', () => {
    const t = frameToArrow(f);
    expect(t.schema.fields.map((x) => [x.name, String(x.type)])).toEqual([
      ['name', 'Utf8'],
      ['score', 'Float64'],
      ['count', 'Int64'],
      ['ok', 'Bool'],
    ]);
    const back = arrowToFrame(t);
    expect(back.schema).toEqual(f.schema);
    expect(back.columnNames).toEqual(f.columnNames);
    expect(back.columns).toEqual(f.columns);
  });
  it('a foreign table maps Arrow types to frame types', () => {
    const t = new Table({ s: vectorFromArray(['x', 'y']), n: vectorFromArray([1, 2], new Int32()) });
    const fr = arrowToFrame(t);
    expect(fr.schema).toEqual(['string', 'int']);
    expect(fr.columns).toEqual([
      ['x', 'y'],
      [1, 2],
    ]);
  });
});

describe('DML read/write format="arrow" (IPC file)', () => {
  for (const [name, m] of Object.entries(sampleMatrices())) {
    it(`matrix round trip: ${name}`, () => {
      const p = join(dir, `${name}.arrow`);
      writeValue(m, { path: p, files: hostFiles, format: 'arrow', header: false, sep: ',', sparse: false }, NO_SPAN);
      expect(readFileSync(p).subarray(0, 6).toString('latin1')).toBe('ARROW1');
      expect(JSON.parse(readFileSync(`${p}.mtd`, 'utf8'))).toMatchObject({
        format: 'arrow',
        rows: m.rows,
        cols: m.cols,
      });
      const back = readValue({ path: p, files: hostFiles, name: p, args: {} }, NO_SPAN) as MatrixBlock;
      expectSameMatrix(back, m);
    });
  }
  it('a script writes and reads matrices and frames with identical values', () => {
    const f = new FrameBlock(
      ['string', 'double', 'int'],
      ['C1', 'C2', 'C3'],
      [
        ['a', 'b,c', null],
        [1.5, NaN, -2],
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
        X = rand(rows=20, cols=4, seed=7, sparsity=0.6)
        X[3, 2] = 0/0
        write(X, "x.arrow", format="arrow")
        Y = read("x.arrow")
        print(sum(X == Y) + sum(is.nan(X) & is.nan(Y)))
        F = read("f.csv", data_type="frame", format="csv", header=TRUE)
        write(F, "f.arrow", format="arrow")
        G = read("f.arrow", data_type="frame")
      `,
      cwd: dir,
      print: (l) => out.push(l),
    });
    expect(out[0]).toBe('80.0');
    const t = tableFromIPC(readFileSync(join(dir, 'x.arrow')));
    expect(t.numRows).toBe(20);
    expect(t.getChild('C2')!.get(2)).toBeNull();
    const F = r.variables.get('F') as FrameBlock;
    const G = r.variables.get('G') as FrameBlock;
    expect(G.schema).toEqual(F.schema);
    expect(G.columnNames).toEqual(F.columnNames);
    expect(G.columns).toEqual(F.columns);
  });
  it('a file that is not Arrow fails with DML6002', () => {
    writeFileSync(join(dir, 'bad.bin'), 'not arrow at all');
    expect(() =>
      runScript({ text: 'X = read("bad.bin", format="arrow")\nprint(sum(X))', cwd: dir, print: () => {} }),
    ).toThrow(/DML6002.*not an Arrow/);
  });
});
