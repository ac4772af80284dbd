// Readers for what a conformance case produces (the DML script's outputs) and what it is compared
// with (R's Matrix Market / plain-text files). Deliberately independent of the engine's own I/O:
// a bug in the engine's writer must not be hidden by the same bug in its reader.
import fs from 'node:fs';
import path from 'node:path';

export interface MatrixResult {
  readonly kind: 'matrix';
  readonly rows: number;
  readonly cols: number;
  /** Non-zero (or explicitly written) cells keyed `i,j` (1-based); absent cells are 0. */
  readonly cells: ReadonlyMap<string, number>;
}

export interface ScalarResult {
  readonly kind: 'scalar';
  /** Numbers (and booleans as 1/0) compare numerically; anything else compares as a string. */
  readonly value: number | string;
}

export type Result = MatrixResult | ScalarResult;

interface Mtd {
  data_type?: string;
  value_type?: string;
  rows?: number;
  cols?: number;
  format?: string;
  header?: boolean;
  sep?: string;
}

/** Parses a number the way SystemDS and R print them (NaN, Infinity, Inf, TRUE/FALSE). */
export function parseNumber(token: string): number {
  const t = token.trim();
  switch (t.toLowerCase()) {
    case 'true':
      return 1;
    case 'false':
      return 0;
    case 'inf':
    case 'infinity':
    case '+inf':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    case 'nan':
    case 'na':
      return NaN;
    default: {
      const v = Number(t);
      if (t === '' || (Number.isNaN(v) && t !== 'NaN')) throw new Error(`not a number: '${token}'`);
      return v;
    }
  }
}

function scalarFromText(text: string): ScalarResult {
  const t = text.trim();
  try {
    return { kind: 'scalar', value: parseNumber(t) };
  } catch {
    return { kind: 'scalar', value: t };
  }
}

/** The text of a file, or of all part files of a directory output (SystemDS writes those for large or distributed data). */
function readTextOrParts(p: string): string {
  if (!fs.statSync(p).isDirectory()) return fs.readFileSync(p, 'utf8');
  const parts = fs
    .readdirSync(p)
    .filter((f) => !f.startsWith('.') && !f.startsWith('_') && !f.endsWith('.crc') && !f.endsWith('.mtd'))
    .sort();
  return parts.map((f) => fs.readFileSync(path.join(p, f), 'utf8')).join('\n');
}

function key(i: number, j: number): string {
  return `${i},${j}`;
}

/** IJV text: one `i j v` per line, 1-based; dims come from the .mtd (or the largest index seen). */
export function parseIjv(text: string, rows?: number, cols?: number): MatrixResult {
  const cells = new Map<string, number>();
  let maxI = 0;
  let maxJ = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 3) throw new Error(`bad IJV line: '${line}'`);
    const i = Number(parts[0]);
    const j = Number(parts[1]);
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 1 || j < 1)
      throw new Error(`bad IJV index: '${line}'`);
    cells.set(key(i, j), parseNumber(parts[2]!));
    maxI = Math.max(maxI, i);
    maxJ = Math.max(maxJ, j);
  }
  return { kind: 'matrix', rows: rows ?? maxI, cols: cols ?? maxJ, cells };
}

/** CSV as SystemDS writes it (optional header line, separator from the .mtd, default ','). */
export function parseCsv(text: string, header = false, sep = ','): MatrixResult {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const body = header ? lines.slice(1) : lines;
  const cells = new Map<string, number>();
  let cols = 0;
  body.forEach((line, r) => {
    const vals = line.split(sep);
    cols = Math.max(cols, vals.length);
    vals.forEach((v, c) => {
      const x = v.trim() === '' ? 0 : parseNumber(v);
      if (x !== 0) cells.set(key(r + 1, c + 1), x);
    });
  });
  return { kind: 'matrix', rows: body.length, cols, cells };
}

/** Matrix Market (coordinate or array; real, integer or pattern; general, symmetric or skew-symmetric). */
export function parseMatrixMarket(text: string): MatrixResult {
  const lines = text.split(/\r?\n/);
  const head = (lines[0] ?? '').trim().toLowerCase().split(/\s+/);
  if (head[0] !== '%%matrixmarket' || head[1] !== 'matrix')
    throw new Error(`not a Matrix Market file: '${lines[0]}'`);
  const layout = head[2];
  const field = head[3];
  const symmetry = head[4] ?? 'general';
  if (field === 'complex') throw new Error('complex Matrix Market files are not supported');
  let idx = 1;
  while (idx < lines.length && (lines[idx]!.startsWith('%') || lines[idx]!.trim() === '')) idx++;
  const size = (lines[idx++] ?? '').trim().split(/\s+/).map(Number);
  const rows = size[0]!;
  const cols = size[1]!;
  const cells = new Map<string, number>();
  const put = (i: number, j: number, v: number): void => {
    cells.set(key(i, j), v);
    if (i !== j && symmetry === 'symmetric') cells.set(key(j, i), v);
    if (i !== j && symmetry === 'skew-symmetric') cells.set(key(j, i), -v);
  };
  const entries = lines
    .slice(idx)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('%'));
  if (layout === 'array') {
    // Column-major; symmetric arrays list only the lower triangle.
    let n = 0;
    for (let j = 1; j <= cols; j++)
      for (let i = symmetry === 'general' ? 1 : j; i <= rows; i++) {
        const tok = entries[n++];
        if (tok === undefined) throw new Error('Matrix Market array file is short');
        const v = parseNumber(tok);
        if (v !== 0 || Number.isNaN(v)) put(i, j, v);
      }
  } else {
    for (const e of entries) {
      const parts = e.split(/\s+/);
      const v = field === 'pattern' ? 1 : parseNumber(parts[2] ?? '');
      put(Number(parts[0]), Number(parts[1]), v);
    }
  }
  return { kind: 'matrix', rows, cols, cells };
}

function readMtd(p: string): Mtd | undefined {
  const f = `${p}.mtd`;
  if (!fs.existsSync(f)) return undefined;
  return JSON.parse(fs.readFileSync(f, 'utf8')) as Mtd;
}

/**
 * Reads an output a DML script wrote with `write(X, path, format=...)`: a matrix in text (IJV),
 * csv or mm format, as a single file or a directory of part files, described by `path.mtd`;
 * or a scalar (plain text, with or without a .mtd).
 */
export function readDmlOutput(p: string): Result {
  if (!fs.existsSync(p)) throw new Error(`output not written: ${p}`);
  const mtd = readMtd(p);
  const text = readTextOrParts(p);
  if (mtd?.data_type === 'scalar') return scalarFromText(text);
  if (mtd === undefined) {
    if (text.startsWith('%%MatrixMarket')) return parseMatrixMarket(text);
    return scalarFromText(text);
  }
  if (mtd.data_type !== undefined && mtd.data_type !== 'matrix')
    throw new Error(`unsupported output data_type '${mtd.data_type}' in ${p}.mtd`);
  const format = (mtd.format ?? 'text').toLowerCase();
  switch (format) {
    case 'text':
    case 'textcell':
    case 'ijv':
      return parseIjv(text, mtd.rows, mtd.cols);
    case 'csv': {
      const m = parseCsv(text, mtd.header ?? false, mtd.sep ?? ',');
      return { ...m, rows: mtd.rows ?? m.rows, cols: mtd.cols ?? m.cols };
    }
    case 'mm':
    case 'matrixmarket':
      return parseMatrixMarket(text);
    default:
      throw new Error(`unsupported output format '${format}' in ${p}.mtd`);
  }
}

/** Reads an expected file written by R: Matrix Market (writeMM) or a plain-text scalar (write). */
export function readExpected(p: string): Result {
  const text = fs.readFileSync(p, 'utf8');
  if (text.startsWith('%%MatrixMarket')) return parseMatrixMarket(text);
  return scalarFromText(text);
}

/**
 * R's writeMM cannot write non-finite values: it replaces NaN, NA and Inf with 1e308 and -Inf with
 * -1e308. An expected ±1e308 therefore stands for "non-finite" and accepts what R replaced.
 */
const R_NONFINITE = 1e308;

function close(a: number, b: number, tol: number): boolean {
  if (b === R_NONFINITE) return Number.isNaN(a) || a === Infinity || a === R_NONFINITE;
  if (b === -R_NONFINITE) return a === -Infinity || a === -R_NONFINITE;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true; // also equal infinities
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

function asScalar(r: Result): number | string | undefined {
  if (r.kind === 'scalar') return r.value;
  if (r.rows === 1 && r.cols === 1) return r.cells.get(key(1, 1)) ?? 0;
  return undefined;
}

/**
 * Compares an actual result with the expected one: |a-b| <= tol * max(1, |b|) per cell, NaN equals
 * NaN, absent cells are 0, an expected ±1e308 is R's stand-in for NaN/±Inf. A scalar and a 1x1 matrix compare by value (R often writes scalars as
 * 1x1 Matrix Market files). Returns the mismatches (at most `limit`), empty when equal.
 */
export function compareResults(actual: Result, expected: Result, tol: number, limit = 10): string[] {
  if (actual.kind === 'scalar' || expected.kind === 'scalar') {
    const a = asScalar(actual);
    const b = asScalar(expected);
    if (a === undefined || b === undefined)
      return [`shape mismatch: ${describe(actual)} vs expected ${describe(expected)}`];
    if (typeof a === 'number' && typeof b === 'number')
      return close(a, b, tol) ? [] : [`scalar: ${a} vs expected ${b}`];
    return String(a) === String(b) ? [] : [`scalar: '${a}' vs expected '${b}'`];
  }
  if (actual.rows !== expected.rows || actual.cols !== expected.cols)
    return [`dims: ${actual.rows}x${actual.cols} vs expected ${expected.rows}x${expected.cols}`];
  const out: string[] = [];
  const keys = new Set([...actual.cells.keys(), ...expected.cells.keys()]);
  for (const k of keys) {
    const a = actual.cells.get(k) ?? 0;
    const b = expected.cells.get(k) ?? 0;
    if (!close(a, b, tol)) {
      out.push(`cell (${k}): ${a} vs expected ${b}`);
      if (out.length >= limit) break;
    }
  }
  return out;
}

function describe(r: Result): string {
  return r.kind === 'scalar' ? `scalar ${String(r.value)}` : `${r.rows}x${r.cols} matrix`;
}
