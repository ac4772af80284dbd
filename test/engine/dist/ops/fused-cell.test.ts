/**
 * The optimizer's fused cell-wise programs on row partitions against LOCAL: full, column-vector,
 * row-vector and scalar leaves; fused_cell and fused_rowSums bit-identical, fused_sum and
 * fused_colSums within 1e-12 relative; empty partitions (more ranks than rows) included.
 */
import { describe, expect, it } from 'vitest';
import { dbl, str } from '../../../../src/engine/data/values.js';
import type { LocalArg } from '../../../../src/engine/dist/ops/index.js';
import { checkAgainstLocal, dense, planOf, sparse, special, type Exactness } from './harness.js';

const OPS: readonly (readonly [string, Exactness])[] = [
  ['fused_cell', 'exact'],
  ['fused_rowSums', 'exact'],
  ['fused_sum', 'close'],
  ['fused_colSums', 'close'],
];

/** [label, program, leaves]. */
const PROGRAMS: readonly (readonly [string, string, readonly LocalArg[]])[] = [
  ['X * log(Y) + 2', '+(*($0,log($1)),$2)', [dense(9, 4, 1, 0.5, 3), dense(9, 4, 2, 0.5, 3), dbl(2)]],
  ['(X - row) / col', '/(-($0,$1),$2)', [special(7, 3, 3), dense(1, 3, 4), dense(7, 1, 5)]],
  ['col * row (outer)', '*($0,$1)', [dense(6, 1, 6), dense(1, 5, 7)]],
  ['sparse X ^ 2 > 0.5', '>(^($0,$1),$2)', [sparse(21, 4, 8), dbl(2), dbl(0.5)]],
  ['one row', 'exp(-($0,$1))', [dense(1, 4, 9), dense(1, 4, 10)]],
];

describe('fused cell-wise programs on row partitions', () => {
  for (const [op, how] of OPS) {
    it(`${op}: ${how === 'exact' ? 'bit-identical' : 'within 1e-12'} to LOCAL`, () => {
      for (const [label, program, leaves] of PROGRAMS)
        checkAgainstLocal(op, [str(program), ...leaves], how, `${op}(${label})`);
    });
  }

  it('places the program everywhere, full and column leaves by rows, row vectors replicated', () => {
    const [, program, leaves] = PROGRAMS[1]!;
    expect(planOf('fused_cell', [str(program), ...leaves])?.args).toEqual([
      'scalar',
      'rows',
      'replicated',
      'rows',
    ]);
    expect(planOf('fused_colSums', [str(program), ...leaves])).toMatchObject({
      combine: 'allreduce',
      length: 3,
    });
  });
});
