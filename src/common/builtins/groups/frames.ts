/**
 * Catalogue entries: frame construction and transforms (transformencode/apply/decode/colmap),
 * schema detection and application. Parameter names follow SystemDS's parameterized builtins
 * (`target`, `spec`, `meta`).
 */
import { T, type BuiltinSpec } from '../spec.js';

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: 'frame',
    params: [
      { name: 'data' },
      { name: 'rows', optional: true },
      { name: 'cols', optional: true },
      { name: 'schema', optional: true },
      { name: 'colnames', optional: true },
    ],
    returns: () => [T.frame],
    doc: 'frame(data, rows, cols, schema, colnames): a frame filled with a scalar, from a list of cells (row-major) or a copy of a frame.',
  },
  {
    name: 'transformencode',
    params: [{ name: 'target' }, { name: 'spec' }],
    returns: () => [T.matrix, T.frame],
    outputs: 2,
    doc: '[X, M] = transformencode(target=F, spec=json): encodes a frame to a matrix (recode, dummycode, bin, hash, impute, omit) and returns the metadata frame.',
  },
  {
    name: 'transformapply',
    params: [{ name: 'target' }, { name: 'spec' }, { name: 'meta' }],
    returns: () => [T.matrix],
    doc: 'transformapply(target=F, spec=json, meta=M): encodes new data with the metadata of an earlier transformencode.',
  },
  {
    name: 'transformdecode',
    params: [{ name: 'target' }, { name: 'spec' }, { name: 'meta' }],
    returns: () => [T.frame],
    doc: 'transformdecode(target=X, spec=json, meta=M): maps an encoded matrix back to a frame (recode, dummycode, bin).',
  },
  {
    name: 'transformcolmap',
    params: [{ name: 'target' }, { name: 'spec' }],
    returns: () => [T.matrix],
    doc: 'transformcolmap(target=M, spec=json): for the metadata frame M, one row per column: column id, first and last encoded column.',
  },
  {
    name: 'colnames',
    params: [{ name: 'target' }],
    returns: () => [T.frame],
    doc: 'colnames(F): a 1 x n STRING frame with the column names of F.',
  },
  {
    name: 'detectSchema',
    params: [{ name: 'target' }],
    returns: () => [T.frame],
    doc: 'detectSchema(F): a 1 x n frame with the narrowest value type of each column (BOOLEAN, INT64, FP64, STRING).',
  },
  {
    name: 'applySchema',
    params: [{ name: 'target' }, { name: 'schema' }],
    returns: () => [T.frame],
    doc: 'applySchema(F, schema): converts the columns of F to the value types of the 1 x n schema frame.',
  },
  {
    name: 'dropInvalidType',
    params: [{ name: 'target' }, { name: 'schema' }],
    returns: () => [T.frame],
    doc: 'dropInvalidType(F, S): cells whose text does not fit the column type named in the 1 x n schema frame S become missing.',
  },
  {
    name: 'dropInvalidLength',
    params: [{ name: 'target' }, { name: 'length' }],
    returns: () => [T.frame],
    doc: 'dropInvalidLength(F, L): cells longer than L[1, j] characters become missing (-1: no limit).',
  },
  {
    name: 'getCategoricalMask',
    params: [{ name: 'target' }, { name: 'spec' }],
    returns: () => [T.matrix],
    doc: 'getCategoricalMask(M, spec): 1 x (encoded columns) row, 1 where the encoded column is categorical (recode, hash, dummycode); the spec must use ids.',
  },
];
