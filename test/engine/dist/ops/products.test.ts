/**
 * Matrix products on row partitions against LOCAL: X %*% V (V replicated, row-partitioned
 * result), a wide A %*% B (shared dimension partitioned, allreduce), the compiler's tsmm, tmm and
 * mmchain (allreduce of per-rank partials), and t() (column-partitioned result). Products are
 * within 1e-12 relative (kernel choice and the order partials are added); t is bit-identical.
 */
import { describe, expect, it } from 'vitest';
import { MatrixBlock } from '../../../../src/engine/data/matrix-block.js';
import { bool } from '../../../../src/engine/data/values.js';
import { planOf, checkAgainstLocal, dense, runLocal, sparse, special, expectAgree } from './harness.js';
import { distributeArgs, reduceBuffers } from '../../../../src/engine/dist/ops/simulate.js';
import { blockOffsets, blockRange } from '../../../../src/engine/dist/partition.js';
import { LOCAL_KERNELS } from '../../../../src/engine/kernels/registry.js';
import type { DistPlan, RankContext } from '../../../../src/engine/dist/ops/index.js';

/** X inputs: dense, sparse, NaN/Inf, fewer rows than ranks, one row. */
const XS: readonly (readonly [string, MatrixBlock])[] = [
  ['dense 13x4', dense(13, 4, 51)],
  ['sparse 29x5', sparse(29, 5, 52)],
  ['NaN/Inf 10x3', special(10, 3, 53)],
  ['two rows 2x3', dense(2, 3, 54)],
  ['one row 1x3', dense(1, 3, 55)],
];

describe('%*%', () => {
  it('X %*% v and X %*% W: X row-partitioned, the right side replicated, result rows', () => {
    for (const [name, x] of XS) {
      checkAgainstLocal('%*%', [x, dense(x.cols, 1, 60)], 'close', `${name} %*% v`);
      checkAgainstLocal('%*%', [x, dense(x.cols, 3, 61)], 'close', `${name} %*% W`);
      checkAgainstLocal('%*%', [x, sparse(x.cols, 3, 62, 0.5)], 'close', `${name} %*% sparse W`);
      // A wide X (one row) takes the other form, partitioning its columns.
      expect(planOf('%*%', [x, dense(x.cols, 1, 60)])).toMatchObject(
        x.rows >= x.cols
          ? {
              combine: 'rows',
              args: ['rows', 'replicated'],
            }
          : { combine: 'allreduce', args: ['cols', 'rows'] },
      );
    }
  });

  it('a wide left side: the shared dimension partitioned (cols x rows), allreduce sum', () => {
    const cases: readonly (readonly [string, MatrixBlock, MatrixBlock])[] = [
      ['t(y) %*% X', dense(1, 13, 63), dense(13, 4, 64)],
      ['3x8 %*% 8x2', dense(3, 8, 65), dense(8, 2, 66)],
      ['sparse 2x30 %*% 30x3', sparse(2, 30, 67, 0.3), dense(30, 3, 68)],
      ['NaN/Inf 1x9 %*% 9x2', special(1, 9, 69), dense(9, 2, 70)],
    ];
    for (const [name, a, b] of cases) {
      checkAgainstLocal('%*%', [a, b], 'close', name);
      expect(planOf('%*%', [a, b])).toMatchObject({
        combine: 'allreduce',
        op: 'sum',
        args: ['cols', 'rows'],
      });
    }
  });
});

describe("the compiler's products", () => {
  it('tsmm(X, TRUE) = t(X) %*% X: allreduce of d x d partials', () => {
    for (const [name, x] of XS) checkAgainstLocal('tsmm', [x, bool(true)], 'close', `tsmm(${name})`);
    expect(planOf('tsmm', [dense(9, 4, 1), bool(true)])).toMatchObject({ combine: 'allreduce', length: 16 });
  });

  it('tmm(X, Y) = t(X) %*% Y: X and Y row-partitioned alike', () => {
    for (const [name, x] of XS) {
      checkAgainstLocal('tmm', [x, dense(x.rows, 2, 71)], 'close', `tmm(${name}, Y)`);
      checkAgainstLocal('tmm', [x, sparse(x.rows, 3, 72, 0.4)], 'close', `tmm(${name}, sparse Y)`);
    }
  });

  it('mmchain(X, v[, w]) = t(X) %*% (w * (X %*% v)): v replicated, w row-partitioned', () => {
    for (const [name, x] of XS) {
      checkAgainstLocal('mmchain', [x, dense(x.cols, 1, 73)], 'close', `mmchain(${name}, v)`);
      checkAgainstLocal(
        'mmchain',
        [x, dense(x.cols, 1, 73), dense(x.rows, 1, 74)],
        'close',
        `mmchain(${name}, v, w)`,
      );
    }
    expect(planOf('mmchain', [dense(5, 3, 1), dense(3, 1, 2), dense(5, 1, 3)])?.args).toEqual([
      'rows',
      'replicated',
      'rows',
    ]);
  });
});

describe('t()', () => {
  it('transposes each partition: the result is column-partitioned, bit-identical', () => {
    for (const [name, x] of XS) checkAgainstLocal('t', [x], 'exact', `t(${name})`);
    expect(planOf('t', [dense(5, 3, 1)])).toMatchObject({ combine: 'cols', result: { rows: 3, cols: 5 } });
  });

  it("t(t(y) %*% X), the compiler's t(X) %*% y, runs with no data moved before the allreduce", () => {
    const x = dense(17, 4, 80);
    const y = special(17, 1, 81);
    const local = runLocal('t', [runLocal('%*%', [runLocal('t', [y]) as MatrixBlock, x]) as MatrixBlock]);
    for (const size of [1, 2, 3, 4, 20]) {
      const tPlan = planOf('t', [y]) as DistPlan & { combine: 'cols' };
      const ty = MatrixBlock.dense(1, 17);
      const mm = planOf('%*%', [ty, x]) as DistPlan & { combine: 'allreduce' };
      expect(mm.args).toEqual(['cols', 'rows']);
      expect(mm.partitioned).toBe(tPlan.partitioned);
      const offsets = blockOffsets(17, size);
      const ctx = (rank: number): RankContext => {
        const { start, count } = blockRange(offsets, rank);
        return { rank, size, rowOffset: start, rows: count, kernels: LOCAL_KERNELS };
      };
      // Each rank's t(y) part is exactly the 'cols' part %*% needs: fed through as it is.
      const yParts = distributeArgs(tPlan, [y], size);
      const xParts = distributeArgs(planOf('t', [x])!, [x], size);
      const partials = yParts.map((a, r) => mm.local([tPlan.local(a, ctx(r)), xParts[r]![0]!], ctx(r)));
      const product = mm.finish(reduceBuffers(partials, 'sum')) as MatrixBlock;
      expectAgree(runLocal('t', [product]), local, 'close', `P=${size}`);
    }
  });
});
