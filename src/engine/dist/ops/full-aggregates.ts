/**
 * Full aggregates of a row-partitioned matrix: each rank aggregates its rows with LOCAL's kernel,
 * then one collective.
 * - sum, sumSq, mean (avg): allreduce 'sum' of the partial Kahan sums (mean divides by the cell
 *   count in finish). Within 1e-12 relative of LOCAL: the P partials are added in the MPI
 *   library's order, without compensation (the error grows with P * eps * sum|x|).
 * - prod: allreduce 'prod' of the partial products, within 1e-12 relative (a different order of
 *   the same multiplications; a partial can overflow or underflow where LOCAL's order did not).
 * - min, max: allreduce of packed partials (extremes.ts): bit-identical, NaN and -0 included.
 * - var, sd: allgather of (count, mean, M2) per rank merged in rank order (moments.ts), within
 *   1e-12 relative.
 */
import { fullAggregate, type AggKind } from '../../kernels/aggregates.js';
import { localMatrix, matrixDims, positionalArgs } from './call-args.js';
import type { DistOp, DistPlan } from './dist-op.js';
import { packExtremes, unpackExtremes } from './extremes.js';
import { mergeMoments, momentsOf, varianceOf, type Moments } from './moments.js';
import { CompilerOps } from '../../../common/op-names.js';

/** Opcode -> LOCAL's aggregate kind. 'min'/'max' with one matrix argument aggregate. */
const FULL_OPCODES: ReadonlyMap<string, AggKind> = new Map<string, AggKind>([
  ['sum', 'sum'],
  [CompilerOps.sumSq, 'sumSq'],
  ['mean', 'mean'],
  ['avg', 'mean'],
  ['prod', 'prod'],
  ['min', 'min'],
  ['max', 'max'],
  ['var', 'var'],
  ['sd', 'sd'],
]);

function fullPlan(kind: AggKind, rows: number, cols: number): DistPlan {
  const base = { args: ['rows'] as const, partitioned: rows, result: 'scalar' as const };
  switch (kind) {
    case 'sum':
    case 'sumSq':
    case 'mean': {
      const partial = kind === 'sumSq' ? 'sumSq' : 'sum';
      const cells = rows * cols;
      return {
        ...base,
        combine: 'allreduce',
        op: 'sum',
        length: 1,
        local: ([x]) => Float64Array.of(fullAggregate(partial, localMatrix(x))),
        finish: (r) => (kind === 'mean' ? r[0]! / cells : r[0]!),
      };
    }
    case 'prod':
      return {
        ...base,
        combine: 'allreduce',
        op: 'prod',
        length: 1,
        local: ([x]) => Float64Array.of(fullAggregate('prod', localMatrix(x))),
        finish: (r) => r[0]!,
      };
    case 'min':
    case 'max':
      return {
        ...base,
        combine: 'allreduce',
        op: kind,
        length: 3,
        local: ([x]) => packExtremes(kind, Float64Array.of(fullAggregate(kind, localMatrix(x)))),
        finish: (r) => unpackExtremes(kind, r)[0]!,
      };
    case 'var':
    case 'sd':
      return {
        ...base,
        combine: 'allgather',
        length: 3,
        local: ([x]) => {
          const m = localMatrix(x);
          const n = m.rows * m.cols;
          const p = momentsOf(
            n,
            n === 0 ? 0 : fullAggregate('mean', m),
            n === 0 ? 0 : fullAggregate('var', m),
          );
          return Float64Array.of(p.n, p.mean, p.m2);
        },
        finish: (all) => {
          let acc: Moments = { n: 0, mean: 0, m2: 0 };
          for (let k = 0; k < all.length; k += 3)
            acc = mergeMoments(acc, { n: all[k]!, mean: all[k + 1]!, m2: all[k + 2]! });
          const v = varianceOf(acc);
          return kind === 'sd' ? Math.sqrt(v) : v;
        },
      };
  }
}

export const fullAggregateOps: DistOp = {
  opcodes: [...FULL_OPCODES.keys()],
  plan(opcode, call) {
    const kind = FULL_OPCODES.get(opcode);
    const args = positionalArgs(call);
    if (kind === undefined || args === undefined || args.length !== 1) return undefined;
    const dims = matrixDims(args[0]);
    return dims === undefined ? undefined : fullPlan(kind, dims.rows, dims.cols);
  },
};
