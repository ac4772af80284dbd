/**
 * Frames as CSV (and as text cells). Reading: column types from `schema` (default all STRING),
 * names from the header line when header=TRUE (else C1, C2, ...), empty fields and `naStrings`
 * become missing cells (null). Writing: an optional header of column names, missing cells
 * empty, doubles as Java's Double.toString, booleans "true"/"false" (Java's toString, as
 * SystemDS writes them), fields quoted when needed.
 */
import { collect, type TextSink } from './text-sink.js';
import type { Span } from '../../common/span.js';
import { FrameBlock, type FrameCell, type FrameColumnType } from '../data/values.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { malformed, splitLines, type TextPart } from './assemble.js';
import { quoteCsvField, splitCsvLine } from './csv-split.js';
import { parseJavaDouble } from './parse-number.js';

export interface FrameCsvReadOptions {
  readonly header: boolean;
  readonly sep: string;
  readonly naStrings: readonly string[];
  readonly schema?: readonly FrameColumnType[];
  readonly rows?: number;
  readonly cols?: number;
}

/** Parses one frame cell of the given type; undefined when the text does not fit it. */
export function parseFrameCell(s: string, t: FrameColumnType): FrameCell | undefined {
  switch (t) {
    case 'string':
      return s;
    case 'double':
      return parseJavaDouble(s);
    case 'int': {
      const v = parseJavaDouble(s);
      return v !== undefined && Number.isInteger(v) ? v : undefined;
    }
    case 'boolean': {
      const l = s.trim().toLowerCase();
      if (l === 'true' || l === 't' || l === '1' || l === '1.0') return true;
      if (l === 'false' || l === 'f' || l === '0' || l === '0.0') return false;
      return undefined;
    }
  }
}

export function formatFrameCell(c: FrameCell, t: FrameColumnType): string {
  if (c === null) return '';
  if (typeof c === 'number') return t === 'int' ? String(c) : javaDoubleToString(c);
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  return c;
}

export function readCsvFrame(parts: readonly TextPart[], o: FrameCsvReadOptions, span: Span): FrameBlock {
  const na = new Set(o.naStrings);
  let names: string[] | undefined;
  let cols = o.cols ?? o.schema?.length;
  let columns: FrameCell[][] | undefined;
  let schema: readonly FrameColumnType[] | undefined = o.schema;
  let first = true;
  for (const part of parts) {
    const lines = splitLines(part.text);
    for (let ln = 0; ln < lines.length; ln++) {
      const line = lines[ln]!;
      const fields = splitCsvLine(line, o.sep);
      if (fields === undefined) malformed(part.name, ln + 1, 'unterminated or misplaced quote', span);
      if (cols === undefined) cols = fields.length;
      if (first && o.header) {
        first = false;
        if (fields.length !== cols)
          malformed(part.name, ln + 1, `header has ${fields.length} name(s), expected ${cols}`, span);
        names = fields;
        continue;
      }
      first = false;
      if (line === '' && cols !== 1) continue;
      if (fields.length !== cols)
        malformed(part.name, ln + 1, `expected ${cols} field(s), got ${fields.length}`, span);
      schema ??= new Array<FrameColumnType>(cols).fill('string');
      columns ??= Array.from({ length: cols }, () => [] as FrameCell[]);
      for (let j = 0; j < cols; j++) {
        const f = fields[j]!;
        if (f === '' || na.has(f)) {
          columns[j]!.push(null);
          continue;
        }
        const v = parseFrameCell(f, schema[j]!);
        if (v === undefined)
          malformed(part.name, ln + 1, `field ${j + 1} '${f}' is not a valid ${schema[j]}`, span);
        columns[j]!.push(v);
      }
    }
  }
  const c = cols ?? 0;
  schema ??= new Array<FrameColumnType>(c).fill('string');
  columns ??= Array.from({ length: c }, () => [] as FrameCell[]);
  const frame = new FrameBlock(schema, names ?? FrameBlock.defaultNames(c), columns);
  if (o.rows !== undefined && frame.rows !== o.rows) {
    malformed(
      parts[0]?.name ?? '<csv>',
      1,
      `has ${frame.rows} data row(s), but rows=${o.rows} was declared`,
      span,
    );
  }
  return frame;
}

export function writeCsvFrame(f: FrameBlock, header: boolean, sep: string): string {
  return collect((sink) => emitCsvFrame(f, header, sep, sink));
}

/** CSV text of a frame, streamed in chunks. */
export function emitCsvFrame(f: FrameBlock, header: boolean, sep: string, out: TextSink): void {
  if (header) out.push(`${f.columnNames.map((n) => quoteCsvField(n, sep)).join(sep)}\n`);
  const cells = new Array<string>(f.cols);
  for (let i = 0; i < f.rows; i++) {
    for (let j = 0; j < f.cols; j++)
      cells[j] = quoteCsvField(formatFrameCell(f.get(i, j), f.schema[j]!), sep);
    out.push(`${cells.join(sep)}\n`);
  }
}

/** Frames as text cells: `i j value` lines (value = rest of the line), 1-based; dims required. */
export function readTextFrame(
  parts: readonly TextPart[],
  rows: number,
  schema: readonly FrameColumnType[],
  span: Span,
): FrameBlock {
  const cols = schema.length;
  const columns: FrameCell[][] = Array.from({ length: cols }, () => new Array<FrameCell>(rows).fill(null));
  for (const part of parts) {
    const lines = splitLines(part.text);
    for (let ln = 0; ln < lines.length; ln++) {
      const m = /^\s*(\d+)\s+(\d+)\s(.*)$/.exec(lines[ln]!);
      if (!m) {
        if (lines[ln]!.trim() === '') continue;
        malformed(part.name, ln + 1, `expected 'i j value', got '${lines[ln]}'`, span);
      }
      const i = Number(m[1]);
      const j = Number(m[2]);
      if (i < 1 || j < 1 || i > rows || j > cols)
        malformed(part.name, ln + 1, `cell (${i}, ${j}) is outside the ${rows}x${cols} frame`, span);
      const v = parseFrameCell(m[3]!, schema[j - 1]!);
      if (v === undefined) malformed(part.name, ln + 1, `'${m[3]}' is not a valid ${schema[j - 1]}`, span);
      columns[j - 1]![i - 1] = v;
    }
  }
  return new FrameBlock(schema, FrameBlock.defaultNames(cols), columns);
}

export function writeTextFrame(f: FrameBlock): string {
  return collect((sink) => emitTextFrame(f, sink));
}

/** Text cells of a frame, streamed in chunks. */
export function emitTextFrame(f: FrameBlock, out: TextSink): void {
  for (let i = 0; i < f.rows; i++) {
    for (let j = 0; j < f.cols; j++) {
      const c = f.get(i, j);
      if (c !== null) out.push(`${i + 1} ${j + 1} ${formatFrameCell(c, f.schema[j]!)}\n`);
    }
  }
}
