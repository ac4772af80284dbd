/**
 * Conversions into frames and between frame schemas: as.frame, frame(...), detectSchema,
 * applySchema.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import {
  FrameBlock,
  type FrameCell,
  type FrameColumnType,
  type ScalarValue,
  type Value,
} from '../data/values.js';
import { convertCell, parseNumber, parseSchemaName, SCHEMA_NAME } from './cells.js';

function describeValue(v: Value): string {
  return v.dt === 'scalar' ? `${v.vt} scalar` : v.dt;
}

function scalarType(s: ScalarValue): FrameColumnType {
  return s.vt;
}

function matrixToFrame(X: MatrixBlock): FrameBlock {
  const columns: FrameCell[][] = [];
  for (let j = 0; j < X.cols; j++) {
    const col = new Array<FrameCell>(X.rows);
    for (let i = 0; i < X.rows; i++) col[i] = X.get(i, j);
    columns.push(col);
  }
  return new FrameBlock(
    columns.map(() => 'double'),
    FrameBlock.defaultNames(X.cols),
    columns,
  );
}

/**
 * as.frame: a matrix becomes FP64 columns C1..Cn; a scalar a 1x1 frame of its type; a list whose
 * first element is a frame gives that frame (SystemDS); a list of scalars one column of n rows
 * (STRING unless all elements share one type; a Tessera extension).
 */
export function asFrame(v: Value, span: Span): FrameBlock {
  switch (v.dt) {
    case 'frame':
      return v;
    case 'matrix':
      return matrixToFrame(v);
    case 'scalar':
      return new FrameBlock([scalarType(v)], ['C1'], [[v.value]]);
    case 'list': {
      // SystemDS's as.frame of a list returns its first element (a list holding a frame).
      const first = v.items[0];
      if (first?.dt === 'frame') return first;
      if (first?.dt === 'matrix' && v.length === 1) return matrixToFrame(first);
      const cells: ScalarValue[] = v.items.map((x, i) =>
        x.dt === 'scalar'
          ? x
          : x.dt === 'matrix' && x.rows === 1 && x.cols === 1
            ? { dt: 'scalar', vt: 'double', value: x.get(0, 0) }
            : fail(
                'DML3001',
                `as.frame of a list needs scalars, element ${i + 1} is a ${describeValue(x)}`,
                span,
              ),
      );
      const types = new Set(cells.map(scalarType));
      const t: FrameColumnType = types.size === 1 ? [...types][0]! : 'string';
      const raw = (c: ScalarValue): FrameCell =>
        c.vt === 'int' && t === 'string' ? String(c.value) : c.value;
      return new FrameBlock([t], ['C1'], [cells.map((c) => convertCell(raw(c), t) ?? null)]);
    }
  }
}

/** The narrowest type that holds every non-missing cell of a column (BOOLEAN, INT64, FP64, STRING). */
function detectColumnType(col: readonly FrameCell[], declared: FrameColumnType): FrameColumnType {
  let seenBool = false;
  let seenInt = false;
  let seenDouble = false;
  for (const c of col) {
    if (c === null || c === '') continue;
    if (typeof c === 'boolean') seenBool = true;
    else if (typeof c === 'number') {
      if (Number.isInteger(c)) seenInt = true;
      else seenDouble = true;
    } else {
      const l = c.trim().toLowerCase();
      if (l === 'true' || l === 'false') seenBool = true;
      else {
        const v = parseNumber(c);
        if (v === undefined) return 'string';
        if (Number.isInteger(v)) seenInt = true;
        else seenDouble = true;
      }
    }
  }
  if (seenBool) return seenInt || seenDouble ? 'string' : 'boolean';
  if (seenDouble) return 'double';
  if (seenInt) return 'int';
  return declared;
}

/** detectSchema(F): a 1 x n STRING frame of type names (BOOLEAN, INT64, FP64, STRING). */
export function detectSchema(F: FrameBlock): FrameBlock {
  const names = F.columns.map((c, j) => SCHEMA_NAME[detectColumnType(c, F.schema[j]!)]);
  return new FrameBlock(
    names.map(() => 'string'),
    [...F.columnNames],
    names.map((n) => [n]),
  );
}

/** Reads a schema argument: a 1 x n frame of type names, or a comma-separated string. */
export function schemaOf(v: Value, n: number | undefined, span: Span): FrameColumnType[] {
  let names: string[];
  if (v.dt === 'frame') names = v.columns.map((c) => String(c[0] ?? ''));
  else if (v.dt === 'scalar' && v.vt === 'string') names = v.value.split(',');
  else if (v.dt === 'list') names = v.items.map((x) => (x.dt === 'scalar' ? String(x.value) : ''));
  else
    return fail(
      'DML3001',
      `a schema must be a frame of type names or a string, got a ${describeValue(v)}`,
      span,
    );
  if (n !== undefined && names.length !== n)
    fail('DML4001', `the schema has ${names.length} types, the frame has ${n} columns`, span);
  return names.map((s) => parseSchemaName(s, span));
}

/** applySchema(F, schema): converts each column; a cell that does not fit is an error. */
export function applySchema(F: FrameBlock, schema: readonly FrameColumnType[], span: Span): FrameBlock {
  const columns = F.columns.map((col, j) =>
    col.map((c, i) => {
      const v = convertCell(c, schema[j]!);
      if (v === undefined)
        fail(
          'DML3001',
          `applySchema: cell (${i + 1}, ${j + 1}) "${String(c)}" of column '${F.columnNames[j]}' is not a valid ${SCHEMA_NAME[schema[j]!]}`,
          span,
        );
      return v;
    }),
  );
  return new FrameBlock(schema, F.columnNames, columns);
}

/**
 * frame(data, rows, cols, schema, colnames): data is a scalar (every cell), a list of scalars
 * (filled row by row, recycled as SystemDS does for a single value) or a frame (copied/reshaped
 * is not supported: it must match rows x cols).
 */
export function makeFrame(
  data: Value,
  rows: number | undefined,
  cols: number | undefined,
  schema: FrameColumnType[] | undefined,
  colnames: string[] | undefined,
  span: Span,
): FrameBlock {
  if (data.dt === 'frame') {
    if ((rows !== undefined && rows !== data.rows) || (cols !== undefined && cols !== data.cols))
      fail('DML9001', 'frame(F, rows, cols) reshaping a frame is not supported yet', span);
    return schema ? applySchema(data, schema, span) : data;
  }
  if (data.dt === 'matrix') return asFrame(data, span);
  const cells: ScalarValue[] =
    data.dt === 'scalar'
      ? [data]
      : data.items.map((x, i) =>
          x.dt === 'scalar'
            ? x
            : fail('DML3001', `frame(): list element ${i + 1} is a ${describeValue(x)}, not a scalar`, span),
        );
  const c = cols ?? schema?.length ?? colnames?.length ?? (data.dt === 'list' ? cells.length : 1);
  const r = rows ?? (c === 0 ? 0 : Math.ceil(cells.length / c));
  if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || c < 0)
    fail('DML5001', `frame(): invalid dimensions ${r} x ${c}`, span);
  if (cells.length !== 1 && cells.length !== r * c && cells.length > 0)
    fail('DML4001', `frame(): ${cells.length} values do not fill a ${r} x ${c} frame`, span);
  const types: FrameColumnType[] = schema ?? new Array<FrameColumnType>(c).fill('string');
  if (types.length !== c)
    fail('DML4001', `frame(): the schema has ${types.length} types for ${c} columns`, span);
  const names = colnames ?? FrameBlock.defaultNames(c);
  if (names.length !== c) fail('DML4001', `frame(): ${names.length} column names for ${c} columns`, span);
  const columns: FrameCell[][] = [];
  for (let j = 0; j < c; j++) {
    const col = new Array<FrameCell>(r);
    for (let i = 0; i < r; i++) {
      const s = cells.length === 0 ? null : cells.length === 1 ? cells[0]! : cells[i * c + j]!;
      // An int scalar keeps its integer form in a STRING column ("0", not "0.0").
      const raw = s === null ? null : s.vt === 'int' ? String(s.value) : s.value;
      const v = convertCell(raw, types[j]!);
      if (v === undefined)
        fail('DML3001', `frame(): "${String(raw)}" is not a valid ${SCHEMA_NAME[types[j]!]}`, span);
      col[i] = v;
    }
    columns.push(col);
  }
  return new FrameBlock(types, names, columns);
}
