/**
 * CSV matrices. Reading: optional header line (skipped), separator `sep` (default ","), quoted
 * fields, `fill` (default TRUE: an empty field takes the value `fillValue`, default 0; FALSE: an
 * empty field is an error), `naStrings` (fields read as NaN). Writing: doubles in Java's
 * Double.toString form (they read back exactly), zeros as "0" (or empty with sparse=TRUE), an
 * optional header "C1,C2,...".
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { javaDoubleToString } from '../builtins/args.js';
import { malformed, splitLines, type TextPart } from './assemble.js';
import { splitCsvLine } from './csv-split.js';
import { IO_ERR } from './formats.js';
import { parseJavaDouble } from './parse-number.js';

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

export function readCsvMatrix(parts: readonly TextPart[], o: CsvReadOptions, span: Span): MatrixBlock {
  const rowsData: Float64Array[] = [];
  let cols = o.cols;
  const na = new Set(o.naStrings);
  let first = true;
  for (const part of parts) {
    const lines = splitLines(part.text);
    for (let ln = 0; ln < lines.length; ln++) {
      const line = lines[ln]!;
      // SystemDS writes the header only into the first part file.
      if (first && o.header) {
        first = false;
        continue;
      }
      first = false;
      if (line.trim() === '') continue;
      const fields = splitCsvLine(line, o.sep);
      if (fields === undefined) malformed(part.name, ln + 1, 'unterminated or misplaced quote', span);
      if (cols === undefined) cols = fields.length;
      if (fields.length !== cols)
        malformed(part.name, ln + 1, `expected ${cols} field(s), got ${fields.length}`, span);
      const row = new Float64Array(cols);
      for (let j = 0; j < cols; j++) {
        const f = fields[j]!;
        if (na.has(f)) {
          row[j] = NaN;
          continue;
        }
        if (f.trim() === '') {
          if (!o.fill) malformed(part.name, ln + 1, `empty field ${j + 1} (read with fill=FALSE)`, span);
          row[j] = o.fillValue;
          continue;
        }
        const v = parseJavaDouble(f);
        if (v === undefined) malformed(part.name, ln + 1, `field ${j + 1} is not a number: '${f}'`, span);
        row[j] = v;
      }
      rowsData.push(row);
    }
  }
  const c = cols ?? 0;
  const r = rowsData.length;
  if (o.rows !== undefined && o.rows !== r) {
    fail(
      IO_ERR.malformed,
      `${parts[0]?.name ?? '<csv>'}: has ${r} data row(s), but rows=${o.rows} was declared`,
      span,
    );
  }
  const d = new Float64Array(r * c);
  for (let i = 0; i < r; i++) d.set(rowsData[i]!, i * c);
  return MatrixBlock.dense(r, c, d).examSparsity();
}

export function writeCsvMatrix(m: MatrixBlock, o: CsvWriteOptions): string {
  const out: string[] = [];
  if (o.header) out.push(`${Array.from({ length: m.cols }, (_, j) => `C${j + 1}`).join(o.sep)}\n`);
  const cells = new Array<string>(m.cols);
  const zero = o.sparse ? '' : '0';
  for (let i = 0; i < m.rows; i++) {
    const row = m.row(i);
    for (let j = 0; j < m.cols; j++) {
      const v = row[j]!;
      cells[j] = v === 0 ? zero : javaDoubleToString(v);
    }
    out.push(cells.join(o.sep), '\n');
  }
  return out.join('');
}
