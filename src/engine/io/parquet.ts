/**
 * Parquet files for DML read/write (format="parquet") through hyparquet / hyparquet-writer.
 * A matrix is one nullable DOUBLE column per matrix column (C1..Cn, NaN stored as null); a frame
 * maps STRING -> STRING, FP64 -> DOUBLE, INT64 -> INT64, BOOLEAN -> BOOLEAN, its DML schema kept
 * in the key/value metadata so a round trip is exact. DML's read() is synchronous, while
 * hyparquet's public reader is asynchronous, so the column chunks are decoded here with its
 * synchronous column reader over the whole file in memory.
 */
import { parquetMetadata, parquetSchema, type FileMetaData } from 'hyparquet';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { readColumn } from 'hyparquet/src/column.js';
import { getTreePath } from 'hyparquet/src/schema.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { FrameBlock, type FrameCell, type FrameColumnType } from '../data/values.js';
import { IO_ERR } from './formats.js';

const SCHEMA_KEY = 'dml.schema';

type ParquetType = 'DOUBLE' | 'STRING' | 'INT64' | 'BOOLEAN';

function parquetType(t: FrameColumnType): ParquetType {
  switch (t) {
    case 'double':
      return 'DOUBLE';
    case 'string':
      return 'STRING';
    case 'int':
      return 'INT64';
    case 'boolean':
      return 'BOOLEAN';
  }
}

function matrixColumns(
  m: MatrixBlock,
): { name: string; data: (number | null)[]; type: ParquetType; nullable: boolean }[] {
  const d = m.denseData();
  const out = [];
  for (let j = 0; j < m.cols; j++) {
    const col: (number | null)[] = new Array<number | null>(m.rows);
    for (let i = 0, k = j; i < m.rows; i++, k += m.cols) {
      const x = d[k]!;
      col[i] = Number.isNaN(x) ? null : x;
    }
    out.push({ name: `C${j + 1}`, data: col, type: 'DOUBLE' as const, nullable: true });
  }
  return out;
}

function frameCellOut(t: FrameColumnType, c: FrameCell): string | number | bigint | boolean | null {
  if (c === null) return null;
  switch (t) {
    case 'string':
      return String(c);
    case 'double':
      return Number(c);
    case 'int':
      return BigInt(Math.trunc(Number(c)));
    case 'boolean':
      return c === true || c === 'true' || c === 'TRUE' || c === 1;
  }
}

/** Bytes of a Parquet file holding the matrix or frame. */
export function writeParquetFile(v: MatrixBlock | FrameBlock): Uint8Array {
  const columnData =
    v.dt === 'matrix'
      ? matrixColumns(v)
      : v.schema.map((t, j) => ({
          name: v.columnNames[j]!,
          data: v.columns[j]!.map((c) => frameCellOut(t, c)),
          type: parquetType(t),
          nullable: true,
        }));
  const kvMetadata = v.dt === 'frame' ? [{ key: SCHEMA_KEY, value: JSON.stringify(v.schema) }] : [];
  return new Uint8Array(parquetWriteBuffer({ columnData, kvMetadata }));
}

interface Decoded {
  names: string[];
  /** Parquet physical/logical type per column, as a DML column type. */
  types: FrameColumnType[];
  columns: unknown[][];
  rows: number;
  declaredSchema?: FrameColumnType[];
}

function decode(buf: Uint8Array, name: string, span: Span): Decoded {
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  let md: FileMetaData;
  try {
    md = parquetMetadata(ab);
  } catch (e) {
    return fail(IO_ERR.malformed, `read: '${name}' is not a Parquet file (${(e as Error).message})`, span);
  }
  const tree = parquetSchema(md);
  const leaves = tree.children;
  for (const c of leaves) {
    if (c.children.length > 0)
      fail(
        'DML9001',
        `read: nested Parquet column '${c.element.name}' in '${name}' is not supported yet`,
        span,
      );
  }
  const names = leaves.map((c) => c.element.name);
  const types = leaves.map((c): FrameColumnType => {
    const e = c.element;
    if (e.converted_type === 'UTF8' || e.logical_type?.type === 'STRING') return 'string';
    switch (e.type) {
      case 'DOUBLE':
      case 'FLOAT':
        return 'double';
      case 'INT32':
      case 'INT64':
        return 'int';
      case 'BOOLEAN':
        return 'boolean';
      default:
        return 'string';
    }
  });
  const columns: unknown[][] = names.map(() => []);
  try {
    for (const rg of md.row_groups) {
      rg.columns.forEach((ch, j) => {
        const meta = ch.meta_data;
        if (meta === undefined) throw new Error('column metadata is missing');
        const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
        const end = start + Number(meta.total_compressed_size);
        const schemaPath = getTreePath(tree, meta.path_in_schema);
        const r = readColumn(
          { view: new DataView(ab, start, end - start), offset: 0 },
          { groupStart: 0, selectStart: 0, selectEnd: Number(rg.num_rows), groupRows: Number(rg.num_rows) },
          {
            pathInSchema: meta.path_in_schema,
            element: schemaPath[schemaPath.length - 1]!.element,
            schemaPath,
            ...meta,
            parsers: DEFAULT_PARSERS,
          },
        );
        const col = columns[j]!;
        for (const chunk of r.data) {
          const a = chunk as ArrayLike<unknown>;
          for (let i = 0; i < a.length; i++) col.push(a[i]);
        }
      });
    }
  } catch (e) {
    return fail(
      IO_ERR.malformed,
      `read: cannot decode Parquet file '${name}' (${(e as Error).message})`,
      span,
    );
  }
  let declaredSchema: FrameColumnType[] | undefined;
  const kv = md.key_value_metadata?.find((x) => x.key === SCHEMA_KEY);
  if (kv?.value !== undefined) {
    try {
      const s: unknown = JSON.parse(kv.value);
      if (Array.isArray(s) && s.length === names.length) declaredSchema = s as FrameColumnType[];
    } catch {
      // Foreign metadata under our key: fall back to the Parquet types.
    }
  }
  return { names, types, columns, rows: Number(md.num_rows), declaredSchema };
}

function num(x: unknown): number {
  if (x === null || x === undefined) return NaN;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  return Number(x);
}

/** Reads a Parquet file as a matrix (numeric columns, nulls as NaN) or a frame (its schema kept). */
export function readParquetFile(
  buf: Uint8Array,
  name: string,
  dataType: 'matrix' | 'frame',
  span: Span,
): MatrixBlock | FrameBlock {
  const d = decode(buf, name, span);
  if (dataType === 'matrix') {
    const cols = d.names.length;
    d.types.forEach((t, j) => {
      if (t === 'string')
        fail(
          IO_ERR.malformed,
          `read: column '${d.names[j]}' of '${name}' holds strings; read it as a frame`,
          span,
        );
    });
    const out = new Float64Array(d.rows * cols);
    for (let j = 0; j < cols; j++) {
      const c = d.columns[j]!;
      for (let i = 0; i < d.rows; i++) out[i * cols + j] = num(c[i]);
    }
    return MatrixBlock.dense(d.rows, cols, out);
  }
  const schema = d.declaredSchema ?? d.types;
  const columns = d.columns.map((c, j): FrameCell[] =>
    c.map((x) => {
      if (x === null || x === undefined) return null;
      switch (schema[j]!) {
        case 'string':
          return String(x);
        case 'boolean':
          return Boolean(x);
        default:
          return num(x);
      }
    }),
  );
  return new FrameBlock(schema, d.names, columns);
}
