/**
 * read(): resolves format, data type and dimensions from `<file>.mtd` plus read()'s arguments
 * (which may add to the metadata but not contradict it), then dispatches to the format readers.
 * A file may also be a directory of part files (SystemDS and Hadoop write those): its plain
 * files, sorted by name, are read as one, skipping hidden (.crc) and marker (_SUCCESS) files.
 * Without a format anywhere, Tessera binary and Matrix Market files are recognised by their
 * first bytes; anything else is read as text cells (matrices) or CSV (frames). Text cells
 * without dims take them from the largest indices.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DmlError, fail } from '../../common/diagnostics.js';
import type { FileAccess } from '../../common/file-access.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import type { FrameBlock, Value } from '../data/values.js';
import type { TextPart } from './assemble.js';
import { isBinaryMatrix, readBinaryMatrix } from './binary.js';
import { readCsvMatrix } from './csv.js';
import { readFileBytes } from './file-bytes.js';
import { readCsvFrame, readTextFrame } from './frame-csv.js';
import { IO_ERR, type FileFormat } from './formats.js';
import { readLibsvm } from './libsvm.js';
import { readMatrixMarket } from './matrix-market.js';
import { mergeMetadata, readMtdIfExists, type Metadata } from './mtd.js';
import { readScalar } from './scalar-file.js';
import { readTextCell } from './text-ijv.js';
import { columnarIo } from './columnar.js';

export interface ReadRequest {
  /** Absolute path (from files.resolve). */
  readonly path: string;
  /** The run's file access: every file (data, .mtd, part files) is opened through it. */
  readonly files: FileAccess;
  /** The name as the script wrote it (for messages). */
  readonly name: string;
  /** What read()'s arguments say (format, data/value type, dims, header, sep, schema). */
  readonly args: Metadata;
  readonly fill?: boolean;
  readonly fillValue?: number;
  readonly naStrings?: readonly string[];
  readonly indSep?: string;
}

/**
 * The files that make up `path`: itself, or the part files of a directory. Which entries are
 * part files is decided without following symlinks out of the directory: each one is opened
 * through the run's file access, which refuses a part that leads outside a confinement.
 */
export function listParts(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => !n.startsWith('.') && !n.startsWith('_') && !n.endsWith('.crc') && !n.endsWith('.mtd'))
    .sort()
    .map((n) => join(path, n))
    .filter((p) => statSync(p).isFile());
}

/** Reads every part through the file access; an I/O failure is an error naming the file. */
function readParts(req: ReadRequest, files: readonly string[], shared: boolean, span: Span): Buffer[] {
  return files.map((f) => {
    const shown = f === req.path ? req.name : f;
    try {
      const fd = req.files.openRead(f, shown, span);
      return readFileBytes(fd, shared);
    } catch (e) {
      return rethrowIo(e, `read: cannot read '${shown}'`, span);
    }
  });
}

/** DmlErrors (confinement) pass; an errno (EACCES, EISDIR, EIO, ...) becomes a located DML6001. */
export function rethrowIo(e: unknown, what: string, span: Span): never {
  if (e instanceof DmlError) throw e;
  const err = e as NodeJS.ErrnoException;
  return fail(IO_ERR.missing, `${what}: ${err.code ? `${err.code} ` : ''}${err.message ?? String(e)}`, span);
}

function asText(files: readonly string[], bufs: readonly Buffer[]): TextPart[] {
  return bufs.map((b, k) => ({ name: files[k]!, text: b.toString('utf8') }));
}

export function readValue(req: ReadRequest, span: Span): Value {
  const md = mergeMetadata(req.name, readMtdIfExists(req.path, req.files, span), req.args, span);
  if (!existsSync(req.path))
    fail(IO_ERR.missing, `read: file '${req.name}' does not exist (${req.path})`, span);
  let files: string[];
  try {
    files = listParts(req.path);
  } catch (e) {
    return rethrowIo(e, `read: cannot list '${req.name}'`, span);
  }
  if (files.length === 0)
    fail(IO_ERR.malformed, `read: '${req.name}' is a directory without part files (${req.path})`, span);
  // CSV files go into shared memory, where the worker pool can parse them in parallel.
  const bufs = readParts(req, files, md.format === 'csv', span);
  const dataType = md.dataType ?? 'matrix';
  if (dataType === 'scalar') {
    return readScalar(
      bufs.map((b) => b.toString('utf8')).join(''),
      md.valueType ?? 'double',
      files[0] ?? req.name,
      span,
    );
  }
  if (dataType === 'frame') return readFrame(req, md, files, bufs, span);
  return readMatrix(req, md, files, bufs, span);
}

function sniff(bufs: readonly Buffer[]): FileFormat | undefined {
  const b = bufs[0];
  if (b === undefined) return undefined;
  if (isBinaryMatrix(b)) return 'binary';
  if (b.subarray(0, 14).toString('latin1').toLowerCase() === '%%matrixmarket') return 'mm';
  if (b.subarray(0, 6).toString('latin1') === 'ARROW1') return 'arrow';
  if (b.length >= 8 && b.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  return undefined;
}

function readMatrix(
  req: ReadRequest,
  md: Metadata,
  files: string[],
  bufs: Buffer[],
  span: Span,
): MatrixBlock {
  const format = md.format ?? sniff(bufs) ?? 'text';
  let m: MatrixBlock;
  switch (format) {
    case 'text':
      m = readTextCell(asText(files, bufs), md.rows, md.cols, span);
      break;
    case 'csv':
      m = readCsvMatrix(
        files.map((name, k) => ({ name, bytes: bufs[k]! })),
        {
          header: md.header ?? false,
          sep: md.sep ?? ',',
          fill: req.fill ?? true,
          fillValue: req.fillValue ?? 0,
          naStrings: req.naStrings ?? [],
          rows: md.rows,
          cols: md.cols,
        },
        span,
      );
      break;
    case 'mm':
      if (files.length !== 1)
        fail(IO_ERR.badArgument, `read: Matrix Market input '${req.name}' must be a single file`, span);
      m = readMatrixMarket(asText(files, bufs)[0]!, span);
      break;
    case 'binary':
      if (files.length !== 1)
        fail(IO_ERR.badArgument, `read: binary input '${req.name}' must be a single file`, span);
      m = readBinaryMatrix(bufs[0]!, files[0]!, span);
      break;
    case 'libsvm':
      m = readLibsvm(asText(files, bufs), md.cols, md.sep ?? ' ', req.indSep ?? ':', span);
      break;
    case 'arrow':
    case 'parquet':
      m = readColumnar(format, req.name, files, bufs, 'matrix', span) as MatrixBlock;
      break;
  }
  checkDims(req.name, md, m, span);
  // The .mtd's nnz describes the data; one that disagrees is refused rather than trusted.
  if (md.nnz !== undefined && md.nnz !== m.nnz) {
    fail(
      IO_ERR.malformed,
      `read: '${req.name}' holds ${m.nnz} non-zeros, but its metadata (${req.name}.mtd) declares nnz=${md.nnz}`,
      span,
    );
  }
  return m;
}

function checkDims(name: string, md: Metadata, m: MatrixBlock, span: Span): void {
  if ((md.rows !== undefined && md.rows !== m.rows) || (md.cols !== undefined && md.cols !== m.cols)) {
    fail(
      IO_ERR.malformed,
      `read: '${name}' holds a ${m.rows}x${m.cols} matrix, but ${md.rows ?? '?'}x${md.cols ?? '?'} was declared`,
      span,
    );
  }
}

function readFrame(req: ReadRequest, md: Metadata, files: string[], bufs: Buffer[], span: Span): Value {
  const sniffed = sniff(bufs);
  const format = md.format ?? (sniffed === 'arrow' || sniffed === 'parquet' ? sniffed : 'csv');
  if (format === 'arrow' || format === 'parquet') {
    const f = readColumnar(format, req.name, files, bufs, 'frame', span);
    if (md.rows !== undefined && md.rows !== f.rows)
      fail(IO_ERR.malformed, `read: '${req.name}' holds ${f.rows} rows, but ${md.rows} was declared`, span);
    return f;
  }
  const parts = asText(files, bufs);
  if (format === 'csv') {
    return readCsvFrame(
      parts,
      {
        header: md.header ?? false,
        sep: md.sep ?? ',',
        naStrings: req.naStrings ?? [],
        schema: md.schema,
        rows: md.rows,
        cols: md.cols,
      },
      span,
    );
  }
  if (format === 'text') {
    const cols = md.schema?.length ?? md.cols;
    if (md.rows === undefined || cols === undefined) {
      fail(
        IO_ERR.badArgument,
        `read: frame '${req.name}' in text format needs rows and cols (or a schema) in its .mtd or the arguments`,
        span,
      );
    }
    const schema = md.schema ?? new Array(cols).fill('string');
    return readTextFrame(parts, md.rows, schema, span);
  }
  return fail(
    'DML9001',
    `read: frames in format '${format}' are not supported yet (use csv, text, arrow or parquet)`,
    span,
  );
}

/** Arrow IPC and Parquet files are self-describing single files (no part directories). */
function readColumnar(
  format: 'arrow' | 'parquet',
  name: string,
  files: readonly string[],
  bufs: readonly Buffer[],
  dataType: 'matrix' | 'frame',
  span: Span,
): MatrixBlock | FrameBlock {
  if (files.length !== 1)
    fail(IO_ERR.badArgument, `read: ${format} input '${name}' must be a single file`, span);
  const io = columnarIo(span);
  return format === 'arrow'
    ? io.readArrowFile(bufs[0]!, name, dataType, span)
    : io.readParquetFile(bufs[0]!, name, dataType, span);
}
