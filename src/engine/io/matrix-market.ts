/**
 * Matrix Market exchange format: `%%MatrixMarket matrix coordinate|array real|integer|pattern
 * general|symmetric|skew-symmetric`, comment lines starting with %, a size line, then 1-based
 * `i j [v]` entries (coordinate) or column-major values (array). Symmetric files store one
 * triangle; the reader mirrors it. The writer emits coordinate real general (non-zeros only).
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { javaDoubleToString } from '../builtins/args.js';
import { Cells, assemble, malformed, splitLines, type TextPart } from './assemble.js';
import { IO_ERR } from './formats.js';
import { parseJavaDouble } from './parse-number.js';

const WS = /\s+/;

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
  let ln = 1;
  while (ln < lines.length && (lines[ln]!.trim() === '' || lines[ln]!.trimStart().startsWith('%'))) ln++;
  if (ln >= lines.length) malformed(part.name, ln, 'missing size line', span);
  const size = lines[ln]!.trim().split(WS).map(Number);
  const want = layout === 'coordinate' ? 3 : 2;
  if (size.length !== want || size.some((n) => !Number.isInteger(n) || n < 0)) {
    malformed(part.name, ln + 1, `expected a size line with ${want} non-negative integers`, span);
  }
  const [rows, cols] = size as [number, number];
  ln++;
  const cells = new Cells();
  const add = (i: number, j: number, v: number): void => {
    cells.push(i, j, v);
    if (i !== j) {
      if (symmetry === 'symmetric') cells.push(j, i, v);
      else if (symmetry === 'skew-symmetric') cells.push(j, i, -v);
    }
  };
  if (layout === 'coordinate') {
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
      add(i - 1, j - 1, v);
    }
  } else {
    // Column-major; symmetric arrays hold the lower triangle column by column.
    let i = 0;
    let j = 0;
    for (; ln < lines.length; ln++) {
      const line = lines[ln]!.trim();
      if (line === '' || line.startsWith('%')) continue;
      const v = parseJavaDouble(line);
      if (v === undefined) malformed(part.name, ln + 1, `expected a value, got '${line}'`, span);
      if (j >= cols) malformed(part.name, ln + 1, 'more values than the size line declares', span);
      add(i, j, v);
      i++;
      if (i >= rows) {
        j++;
        i = symmetry === 'general' ? 0 : symmetry === 'symmetric' ? j : j + 1;
      }
    }
  }
  return assemble(rows, cols, cells);
}

export function writeMatrixMarket(m: MatrixBlock): string {
  const out: string[] = ['%%MatrixMarket matrix coordinate real general\n', `${m.rows} ${m.cols} ${m.nnz}\n`];
  m.forEachNonZero((i, j, v) => {
    out.push(`${i + 1} ${j + 1} ${javaDoubleToString(v)}\n`);
  });
  return out.join('');
}
