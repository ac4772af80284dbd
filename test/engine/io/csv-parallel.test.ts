import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { NO_SPAN } from '../../../src/common/span.js';
import type { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { parseCsvRange, RES_SLOTS } from '../../../src/engine/io/csv-bytes.js';
import { csvParallel } from '../../../src/engine/io/csv-parallel.js';
import { fileBytes } from '../../../src/engine/io/file-bytes.js';
import type { Metadata } from '../../../src/engine/io/mtd.js';
import { readValue, type ReadRequest } from '../../../src/engine/io/read.js';
import { resetCompiledKernels } from '../../../src/engine/kernels/compiled/library.js';
import { poolStats, shutdownPool } from '../../../src/engine/threads/pool.js';
import { standaloneResources, withKernelResources } from '../../../src/engine/kernel-resources.js';
import { tempDir, hostFiles } from './helpers.js';

const dir = tempDir();
let n = 0;

function file(text: string): string {
  const p = join(dir, `c${n++}.csv`);
  writeFileSync(p, text);
  return p;
}

function read(path: string, args: Metadata = {}, extra: Partial<ReadRequest> = {}): MatrixBlock {
  return readValue(
    { path, files: hostFiles, name: path, args: { format: 'csv', ...args }, ...extra },
    NO_SPAN,
  ) as MatrixBlock;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return `${e.diagnostics[0]!.code} ${e.diagnostics[0]!.message}`;
    throw e;
  }
  throw new Error('expected a DmlError');
}

/** Reads with one thread, and with four threads over ranges of a few KB; both must agree. */
function readBoth(path: string, args: Metadata = {}, extra: Partial<ReadRequest> = {}): MatrixBlock {
  const serial = withKernelResources(standaloneResources({ threads: 1 }), () => read(path, args, extra));
  const jobs = poolStats().jobs;
  const parallel = withKernelResources(standaloneResources({ threads: 4 }), () => read(path, args, extra));
  expect(poolStats().jobs).toBeGreaterThan(jobs);
  expectIdentical(parallel, serial);
  return parallel;
}

/** Same dims and the same bits in every cell (-0 is not 0 here). */
function expectIdentical(a: MatrixBlock, b: MatrixBlock): void {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  const x = a.denseData();
  const y = b.denseData();
  for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) expect([k, x[k]]).toEqual([k, y[k]]);
}

let seed = 12345;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const ri = (k: number): number => Math.floor(rnd() * k);

/** A random field and the value reading it must give (fill value 0). */
function field(): [string, number] {
  switch (ri(12)) {
    case 0:
      return ['', 0];
    case 1:
      return ['-0', -0];
    case 2:
      return ['NaN', NaN];
    case 3: {
      const s = `${1 + ri(9)}.${ri(1e6)}e${ri(640) - 330}`;
      return [s, Number(s)];
    }
    case 4: {
      const s = ` ${ri(1000)} `;
      return [s, Number(s)];
    }
    case 5: {
      const w = ri(4);
      return [['-Infinity', ' inf', '+NaN', '-Inf '][w]!, [-Infinity, Infinity, NaN, -Infinity][w]!];
    }
    case 6: {
      const s = `+.${ri(1e9)}E-${ri(30)}`;
      return [s, Number(s)];
    }
    case 7:
      return ['0', 0];
    default: {
      const v = (rnd() - 0.5) * 10 ** (ri(12) - 6);
      return [String(v), v];
    }
  }
}

/** A random file of rows x cols, with its expected cells. */
function randomFile(
  rows: number,
  cols: number,
  o: { crlf: boolean; trailing: boolean; blank: boolean; header: boolean },
): { path: string; want: Float64Array } {
  const nl = o.crlf ? '\r\n' : '\n';
  const lines: string[] = [];
  if (o.header) lines.push(Array.from({ length: cols }, (_, j) => `C${j + 1}`).join(','));
  const want = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    if (o.blank && ri(50) === 0) lines.push(ri(2) === 0 ? '' : ' \t');
    const cells: string[] = [];
    for (let j = 0; j < cols; j++) {
      const [s, v] = field();
      cells.push(s);
      want[i * cols + j] = v;
    }
    lines.push(cells.join(','));
  }
  return { path: file(lines.join(nl) + (o.trailing ? nl : '')), want };
}

const saved = { minBytes: csvParallel.minBytes, shared: fileBytes.sharedMinBytes };
const kernels = process.env.TESSERA_KERNELS;

beforeEach(() => {
  csvParallel.minBytes = 4096;
  fileBytes.sharedMinBytes = 0;
});

afterEach(() => {
  csvParallel.minBytes = saved.minBytes;
  fileBytes.sharedMinBytes = saved.shared;
  if (kernels === undefined) delete process.env.TESSERA_KERNELS;
  else process.env.TESSERA_KERNELS = kernels;
  resetCompiledKernels();
});

afterAll(async () => {
  await shutdownPool();
});

describe.each(['compiled', 'js'])('parallel CSV reading (%s kernels)', (mode) => {
  beforeEach(() => {
    if (mode === 'js') process.env.TESSERA_KERNELS = 'js';
    resetCompiledKernels();
  });

  it('serial and parallel reads give the same bits on random files', () => {
    for (const o of [
      { crlf: false, trailing: true, blank: false, header: false },
      { crlf: true, trailing: false, blank: true, header: true },
      { crlf: false, trailing: false, blank: true, header: false },
      { crlf: true, trailing: true, blank: false, header: true },
    ]) {
      const { path, want } = randomFile(1500, 7, o);
      const m = readBoth(path, { header: o.header });
      expect([m.rows, m.cols]).toEqual([1500, 7]);
      const got = m.denseData();
      for (let k = 0; k < want.length; k++)
        if (!Object.is(got[k], want[k])) expect([k, got[k]]).toEqual([k, want[k]]);
    }
  });

  it('17-digit doubles read back exactly', () => {
    const vals = Array.from({ length: 20000 }, () => (rnd() - 0.5) * 2 ** (ri(200) - 100));
    const lines: string[] = [];
    for (let i = 0; i < vals.length; i += 4) lines.push(vals.slice(i, i + 4).join(','));
    const m = readBoth(file(lines.join('\n')));
    expect(Array.from(m.denseData())).toEqual(vals);
  });

  it('quoted fields, naStrings, other separators and fill=FALSE take the text path in ranges too', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `"${i}";NA;-1e3` : `${i};${i / 4};`));
    const m = readBoth(file(lines.join('\n')), { sep: ';' }, { naStrings: ['NA'], fillValue: 9 });
    expect(Array.from(m.row(7))).toEqual([7, NaN, -1000]);
    expect(Array.from(m.row(8))).toEqual([8, 2, 9]);
    const noFill = file(lines.map((l) => l.replace(/;$/, ';5')).join('\n'));
    expect(readBoth(noFill, { sep: ';' }, { naStrings: ['NA'], fill: false }).row(8)[2]).toBe(5);
  });

  it('an naString spelled like infinity reads as NaN', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${i},Infinity,-Infinity`);
    const m = readBoth(file(lines.join('\n')), {}, { naStrings: ['Infinity'] });
    expect(Array.from(m.row(2999))).toEqual([2999, NaN, -Infinity]);
  });

  it('a directory of part files: the header only in the first, line numbers per part', () => {
    const d = join(dir, `parts${n++}`);
    mkdirSync(d);
    const rows = (from: number): string =>
      Array.from({ length: 2000 }, (_, i) => `${from + i},${-(from + i)}`).join('\n');
    writeFileSync(join(d, 'part-0'), `a,b\n${rows(0)}\n`);
    writeFileSync(join(d, 'part-1'), `${rows(2000)}\n`);
    const m = readBoth(d, { header: true });
    expect([m.rows, m.cols]).toEqual([4000, 2]);
    expect(Array.from(m.row(3999))).toEqual([3999, -3999]);
    writeFileSync(join(d, 'part-2'), `${rows(4000)}\n1,2,3\n`);
    expect(errorOf(() => read(d, { header: true }))).toBe(
      `DML6002 ${join(d, 'part-2')}:2001: expected 2 field(s), got 3`,
    );
  });

  it('sparse data give a sparse block', () => {
    const lines = Array.from({ length: 4000 }, (_, i) => (i % 10 === 0 ? `0,${i},0,0,0` : '0,0,0,0,0'));
    const m = readBoth(file(`${lines.join('\n')}\n`));
    expect(m.isSparse).toBe(true);
    expect(m.nnz).toBe(399);
  });

  it('errors in the second half of a large file name the absolute line, as a serial read does', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i},${i + 0.5},${-i}`);
    const bad = [...lines];
    bad[4321] = '1,2,abc';
    const p = file(`x,y,z\n${bad.join('\n')}\n`);
    const want = `DML6002 ${p}:4323: field 3 is not a number: 'abc'`;
    withKernelResources(standaloneResources({ threads: 4 }), () => {
      expect(errorOf(() => read(p, { header: true }))).toBe(want);
      // The earliest bad line wins, whichever range it falls in.
      bad[3999] = '1,2';
      const q = file(`x,y,z\n${bad.join('\n')}\n`);
      expect(errorOf(() => read(q, { header: true }))).toBe(`DML6002 ${q}:4001: expected 3 field(s), got 2`);
      const r = file(`${lines.join('\r\n')}\r\n\r\n"1,2,3\r\n`);
      expect(errorOf(() => read(r))).toBe(`DML6002 ${r}:5002: unterminated or misplaced quote`);
    });
  });

  it('keeps the number forms of the text reader: 1e400 is Infinity, 0x10 is an error', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${i},1e400,-1e-400,1.5d`);
    const m = readBoth(file(lines.join('\n')));
    expect(Array.from(m.row(2999))).toEqual([2999, Infinity, -0, 1.5]);
    expect(Object.is(m.row(5)[2], -0)).toBe(true);
    const hex = [...lines];
    hex[2500] = '0x10,1,2,3';
    const p = file(hex.join('\n'));
    expect(errorOf(() => read(p))).toBe(`DML6002 ${p}:2501: field 1 is not a number: '0x10'`);
  });
});

describe.each(['compiled', 'js'])('fast-path numbers (%s kernels)', (mode) => {
  beforeEach(() => {
    if (mode === 'js') process.env.TESSERA_KERNELS = 'js';
    resetCompiledKernels();
  });

  it('equal Number(text) bit for bit on hard cases', () => {
    const digits = (k: number): string =>
      String(1 + ri(9)) + Array.from({ length: k - 1 }, () => ri(10)).join('');
    const gens: (() => string)[] = [
      () => String((rnd() - 0.5) * 10 ** (ri(40) - 20)),
      () => `${digits(1 + ri(22))}e${ri(660) - 345}`,
      () => `0.${'0'.repeat(ri(5))}${digits(1 + ri(20))}`,
      () => `${9007199254740992 + ri(2000) - 1000}e${ri(46) - 23}`,
      () => `${digits(16)}.${digits(1 + ri(3))}E${ri(60) - 30}`,
      () => {
        // Halfway between two neighbouring doubles, to 17-19 digits.
        const x = rnd() * 2 ** (ri(200) - 100);
        const y = new Float64Array([x]);
        new BigUint64Array(y.buffer)[0]! += 1n;
        return ((x + y[0]!) / 2).toPrecision(17 + ri(3));
      },
      () => String(Number.MIN_VALUE * ri(1000)),
      () => `-${digits(1 + ri(18))}e-${300 + ri(30)}`,
    ];
    const strs = Array.from({ length: 24000 }, (_, k) => gens[k % gens.length]!());
    const b = Buffer.from(`${strs.join('\n')}\n`);
    const out = new Float64Array(strs.length);
    const res = new Float64Array(RES_SLOTS);
    parseCsvRange(
      b,
      0,
      b.length,
      { sep: ',', cols: 1, fill: true, fillValue: 0, naStrings: [] },
      out,
      0,
      res,
    );
    expect(res[0]).toBe(strs.length);
    for (let k = 0; k < strs.length; k++)
      if (!Object.is(out[k], Number(strs[k]))) expect([strs[k], out[k]]).toEqual([strs[k], Number(strs[k])]);
  });
});

describe('parseCsvRange', () => {
  it('reports the first bad line with the lines before it, writing the rows before it', () => {
    const b = Buffer.from('1,2\n\n3,4\n5,x\n7,8\n');
    const out = new Float64Array(8);
    const res = new Float64Array(RES_SLOTS);
    parseCsvRange(
      b,
      0,
      b.length,
      { sep: ',', cols: 2, fill: true, fillValue: 0, naStrings: [] },
      out,
      0,
      res,
    );
    expect(Array.from(res)).toEqual([2, 3, 9]);
    expect(Array.from(out.subarray(0, 4))).toEqual([1, 2, 3, 4]);
  });
});
