/**
 * Reading the data lines of one CSV file into rows: large files (csvParallel.minBytes, shared
 * memory) are cut into byte ranges at line starts, one per thread; a first pass on the pool counts
 * each range's lines, which fixes the row where each range starts, and a second pass parses the
 * ranges into one shared result. A range stops at its first bad line; the first such line in file
 * order is re-parsed here to raise the error with its absolute line number, as a serial read
 * would. Blank lines leave unused rows behind, squeezed out at the end.
 */
import type { Span } from '../../common/span.js';
import { countCompiledCall } from '../kernels/compiled/library.js';
import type { Job } from '../threads/jobs.js';
import { kernelResources, type KernelResources } from '../kernel-resources.js';
import { malformed } from './assemble.js';
import {
  countLines,
  csvParseIsCompiled,
  lineText,
  parseCsvRange,
  parseLineText,
  RES_ERROR_AT,
  RES_LINES,
  RES_ROWS,
  RES_SLOTS,
  type CsvLineFormat,
} from './csv-bytes.js';
import { CSV_JOBS, csvRangeJob } from './csv-range-job.js';

export const csvParallel = {
  /** Files smaller than this are parsed on the main thread (tests lower it). */
  minBytes: 8 << 20,
};

export interface ParsedRows {
  readonly data: Float64Array;
  readonly rows: number;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/** Ranges of about equal size, each starting at a line start. */
function splitRanges(b: Uint8Array, start: number, n: number): Range[] {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const cuts = [start];
  for (let k = 1; k < n; k++) {
    const at = start + Math.floor(((b.length - start) * k) / n);
    const nl = buf.indexOf(10, Math.max(at, cuts[cuts.length - 1]!));
    if (nl < 0 || nl + 1 >= b.length) break;
    cuts.push(nl + 1);
  }
  cuts.push(b.length);
  const out: Range[] = [];
  for (let k = 0; k + 1 < cuts.length; k++)
    if (cuts[k]! < cuts[k + 1]!) out.push({ start: cuts[k]!, end: cuts[k + 1]! });
  return out;
}

/**
 * Parses the data lines b[start, ...) of file `name` (firstLine: the line number at start) with
 * `f.cols` fields each; raises DML6002 naming file:line for the first malformed line.
 */
export function parseCsvLines(
  b: Uint8Array,
  start: number,
  firstLine: number,
  f: CsvLineFormat,
  name: string,
  span: Span,
): ParsedRows {
  if (csvParseIsCompiled(f)) countCompiledCall();
  // The run's thread setting and pool (resolved once for the whole file).
  const rt = kernelResources();
  const threads = rt.threads;
  const shared = b.buffer instanceof SharedArrayBuffer;
  if (threads > 1 && shared && b.length - start >= csvParallel.minBytes) {
    const r = parseParallel(rt, b, splitRanges(b, start, threads), firstLine, f, name, span);
    if (r !== undefined) return r;
  }
  const lines = countLines(b, start, b.length);
  const out = new Float64Array(lines * f.cols);
  const res = new Float64Array(RES_SLOTS);
  parseCsvRange(b, start, b.length, f, out, 0, res);
  if (res[RES_ERROR_AT]! >= 0) raise(b, res[RES_ERROR_AT]!, firstLine + res[RES_LINES]!, f, name, span);
  const rows = res[RES_ROWS]!;
  return { data: rows === lines ? out : out.slice(0, rows * f.cols), rows };
}

function parseParallel(
  rt: KernelResources,
  b: Uint8Array,
  ranges: readonly Range[],
  firstLine: number,
  f: CsvLineFormat,
  name: string,
  span: Span,
): ParsedRows | undefined {
  const res = new Float64Array(new SharedArrayBuffer(ranges.length * RES_SLOTS * 8));
  const empty = new Float64Array(0);
  const job = (k: number, count: boolean, out: Float64Array, rowBase: number): Job =>
    csvRangeJob.job({
      count,
      bytes: b,
      start: ranges[k]!.start,
      end: ranges[k]!.end,
      format: f,
      out,
      rowBase,
      res,
      slot: k,
    });
  const counting = ranges.map((_, k) => job(k, true, empty, 0));
  if (!rt.pool.runParallel(CSV_JOBS, counting)) return undefined;
  const base = new Array<number>(ranges.length);
  let lines = 0;
  for (let k = 0; k < ranges.length; k++) {
    base[k] = lines;
    lines += res[k * RES_SLOTS]!;
  }
  const out = new Float64Array(new SharedArrayBuffer(lines * f.cols * 8));
  const parsing = ranges.map((_, k) => job(k, false, out, base[k]!));
  if (!rt.pool.runParallel(CSV_JOBS, parsing)) return undefined;
  for (let k = 0; k < ranges.length; k++) {
    const at = res[k * RES_SLOTS + RES_ERROR_AT]!;
    if (at >= 0) raise(b, at, firstLine + base[k]! + res[k * RES_SLOTS + RES_LINES]!, f, name, span);
  }
  // Blank lines took no row: move each range's rows up behind the previous range's.
  let rows = 0;
  for (let k = 0; k < ranges.length; k++) {
    const n = res[k * RES_SLOTS + RES_ROWS]!;
    if (rows !== base[k]) out.copyWithin(rows * f.cols, base[k]! * f.cols, (base[k]! + n) * f.cols);
    rows += n;
  }
  return { data: rows === lines ? out : out.slice(0, rows * f.cols), rows };
}

/** Re-parses the bad line at byte `at` to word its error. */
function raise(b: Uint8Array, at: number, line: number, f: CsvLineFormat, name: string, span: Span): never {
  const msg = parseLineText(lineText(b, at, b.length), f, new Set(f.naStrings), new Float64Array(f.cols), 0);
  return malformed(name, line, typeof msg === 'string' && msg !== 'skip' ? msg : 'malformed line', span);
}
