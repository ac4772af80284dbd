/**
 * Sizes of read(): when the file name is a literal and `<file>.mtd` exists beside it, its
 * data_type, value_type, rows, cols and nnz are known at compile time (as in SystemDS).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DataType, ValueType } from '../../common/types.js';
import { argByName, dims, literalNumber, literalString, scalar, type HopShape, UNKNOWN } from './common.js';
import type { HopDraft } from './draft.js';
import type { Hop } from '../hop.js';

const READ_PARAMS = ['file'];

interface Mtd {
  data_type?: string;
  value_type?: string;
  rows?: number;
  cols?: number;
  nnz?: number;
}

function readMtd(file: string): Mtd | undefined {
  const path = `${file}.mtd`;
  try {
    if (!existsSync(path)) return undefined;
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Mtd) : undefined;
  } catch {
    // An unreadable or malformed .mtd is reported by the reader at run time, not here.
    return undefined;
  }
}

function valueTypeOf(s: string | undefined): ValueType {
  switch (s?.toLowerCase()) {
    case 'double':
      return 'double';
    case 'int':
    case 'integer':
      return 'int';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      return 'unknown';
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : -1;
}

export function readShape(h: HopDraft): HopShape | undefined {
  if (h.op !== 'read') return undefined;
  const a = argByName(h as Hop, READ_PARAMS);
  const file = literalString(a.get('file'));
  const mtd = file !== undefined ? readMtd(file) : undefined;
  const dtArg = literalString(a.get('data_type'))?.toLowerCase() ?? mtd?.data_type?.toLowerCase();
  const dataType: DataType =
    dtArg === 'scalar' ? 'scalar' : dtArg === 'frame' ? 'frame' : dtArg === 'list' ? 'list' : 'matrix';
  if (dataType === 'scalar')
    return scalar(valueTypeOf(literalString(a.get('value_type')) ?? mtd?.value_type));
  const rowsArg = literalNumber(a.get('rows'));
  const colsArg = literalNumber(a.get('cols'));
  const d = mtd ? dims(num(mtd.rows), num(mtd.cols), num(mtd.nnz)) : UNKNOWN;
  return {
    dataType,
    valueType: dataType === 'matrix' ? 'double' : 'unknown',
    dims: dims(rowsArg ?? d.rows, colsArg ?? d.cols, d.nnz),
  };
}
