/**
 * DML's toString (and print of non-scalars), following SystemDS's DataConverter.toString:
 * - matrix, dense form: each row's cells joined by `sep`, each row followed by `linesep`
 *   (so the result ends with `linesep`); -0.0 prints as 0; cells via Java's DecimalFormat with
 *   at least `decimal` and at most max(3, decimal) fraction digits; NaN/Infinity as Java.
 * - matrix, sparse=TRUE: one `i sep j sep v linesep` line per non-zero (1-based).
 * - frame: a "# FRAME: nrow = r, ncol = c" header, a "#"-prefixed line of column names and one
 *   of the schema (STRING, FP64, INT64, BOOLEAN), then the rows (null cells as "null").
 * - list: "List containing:\n[" then each element (matrices after "\nMatrix:\n", frames after
 *   "\n", scalars as Java's toString: doubles like Double.toString, booleans "true"/"false"),
 *   separated by ", ", then "]".
 * `rows`/`cols` limit what is printed (negative: all).
 */
import type { FrameBlock, ListValue, MatrixBlock, ScalarValue, Value } from '../data/values.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { scalarString as scalarToString } from '../../common/scalar-ops.js';
import { columnTypeName } from '../io/formats.js';
import { formatDecimal } from './decimal-format.js';

export interface ToStringOptions {
  readonly rows: number;
  readonly cols: number;
  readonly decimal: number;
  readonly sparse: boolean;
  readonly sep: string;
  readonly linesep: string;
}

export const TOSTRING_DEFAULTS: ToStringOptions = Object.freeze({
  rows: 100,
  cols: 100,
  decimal: 3,
  sparse: false,
  sep: ' ',
  linesep: '\n',
});

/** A cell as DataConverter's dfFormat prints it. */
export function formatCell(v: number, decimal: number): string {
  if (Number.isNaN(v) || !Number.isFinite(v)) return javaDoubleToString(v);
  return decimal >= 0 ? formatDecimal(v, decimal, Math.max(3, decimal)) : formatDecimal(v, 0, 3);
}

function limit(n: number, max: number): number {
  return max >= 0 && max < n ? max : n;
}

export function matrixToString(m: MatrixBlock, o: ToStringOptions = TOSTRING_DEFAULTS): string {
  const rl = limit(m.rows, o.rows);
  const cl = limit(m.cols, o.cols);
  const parts: string[] = [];
  if (o.sparse) {
    m.forEachNonZero((i, j, v) => {
      if (i < rl && j < cl)
        parts.push(`${i + 1}${o.sep}${j + 1}${o.sep}${formatCell(v, o.decimal)}${o.linesep}`);
    });
    return parts.join('');
  }
  const cells: string[] = new Array<string>(cl);
  for (let i = 0; i < rl; i++) {
    const row = m.row(i);
    for (let j = 0; j < cl; j++) {
      const v = row[j]!;
      cells[j] = formatCell(v === 0 ? 0 : v, o.decimal); // -0.0 prints as 0
    }
    parts.push(cells.join(o.sep), o.linesep);
  }
  return parts.join('');
}

/** SystemDS's ValueType names as toString prints a frame schema (the .mtd names). */
export const schemaName = columnTypeName;

export function frameToString(f: FrameBlock, o: ToStringOptions = TOSTRING_DEFAULTS): string {
  const rl = limit(f.rows, o.rows);
  const cl = limit(f.cols, o.cols);
  const out: string[] = [];
  out.push(`# FRAME: nrow = ${f.rows}, ncol = ${f.cols}${o.linesep}`);
  out.push(`#${o.sep}${f.columnNames.slice(0, cl).join(o.sep)}${o.linesep}`);
  out.push(`#${o.sep}${f.schema.slice(0, cl).map(schemaName).join(o.sep)}${o.linesep}`);
  const cells: string[] = new Array<string>(cl);
  for (let i = 0; i < rl; i++) {
    for (let j = 0; j < cl; j++) {
      const c = f.get(i, j);
      const t = f.schema[j]!;
      if (c === null) cells[j] = 'null';
      else if (t === 'double' && typeof c === 'number') cells[j] = formatCell(c, o.decimal);
      else if (t === 'boolean' && typeof c === 'boolean') cells[j] = c ? 'TRUE' : 'FALSE';
      else cells[j] = String(c);
    }
    out.push(cells.join(o.sep), o.linesep);
  }
  return out.join('');
}

/** Java's toString of a scalar object inside a list (ScalarObject.getStringValue). */
function listScalarString(v: ScalarValue): string {
  if (v.vt === 'boolean') return v.value ? 'true' : 'false';
  return scalarToString(v);
}

export function listToString(l: ListValue, o: ToStringOptions = TOSTRING_DEFAULTS): string {
  let s = 'List containing:\n[';
  for (const x of l.items) {
    switch (x.dt) {
      case 'matrix':
        s += `\nMatrix:\n${matrixToString(x, o)}`;
        break;
      case 'frame':
        s += `\n${frameToString(x, o)}`;
        break;
      case 'list':
        s += listToString(x, o);
        break;
      case 'scalar':
        s += listScalarString(x);
        break;
    }
    s += ', ';
  }
  // SystemDS drops the last two characters unconditionally (for an empty list: the "\n[").
  return `${s.slice(0, s.length - 2)}]`;
}

/** toString of any value; scalars give their DML string form. */
export function valueToString(v: Value, o: ToStringOptions = TOSTRING_DEFAULTS): string {
  switch (v.dt) {
    case 'scalar':
      return scalarToString(v);
    case 'matrix':
      return matrixToString(v, o);
    case 'frame':
      return frameToString(v, o);
    case 'list':
      return listToString(v, o);
  }
}
