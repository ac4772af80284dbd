/**
 * Catalogue entries: read readMM read.csv write print toString stop assert (group io).
 * print, write, stop and assert are statements (SystemDS's PrintStatement and OutputStatement):
 * no outputs, never removed as dead code.
 */
import type { BuiltinSpec, TypeInfo } from '../spec.js';
import { T } from '../spec.js';
import { scalarResult } from '../shape-rules.js';

/**
 * read() gives a matrix unless data_type says otherwise; the value of data_type (or the .mtd)
 * is only known to whoever sees the literal/file, so with data_type given the type is unknown here.
 */
function readType(args: ReadonlyMap<string, TypeInfo>): readonly TypeInfo[] {
  return [args.has('data_type') ? T.unknown : T.matrix];
}

const READ_PARAMS: BuiltinSpec['params'] = [
  { name: 'file' },
  { name: 'format', optional: true },
  { name: 'rows', optional: true },
  { name: 'cols', optional: true },
  { name: 'nnz', optional: true },
  { name: 'data_type', optional: true },
  { name: 'value_type', optional: true },
  { name: 'schema', optional: true },
  { name: 'header', optional: true },
  { name: 'sep', optional: true },
  { name: 'fill', optional: true },
  { name: 'default', optional: true },
  { name: 'naStrings', optional: true },
  { name: 'indSep', optional: true },
];

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: 'read',
    params: READ_PARAMS,
    // rows_in_block, cols_in_block, blocksize, dataset, ... are accepted and ignored.
    openNamed: true,
    returns: readType,
    doc: 'Reads a matrix, frame or scalar from a file (text, csv, mm, binary, libsvm, arrow, parquet); format and dims come from <file>.mtd and the arguments.',
  },
  {
    name: 'readMM',
    params: READ_PARAMS,
    openNamed: true,
    returns: readType,
    doc: 'read() with format="mm" (Matrix Market).',
  },
  {
    name: 'read.csv',
    params: READ_PARAMS,
    openNamed: true,
    returns: readType,
    doc: 'read() with format="csv".',
  },
  {
    name: 'write',
    params: [
      { name: 'x' },
      { name: 'file' },
      { name: 'format', optional: true },
      { name: 'header', optional: true },
      { name: 'sep', optional: true },
      { name: 'sparse', optional: true },
      { name: 'description', optional: true },
    ],
    openNamed: true,
    returns: () => [],
    outputs: 0,
    sideEffect: true,
    doc: 'Writes a matrix, frame or scalar to a file (format="text"|"csv"|"mm"|"binary"|"libsvm"|"arrow"|"parquet") with a <file>.mtd beside it.',
  },
  {
    name: 'print',
    params: [{ name: 'x' }, { name: 'args', variadic: true }],
    returns: () => [],
    outputs: 0,
    sideEffect: true,
    doc: 'Prints a value (non-scalars through toString); with more arguments the first is a printf-style format.',
  },
  {
    name: 'toString',
    params: [
      { name: 'target' },
      { name: 'rows', optional: true },
      { name: 'cols', optional: true },
      { name: 'decimal', optional: true },
      { name: 'sparse', optional: true },
      { name: 'sep', optional: true },
      { name: 'linesep', optional: true },
    ],
    returns: () => [T.string],
    shape: scalarResult,
    doc: 'String form of a matrix, frame or list (rows=100, cols=100, decimal=3, sparse=FALSE, sep=" ", linesep="\\n").',
  },
  {
    name: 'stop',
    params: [{ name: 'message', optional: true }],
    returns: () => [],
    outputs: 0,
    sideEffect: true,
    doc: 'Stops the program with an error message.',
  },
  {
    name: 'assert',
    params: [{ name: 'condition' }],
    returns: () => [],
    outputs: 0,
    sideEffect: true,
    doc: 'Stops the program with "assertion failed" when the condition is FALSE.',
  },
];
