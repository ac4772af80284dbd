/**
 * Matrix Market exchange format: `%%MatrixMarket matrix coordinate|array real|integer|pattern
 * general|symmetric|skew-symmetric`, comment lines starting with %, a size line, then 1-based
 * `i j [v]` entries (coordinate) or column-major values (array). Symmetric files store one
 * triangle; the reader mirrors it. The writer emits coordinate real general (non-zeros only).
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
const MAX_DIM = 2 ** 31 - 1;

export function readMatrixMarket(part: TextPart, span: Span): MatrixBlock {
  const lines = splitLines(part.text);
  const head = (lines[0] ?? '')
    .trim()
    .split(WS)
    .map((s) => s.toLowerCase());
  if (head[0] !== '%%matrixmarket' || head[1] !== 'matrix' || head.length < 5) {
    malformed(
      part.name,
      1,
      "expected a '%%MatrixMarket matrix <coordinate|array> <field> <symmetry>' header",
      span,
    );
  }
  const layout = head[2]!;
  const field = head[3]!;
  const symmetry = head[4]!;
  if (layout !== 'coordinate' && layout !== 'array')
    malformed(part.name, 1, `unknown layout '${layout}'`, span);
  if (!['real', 'integer', 'double', 'pattern'].includes(field)) {
    fail(
      IO_ERR.badArgument,
      `${part.name}: Matrix Market field '${field}' is not supported (real, integer, pattern)`,
      span,
    );
  }
  if (!['general', 'symmetric', 'skew-symmetric'].includes(symmetry)) {
    fail(IO_ERR.badArgument, `${part.name}: Matrix Market symmetry '${symmetry}' is not supported`, span);
  }
  const pattern = field === 'pattern';
  if (pattern && (layout === 'array' || symmetry === 'skew-symmetric'))
    malformed(part.name, 1, `'${layout} pattern ${symmetry}' is not a valid Matrix Market combination`, span);
  let ln = 1;
  while (ln < lines.length && (lines[ln]!.trim() === '' || lines[ln]!.trimStart().startsWith('%'))) ln++;
  if (ln >= lines.length) malformed(part.name, ln, 'missing size line', span);
  const sizeLine = ln + 1;
  const size = lines[ln]!.trim().split(WS).map(Number);
  const want = layout === 'coordinate' ? 3 : 2;
  if (size.length !== want || size.some((n) => !Number.isInteger(n) || n < 0)) {
    malformed(part.name, sizeLine, `expected a size line with ${want} non-negative integers`, span);
  }
  const [rows, cols] = size as [number, number];
  // Column indices and row offsets are Int32 in a block.
  if (rows > MAX_DIM || cols > MAX_DIM)
    malformed(part.name, sizeLine, `dimensions ${rows}x${cols} exceed ${MAX_DIM}`, span);
  if (symmetry !== 'general' && rows !== cols)
    malformed(part.name, sizeLine, `a ${symmetry} matrix must be square, not ${rows}x${cols}`, span);
  ln++;
  const cells = new Cells();
  const add = (i: number, j: number, v: number): void => {
    cells.push(i, j, v);
    if (i !== j) {
      if (symmetry === 'symmetric') cells.push(j, i, v);
      else if (symmetry === 'skew-symmetric') cells.push(j, i, -v);
    }
  };
  // Entry lines found, checked against what the size line declares.
  let found = 0;
  let declared: number;
  if (layout === 'coordinate') {
    declared = size[2]!;
    for (; ln < lines.length; ln++) {
      const line = lines[ln]!.trim();
      if (line === '' || line.startsWith('%')) continue;
      const f = line.split(WS);
      const i = Number(f[0]);
      const j = Number(f[1]);
      const v = pattern ? 1 : parseJavaDouble(f[2] ?? '');
      if (f.length !== (pattern ? 2 : 3) || !Number.isInteger(i) || !Number.isInteger(j) || v === undefined) {
        malformed(part.name, ln + 1, `expected '${pattern ? 'i j' : 'i j v'}', got '${line}'`, span);
      }
      if (i < 1 || j < 1 || i > rows || j > cols)
        malformed(part.name, ln + 1, `entry (${i}, ${j}) is outside the ${rows}x${cols} matrix`, span);
      if (symmetry === 'skew-symmetric' && i === j && v !== 0)
        malformed(
          part.name,
          ln + 1,
          `skew-symmetric matrix with a non-zero diagonal entry (${i}, ${j})`,
          span,
        );
      found++;
      if (found <= declared) add(i - 1, j - 1, v);
    }
  } else {
    // Column-major; symmetric arrays hold the lower triangle column by column, skew-symmetric
    // ones the part below the diagonal.
    const first = (col: number): number =>
      symmetry === 'general' ? 0 : symmetry === 'symmetric' ? col : col + 1;
    declared =
      symmetry === 'general'
        ? rows * cols
        : symmetry === 'symmetric'
          ? (rows * (rows + 1)) / 2
          : (rows * (rows - 1)) / 2;
    let j = 0;
    let i = first(0);
    for (; ln < lines.length; ln++) {
      const line = lines[ln]!.trim();
      if (line === '' || line.startsWith('%')) continue;
      const v = parseJavaDouble(line);
      if (v === undefined) malformed(part.name, ln + 1, `expected a value, got '${line}'`, span);
      found++;
      if (found > declared) continue;
      add(i, j, v);
      i++;
      if (i >= rows) {
        j++;
        i = first(j);
      }
    }
  }
  if (found !== declared) {
    malformed(
      part.name,
      sizeLine,
      `the size line declares ${declared} ${layout === 'coordinate' ? 'entries' : 'values'}, but the file holds ${found}`,
      span,
    );
  }
  return assemble(rows, cols, cells);
}

export function writeMatrixMarket(m: MatrixBlock): string {
  return collect((sink) => emitMatrixMarket(m, sink));
}

/** Matrix Market coordinate text of a matrix, streamed in chunks. */
export function emitMatrixMarket(m: MatrixBlock, out: TextSink): void {
  out.push('%%MatrixMarket matrix coordinate real general\n');
  out.push(`${m.rows} ${m.cols} ${m.nnz}\n`);
  m.forEachNonZero((i, j, v) => {
    out.push(`${i + 1} ${j + 1} ${javaDoubleToString(v)}\n`);
  });
}
