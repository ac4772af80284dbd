/**
 * A corpus of bad input files (issue 18, "crash from a data file"): every reader validates what it
 * reads before a kernel (TypeScript or compiled, native/) touches it. Each case builds its file in
 * a temp dir, reads it through a DML script run in-process, and expects a located DML6002 that
 * names the file and the problem, with the file's bytes unchanged.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlRunError } from '../../../src/api/run.js';
import { DmlError, type Diagnostic } from '../../../src/common/diagnostics.js';
import { NO_SPAN } from '../../../src/common/span.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { readBinaryMatrix, writeBinaryMatrix } from '../../../src/engine/io/binary.js';
import { runDml } from '../../helpers/run.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
let n = 0;

function file(content: string | Buffer, mtd?: object): string {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, content);
  if (mtd) writeFileSync(`${p}.mtd`, JSON.stringify(mtd));
  return p;
}

function snapshot(p: string): (Buffer | undefined)[] {
  return [p, `${p}.mtd`].map((f) => (existsSync(f) ? readFileSync(f) : undefined));
}

/** Runs `script` (which reads `p`), expecting a DML6002 located at line `line` of test.dml. */
function badRead(p: string, script: string, line = 1): Diagnostic {
  const before = snapshot(p);
  let diag: Diagnostic | undefined;
  try {
    runDml(script);
  } catch (e) {
    if (!(e instanceof DmlRunError || e instanceof DmlError)) throw e;
    diag = e.diagnostics[0];
  }
  expect(snapshot(p)).toEqual(before);
  if (diag === undefined) throw new Error(`expected DML6002 reading ${p}`);
  expect(diag.code).toBe('DML6002');
  expect(diag.message).toContain(p);
  expect(diag.span?.line).toBe(line);
  return diag;
}

/** read() of `p` and a use of it, expecting DML6002 whose message contains (or matches) `what`. */
function expectBad(p: string, what: string | RegExp, args = ''): void {
  const d = badRead(p, `X = read("${p}"${args})\nprint(sum(X))\n`);
  if (typeof what === 'string') expect(d.message).toContain(what);
  else expect(d.message).toMatch(what);
}

function printedOf(script: string): string[] {
  return runDml(script).out;
}

// ------------------------------------------------------------------ binary

// Sparse layout: 48-byte header, rowPtr, colIdx, padding to 8, values.
const PTR = 48;
const idxAt = (rows: number): number => PTR + (rows + 1) * 4;
const valAt = (rows: number, nnz: number): number => (idxAt(rows) + nnz * 4 + 7) & ~7;

function binary(m: MatrixBlock): Buffer {
  return Buffer.concat(writeBinaryMatrix(m));
}

/** 3x3 diagonal (1, 2, 3): written sparse (sparsity 1/3). */
function diag3(): Buffer {
  const b = binary(MatrixBlock.fromTriples(3, 3, [0, 1, 2], [0, 1, 2], [1, 2, 3]));
  expect(b.readUInt32LE(8)).toBe(1);
  return b;
}

/** 3x3 with row 0 = [1, 0, 2] and row 2 = [0, 5, 0]: row 0 holds two entries. */
function twoInRow(): Buffer {
  const b = binary(MatrixBlock.fromTriples(3, 3, [0, 0, 2], [0, 2, 1], [1, 2, 5]));
  expect(b.readUInt32LE(8)).toBe(1);
  return b;
}

function withU64(b: Buffer, at: number, v: bigint): Buffer {
  b.writeBigUInt64LE(v, at);
  return b;
}

describe('binary: the reproducer (a column index out of range reached the compiled kernels)', () => {
  // Before the fix, 7 gave a result from memory outside the arrays and -5 killed the process.
  for (const bad of [7, -5]) {
    it(`3x3 sparse with column index ${bad} is a located DML6002, not a crash`, () => {
      const b = diag3();
      b.writeInt32LE(bad, idxAt(3) + 4); // row 1's only entry
      const p = file(b);
      const d = badRead(
        p,
        `Y = matrix(1, 3, 3)\nX = read("${p}", format="binary")\nZ = X %*% Y\nprint(sum(Z))\nprint(sum(X %*% X))\n`,
        2,
      );
      expect(d.message).toContain(`row 1: column index ${bad} is outside 0..2`);
      // Recognised as binary without a format, too.
      expectBad(p, `column index ${bad}`);
    });
  }
  it('the uncorrupted file gives the right product', () => {
    const p = file(diag3());
    expect(printedOf(`X = read("${p}")\nprint(sum(X %*% matrix(1, 3, 3)))\n`)).toEqual(['18.0']);
  });
});

describe('binary: CSR structure', () => {
  it('rowPtr[0] != 0', () => {
    const b = diag3();
    b.writeInt32LE(1, PTR);
    expectBad(file(b), 'rowPtr[0] is 1, not 0');
  });
  it('rowPtr going backwards', () => {
    const b = diag3();
    b.writeInt32LE(2, PTR + 4);
    b.writeInt32LE(1, PTR + 8);
    expectBad(file(b), 'rowPtr[2] is 1, after rowPtr[1] = 2');
  });
  it('rowPtr past nnz in the middle', () => {
    const b = diag3();
    b.writeInt32LE(1000, PTR + 4);
    expectBad(file(b), 'rowPtr[1] is 1000');
  });
  it('rowPtr[rows] != nnz', () => {
    const b = diag3();
    b.writeInt32LE(2, PTR + 12);
    expectBad(file(b), 'rowPtr[3] is 2, but nnz is 3');
  });
  it('column indices out of order within a row', () => {
    const b = twoInRow();
    b.writeInt32LE(2, idxAt(3));
    b.writeInt32LE(0, idxAt(3) + 4);
    expectBad(file(b), 'row 0: column indices out of order (2 then 0)');
  });
  it('a duplicate column within a row', () => {
    const b = twoInRow();
    b.writeInt32LE(2, idxAt(3));
    expectBad(file(b), 'row 0: column index 2 appears twice');
  });
  it('a negative index far out of range', () => {
    const b = diag3();
    b.writeInt32LE(-500_000_000, idxAt(3) + 8);
    const p = file(b);
    expect(badRead(p, `X = read("${p}")\nprint(sum(X %*% matrix(1, 3, 3)))\n`).message).toContain(
      'row 2: column index -500000000',
    );
  });
});

describe('binary: header fields and sizes (checked before allocating)', () => {
  it('rows, cols or nnz beyond 2^31-1', () => {
    expectBad(file(withU64(diag3(), 16, 2n ** 31n)), 'rows 2147483648 exceeds 2147483647');
    expectBad(file(withU64(diag3(), 24, 2n ** 40n)), 'cols 1099511627776 exceeds 2147483647');
    expectBad(file(withU64(diag3(), 32, 2n ** 64n - 1n)), 'nnz 18446744073709551615 exceeds');
  });
  it('dims within the limits but beyond what the file length allows', () => {
    expectBad(
      file(withU64(diag3(), 16, 2_000_000_000n)),
      /truncated: a 2000000000x3 sparse with nnz 3 needs \d+ bytes, the file has 104/,
    );
    const dense = binary(MatrixBlock.filled(2, 2, 1));
    expect(dense.readUInt32LE(8)).toBe(0);
    expectBad(file(withU64(withU64(dense, 16, 2_000_000_000n), 24, 2_000_000_000n)), 'truncated');
  });
  it('nnz larger than rows*cols', () => {
    expectBad(file(withU64(diag3(), 32, 10n)), 'nnz 10 exceeds rows*cols (3x3)');
  });
  it('a truncated file, and trailing bytes', () => {
    const b = diag3();
    expectBad(file(b.subarray(0, b.length - 8)), 'truncated');
    expectBad(file(Buffer.concat([b, Buffer.alloc(8)])), 'trailing bytes');
    expectBad(file(b.subarray(0, 40)), 'bad header');
    const dense = binary(MatrixBlock.filled(2, 2, 1));
    expectBad(
      file(dense.subarray(0, dense.length - 1)),
      'truncated: a 2x2 dense needs 80 bytes, the file has 79',
    );
  });
  it('unknown version or layout', () => {
    const v = diag3();
    v.writeUInt32LE(2, 4);
    expectBad(file(v), 'unsupported version 2');
    const l = diag3();
    l.writeUInt32LE(7, 8);
    expectBad(file(l), 'unknown layout 7');
  });
  it('dense: a header nnz that disagrees with the data', () => {
    const b = binary(
      MatrixBlock.fromRows([
        [1, 2],
        [0, 4],
      ]),
    );
    expect(b.readUInt32LE(8)).toBe(0);
    expectBad(file(withU64(b, 32, 0n)), 'header nnz 0, but the data holds 3 non-zeros');
  });
});

describe('binary: values', () => {
  it('explicit zeros in sparse values are dropped', () => {
    const b = twoInRow();
    b.writeDoubleLE(0, valAt(3, 3) + 8); // (0, 2) = 0
    const p = file(b);
    expect(
      printedOf(
        `X = read("${p}")\nprint(sum(X != 0))\nprint(sum(X %*% matrix(1, 3, 3)))\nprint(toString(X))\n`,
      ),
    ).toEqual(['2.0', '18.0', '1.000 0.000 0.000\n0.000 0.000 0.000\n0.000 5.000 0.000\n']);
  });
  it('after dropping explicit zeros the block is plain CSR, and a .mtd nnz counts the non-zeros', () => {
    const b = twoInRow();
    b.writeDoubleLE(0, valAt(3, 3) + 8);
    const m = readBinaryMatrix(b, 'x', NO_SPAN);
    const s = m.sparseData();
    expect([m.nnz, Array.from(s.rowPtr), Array.from(s.colIdx), Array.from(s.values)]).toEqual([
      2,
      [0, 1, 1, 2],
      [0, 1],
      [1, 5],
    ]);
    const p = file(b, { data_type: 'matrix', format: 'binary', rows: 3, cols: 3, nnz: 2 });
    expect(printedOf(`print(sum(read("${p}")))\n`)).toEqual(['6.0']);
  });
  it('NaN values are data, not an error', () => {
    const b = diag3();
    b.writeDoubleLE(NaN, valAt(3, 3));
    const p = file(b);
    expect(printedOf(`X = read("${p}")\nprint(sum(X))\n`)).toEqual(['NaN']);
  });
});

// ------------------------------------------------------------------ Matrix Market

const MM = '%%MatrixMarket matrix';

describe('Matrix Market', () => {
  it('the size line against the entries present (fewer and more)', () => {
    expectBad(
      file(`${MM} coordinate real general\n3 3 3\n1 1 1\n2 2 2\n`),
      ':2: the size line declares 3 entries, but the file holds 2',
    );
    expectBad(
      file(`${MM} coordinate real general\n3 3 1\n1 1 1\n2 2 2\n`),
      'declares 1 entries, but the file holds 2',
    );
    expectBad(file(`${MM} array real general\n2 2\n1\n2\n3\n`), 'declares 4 values, but the file holds 3');
    expectBad(
      file(`${MM} array real general\n2 2\n1\n2\n3\n4\n5\n`),
      'declares 4 values, but the file holds 5',
    );
    expectBad(file(`${MM} array real symmetric\n2 2\n1\n2\n`), 'declares 3 values, but the file holds 2');
  });
  it('indices outside 1..rows / 1..cols, and non-integer indices', () => {
    expectBad(
      file(`${MM} coordinate real general\n2 2 1\n0 1 1\n`),
      ':3: entry (0, 1) is outside the 2x2 matrix',
    );
    expectBad(file(`${MM} coordinate real general\n2 2 1\n1 3 1\n`), 'entry (1, 3) is outside');
    expectBad(file(`${MM} coordinate real general\n2 2 1\n-1 1 1\n`), 'entry (-1, 1) is outside');
    expectBad(file(`${MM} coordinate real general\n2 2 1\n1.5 1 1\n`), ":3: expected 'i j v', got '1.5 1 1'");
    expectBad(file(`${MM} coordinate real general\n2 2 1\n1 1\n`), ":3: expected 'i j v'");
  });
  it('a missing or bad size line, and sizes beyond 2^31-1', () => {
    expectBad(file(`${MM} coordinate real general\n% only a comment\n`), 'missing size line');
    expectBad(
      file(`${MM} coordinate real general\n2 x 1\n1 1 1\n`),
      'expected a size line with 3 non-negative integers',
    );
    expectBad(
      file(`${MM} coordinate real general\n2147483648 1 1\n1 1 1\n`),
      'dimensions 2147483648x1 exceed 2147483647',
    );
    expectBad(file(`${MM} coordinate real general\n2 2\n1 1 1\n`), 'expected a size line with 3');
  });
  it('invalid field/layout/symmetry combinations', () => {
    expectBad(
      file(`${MM} array pattern general\n1 1\n1\n`),
      "'array pattern general' is not a valid Matrix Market combination",
    );
    expectBad(
      file(`${MM} coordinate pattern skew-symmetric\n2 2 1\n2 1\n`),
      'not a valid Matrix Market combination',
    );
    expectBad(
      file(`${MM} coordinate real symmetric\n2 3 1\n2 1 1\n`),
      'a symmetric matrix must be square, not 2x3',
    );
    expectBad(file(`${MM} coordinate real skew-symmetric\n2 2 1\n1 1 4\n`), 'non-zero diagonal entry (1, 1)');
    expectBad(file(`${MM}\n1 1 1\n1 1 1\n`), 'header');
  });
  it('symmetric and skew-symmetric files still read (coordinate and array)', () => {
    const s = file(`${MM} coordinate real symmetric\n3 3 3\n1 1 4\n3 1 7\n2 2 1\n`);
    expect(printedOf(`X = read("${s}")\nprint(toString(X))\n`)).toEqual([
      '4.000 0.000 7.000\n0.000 1.000 0.000\n7.000 0.000 0.000\n',
    ]);
    // Skew-symmetric arrays hold the part below the diagonal, column by column.
    const k = file(`${MM} array real skew-symmetric\n3 3\n1\n2\n3\n`);
    expect(printedOf(`X = read("${k}")\nprint(toString(X))\n`)).toEqual([
      '0.000 -1.000 -2.000\n1.000 0.000 -3.000\n2.000 3.000 0.000\n',
    ]);
  });
});

// ------------------------------------------------------------------ text cells (IJV)

describe('text cells', () => {
  const mtd = (rows: number, cols: number): object => ({ data_type: 'matrix', format: 'text', rows, cols });
  const fmt = ', format="text"';
  it('indices below 1 and non-integers', () => {
    expectBad(file('0 1 1\n'), ':1:', fmt);
    expectBad(file('1 1 1\n-2 1 1\n'), ':2:', fmt);
    expectBad(file('1.5 1 1\n'), "1-based integer indices, got '1.5 1 1'", fmt);
  });
  it('indices beyond the dimensions of the .mtd', () => {
    expectBad(file('1 1 1\n3 1 1\n', mtd(2, 2)), ':2: cell (3, 1) is outside the 2x2 matrix');
  });
  it('indices of 2^31 and more are an error, not an Int32 wrap', () => {
    expectBad(file('2147483648 1 5\n'), 'cell (2147483648, 1): an index exceeds 2147483647', fmt);
    // 2^32 + 1 would wrap to column 1 in an Int32 index.
    expectBad(file('1 4294967297 5\n'), 'an index exceeds', fmt);
  });
  it('declared dimensions that cannot be represented', () => {
    expectBad(file('1 1 1\n', mtd(2 ** 31, 2)), 'declared dimensions 2147483648x2 exceed 2147483647');
  });
});

// ------------------------------------------------------------------ libsvm

describe('libsvm', () => {
  const fmt = ', format="libsvm"';
  it('feature indices below 1, non-integers, and 2^31 and more', () => {
    expectBad(file('1 0:3\n'), "expected 'index:value', got '0:3'", fmt);
    expectBad(file('1 -4:3\n'), "got '-4:3'", fmt);
    expectBad(file('1 1.5:3\n'), "got '1.5:3'", fmt);
    expectBad(file('1 2147483648:3\n'), 'feature index 2147483648 exceeds 2147483646', fmt);
  });
  it('feature indices beyond the columns of the .mtd, and zero columns', () => {
    const md = (cols: number): object => ({ data_type: 'matrix', format: 'libsvm', rows: 1, cols });
    expectBad(file('1 3:1\n', md(3)), 'feature index 3 does not fit 2 feature column(s)');
    expectBad(file('1\n', md(0)), '0 columns declared');
  });
});

// ------------------------------------------------------------------ .mtd against the data

describe('.mtd rows/cols/nnz against the data', () => {
  const md = (format: string, o: object): object => ({ data_type: 'matrix', format, ...o });
  it('an nnz that disagrees with the data names the file, the .mtd value and the real count', () => {
    const p = file('1 1 1\n2 2 2\n', md('text', { rows: 2, cols: 2, nnz: 0 }));
    expectBad(p, `'${p}' holds 2 non-zeros, but its metadata (${p}.mtd) declares nnz=0`);
    expectBad(file('1,0\n0,2\n', md('csv', { rows: 2, cols: 2, nnz: 3 })), 'holds 2 non-zeros');
    expectBad(file(diag3(), md('binary', { rows: 3, cols: 3, nnz: 4 })), 'holds 3 non-zeros');
  });
  it('a consistent nnz, and nnz -1 (unknown), are accepted', () => {
    const ok = file('1 1 1\n2 2 2\n', md('text', { rows: 2, cols: 2, nnz: 2 }));
    expect(printedOf(`print(sum(read("${ok}")))\n`)).toEqual(['3.0']);
    const unknown = file('1 1 1\n', md('text', { rows: 2, cols: 2, nnz: -1 }));
    expect(printedOf(`print(sum(read("${unknown}")))\n`)).toEqual(['1.0']);
  });
  it('rows/cols that disagree with the data', () => {
    expectBad(file('1,2\n3,4\n', md('csv', { rows: 3, cols: 2 })), 'rows=3 was declared');
    expectBad(file(diag3(), md('binary', { rows: 3, cols: 4 })), 'holds a 3x3 matrix, but 3x4 was declared');
    expectBad(
      file(`${MM} coordinate real general\n2 2 1\n1 1 1\n`, md('mm', { rows: 3, cols: 2 })),
      'holds a 2x2 matrix',
    );
  });
});
