/**
 * Arrow IPC and Parquet support, kept out of start-up: apache-arrow and hyparquet cost about a
 * third of `dml -s 'print(1)'`'s start-up time, and most scripts never read or write those
 * formats. The interpreter is synchronous, so the modules are loaded before a run instead of on
 * first use: `loadColumnarFormats()` (async) by the CLI when a script can do file I/O, or by
 * importing `columnar-register.js` (the embedding API and tests do).
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import type { FrameBlock } from '../data/values.js';

export interface ColumnarIo {
  readArrowFile(
    buf: Uint8Array,
    name: string,
    dataType: 'matrix' | 'frame',
    span: Span,
  ): MatrixBlock | FrameBlock;
  writeArrowFile(v: MatrixBlock | FrameBlock): Uint8Array;
  readParquetFile(
    buf: Uint8Array,
    name: string,
    dataType: 'matrix' | 'frame',
    span: Span,
  ): MatrixBlock | FrameBlock;
  writeParquetFile(v: MatrixBlock | FrameBlock): Uint8Array;
}

let io: ColumnarIo | undefined;

export function registerColumnarIo(impl: ColumnarIo): void {
  io = impl;
}

/** The loaded Arrow/Parquet readers and writers; an internal error if nobody loaded them. */
export function columnarIo(span?: Span): ColumnarIo {
  if (io === undefined)
    return fail(
      'DML5999',
      'internal error: Arrow/Parquet support was not loaded before the run (loadColumnarFormats())',
      span,
    );
  return io;
}

/** Loads apache-arrow and hyparquet (once). */
export async function loadColumnarFormats(): Promise<void> {
  if (io === undefined) await import('./columnar-register.js');
}
