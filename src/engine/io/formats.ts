/** File formats, metadata fields and the I/O error codes shared by the readers and writers. */
import type { FrameColumnType } from '../data/values.js';

export type FileFormat = 'text' | 'csv' | 'mm' | 'binary' | 'libsvm' | 'arrow' | 'parquet';
export type FileDataType = 'matrix' | 'frame' | 'scalar';
export type FileValueType = 'double' | 'int' | 'boolean' | 'string';

/** Stable diagnostic codes of the I/O layer. */
export const IO_ERR = {
  /** A file (or its directory) does not exist. */
  missing: 'DML6001',
  /** A file's content cannot be parsed (names file:line). */
  malformed: 'DML6002',
  /** read() arguments contradict the .mtd file. */
  contradiction: 'DML6003',
  /** A write failed (nothing is left behind). */
  writeFailed: 'DML6004',
  /** An invalid I/O argument (unknown format, bad schema, ...). */
  badArgument: 'DML6005',
} as const;

/** Format names as SystemDS writes or accepts them, normalized. */
export function normalizeFormat(s: string): FileFormat | undefined {
  switch (s.trim().toLowerCase()) {
    case 'text':
    case 'textcell':
    case 'ijv':
      return 'text';
    case 'csv':
      return 'csv';
    case 'mm':
    case 'matrixmarket':
      return 'mm';
    case 'binary':
    case 'binaryblock':
      return 'binary';
    case 'libsvm':
      return 'libsvm';
    case 'arrow':
    case 'ipc':
    case 'feather':
      return 'arrow';
    case 'parquet':
      return 'parquet';
    default:
      return undefined;
  }
}

export function normalizeDataType(s: string): FileDataType | undefined {
  const t = s.trim().toLowerCase();
  return t === 'matrix' || t === 'frame' || t === 'scalar' ? t : undefined;
}

export function normalizeValueType(s: string): FileValueType | undefined {
  switch (s.trim().toLowerCase()) {
    case 'double':
    case 'fp64':
    case 'fp32':
    case 'float':
      return 'double';
    case 'int':
    case 'integer':
    case 'int64':
    case 'int32':
    case 'long':
      return 'int';
    case 'boolean':
    case 'bool':
      return 'boolean';
    case 'string':
    case 'str':
      return 'string';
    default:
      return undefined;
  }
}

/** A frame column type from SystemDS's names (STRING, FP64, INT64, BOOLEAN, also lower-case DML names). */
export function normalizeColumnType(s: string): FrameColumnType | undefined {
  return normalizeValueType(s);
}

/** SystemDS's ValueType name for a frame column type (used in .mtd schema and toString). */
export function columnTypeName(t: FrameColumnType): string {
  switch (t) {
    case 'string':
      return 'STRING';
    case 'double':
      return 'FP64';
    case 'int':
      return 'INT64';
    case 'boolean':
      return 'BOOLEAN';
  }
}
