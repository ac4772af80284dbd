import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { builtinSpec } from '../../../src/common/builtins/catalogue.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { FrameBlock, ListValue, bool, dbl, int, str, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin, testContext } from '../../helpers/builtins.js';
import { expectSameMatrix, tempDir } from '../io/helpers.js';

function printed(args: Value[], names?: (string | undefined)[]): string[] {
  const out: string[] = [];
  callBuiltin('print', args, names, testContext(out));
  return out;
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof DmlError ? e.diagnostics[0]!.code : `not a DmlError: ${String(e)}`;
  }
  return 'no error';
}

describe('catalogue', () => {
  it('declares the io builtins as SystemDS names them', () => {
    for (const n of ['print', 'write', 'stop', 'assert']) {
      expect(builtinSpec(n)).toMatchObject({ sideEffect: true, outputs: 0 });
    }
    expect(builtinSpec('toString')!.params.map((p) => p.name)).toEqual(['target', 'rows', 'cols', 'decimal', 'sparse', 'sep', 'linesep']);
    expect(builtinSpec('read')!.returns(new Map())).toEqual([{ dataType: 'matrix', valueType: 'double' }]);
  });
});

describe('print', () => {
  it('scalars print like DML', () => {
    expect(printed([dbl(10)])).toEqual(['10.0']);
    expect(printed([dbl(6.042e7)])).toEqual(['6.042E7']);
    expect(printed([dbl(1e-4)])).toEqual(['1.0E-4']);
    expect(printed([dbl(-0)])).toEqual(['-0.0']);
    expect(printed([dbl(NaN)])).toEqual(['NaN']);
    expect(printed([dbl(Infinity)])).toEqual(['Infinity']);
    expect(printed([dbl(0.1 + 0.2)])).toEqual(['0.30000000000000004']);
    expect(printed([int(10)])).toEqual(['10']);
    expect(printed([bool(true)])).toEqual(['TRUE']);
    expect(printed([str('hello %d')])).toEqual(['hello %d']);
  });
  it('matrices, frames and lists print through toString', () => {
    expect(printed([MatrixBlock.fromRows([[1, 2], [3, 4]])])).toEqual(['1.000 2.000\n3.000 4.000\n']);
    const f = new FrameBlock(['string'], ['C1'], [['x']]);
    expect(printed([f])).toEqual(['# FRAME: nrow = 1, ncol = 1\n# C1\n# STRING\nx\n']);
    expect(printed([new ListValue([int(1), str('a')])])).toEqual(['List containing:\n[1, a]']);
  });
  it('several arguments: printf', () => {
    expect(printed([str('%s has %d rows, mean %.3f'), str('X'), int(10), dbl(2 / 3)])).toEqual(['X has 10 rows, mean 0.667']);
    expect(code(() => printed([int(1), int(2)]))).toBe('DML5010');
    expect(code(() => printed([str('%s'), MatrixBlock.scalar(1)]))).toBe('DML5010');
  });
});

describe('toString', () => {
  const X = MatrixBlock.fromRows([[1, 0], [0, -2.5]]);
  it('defaults and named options', () => {
    expect(callBuiltin('toString', [X])).toEqual(str('1.000 0.000\n0.000 -2.500\n'));
    expect(callBuiltin('toString', [X, bool(true)], [undefined, 'sparse'])).toEqual(str('1 1 1.000\n2 2 -2.500\n'));
    expect(callBuiltin('toString', [X, int(1), str(','), str('|')], [undefined, 'decimal', 'sep', 'linesep'])).toEqual(str('1.0,0.0|0.0,-2.5|'));
    expect(callBuiltin('toString', [X, int(1), int(1)], [undefined, 'rows', 'cols'])).toEqual(str('1.000\n'));
  });
});

describe('stop and assert', () => {
  it('stop throws DML5000 with the message', () => {
    try {
      callBuiltin('stop', [str('bad input')]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DmlError);
      expect((e as DmlError).diagnostics[0]).toMatchObject({ code: 'DML5000', message: 'bad input' });
    }
  });
  it('assert(FALSE) throws DML5005, assert(TRUE) does nothing', () => {
    expect(callBuiltin('assert', [bool(true)])).toBeUndefined();
    expect(code(() => callBuiltin('assert', [bool(false)]))).toBe('DML5005');
    expect(code(() => callBuiltin('assert', [int(0)]))).toBe('DML5005');
  });
});

describe('read and write', () => {
  const d = tempDir();
  it('write then read, default text format, with .mtd', () => {
    const p = join(d, 'X');
    const X = MatrixBlock.fromRows([[1.5, 0], [0, NaN]]);
    expect(callBuiltin('write', [X, str(p)])).toBeUndefined();
    expect(readFileSync(p, 'utf8')).toBe('1 1 1.5\n2 2 NaN\n');
    expect(JSON.parse(readFileSync(`${p}.mtd`, 'utf8'))).toMatchObject({ rows: 2, cols: 2, nnz: 2, format: 'text' });
    expectSameMatrix(callBuiltin('read', [str(p)]) as MatrixBlock, X);
  });
  it('csv with named options; read(format=..., header=...)', () => {
    const p = join(d, 'Y.csv');
    const Y = MatrixBlock.fromRows([[1, 2, 3]]);
    callBuiltin('write', [Y, str(p), str('csv'), bool(true), str('|')], [undefined, undefined, 'format', 'header', 'sep']);
    expect(readFileSync(p, 'utf8')).toBe('C1|C2|C3\n1.0|2.0|3.0\n');
    expectSameMatrix(callBuiltin('read', [str(p)]) as MatrixBlock, Y);
    writeFileSync(join(d, 'raw.csv'), 'h1,h2\n1,NA\n');
    const r = callBuiltin('read', [str(join(d, 'raw.csv')), str('csv'), bool(true), str('NA')], [undefined, 'format', 'header', 'naStrings']) as MatrixBlock;
    expectSameMatrix(r, MatrixBlock.fromRows([[1, NaN]]));
  });
  it('scalars and frames by data_type', () => {
    const p = join(d, 's');
    callBuiltin('write', [int(7), str(p)]);
    expect(callBuiltin('read', [str(p), str('scalar'), str('int')], [undefined, 'data_type', 'value_type'])).toEqual(int(7));
    const fp = join(d, 'F.csv');
    writeFileSync(fp, 'a,1\nb,2\n');
    const F = callBuiltin('read', [str(fp), str('frame'), str('csv'), str('STRING,INT64')], [undefined, 'data_type', 'format', 'schema']) as FrameBlock;
    expect(F.columns).toEqual([['a', 'b'], [1, 2]]);
  });
  it('errors: unknown format, contradiction with .mtd, missing file', () => {
    const p = join(d, 'Z');
    callBuiltin('write', [MatrixBlock.scalar(1), str(p)]);
    expect(code(() => callBuiltin('write', [MatrixBlock.scalar(1), str(p), str('xlsx')], [undefined, undefined, 'format']))).toBe('DML6005');
    expect(code(() => callBuiltin('read', [str(p), int(5)], [undefined, 'rows']))).toBe('DML6003');
    expect(code(() => callBuiltin('read', [str(join(d, 'nothing'))]))).toBe('DML6001');
    expect(existsSync(join(d, 'nothing.mtd'))).toBe(false);
  });
  it('readMM and read.csv imply their format', () => {
    const mm = join(d, 'A.mtx');
    writeFileSync(mm, '%%MatrixMarket matrix coordinate real general\n1 2 1\n1 2 5\n');
    expectSameMatrix(callBuiltin('readMM', [str(mm)]) as MatrixBlock, MatrixBlock.fromRows([[0, 5]]));
    const csv = join(d, 'B.txt');
    writeFileSync(csv, '1,2\n');
    expectSameMatrix(callBuiltin('read.csv', [str(csv)]) as MatrixBlock, MatrixBlock.fromRows([[1, 2]]));
  });
  it('ignores extra SystemDS read options such as rows_in_block', () => {
    const p = join(d, 'W');
    callBuiltin('write', [MatrixBlock.scalar(3), str(p)]);
    expectSameMatrix(callBuiltin('read', [str(p), int(1000)], [undefined, 'rows_in_block']) as MatrixBlock, MatrixBlock.scalar(3));
  });
});
