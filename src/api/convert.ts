/**
 * Conversions between what a TypeScript application holds (Arrow tables, typed arrays, nested
 * arrays, plain scalars) and DML values. Inputs are converted once per run; matrices given as
 * a Float64Array are used without copying (DML values are never mutated in place).
 */
import { Table, Type } from 'apache-arrow';
import { DmlError, diag } from '../common/diagnostics.js';
import { MatrixBlock } from '../engine/data/matrix-block.js';
import {
  bool,
  dbl,
  FrameBlock,
  ListValue,
  str,
  type FrameCell,
  type ScalarValue,
  type Value,
} from '../engine/data/values.js';
import {
  ArrowConversionError,
  arrowToFrame,
  arrowToMatrix,
  frameToArrow,
  matrixToArrow,
} from '../engine/io/arrow.js';
import { API_ERR } from './errors.js';

/** A dense row-major matrix: `data[i * cols + j]` is cell (i, j). */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * What a script input may be:
 * - an Arrow `Table`: a matrix when every column is numeric (nulls become NaN), else a frame;
 * - a {@link DenseMatrix} (`{data: Float64Array, rows, cols}`, row-major, not copied);
 * - `number[][]` (rows of a matrix);
 * - a number, boolean or string scalar (numbers are DML doubles; use {@link intScalar} for ints);
 * - a `FrameBlock` (see {@link asFrame}), a `MatrixBlock`, or any DML value a previous run returned.
 */
export type InputValue =
  Table | DenseMatrix | readonly (readonly number[])[] | number | boolean | string | Value;

function apiError(code: string, message: string): never {
  throw new DmlError([diag(code, message)]);
}

/** A DML integer scalar (plain numbers are passed as doubles, as SystemDS does for `$args`). */
export function intScalar(n: number): ScalarValue {
  if (!Number.isInteger(n)) apiError(API_ERR.badInput, `intScalar: ${n} is not an integer`);
  return { dt: 'scalar', vt: 'int', value: n };
}

/** Forces a frame: an Arrow table of any column types (numeric columns too) becomes a frame with its names and types. */
export function asFrame(t: Table | FrameBlock): FrameBlock {
  if (t instanceof FrameBlock) return t;
  return arrowToFrame(t);
}

function isValue(x: object): x is Value {
  return (
    x instanceof MatrixBlock ||
    x instanceof FrameBlock ||
    x instanceof ListValue ||
    ('dt' in x && (x as { dt: unknown }).dt === 'scalar')
  );
}

function isDense(x: object): x is DenseMatrix {
  return 'data' in x && (x as DenseMatrix).data instanceof Float64Array;
}

/** Converts one input to a DML value; `name` is for messages. */
export function toDmlValue(name: string, x: InputValue): Value {
  if (typeof x === 'number') return dbl(x);
  if (typeof x === 'boolean') return bool(x);
  if (typeof x === 'string') return str(x);
  if (x === null || typeof x !== 'object')
    return apiError(API_ERR.badInput, `input '${name}': unsupported value ${String(x)}`);
  if (x instanceof Table) {
    const numeric = x.schema.fields.every((f) => {
      const id = f.type.typeId;
      return id === Type.Float || id === Type.Int || id === Type.Bool || id === Type.Decimal;
    });
    try {
      return numeric ? arrowToMatrix(x) : arrowToFrame(x);
    } catch (e) {
      if (e instanceof ArrowConversionError) apiError(API_ERR.badInput, `input '${name}': ${e.message}`);
      throw e;
    }
  }
  if (isValue(x)) return x;
  if (isDense(x)) {
    const { rows, cols, data } = x;
    if (
      !Number.isInteger(rows) ||
      !Number.isInteger(cols) ||
      rows < 0 ||
      cols < 0 ||
      data.length !== rows * cols
    )
      apiError(
        API_ERR.badInput,
        `input '${name}': data has ${data.length} values, not rows*cols = ${rows}x${cols}`,
      );
    return MatrixBlock.dense(rows, cols, data);
  }
  if (Array.isArray(x)) {
    const rows = x as readonly (readonly number[])[];
    const cols = rows.length === 0 ? 0 : (rows[0]?.length ?? 0);
    const d = new Float64Array(rows.length * cols);
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== cols)
        apiError(API_ERR.badInput, `input '${name}': row ${i + 1} does not have ${cols} numbers`);
      for (let j = 0; j < cols; j++) {
        const v = r[j];
        if (typeof v !== 'number')
          apiError(API_ERR.badInput, `input '${name}': cell (${i + 1}, ${j + 1}) is not a number`);
        d[i * cols + j] = v;
      }
    });
    return MatrixBlock.dense(rows.length, cols, d);
  }
  return apiError(
    API_ERR.badInput,
    `input '${name}': expected an Arrow Table, {data, rows, cols}, number[][], a scalar or a DML value`,
  );
}

// ---------------------------------------------------------------- outputs

/** A matrix result as dense row-major data (shared with the result, do not mutate). */
export function matrixOf(name: string, v: Value): DenseMatrix {
  if (v.dt !== 'matrix') apiError(API_ERR.wrongType, `output '${name}' is a ${v.dt}, not a matrix`);
  return { rows: v.rows, cols: v.cols, data: v.denseData() };
}

/** A scalar result as a JS value (a 1x1 matrix gives its cell). */
export function scalarOf(name: string, v: Value): number | boolean | string {
  if (v.dt === 'scalar') return v.value;
  if (v.dt === 'matrix' && v.rows === 1 && v.cols === 1) return v.get(0, 0);
  return apiError(API_ERR.wrongType, `output '${name}' is a ${v.dt}, not a scalar`);
}

export function frameOf(name: string, v: Value): FrameBlock {
  if (v.dt !== 'frame') apiError(API_ERR.wrongType, `output '${name}' is a ${v.dt}, not a frame`);
  return v;
}

/** A matrix or frame result as an Arrow table (matrix columns named C1..Cn unless `names` are given). */
export function arrowOf(name: string, v: Value, names?: readonly string[]): Table {
  try {
    if (v.dt === 'matrix') return matrixToArrow(v, names);
    if (v.dt === 'frame') return frameToArrow(v);
  } catch (e) {
    if (e instanceof ArrowConversionError) apiError(API_ERR.wrongType, `output '${name}': ${e.message}`);
    throw e;
  }
  return apiError(
    API_ERR.wrongType,
    `output '${name}' is a ${v.dt}; only matrices and frames convert to Arrow`,
  );
}

/** A matrix as rows of numbers, a frame as rows of cells, a list as its items' nested forms. */
export function arrayOf(name: string, v: Value): number[][] | FrameCell[][] {
  if (v.dt === 'matrix') return v.toArrays();
  if (v.dt === 'frame') {
    const out: FrameCell[][] = [];
    for (let i = 0; i < v.rows; i++) out.push(v.columns.map((c) => c[i] ?? null));
    return out;
  }
  return apiError(
    API_ERR.wrongType,
    `output '${name}' is a ${v.dt}; only matrices and frames convert to arrays`,
  );
}
