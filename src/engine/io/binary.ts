/**
 * Tessera's binary matrix format ("binary"): a 48-byte header, then little-endian arrays, read
 * with one file read and bulk copies (no per-cell parsing).
 *
 *   offset  size  field
 *   0       4     magic "TSRB"
 *   4       4     u32 version (1)
 *   8       4     u32 layout: 0 dense, 1 sparse (CSR)
 *   12      4     reserved (0)
 *   16      8     u64 rows
 *   24      8     u64 cols
 *   32      8     u64 nnz
 *   40      8     reserved (0)
 *   48      ...   dense: rows*cols f64, row-major
 *                 sparse: (rows+1) i32 rowPtr, nnz i32 colIdx, zero padding to a multiple of 8,
 *                         nnz f64 values
 * Sparse is written when the engine holds it sparse (prefersSparse: sparsity < 0.4, cols > 1).
 */
import { endianness } from 'node:os';
import type { Span } from '../../common/span.js';
import { prefersSparse } from '../../common/sparsity.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { fail } from '../../common/diagnostics.js';
import { IO_ERR } from './formats.js';

export const BINARY_MAGIC = 'TSRB';
const VERSION = 1;
const HEADER = 48;
const LE = endianness() === 'LE';

export function isBinaryMatrix(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x54 && buf[1] === 0x53 && buf[2] === 0x52 && buf[3] === 0x42;
}

/** A copy of `count` elements at `offset` as a typed array (aligned, native endianness). */
function f64At(buf: Buffer, offset: number, count: number): Float64Array {
  const out = new Float64Array(count);
  if (LE) new Uint8Array(out.buffer).set(buf.subarray(offset, offset + count * 8));
  else for (let k = 0; k < count; k++) out[k] = buf.readDoubleLE(offset + k * 8);
  return out;
}

function i32At(buf: Buffer, offset: number, count: number): Int32Array {
  const out = new Int32Array(count);
  if (LE) new Uint8Array(out.buffer).set(buf.subarray(offset, offset + count * 4));
  else for (let k = 0; k < count; k++) out[k] = buf.readInt32LE(offset + k * 4);
  return out;
}

function bytesOf(a: Float64Array | Int32Array): Uint8Array {
  if (LE) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const b = Buffer.alloc(a.byteLength);
  if (a instanceof Float64Array) a.forEach((v, k) => b.writeDoubleLE(v, k * 8));
  else a.forEach((v, k) => b.writeInt32LE(v, k * 4));
  return b;
}

/** Largest row/column count and nnz: CSR offsets and column indices are Int32. */
const MAX_INT = 2 ** 31 - 1;

export function readBinaryMatrix(buf: Buffer, file: string, span: Span): MatrixBlock {
  const bad = (what: string): never =>
    fail(IO_ERR.malformed, `${file}: not a valid Tessera binary matrix (${what})`, span);
  if (buf.length < HEADER || !isBinaryMatrix(buf)) bad('bad header');
  const version = buf.readUInt32LE(4);
  if (version !== VERSION) bad(`unsupported version ${version}`);
  const layout = buf.readUInt32LE(8);
  if (layout !== 0 && layout !== 1) bad(`unknown layout ${layout}`);
  // Sizes are checked against the limits and the file length before anything is allocated.
  const field = (name: string, at: number, max: number): number => {
    const v = buf.readBigUInt64LE(at);
    if (v > BigInt(max)) bad(`${name} ${v} exceeds ${max}`);
    return Number(v);
  };
  const rows = field('rows', 16, MAX_INT);
  const cols = field('cols', 24, MAX_INT);
  const nnz = field('nnz', 32, MAX_INT);
  if (nnz > rows * cols) bad(`nnz ${nnz} exceeds rows*cols (${rows}x${cols})`);
  if (layout === 0) {
    // rows*cols < 2^62: a product past 2^53 may round, but can never equal a real file length.
    const want = HEADER + rows * cols * 8;
    if (buf.length !== want) bad(lengthMismatch(buf.length, want, `${rows}x${cols} dense`));
    const m = MatrixBlock.dense(rows, cols, f64At(buf, HEADER, rows * cols));
    if (m.nnz !== nnz) bad(`header nnz ${nnz}, but the data holds ${m.nnz} non-zeros`);
    return m;
  }
  const ptrOff = HEADER;
  const idxOff = ptrOff + (rows + 1) * 4;
  const valOff = align8(idxOff + nnz * 4);
  const want = valOff + nnz * 8;
  if (buf.length !== want) bad(lengthMismatch(buf.length, want, `${rows}x${cols} sparse with nnz ${nnz}`));
  return validCsr(
    rows,
    cols,
    nnz,
    i32At(buf, ptrOff, rows + 1),
    i32At(buf, idxOff, nnz),
    f64At(buf, valOff, nnz),
    bad,
  );
}

/**
 * Checks the CSR invariants the kernels (TypeScript and native/) rely on, in one pass:
 * rowPtr[0] = 0, non-decreasing, rowPtr[rows] = nnz; column indices in [0, cols) and strictly
 * increasing within a row. Stored zeros are dropped in the same pass (compacting in place), so
 * the block holds only non-zeros, as the writer emits them.
 */
function validCsr(
  rows: number,
  cols: number,
  nnz: number,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  bad: (what: string) => never,
): MatrixBlock {
  if (rowPtr[0] !== 0) bad(`rowPtr[0] is ${rowPtr[0]}, not 0`);
  if (rowPtr[rows] !== nnz) bad(`rowPtr[${rows}] is ${rowPtr[rows]}, but nnz is ${nnz}`);
  let w = 0;
  let s = 0;
  for (let i = 0; i < rows; i++) {
    const e = rowPtr[i + 1]!;
    if (e < s || e > nnz) bad(`rowPtr[${i + 1}] is ${e}, after rowPtr[${i}] = ${s} (nnz ${nnz})`);
    let prev = -1;
    for (let p = s; p < e; p++) {
      const j = colIdx[p]!;
      if (j <= prev || j >= cols) {
        bad(
          j < 0 || j >= cols
            ? `row ${i}: column index ${j} is outside 0..${cols - 1}`
            : j === prev
              ? `row ${i}: column index ${j} appears twice`
              : `row ${i}: column indices out of order (${prev} then ${j})`,
        );
      }
      prev = j;
      const v = values[p]!;
      colIdx[w] = j;
      values[w] = v;
      w += Number(v !== 0);
    }
    rowPtr[i + 1] = w;
    s = e;
  }
  return MatrixBlock.sparse(rows, cols, {
    rowPtr,
    colIdx: w === nnz ? colIdx : colIdx.subarray(0, w),
    values: w === nnz ? values : values.subarray(0, w),
  });
}

function lengthMismatch(have: number, want: number, what: string): string {
  return `${have < want ? 'truncated' : 'trailing bytes'}: a ${what} needs ${want} bytes, the file has ${have}`;
}

/** n rounded up to a multiple of 8 (in doubles: a header's sizes may pass 2^31). */
function align8(n: number): number {
  return n + ((8 - (n % 8)) % 8);
}

/** The file's bytes as a list of chunks (written with one call). */
export function writeBinaryMatrix(m: MatrixBlock): Uint8Array[] {
  const sparse = prefersSparse(m.rows, m.cols, m.nnz);
  const header = Buffer.alloc(HEADER);
  header.write(BINARY_MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 4);
  header.writeUInt32LE(sparse ? 1 : 0, 8);
  header.writeBigUInt64LE(BigInt(m.rows), 16);
  header.writeBigUInt64LE(BigInt(m.cols), 24);
  if (!sparse) {
    header.writeBigUInt64LE(BigInt(m.nnz), 32);
    return [header, bytesOf(m.denseData())];
  }
  // Drop explicit zeros so that nnz, rowPtr and the arrays agree.
  const s = m.sparseData();
  const rowPtr = new Int32Array(m.rows + 1);
  const colIdx = new Int32Array(m.nnz);
  const values = new Float64Array(m.nnz);
  let w = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) {
      if (s.values[p] !== 0) {
        colIdx[w] = s.colIdx[p]!;
        values[w++] = s.values[p]!;
      }
    }
    rowPtr[i + 1] = w;
  }
  header.writeBigUInt64LE(BigInt(w), 32);
  const idxEnd = HEADER + (m.rows + 1) * 4 + w * 4;
  const pad = new Uint8Array(align8(idxEnd) - idxEnd);
  return [header, bytesOf(rowPtr), bytesOf(colIdx.subarray(0, w)), pad, bytesOf(values.subarray(0, w))];
}
