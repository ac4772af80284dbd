/**
 * Values as they cross to a parfor worker and back. Matrices travel as views of
 * SharedArrayBuffers, so k workers reading the same 80 MB input share one copy instead of each
 * receiving a structured-clone copy; every kernel treats blocks as immutable, so sharing is safe.
 * Scalars, frames and lists are plain data.
 */
import { markEscaped } from '../data/buffer-owners.js';
import {
  FrameBlock,
  ListValue,
  MatrixBlock,
  type FrameCell,
  type FrameColumnType,
  type Value,
} from '../data/values.js';

export type WireValue =
  | {
      readonly t: 'scalar';
      readonly vt: 'double' | 'int' | 'boolean' | 'string';
      readonly value: number | boolean | string;
    }
  | { readonly t: 'dense'; readonly rows: number; readonly cols: number; readonly data: Float64Array }
  | {
      readonly t: 'sparse';
      readonly rows: number;
      readonly cols: number;
      readonly rowPtr: Int32Array;
      readonly colIdx: Int32Array;
      readonly values: Float64Array;
    }
  | {
      readonly t: 'frame';
      readonly schema: readonly FrameColumnType[];
      readonly names: readonly string[];
      readonly columns: readonly (readonly FrameCell[])[];
    }
  | { readonly t: 'list'; readonly items: readonly WireValue[]; readonly names?: readonly string[] };

/** Shared copies already made for a block (a loop around a parfor ships the same inputs again). */
const sharedCopies = new WeakMap<MatrixBlock, WireValue>();

function shared<T extends Float64Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new Ctor(new SharedArrayBuffer(a.length * Ctor.BYTES_PER_ELEMENT));
  out.set(a);
  return out;
}

/** Encodes for posting to a worker: matrix data moves into shared memory (once per block). */
export function toWire(v: Value): WireValue {
  switch (v.dt) {
    case 'scalar':
      return { t: 'scalar', vt: v.vt, value: v.value };
    case 'matrix': {
      const hit = sharedCopies.get(v);
      if (hit) return hit;
      let w: WireValue;
      if (v.isSparse) {
        const s = v.sparseData();
        w = {
          t: 'sparse',
          rows: v.rows,
          cols: v.cols,
          rowPtr: shared(s.rowPtr),
          colIdx: shared(s.colIdx),
          values: shared(s.values),
        };
      } else {
        w = { t: 'dense', rows: v.rows, cols: v.cols, data: shared(v.denseData()) };
        // Workers hold these buffers beyond this block's slots: never recycled.
        markEscaped(w.data);
      }
      sharedCopies.set(v, w);
      return w;
    }
    case 'frame':
      return { t: 'frame', schema: v.schema, names: v.columnNames, columns: v.columns };
    case 'list':
      return { t: 'list', items: v.items.map(toWire), names: v.names };
  }
}

/** Encodes a worker's result: plain (structured-clone) copies; results are read once by the merge. */
export function toWirePlain(v: Value): WireValue {
  if (v.dt === 'matrix') {
    if (v.isSparse) {
      const s = v.sparseData();
      return {
        t: 'sparse',
        rows: v.rows,
        cols: v.cols,
        rowPtr: s.rowPtr,
        colIdx: s.colIdx,
        values: s.values,
      };
    }
    return { t: 'dense', rows: v.rows, cols: v.cols, data: v.denseData() };
  }
  if (v.dt === 'list') return { t: 'list', items: v.items.map(toWirePlain), names: v.names };
  return toWire(v);
}

export function fromWire(w: WireValue): Value {
  switch (w.t) {
    case 'scalar':
      return { dt: 'scalar', vt: w.vt, value: w.value } as Value;
    case 'dense':
      return MatrixBlock.dense(w.rows, w.cols, w.data);
    case 'sparse':
      return MatrixBlock.sparse(w.rows, w.cols, { rowPtr: w.rowPtr, colIdx: w.colIdx, values: w.values });
    case 'frame':
      return new FrameBlock(w.schema, w.names, w.columns);
    case 'list':
      return new ListValue(w.items.map(fromWire), w.names);
  }
}

/** Approximate bytes a value occupies (for the per-worker memory budget). */
export function valueBytes(v: Value): number {
  switch (v.dt) {
    case 'matrix':
      return v.isSparse ? v.nnz * 12 + (v.rows + 1) * 4 : v.rows * v.cols * 8;
    case 'list':
      return v.items.reduce((s, x) => s + valueBytes(x), 0);
    case 'frame':
      return v.rows * v.cols * 16;
    default:
      return 16;
  }
}
