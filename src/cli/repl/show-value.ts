/**
 * Compact display of values in the REPL: a matrix shows its dims, format and nnz, then at most
 * the first rows and columns (R-style, with "..." where cut), so printing a 1e6 x 100 matrix is
 * instant and fits the screen.
 */
import { formatCell, schemaName } from '../../engine/format/to-string.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { FrameBlock, ListValue, MatrixBlock, type Value } from '../../engine/data/values.js';

export interface ShowLimits {
  readonly rows: number;
  readonly cols: number;
}

const DEFAULT_LIMITS: ShowLimits = { rows: 6, cols: 8 };

function grid(
  header: readonly string[] | undefined,
  cells: readonly (readonly string[])[],
  cutRows: boolean,
  cutCols: boolean,
): string[] {
  const all = header ? [header, ...cells] : cells;
  const widths: number[] = [];
  for (const row of all) row.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, c.length)));
  const lines = all.map(
    (row) => row.map((c, j) => c.padStart(widths[j]!)).join('  ') + (cutCols ? '  ...' : ''),
  );
  if (cutRows) lines.push('...');
  return lines;
}

function showMatrix(m: MatrixBlock, lim: ShowLimits): string {
  const r = Math.min(m.rows, lim.rows);
  const c = Math.min(m.cols, lim.cols);
  const head = `Matrix ${m.rows} x ${m.cols}, ${m.isSparse ? 'sparse' : 'dense'}, nnz=${m.nnz}`;
  if (r === 0 || c === 0) return head;
  const cells: string[][] = [];
  for (let i = 0; i < r; i++) {
    const row: string[] = [];
    for (let j = 0; j < c; j++) row.push(formatCell(m.get(i, j), 3));
    cells.push(row);
  }
  return [head, ...grid(undefined, cells, m.rows > r, m.cols > c)].join('\n');
}

function showFrame(f: FrameBlock, lim: ShowLimits): string {
  const r = Math.min(f.rows, lim.rows);
  const c = Math.min(f.cols, lim.cols);
  const head = `Frame ${f.rows} x ${f.cols}`;
  if (c === 0) return head;
  const header = f.columnNames.slice(0, c).map((n, j) => `${n}:${schemaName(f.schema[j]!)}`);
  const cells: string[][] = [];
  for (let i = 0; i < r; i++) {
    const row: string[] = [];
    for (let j = 0; j < c; j++) {
      const v = f.get(i, j);
      row.push(v === null ? 'NULL' : typeof v === 'number' ? javaDoubleToString(v) : String(v));
    }
    cells.push(row);
  }
  return [head, ...grid(header, cells, f.rows > r, f.cols > c)].join('\n');
}

function showList(l: ListValue, lim: ShowLimits): string {
  const lines = [`List of ${l.length}`];
  l.items.forEach((v, k) => {
    const label = l.names ? `$${l.names[k]}` : `[[${k + 1}]]`;
    lines.push(`${label}: ${describeValue(v)}`);
  });
  void lim;
  return lines.join('\n');
}

/** One line: type and shape, for `:vars` and list items. */
export function describeValue(v: Value): string {
  if (v instanceof MatrixBlock) return `Matrix[Double] ${v.rows} x ${v.cols}${v.isSparse ? ' (sparse)' : ''}`;
  if (v instanceof FrameBlock) return `Frame ${v.rows} x ${v.cols}`;
  if (v instanceof ListValue) return `List of ${v.length}`;
  const type = { double: 'Double', int: 'Integer', boolean: 'Boolean', string: 'String' }[v.vt];
  const shown =
    v.vt === 'string'
      ? JSON.stringify(v.value)
      : v.vt === 'double'
        ? javaDoubleToString(v.value)
        : String(v.value).toUpperCase();
  return `${type} ${v.vt === 'int' ? String(v.value) : shown}`;
}

/** Multi-line display of a value (what the REPL prints for a bare expression). */
export function showValue(v: Value, lim: ShowLimits = DEFAULT_LIMITS): string {
  if (v instanceof MatrixBlock) return showMatrix(v, lim);
  if (v instanceof FrameBlock) return showFrame(v, lim);
  if (v instanceof ListValue) return showList(v, lim);
  if (v.vt === 'string') return v.value;
  if (v.vt === 'boolean') return v.value ? 'TRUE' : 'FALSE';
  return v.vt === 'double' ? javaDoubleToString(v.value) : String(v.value);
}
