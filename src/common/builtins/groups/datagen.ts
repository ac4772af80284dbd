/** Catalogue entries: matrix rand seq sample (linalg helper). */
import { T, type BuiltinSpec } from '../spec.js';
import { matrixShape, randShape, seqShape } from '../shape-rules.js';

const randParams = [
  { name: 'rows' },
  { name: 'cols' },
  { name: 'min', optional: true },
  { name: 'max', optional: true },
  { name: 'sparsity', optional: true },
  { name: 'seed', optional: true },
  { name: 'pdf', optional: true },
  { name: 'lambda', optional: true },
];

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: 'matrix',
    params: [
      { name: 'data' },
      { name: 'rows', optional: true },
      { name: 'cols', optional: true },
      { name: 'byrow', optional: true },
      { name: 'dimnames', optional: true },
    ],
    returns: () => [T.matrix],
    shape: matrixShape,
    doc: 'matrix(data, rows, cols, byrow=TRUE): fill with a scalar, reshape a matrix, or parse a string of numbers.',
  },
  {
    name: 'rand',
    params: randParams,
    nondeterministic: true,
    returns: () => [T.matrix],
    shape: randShape,
    doc: 'rand(rows, cols, min=0, max=1, sparsity=1, seed=-1, pdf="uniform"|"normal"|"poisson", lambda=1): random matrix.',
  },
  {
    name: 'Rand',
    params: randParams,
    nondeterministic: true,
    returns: () => [T.matrix],
    shape: randShape,
    doc: 'Alias of rand (older DML scripts).',
  },
  {
    name: 'seq',
    params: [{ name: 'from' }, { name: 'to' }, { name: 'incr', optional: true }],
    returns: () => [T.matrix],
    shape: seqShape,
    doc: 'seq(from, to, incr): column vector from, from+incr, ... up to to (counts down when from > to and incr is omitted).',
  },
  {
    name: 'sample',
    params: [
      { name: 'range' },
      { name: 'size' },
      { name: 'replace', optional: true },
      { name: 'seed', optional: true },
    ],
    nondeterministic: true,
    returns: () => [T.matrix],
    doc: 'sample(range, size, replace=FALSE, seed=-1): column vector of size values drawn from 1..range.',
  },
];
