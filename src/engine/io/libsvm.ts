/**
 * LIBSVM text: one line per row, `label idx:val idx:val ...` with 1-based feature indices, as
 * SystemDS reads and writes it: the label is the matrix's LAST column and the features are the
 * columns before it (so a file with features 1..d gives an n x (d+1) matrix). Without dims the
 * width is the largest feature index + 1.
 */
import { collect, type TextSink } from './text-sink.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { Cells, assemble, malformed, splitLines, type TextPart } from './assemble.js';
import { IO_ERR } from './formats.js';
import { parseJavaDouble } from './parse-number.js';

/** Largest column count: a block's column indices are Int32 (the label takes one column). */
const MAX_COLS = 2 ** 31 - 1;

export function readLibsvm(
  parts: readonly TextPart[],
  cols: number | undefined,
  sep: string,
  indSep: string,
  span: Span,
): MatrixBlock {
  const where = parts[0]?.name ?? 'libsvm input';
  if (cols !== undefined && cols > MAX_COLS)
    fail(IO_ERR.malformed, `${where}: declared ${cols} columns exceed ${MAX_COLS}`, span);
  const cells = new Cells();
  const labels: number[] = [];
  let maxIdx = 0;
  const splitter = sep === ' ' ? /\s+/ : sep;
  for (const part of parts) {
    const lines = splitLines(part.text);
    for (let ln = 0; ln < lines.length; ln++) {
      const line = lines[ln]!.trim();
      if (line === '') continue;
      const f = line.split(splitter);
      const label = parseJavaDouble(f[0]!);
      if (label === undefined) malformed(part.name, ln + 1, `label is not a number: '${f[0]}'`, span);
      const row = labels.length;
      labels.push(label);
      for (let k = 1; k < f.length; k++) {
        const t = f[k]!;
        if (t === '') continue;
        const at = t.indexOf(indSep);
        const idx = at > 0 ? Number(t.slice(0, at)) : NaN;
        const v = at > 0 ? parseJavaDouble(t.slice(at + indSep.length)) : undefined;
        if (!Number.isInteger(idx) || idx < 1 || v === undefined)
          malformed(part.name, ln + 1, `expected 'index${indSep}value', got '${t}'`, span);
        if (idx >= MAX_COLS)
          malformed(part.name, ln + 1, `feature index ${idx} exceeds ${MAX_COLS - 1}`, span);
        if (cols !== undefined && idx >= cols)
          malformed(
            part.name,
            ln + 1,
            `feature index ${idx} does not fit ${cols - 1} feature column(s)`,
            span,
          );
        if (idx > maxIdx) maxIdx = idx;
        cells.push(row, idx - 1, v);
      }
    }
  }
  const c = cols ?? maxIdx + 1;
  if (c < 1 && labels.length > 0)
    fail(
      IO_ERR.malformed,
      `${where}: ${labels.length} row(s) but 0 columns declared (the label needs one)`,
      span,
    );
  for (let r = 0; r < labels.length; r++) cells.push(r, c - 1, labels[r]!);
  return assemble(labels.length, c, cells);
}

export function writeLibsvm(m: MatrixBlock, sep: string, indSep: string): string {
  return collect((sink) => emitLibsvm(m, sep, indSep, sink));
}

/** LIBSVM lines of a matrix (label = last column), streamed in chunks. */
export function emitLibsvm(m: MatrixBlock, sep: string, indSep: string, out: TextSink): void {
  const last = m.cols - 1;
  for (let i = 0; i < m.rows; i++) {
    const row = m.row(i);
    let line = javaDoubleToString(last >= 0 ? row[last]! : 0);
    for (let j = 0; j < last; j++) {
      const v = row[j]!;
      if (v !== 0) line += `${sep}${j + 1}${indSep}${javaDoubleToString(v)}`;
    }
    out.push(`${line}\n`);
  }
}
