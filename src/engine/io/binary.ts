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
 * Sparse is written when it is smaller (SystemDS's turn point, sparsity < 0.4).
 */
import { endianness } from 'node:os';
import type { Span } from '../../common/span.js';
import { MatrixBlock, SPARSITY_TURN_POINT } from '../data/matrix-block.js';
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

export function readBinaryMatrix(buf: Buffer, file: string, span: Span): MatrixBlock {
  const bad = (what: string): never =>
    fail(IO_ERR.malformed, `${file}: not a valid Tessera binary matrix (${what})`, span);
  if (buf.length < HEADER || !isBinaryMatrix(buf)) bad('bad header');
  const version = buf.readUInt32LE(4);
  if (version !== VERSION) bad(`unsupported version ${version}`);
  const layout = buf.readUInt32LE(8);
  const rows = Number(buf.readBigUInt64LE(16));
  const cols = Number(buf.readBigUInt64LE(24));
  const nnz = Number(buf.readBigUInt64LE(32));
  if (layout === 0) {
    if (buf.length !== HEADER + rows * cols * 8) bad('truncated dense data');
    return MatrixBlock.dense(rows, cols, f64At(buf, HEADER, rows * cols));
  }
  if (layout !== 1) bad(`unknown layout ${layout}`);
  const ptrOff = HEADER;
  const idxOff = ptrOff + (rows + 1) * 4;
  const valOff = align8(idxOff + nnz * 4);
  if (buf.length !== valOff + nnz * 8) bad('truncated sparse data');
  const rowPtr = i32At(buf, ptrOff, rows + 1);
  if (rowPtr[rows] !== nnz) bad('row pointers do not match nnz');
  return MatrixBlock.sparse(rows, cols, {
    rowPtr,
    colIdx: i32At(buf, idxOff, nnz),
    values: f64At(buf, valOff, nnz),
  });
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** The file's bytes as a list of chunks (written with one call). */
export function writeBinaryMatrix(m: MatrixBlock): Uint8Array[] {
  const sparse = m.cols > 0 && m.rows > 0 && m.sparsity < SPARSITY_TURN_POINT;
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
