/**
 * CSV matrices. Reading: optional header line (skipped), separator `sep` (default ","), quoted
 * fields, `fill` (default TRUE: an empty field takes the value `fillValue`, default 0; FALSE: an
 * empty field is an error), `naStrings` (fields read as NaN); lines are parsed straight from the
 * file's bytes (csv-bytes.ts), large files in parallel ranges (csv-parallel.ts). Writing: doubles
 * in Java's Double.toString form (they read back exactly), zeros as "0" (or empty with
 * sparse=TRUE), an optional header "C1,C2,...".
 */
import { collect, type TextSink } from './text-sink.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { malformed } from './assemble.js';
import { isBlankLine, lineText } from './csv-bytes.js';
import { parseCsvLines, type ParsedRows } from './csv-parallel.js';
import { splitCsvLine } from './csv-split.js';
import { IO_ERR } from './formats.js';

export interface CsvReadOptions {
  readonly header: boolean;
  readonly sep: string;
  readonly fill: boolean;
  readonly fillValue: number;
  readonly naStrings: readonly string[];
  readonly rows?: number;
  readonly cols?: number;
}

export interface CsvWriteOptions {
  readonly header: boolean;
  readonly sep: string;
  readonly sparse: boolean;
}

/** One file of a CSV input (a part file of a directory, or the file itself). */
export interface BytePart {
  readonly name: string;
  /** The file's bytes; in a SharedArrayBuffer (readFileBytes), large files parse in parallel. */
  readonly bytes: Uint8Array;
}

export function readCsvMatrix(parts: readonly BytePart[], o: CsvReadOptions, span: Span): MatrixBlock {
  let cols = o.cols;
  let headerPending = o.header;
  const chunks: ParsedRows[] = [];
  for (const part of parts) {
    const b = part.bytes;
    if (b.length === 0) continue;
    let start = 0;
    let line = 1;
    // SystemDS writes the header only into the first part file.
    if (headerPending) {
      headerPending = false;
      const nl = b.indexOf(10);
      start = nl < 0 ? b.length : nl + 1;
      line = 2;
    }
    if (cols === undefined) cols = firstFieldCount(part, start, line, o.sep, span);
    if (cols === undefined) continue;
    const f = { sep: o.sep, cols, fill: o.fill, fillValue: o.fillValue, naStrings: o.naStrings };
    chunks.push(parseCsvLines(b, start, line, f, part.name, span));
  }
  const c = cols ?? 0;
  let r = 0;
  for (const ch of chunks) r += ch.rows;
  if (o.rows !== undefined && o.rows !== r) {
    fail(
      IO_ERR.malformed,
      `${parts[0]?.name ?? '<csv>'}: has ${r} data row(s), but rows=${o.rows} was declared`,
      span,
    );
  }
  let d: Float64Array;
  if (chunks.length === 1) d = chunks[0]!.data;
  else {
    d = new Float64Array(r * c);
    let at = 0;
    for (const ch of chunks) {
      d.set(ch.data, at);
      at += ch.data.length;
    }
  }
  return MatrixBlock.dense(r, c, d).examSparsity();
}

/** The field count of the first non-blank line from `start` on (undefined: there is none). */
function firstFieldCount(
  part: BytePart,
  start: number,
  line: number,
  sep: string,
  span: Span,
): number | undefined {
  const b = part.bytes;
  let pos = start;
  while (pos < b.length) {
    const text = lineText(b, pos, b.length);
    if (!isBlankLine(text)) {
      const fields = splitCsvLine(text, sep);
      if (fields === undefined) malformed(part.name, line, 'unterminated or misplaced quote', span);
      return fields.length;
    }
    const nl = b.indexOf(10, pos);
    if (nl < 0) break;
    pos = nl + 1;
    line++;
  }
  return undefined;
}

export function writeCsvMatrix(m: MatrixBlock, o: CsvWriteOptions): string {
  return collect((sink) => emitCsvMatrix(m, o, sink));
}

/** CSV text of a matrix, streamed in chunks (no size limit). */
export function emitCsvMatrix(m: MatrixBlock, o: CsvWriteOptions, out: TextSink): void {
  if (o.header) out.push(`${Array.from({ length: m.cols }, (_, j) => `C${j + 1}`).join(o.sep)}\n`);
  const cells = new Array<string>(m.cols);
  const zero = o.sparse ? '' : '0';
  for (let i = 0; i < m.rows; i++) {
    const row = m.row(i);
    for (let j = 0; j < m.cols; j++) {
      const v = row[j]!;
      cells[j] = v === 0 ? zero : javaDoubleToString(v);
    }
    out.push(`${cells.join(o.sep)}\n`);
  }
}
