/**
 * Sizes of read(): when the file name is a literal and `<file>.mtd` exists beside it, its
 * data_type, value_type, rows, cols and nnz are known at compile time (as in SystemDS). The HOP
 * factory reads the `.mtd` (HopFactory's ReadFactsLookup, given by the run pipeline).
 */
import type { DataType, ValueType } from '../../common/types.js';
import { argByName, dims, literalNumber, literalString, scalar, type HopShape, UNKNOWN } from './common.js';
import type { HopDraft } from './draft.js';
import type { Hop } from '../hop.js';

const READ_PARAMS = ['file'];

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
  // The factory looked the .mtd up through the run's file access (no file I/O here).
  const mtd = h.fileFacts;
  const dtArg = literalString(a.get('data_type'))?.toLowerCase() ?? mtd?.dataType?.toLowerCase();
  const dataType: DataType =
    dtArg === 'scalar' ? 'scalar' : dtArg === 'frame' ? 'frame' : dtArg === 'list' ? 'list' : 'matrix';
  if (dataType === 'scalar')
    return scalar(valueTypeOf(literalString(a.get('value_type')) ?? mtd?.valueType));
  const rowsArg = literalNumber(a.get('rows'));
  const colsArg = literalNumber(a.get('cols'));
  const d = mtd ? dims(num(mtd.rows), num(mtd.cols), num(mtd.nnz)) : UNKNOWN;
  return {
    dataType,
    valueType: dataType === 'matrix' ? 'double' : 'unknown',
    dims: dims(rowsArg ?? d.rows, colsArg ?? d.cols, d.nnz),
  };
}
