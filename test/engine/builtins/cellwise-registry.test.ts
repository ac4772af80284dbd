import { expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../../src/engine/builtins/index.js';

it('registers operators, cell-wise math and aggregates without clashes', () => {
  const reg = createBuiltinRegistry();
  for (const n of ['+', '%/%', 'u-', '!', 'abs', 'log', 'isNA', 'bitwAnd', 'xor', 'sum', 'rowIndexMax', 'quantile', 'cumsum', 'min', 'cov']) {
    expect(reg.get(n)).toBeDefined();
  }
});
