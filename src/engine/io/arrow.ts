/**
 * Apache Arrow interop: matrices and frames <-> Arrow tables, and DML read/write of Arrow IPC
 * files (format="arrow"). A matrix becomes one Float64 column per matrix column (named C1..Cn
 * unless names are given); NaN cells become nulls and nulls read back as NaN. A dense
 * single-column matrix shares its buffer with the Arrow column (zero-copy) both ways; wider
 * matrices are row-major here and column-major in Arrow, so they are transposed once.
 */
import {
  Bool,
  Field,
  Float64,
  Int64,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Table,
  tableFromIPC,
  tableToIPC,
  Type,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { FrameBlock, type FrameCell, type FrameColumnType } from '../data/values.js';
import { IO_ERR } from './formats.js';

/** Thrown (as a plain Error) by the conversions when a table cannot become a matrix or frame. */
export class ArrowConversionError extends Error {
  override name = 'ArrowConversionError';
}

/** A validity bitmap (bit set = valid) for the non-NaN cells, or undefined when all are valid. */
function nanValidity(values: Float64Array): { bitmap: Uint8Array; nulls: number } | undefined {
  let nulls = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) nulls++;
  if (nulls === 0) return undefined;
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) bitmap[i >> 3]! |= 1 << (i & 7);
  return { bitmap, nulls };
}

function float64Column(values: Float64Array): Vector<Float64> {
  const v = nanValidity(values);
  if (v === undefined) return makeVector(values);
  return makeVector(
    makeData({
      type: new Float64(),
      length: values.length,
      nullCount: v.nulls,
      nullBitmap: v.bitmap,
      data: values,
    }),
  );
}

/**
 * A matrix as an Arrow table: one Float64 column per matrix column, NaN as null.
 * `names` (one per column) default to C1..Cn. A dense single-column matrix is not copied.
 */
export function matrixToArrow(m: MatrixBlock, names?: readonly string[]): Table {
  if (names !== undefined && names.length !== m.cols)
    throw new ArrowConversionError(`matrixToArrow: ${names.length} names for ${m.cols} columns`);
  const colNames = names ?? FrameBlock.defaultNames(m.cols);
  if (new Set(colNames).size !== colNames.length)
    throw new ArrowConversionError('matrixToArrow: an Arrow table needs distinct column names');
  const d = m.denseData();
  const columns: Record<string, Vector<Float64>> = {};
  if (m.cols === 1) {
    columns[colNames[0]!] = float64Column(d);
  } else {
    for (let j = 0; j < m.cols; j++) {
      const c = new Float64Array(m.rows);
      for (let i = 0, k = j; i < m.rows; i++, k += m.cols) c[i] = d[k]!;
      columns[colNames[j]!] = float64Column(c);
    }
  }
  return new Table(columns);
}

function isNumericType(t: DataType): boolean {
  return (
    t.typeId === Type.Float || t.typeId === Type.Int || t.typeId === Type.Bool || t.typeId === Type.Decimal
  );
}

function cellNumber(x: unknown): number {
  if (x === null || x === undefined) return NaN;
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  return Number(x);
}

/**
 * An Arrow table as a matrix: every column must be numeric (float, int, bool, decimal); nulls
 * become NaN. A single Float64 column without nulls in one chunk is used without copying.
 */
export function arrowToMatrix(t: Table): MatrixBlock {
  const rows = t.numRows;
  const cols = t.numCols;
  for (const f of t.schema.fields) {
    if (!isNumericType(f.type))
      throw new ArrowConversionError(
        `column '${f.name}' has Arrow type ${String(f.type)}; a matrix needs numeric columns (read it as a frame)`,
      );
  }
  if (cols === 1) {
    const v = t.getChildAt(0)!;
    const only = v.data.length === 1 ? v.data[0]! : undefined;
    if (
      only !== undefined &&
      only.type.typeId === Type.Float &&
      only.values instanceof Float64Array &&
      only.nullCount === 0 &&
      only.values.length === rows
    ) {
      return MatrixBlock.dense(rows, 1, only.values);
    }
  }
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const v = t.getChildAt(j)!;
    let i = 0;
    for (const x of v) out[i++ * cols + j] = cellNumber(x);
  }
  return MatrixBlock.dense(rows, cols, out);
}

function frameColumnVector(type: FrameColumnType, cells: readonly FrameCell[]): Vector {
  switch (type) {
    case 'string':
      return vectorFromArray(
        cells.map((c) => (c === null ? null : String(c))),
        new Utf8(),
      );
    case 'double':
      return vectorFromArray(
        cells.map((c) => (c === null ? null : Number(c))),
        new Float64(),
      );
    case 'int':
      return vectorFromArray(
        cells.map((c) => (c === null ? null : BigInt(Math.trunc(Number(c))))),
        new Int64(),
      );
    case 'boolean':
      return vectorFromArray(
        cells.map((c) => (c === null ? null : c === true || c === 'true' || c === 'TRUE' || c === 1)),
        new Bool(),
      );
  }
}

/** Metadata key holding a frame column's DML type, so a round trip keeps it exactly. */
const DML_TYPE_KEY = 'dml.type';

/** A frame as an Arrow table: STRING -> Utf8, FP64 -> Float64, INT64 -> Int64, BOOLEAN -> Bool; null cells stay null. */
export function frameToArrow(f: FrameBlock): Table {
  if (new Set(f.columnNames).size !== f.columnNames.length)
    throw new ArrowConversionError('frameToArrow: an Arrow table needs distinct column names');
  const byName: Record<string, Vector> = {};
  f.schema.forEach((type, j) => {
    byName[f.columnNames[j]!] = frameColumnVector(type, f.columns[j]!);
  });
  const plain = new Table(byName);
  // Keep each column's DML type in the field metadata: Arrow alone cannot tell INT64 from a
  // frame column that merely held integers after a round trip through other tools.
  const schema = new Schema(
    plain.schema.fields.map(
      (fl, j) => new Field(fl.name, fl.type, true, new Map([[DML_TYPE_KEY, f.schema[j]!]])),
    ),
  );
  return new Table(
    schema,
    plain.batches.map((b) => new RecordBatch(schema, b.data)),
  );
}

function frameColumnType(t: DataType): FrameColumnType {
  switch (t.typeId) {
    case Type.Float:
    case Type.Decimal:
      return 'double';
    case Type.Int:
      return 'int';
    case Type.Bool:
      return 'boolean';
    default:
      return 'string';
  }
}

function frameCell(type: FrameColumnType, x: unknown): FrameCell {
  if (x === null || x === undefined) return null;
  switch (type) {
    case 'double':
    case 'int':
      return cellNumber(x);
    case 'boolean':
      return Boolean(x);
    case 'string':
      return String(x);
  }
}

/** An Arrow table as a frame: its column names and (mapped) types form the schema; nulls stay null. */
export function arrowToFrame(t: Table): FrameBlock {
  const schema: FrameColumnType[] = [];
  const names: string[] = [];
  const columns: FrameCell[][] = [];
  t.schema.fields.forEach((f, j) => {
    const declared = f.metadata.get(DML_TYPE_KEY);
    const type: FrameColumnType =
      declared === 'string' || declared === 'double' || declared === 'int' || declared === 'boolean'
        ? declared
        : frameColumnType(f.type);
    schema.push(type);
    names.push(f.name);
    const col: FrameCell[] = [];
    for (const x of t.getChildAt(j)!) col.push(frameCell(type, x));
    columns.push(col);
  });
  return new FrameBlock(schema, names, columns);
}

// ---------------------------------------------------------------- DML read / write

/** Bytes of an Arrow IPC file holding the value. */
export function writeArrowFile(v: MatrixBlock | FrameBlock): Uint8Array {
  return tableToIPC(v.dt === 'matrix' ? matrixToArrow(v) : frameToArrow(v), 'file');
}

function parseIpc(buf: Uint8Array, name: string, span: Span): Table {
  try {
    return tableFromIPC(buf);
  } catch (e) {
    return fail(IO_ERR.malformed, `read: '${name}' is not an Arrow IPC file (${(e as Error).message})`, span);
  }
}

/** Reads an Arrow IPC file (file or stream format) as a matrix or frame. */
export function readArrowFile(
  buf: Uint8Array,
  name: string,
  dataType: 'matrix' | 'frame',
  span: Span,
): MatrixBlock | FrameBlock {
  const t = parseIpc(buf, name, span);
  try {
    return dataType === 'matrix' ? arrowToMatrix(t) : arrowToFrame(t);
  } catch (e) {
    if (e instanceof ArrowConversionError)
      return fail(IO_ERR.malformed, `read: '${name}': ${e.message}`, span);
    throw e;
  }
}
