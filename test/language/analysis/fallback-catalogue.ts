/**
 * Test-only stand-ins for builtins owned by other groups (print, stop, matrix, ...), used only
 * when the real catalogue does not have them yet, so analysis tests do not depend on them.
 */
import type { BuiltinSpec } from '../../../src/common/builtins/spec.js';
import { T } from '../../../src/common/builtins/spec.js';

export const FALLBACK: readonly BuiltinSpec[] = [
  { name: 'print', params: [{ name: 'value' }, { name: 'args', variadic: true }], returns: () => [], outputs: 0, sideEffect: true, doc: '' },
  { name: 'stop', params: [{ name: 'message', optional: true }], returns: () => [], outputs: 0, sideEffect: true, doc: '' },
  { name: 'assert', params: [{ name: 'condition' }], returns: () => [], outputs: 0, sideEffect: true, doc: '' },
  {
    name: 'matrix',
    params: [{ name: 'data' }, { name: 'rows', optional: true }, { name: 'cols', optional: true }, { name: 'byrow', optional: true }],
    returns: () => [T.matrix],
    doc: '',
  },
  { name: 't', params: [{ name: 'target' }], returns: () => [T.matrix], doc: '' },
  { name: 'sum', params: [{ name: 'target' }], returns: () => [T.double], doc: '' },
  { name: 'eigen', params: [{ name: 'target' }], returns: () => [T.matrix, T.matrix], outputs: 2, doc: '' },
];
