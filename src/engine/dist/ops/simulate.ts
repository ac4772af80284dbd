/**
 * Runs a DistPlan on P simulated ranks in one process: the reference for what the SPMD runtime
 * does with a plan, and what the tests compare with LOCAL. Inputs are sliced into their
 * placements (../partition.ts), each rank's local step runs on its parts, and the collective is
 * applied with the algebra MPI applies: element-wise sum/prod, and min/max as C comparisons
 * (`a > b ? a : b`), which is why a NaN reaching a min/max reduction is an error here: MPI's
 * result for it would depend on the reduction order (see extremes.ts).
 */
import type { ReduceOp } from '../communicator.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import type { KernelRegistry } from '../../kernels/registry.js';
import { assembleCols, assembleRows, blockOffsets, blockRange, sliceCols, sliceRows } from '../partition.js';
import type { DistPlan, DistResult, LocalArg, RankContext } from './dist-op.js';

/** MPI's element-wise combination of one rank's contribution into the running result. */
function combineInto(acc: Float64Array, next: Float64Array, op: ReduceOp): void {
  for (let k = 0; k < acc.length; k++) {
    const a = acc[k]!;
    const b = next[k]!;
    if ((op === 'min' || op === 'max') && (Number.isNaN(a) || Number.isNaN(b)))
      throw new Error(`simulate: NaN reached an allreduce '${op}' (its MPI result is order-dependent)`);
    acc[k] = op === 'sum' ? a + b : op === 'prod' ? a * b : op === 'max' ? (a > b ? a : b) : a < b ? a : b;
  }
}

/** The allreduce of the ranks' buffers (rank order), as every rank receives it. */
export function reduceBuffers(buffers: readonly Float64Array[], op: ReduceOp): Float64Array {
  const first = buffers[0];
  if (first === undefined) throw new Error('simulate: no ranks');
  const acc = first.slice();
  for (const b of buffers.slice(1)) {
    if (b.length !== acc.length)
      throw new Error(`simulate: allreduce buffers differ in length (${b.length} vs ${acc.length})`);
    combineInto(acc, b, op);
  }
  return acc;
}

/** The allgather of the ranks' buffers: all of them, in rank order. */
export function gatherBuffers(buffers: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(buffers.reduce((n, b) => n + b.length, 0));
  let off = 0;
  for (const b of buffers) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}

/** Each rank's arguments: its part of each partitioned matrix, the whole of the others. */
export function distributeArgs(plan: DistPlan, args: readonly LocalArg[], size: number): LocalArg[][] {
  if (args.length !== plan.args.length)
    throw new Error(`simulate: ${args.length} arguments for a plan of ${plan.args.length}`);
  const perArg = args.map((a, i): readonly LocalArg[] => {
    const where = plan.args[i]!;
    if (where === 'scalar' || where === 'replicated' || a.dt !== 'matrix')
      return Array<LocalArg>(size).fill(a);
    const length = where === 'rows' ? a.rows : a.cols;
    if (length !== plan.partitioned)
      throw new Error(`simulate: argument ${i + 1} has ${length} to partition, the plan ${plan.partitioned}`);
    return where === 'rows' ? sliceRows(a, size) : sliceCols(a, size);
  });
  return Array.from({ length: size }, (_, r) => perArg.map((parts) => parts[r]!));
}

function checkLength(buffers: readonly Float64Array[], length: number): void {
  const bad = buffers.findIndex((b) => b.length !== length);
  if (bad >= 0)
    throw new Error(`simulate: rank ${bad} contributed ${buffers[bad]!.length} values, not ${length}`);
}

function checkShape(plan: DistPlan, r: DistResult): DistResult {
  const want = plan.result;
  const ok =
    want === 'scalar'
      ? typeof r === 'number'
      : typeof r !== 'number' && r.rows === want.rows && r.cols === want.cols;
  if (!ok) throw new Error('simulate: the result does not have the shape the plan declared');
  return r;
}

/** The plan's result on `size` simulated ranks, given the whole arguments. */
export function simulate(
  plan: DistPlan,
  args: readonly LocalArg[],
  size: number,
  kernels: KernelRegistry,
): DistResult {
  const offsets = blockOffsets(plan.partitioned, size);
  const perRank = distributeArgs(plan, args, size);
  const contexts = perRank.map((_, rank): RankContext => {
    const { start, count } = blockRange(offsets, rank);
    return { rank, size, rowOffset: start, rows: count, kernels };
  });
  switch (plan.combine) {
    case 'rows':
    case 'cols': {
      const parts: MatrixBlock[] = perRank.map((a, r) => plan.local(a, contexts[r]!));
      return checkShape(plan, plan.combine === 'rows' ? assembleRows(parts) : assembleCols(parts));
    }
    case 'allreduce': {
      const buffers = perRank.map((a, r) => plan.local(a, contexts[r]!));
      checkLength(buffers, plan.length);
      return checkShape(plan, plan.finish(reduceBuffers(buffers, plan.op)));
    }
    case 'allgather': {
      const buffers = perRank.map((a, r) => plan.local(a, contexts[r]!));
      checkLength(buffers, plan.length);
      return checkShape(plan, plan.finish(gatherBuffers(buffers)));
    }
  }
}
