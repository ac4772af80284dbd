/**
 * Text cell format ("text", IJV): one `i j v` line per non-zero cell, 1-based, separated by
 * whitespace. Without dimensions (from .mtd or read() arguments) the matrix is as large as the
 * largest indices found. Writing emits only non-zeros, so an all-zero matrix is an empty file
 * whose dimensions live in the .mtd.
 */
import { collect, type TextSink } from './text-sink.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { Cells, assemble, malformed, splitLines, type TextPart } from './assemble.js';
import { IO_ERR } from './formats.js';
import { parseJavaDouble } from './parse-number.js';

const WS = /\s+/;
/** Largest row or column count (and index): a block's row offsets and column indices are Int32. */
const MAX_DIM = 2 ** 31 - 1;

export function readTextCell(
  parts: readonly TextPart[],
  rows: number | undefined,
  cols: number | undefined,
  span: Span,
): MatrixBlock {
  const where = parts[0]?.name ?? 'text cell input';
  if ((rows ?? 0) > MAX_DIM || (cols ?? 0) > MAX_DIM)
    fail(IO_ERR.malformed, `${where}: declared dimensions ${rows}x${cols} exceed ${MAX_DIM}`, span);
  const cells = new Cells();
  let maxI = 0;
  let maxJ = 0;
  for (const part of parts) {
    const lines = splitLines(part.text);
    for (let ln = 0; ln < lines.length; ln++) {
      const line = lines[ln]!.trim();
      if (line === '') continue;
      const f = line.split(WS);
      if (f.length !== 3) malformed(part.name, ln + 1, `expected 'i j v', got '${line}'`, span);
      const i = parseJavaDouble(f[0]!);
      const j = parseJavaDouble(f[1]!);
      const v = parseJavaDouble(f[2]!);
      if (
        i === undefined ||
        j === undefined ||
        v === undefined ||
        !Number.isInteger(i) ||
        !Number.isInteger(j) ||
        i < 1 ||
        j < 1
      ) {
        malformed(part.name, ln + 1, `expected 'i j v' with 1-based integer indices, got '${line}'`, span);
      }
      if (i > MAX_DIM || j > MAX_DIM)
        malformed(part.name, ln + 1, `cell (${i}, ${j}): an index exceeds ${MAX_DIM}`, span);
      if ((rows !== undefined && i > rows) || (cols !== undefined && j > cols)) {
        malformed(
          part.name,
          ln + 1,
          `cell (${i}, ${j}) is outside the ${rows ?? '?'}x${cols ?? '?'} matrix`,
          span,
        );
      }
      if (i > maxI) maxI = i;
      if (j > maxJ) maxJ = j;
      cells.push(i - 1, j - 1, v);
    }
  }
  return assemble(rows ?? maxI, cols ?? maxJ, cells);
}

export function writeTextCell(m: MatrixBlock): string {
  return collect((sink) => emitTextCell(m, sink));
}

/** Text cells (`i j v` lines) of a matrix, streamed in chunks. */
export function emitTextCell(m: MatrixBlock, out: TextSink): void {
  m.forEachNonZero((i, j, v) => {
    out.push(`${i + 1} ${j + 1} ${javaDoubleToString(v)}\n`);
  });
}
