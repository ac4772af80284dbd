/**
 * What a distributed operator is: pure per-rank code plus one declared collective. The SPMD
 * runtime (which moves the bytes) stays generic: for an instruction placed on DIST every rank
 * calls `plan` with the same opcode and argument shapes (so every rank gets the same plan without
 * talking), brings each matrix argument into the layout the plan asks for, calls `local` on its
 * own parts, and then performs the one collective `combine` names. Nothing here knows MPI.
 *
 * Layouts (partitions are a pure function of the length and P: see ../partition.ts):
 * - 'rows': row-partitioned, rank r holding rows [offsets[r], offsets[r+1]) of blockOffsets(m, P);
 *   all 'rows' and 'cols' arguments of one call are partitioned along the same length, so aligned;
 * - 'cols': column-partitioned with the same offsets over the columns (what t() of a 'rows'
 *   matrix is without moving anything; how the compiler's t(t(y) %*% X) reaches %*%);
 * - 'replicated': the whole matrix on every rank (models, vectors, small operands).
 */
import type { ReduceOp } from '../communicator.js';
import type { MatrixBlock } from '../../data/matrix-block.js';
import type { ScalarValue } from '../../data/values.js';
import type { KernelRegistry } from '../../kernels/registry.js';
import type { ArgShape, BackendCall } from '../../backends/backend.js';

export type DistLayout = 'rows' | 'cols' | 'replicated';

/** Where one argument must be: a matrix in a layout, or a scalar every rank has. */
export type ArgPlacement = DistLayout | 'scalar';

/** One argument as a rank holds it: its part (or whole copy) of a matrix, or the scalar. */
export type LocalArg = MatrixBlock | ScalarValue;

/** What a rank's local step knows about where it is. */
export interface RankContext {
  readonly rank: number;
  readonly size: number;
  /** First index this rank holds along the partitioned length (rows of 'rows', columns of 'cols'). */
  readonly rowOffset: number;
  /** How many it holds (0: an empty partition; the step still runs and contributes identities). */
  readonly rows: number;
  /** The rank's CPU kernels (the registry LOCAL uses: native BLAS when present, else TypeScript). */
  readonly kernels: KernelRegistry;
}

/** An op's result on the driver: a matrix, or a double scalar. */
export type DistResult = MatrixBlock | number;

export type ResultShape = { readonly rows: number; readonly cols: number } | 'scalar';

interface PlanBase {
  /** One placement per call argument, in call order. */
  readonly args: readonly ArgPlacement[];
  /** The length the 'rows'/'cols' arguments are partitioned along (offsets = blockOffsets(it, P)). */
  readonly partitioned: number;
  /** The result's dims (or a scalar), known before anything runs. */
  readonly result: ResultShape;
}

/** No communication: each rank's local result is its partition of the result. */
export interface PartitionedPlan extends PlanBase {
  /** 'rows': the result is row-partitioned like the arguments; 'cols': column-partitioned. */
  readonly combine: 'rows' | 'cols';
  local(args: readonly LocalArg[], at: RankContext): MatrixBlock;
}

/**
 * One allreduce of `length` values with `op` (every rank's local buffer has that length, empty
 * partitions included), then `finish` on the reduced values (the same on every rank).
 */
export interface AllreducePlan extends PlanBase {
  readonly combine: 'allreduce';
  readonly op: ReduceOp;
  readonly length: number;
  local(args: readonly LocalArg[], at: RankContext): Float64Array;
  finish(reduced: Float64Array): DistResult;
}

/**
 * One allgather: every rank contributes `length` values and gets all of them in rank order
 * (P * length values; counts are all `length`), then `finish`. For partial results that an
 * element-wise reduction cannot merge (variances: Chan's pairwise update), merged in rank order
 * so every rank computes the same bits.
 */
export interface AllgatherPlan extends PlanBase {
  readonly combine: 'allgather';
  readonly length: number;
  local(args: readonly LocalArg[], at: RankContext): Float64Array;
  finish(gathered: Float64Array): DistResult;
}

export type DistPlan = PartitionedPlan | AllreducePlan | AllgatherPlan;

export interface DistOp {
  /** The plan opcodes (DML builtin names and operators, compiler op names) it handles. */
  readonly opcodes: readonly string[];
  /**
   * The plan for this call, or undefined to decline (LOCAL then runs it, and raises any error
   * the call deserves). A pure function of the opcode and the argument shapes and scalar values.
   */
  plan(opcode: string, call: BackendCall<ArgShape>): DistPlan | undefined;
}
