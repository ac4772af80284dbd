/**
 * Byte-level CSV matrix parsing: lines of a file's bytes straight into rows of a Float64Array,
 * with no per-line string. A line of plain decimal fields (the numbers files hold) takes the fast
 * path: compiled C (native/csv.c) when built, else the TypeScript twin below; both give exactly
 * JavaScript's Number(text). Any other line (quotes, NaN, naStrings, a bad field) is decoded and
 * parsed as text by `parseLineText`, the one place that decides what a field means and words the
 * errors, so both paths read every file the same. Ranges never throw: the first bad line's byte
 * offset comes back, and the caller (on the main thread) re-parses it to raise the error.
 */
import { compiledKernels, type CompiledFunction, type CompiledKernels } from '../kernels/compiled/library.js';
import { splitCsvLine } from './csv-split.js';
import { parseJavaDouble } from './parse-number.js';

export interface CsvLineFormat {
  readonly sep: string;
  readonly cols: number;
  readonly fill: boolean;
  readonly fillValue: number;
  readonly naStrings: readonly string[];
}

/** Slots of a range's result: rows written, lines consumed before the bad line, its offset. */
export const RES_ROWS = 0;
export const RES_LINES = 1;
export const RES_ERROR_AT = 2;
export const RES_SLOTS = 3;

const PLAIN_RE = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;

/**
 * The separator byte for the fast path, or -1 when it cannot be used: a separator of several
 * bytes or one that can occur inside a number, or an naString that a plain field could equal
 * (it must read as NaN, which only the text path knows), or a NaN or infinity spelling.
 */
export function fastSeparator(f: CsvLineFormat): number {
  if (f.sep.length !== 1) return -1;
  const c = f.sep.charCodeAt(0);
  if (c >= 128 || c === 10 || c === 13 || c === 34 || /[\d.eE+\- \t]/.test(f.sep)) return -1;
  for (const na of f.naStrings) if (na.trim() === '' || PLAIN_RE.test(na) || WORDS.has(na.trim())) return -1;
  return c;
}

/** Whether a line (LF and one CR stripped) would be skipped: JavaScript's trim() leaves nothing. */
export function isBlankLine(line: string): boolean {
  return line.trim() === '';
}

/**
 * Parses one line as text into out[off, off + cols): undefined when done (or skipped, see the
 * return), else the error message. Returns 'skip' for a blank line.
 */
export function parseLineText(
  line: string,
  f: CsvLineFormat,
  na: ReadonlySet<string>,
  out: Float64Array,
  off: number,
): string | 'skip' | undefined {
  if (isBlankLine(line)) return 'skip';
  const fields = splitCsvLine(line, f.sep);
  if (fields === undefined) return 'unterminated or misplaced quote';
  if (fields.length !== f.cols) return `expected ${f.cols} field(s), got ${fields.length}`;
  for (let j = 0; j < f.cols; j++) {
    const s = fields[j]!;
    if (na.has(s)) {
      out[off + j] = NaN;
      continue;
    }
    if (s.trim() === '') {
      if (!f.fill) return `empty field ${j + 1} (read with fill=FALSE)`;
      out[off + j] = f.fillValue;
      continue;
    }
    const v = parseJavaDouble(s);
    if (v === undefined) return `field ${j + 1} is not a number: '${s}'`;
    out[off + j] = v;
  }
  return undefined;
}

const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** The NaN and infinity spellings parseJavaDouble takes, by what they read as. */
const WORDS: ReadonlyMap<string, number> = new Map([
  ...['NaN', '+NaN', '-NaN'].map((w): [string, number] => [w, NaN]),
  ...['Infinity', '+Infinity', 'inf', 'Inf'].map((w): [string, number] => [w, Infinity]),
  ...['-Infinity', '-inf', '-Inf'].map((w): [string, number] => [w, -Infinity]),
]);

/** A field b[a, z) spelled as in WORDS (its value), else undefined. */
function parseWord(buf: Buffer, a: number, z: number): number | undefined {
  if (z - a > 9) return undefined;
  return WORDS.get(buf.toString('latin1', a, z));
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The fast path for one line b[ls, le) (CR stripped, not blank), one pass over its bytes: false
 * when it cannot take the line whole. A plain field is exact without a string when its digits
 * make an integer below 2^53 and |exponent| <= 22 (Clinger's fast path); longer ones get Number() on a
 * slice of the line's text, decoded once per line.
 */
function parseLineFast(
  b: Uint8Array,
  buf: Buffer,
  ls: number,
  le: number,
  sep: number,
  f: CsvLineFormat,
  out: Float64Array,
  off: number,
): boolean {
  const cols = f.cols;
  let text: string | undefined;
  let p = ls;
  for (let j = 0; ; j++) {
    if (j >= cols) return false;
    while (p < le && isBlank(b[p]!)) p++;
    const a = p;
    let c = p < le ? b[p]! : sep;
    if (c === sep) {
      if (!f.fill) return false;
      out[off + j] = f.fillValue;
    } else {
      let neg = false;
      if (c === 43 || c === 45) {
        neg = c === 45;
        p++;
      }
      let mant = 0;
      let sig = 0; // significant digits taken (99: more than 17)
      let exp10 = 0;
      let digits = 0;
      for (; p < le; p++) {
        c = b[p]! - 48;
        if (c < 0 || c > 9) break;
        digits++;
        if (mant === 0 && c === 0) continue;
        if (sig < 17) {
          mant = mant * 10 + c;
          sig++;
        } else {
          sig = 99;
          exp10++;
        }
      }
      if (p < le && b[p] === 46) {
        for (p++; p < le; p++) {
          c = b[p]! - 48;
          if (c < 0 || c > 9) break;
          digits++;
          if (mant === 0 && c === 0) exp10--;
          else if (sig < 17) {
            mant = mant * 10 + c;
            sig++;
            exp10--;
          } else sig = 99;
        }
      }
      let v: number;
      if (digits === 0) {
        // Not a number: one of the NaN/infinity spellings, or not for the fast path.
        let e = p;
        while (e < le && b[e] !== sep) e++;
        let z = e;
        while (z > a && isBlank(b[z - 1]!)) z--;
        const w = parseWord(buf, a, z);
        if (w === undefined) return false;
        v = w;
        p = e;
      } else {
        if (p < le && (b[p] === 101 || b[p] === 69)) {
          p++;
          let eneg = false;
          if (p < le && (b[p] === 43 || b[p] === 45)) eneg = b[p++] === 45;
          let x = 0;
          let ed = 0;
          for (; p < le; p++) {
            c = b[p]! - 48;
            if (c < 0 || c > 9) break;
            if (x < 100000) x = x * 10 + c;
            ed++;
          }
          if (ed === 0) return false;
          exp10 += eneg ? -x : x;
        }
        // Below 2^53 the digits were summed exactly (a larger sum never rounds below it).
        if (sig !== 99 && mant < 9007199254740992 && exp10 >= -22 && exp10 <= 22) {
          const r = exp10 >= 0 ? mant * POW10[exp10]! : mant / POW10[-exp10]!;
          v = neg ? -r : r;
        } else {
          text ??= buf.toString('latin1', ls, le);
          v = Number(text.slice(a - ls, p - ls));
        }
        while (p < le && isBlank(b[p]!)) p++;
      }
      out[off + j] = v;
    }
    if (p >= le) return j + 1 === cols;
    if (b[p] !== sep) return false;
    p++;
  }
}

let boundFor: CompiledKernels | undefined;
let bound: CompiledFunction | undefined;

/** tessera_csv_parse, or undefined without the compiled kernels. */
function compiledCsvParse(): CompiledFunction | undefined {
  const k = compiledKernels();
  if (k === undefined) return undefined;
  if (k !== boundFor) {
    bound = k.fn(
      'void tessera_csv_parse(const uint8_t *b, double pos, double end, int sep, int cols, int fill, ' +
        'double fillValue, double *out, double rowBase, double *res)',
    );
    boundFor = k;
  }
  return bound;
}

/** A Buffer over the same memory (for decoding), without a copy. */
export function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * Parses the lines of b[start, end) (start at a line start) into rows of out from row `rowBase`
 * on. res gets [rows written, lines consumed, byte offset of the first bad line or -1]; lines
 * after a bad line are not parsed.
 */
export function parseCsvRange(
  b: Uint8Array,
  start: number,
  end: number,
  f: CsvLineFormat,
  out: Float64Array,
  rowBase: number,
  res: Float64Array,
): void {
  const buf = asBuffer(b);
  const sep = fastSeparator(f);
  const native = sep >= 0 ? compiledCsvParse() : undefined;
  const na = new Set(f.naStrings);
  const cres = new Float64Array(3);
  const cols = f.cols;
  let rows = 0;
  let lines = 0;
  let pos = start;
  res[RES_ERROR_AT] = -1;
  while (pos < end) {
    if (native !== undefined) {
      native(b, pos, end, sep, cols, f.fill ? 1 : 0, f.fillValue, out, rowBase + rows, cres);
      rows += cres[0]!;
      pos = cres[1]!;
      lines += cres[2]!;
      if (pos >= end) break;
    }
    let nl = buf.indexOf(10, pos);
    if (nl < 0 || nl >= end) nl = end;
    let le = nl;
    if (le > pos && b[le - 1] === 13) le--;
    const off = (rowBase + rows) * cols;
    let fast = false;
    if (sep >= 0 && native === undefined) {
      let q = pos;
      while (q < le && (b[q] === 32 || (b[q]! >= 9 && b[q]! <= 13))) q++;
      if (q === le) {
        lines++;
        pos = nl + 1;
        continue;
      }
      fast = parseLineFast(b, buf, pos, le, sep, f, out, off);
    }
    if (!fast) {
      const r = parseLineText(buf.toString('utf8', pos, le), f, na, out, off);
      if (r !== undefined && r !== 'skip') {
        res[RES_ERROR_AT] = pos;
        break;
      }
      if (r === 'skip') {
        lines++;
        pos = nl + 1;
        continue;
      }
    }
    rows++;
    lines++;
    pos = nl + 1;
  }
  res[RES_ROWS] = rows;
  res[RES_LINES] = lines;
}

/** The line b[pos, ...) as text (LF and one CR stripped), for error messages. */
export function lineText(b: Uint8Array, pos: number, end: number): string {
  const buf = asBuffer(b);
  let nl = buf.indexOf(10, pos);
  if (nl < 0 || nl >= end) nl = end;
  let le = nl;
  if (le > pos && b[le - 1] === 13) le--;
  return buf.toString('utf8', pos, le);
}

let countFor: CompiledKernels | undefined;
let countBound: CompiledFunction | undefined;

/** Line starts in b[start, end): newlines, plus one for a last line without its newline. */
export function countLines(b: Uint8Array, start: number, end: number): number {
  const k = compiledKernels();
  if (k !== undefined) {
    if (k !== countFor) {
      countBound = k.fn('double tessera_csv_count_lines(const uint8_t *b, double pos, double end)');
      countFor = k;
    }
    return countBound!(b, start, end) as number;
  }
  const buf = asBuffer(b);
  let n = 0;
  let pos = start;
  while (pos < end) {
    n++;
    const nl = buf.indexOf(10, pos);
    if (nl < 0 || nl >= end - 1) break;
    pos = nl + 1;
  }
  return n;
}

/** Whether parseCsvRange runs compiled code for this format (for -stats). */
export function csvParseIsCompiled(f: CsvLineFormat): boolean {
  return fastSeparator(f) >= 0 && compiledCsvParse() !== undefined;
}
