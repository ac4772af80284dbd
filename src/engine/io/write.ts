/**
 * write(): serializes a value in the requested format and writes it atomically, followed by its
 * `<file>.mtd`. Matrices: text, csv, mm, binary, libsvm, arrow, parquet. Frames: csv, text, arrow, parquet. Scalars: a one-line
 * text file whatever the format (as SystemDS). Existing files or part-file directories are replaced,
 * data and `.mtd` together or not at all (atomic-write.ts).
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import type { FrameBlock, ScalarValue, Value } from '../data/values.js';
import { atomicWriteFiles, type FileContent } from './atomic-write.js';
import type { FileAccess } from '../../common/file-access.js';
import { writeBinaryMatrix } from './binary.js';
import { emitCsvMatrix } from './csv.js';
import { emitCsvFrame, emitTextFrame } from './frame-csv.js';
import type { FileFormat } from './formats.js';
import { emitLibsvm } from './libsvm.js';
import { emitMatrixMarket } from './matrix-market.js';
import { formatMtd, mtdPath, type Metadata } from './mtd.js';
import { writeScalar } from './scalar-file.js';
import { emitTextCell } from './text-ijv.js';
import { streamed } from './text-sink.js';
import { columnarIo } from './columnar.js';

export interface WriteRequest {
  /** Absolute path (from files.resolve). */
  readonly path: string;
  /** The run's file access (its working directory is never replaced). */
  readonly files: FileAccess;
  readonly format: FileFormat;
  readonly header: boolean;
  readonly sep: string;
  /** CSV: leave zero cells empty. */
  readonly sparse: boolean;
  readonly description?: string;
}

export function writeValue(v: Value, req: WriteRequest, span: Span): void {
  let data: FileContent;
  let md: Metadata;
  switch (v.dt) {
    case 'matrix':
      [data, md] = matrixPayload(v, req);
      break;
    case 'frame':
      [data, md] = framePayload(v, req, span);
      break;
    case 'scalar':
      [data, md] = scalarPayload(v);
      break;
    case 'list':
      return fail('DML9001', 'write: writing lists is not supported yet', span);
  }
  if (req.description !== undefined) md.description = req.description;
  atomicWriteFiles(
    [
      { path: req.path, content: data },
      { path: mtdPath(req.path), content: formatMtd(md) },
    ],
    span,
    req.files.cwd,
  );
}

function matrixPayload(m: MatrixBlock, req: WriteRequest): [FileContent, Metadata] {
  const md: Metadata = {
    dataType: 'matrix',
    valueType: 'double',
    rows: m.rows,
    cols: m.cols,
    nnz: m.nnz,
    format: req.format,
  };
  switch (req.format) {
    case 'text':
      return [streamed((sink) => emitTextCell(m, sink)), md];
    case 'csv':
      md.header = req.header;
      md.sep = req.sep;
      return [
        streamed((sink) => emitCsvMatrix(m, { header: req.header, sep: req.sep, sparse: req.sparse }, sink)),
        md,
      ];
    case 'mm':
      return [streamed((sink) => emitMatrixMarket(m, sink)), md];
    case 'binary':
      return [writeBinaryMatrix(m), md];
    case 'libsvm':
      // LIBSVM separates features by whitespace; a csv default "," would make an unreadable file.
      return [streamed((sink) => emitLibsvm(m, req.sep === ',' ? ' ' : req.sep, ':', sink)), md];
    case 'arrow':
      return [[columnarIo().writeArrowFile(m)], md];
    case 'parquet':
      return [[columnarIo().writeParquetFile(m)], md];
  }
}

function framePayload(f: FrameBlock, req: WriteRequest, span: Span): [FileContent, Metadata] {
  const md: Metadata = {
    dataType: 'frame',
    rows: f.rows,
    cols: f.cols,
    schema: [...f.schema],
    format: req.format,
  };
  if (req.format === 'csv') {
    md.header = req.header;
    md.sep = req.sep;
    return [streamed((sink) => emitCsvFrame(f, req.header, req.sep, sink)), md];
  }
  if (req.format === 'text') return [streamed((sink) => emitTextFrame(f, sink)), md];
  if (req.format === 'arrow') return [[columnarIo(span).writeArrowFile(f)], md];
  if (req.format === 'parquet') return [[columnarIo(span).writeParquetFile(f)], md];
  return fail(
    'DML9001',
    `write: frames in format '${req.format}' are not supported yet (use csv, text, arrow or parquet)`,
    span,
  );
}

function scalarPayload(s: ScalarValue): [string, Metadata] {
  return [writeScalar(s), { dataType: 'scalar', valueType: s.vt, format: 'text' }];
}
