/**
 * Jobs: one row (or cell, or column) range of one operation, as posted to a worker. Typed arrays
 * in a job view SharedArrayBuffers, so posting one shares memory instead of copying it. The main
 * thread runs its own share through runJob too.
 */
import type { BinaryOp, UnaryOp } from '../../common/scalar-ops.js';
import { sparseDenseRows } from '../kernels/matmul.js';
import { evaluateCellProgramRows, type CellAggregate, type LeafKind } from '../kernels/fused/cell-program.js';
import {
  binaryRows,
  colAggCols,
  colChunkPartials,
  countNonZeros,
  extremePartial,
  kahanPartial,
  rowAggRows,
  transposeRows,
  unaryCells,
  type BinaryOperand,
  type ParAggKind,
} from './range-kernels.js';
import { runCsvRangeJob, type CsvRangeJob } from '../io/csv-range-job.js';
import { runTsmmLeftJob, type TsmmLeftJob } from '../kernels/compiled/tsmm.js';
import { runSkinnyMmJob, type SkinnyMmJob } from '../kernels/compiled/skinny-mm.js';

export type Job =
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly a: BinaryOperand;
      readonly b: BinaryOperand;
      readonly out: Float64Array;
      readonly n: number;
      readonly r0: number;
      readonly r1: number;
      /** Non-zero cells written, one slot per chunk (absent: not counted). */
      readonly nnz?: Float64Array;
      readonly slot?: number;
    }
  | {
      readonly kind: 'unary';
      readonly op: UnaryOp;
      readonly x: Float64Array;
      readonly out: Float64Array;
      readonly s: number;
      readonly e: number;
    }
  | {
      readonly kind: 'fullAgg';
      readonly agg: ParAggKind;
      readonly x: Float64Array;
      readonly s: number;
      readonly e: number;
      /** Two slots per chunk: [sum, correction] or [extreme, unused]. */
      readonly partials: Float64Array;
      readonly slot: number;
    }
  | {
      readonly kind: 'rowAgg';
      readonly agg: ParAggKind;
      readonly x: Float64Array;
      readonly n: number;
      readonly out: Float64Array;
      readonly r0: number;
      readonly r1: number;
    }
  | {
      readonly kind: 'colAgg';
      readonly agg: ParAggKind;
      readonly x: Float64Array;
      readonly m: number;
      readonly n: number;
      readonly out: Float64Array;
      readonly c0: number;
      readonly c1: number;
    }
  | {
      readonly kind: 'cellProgram';
      readonly program: string;
      readonly kinds: readonly LeafKind[];
      readonly agg: CellAggregate;
      readonly D: readonly Float64Array[];
      readonly S: Float64Array;
      readonly cols: number;
      readonly r0: number;
      readonly r1: number;
      /** none: the m x n cells; rowSums: m sums; sum: one slot per chunk; colSums: cols per chunk. */
      readonly out: Float64Array;
      readonly slot: number;
      /** none: non-zero cells written, one slot per chunk (absent: not counted). */
      readonly nnz?: Float64Array;
    }
  | {
      readonly kind: 'colChunks';
      readonly square: boolean;
      readonly x: Float64Array;
      readonly m: number;
      readonly n: number;
      /** Per fixed row chunk: n sums then n corrections. */
      readonly part: Float64Array;
      readonly k0: number;
      readonly k1: number;
    }
  | {
      readonly kind: 'sparseDense';
      readonly rowPtr: Int32Array;
      readonly colIdx: Int32Array;
      readonly values: Float64Array;
      readonly b: Float64Array;
      readonly n: number;
      readonly out: Float64Array;
      readonly r0: number;
      readonly r1: number;
    }
  | {
      readonly kind: 'transpose';
      readonly x: Float64Array;
      readonly m: number;
      readonly n: number;
      readonly out: Float64Array;
      readonly r0: number;
      readonly r1: number;
    }
  | CsvRangeJob
  | TsmmLeftJob
  | SkinnyMmJob;

export function runJob(j: Job): void {
  switch (j.kind) {
    case 'tsmmLeft':
      runTsmmLeftJob(j);
      return;
    case 'skinnyMm':
      runSkinnyMmJob(j);
      return;
    case 'csvRange':
      runCsvRangeJob(j);
      return;
    case 'binary':
      binaryRows(j.op, j.a, j.b, j.out, j.n, j.r0, j.r1);
      // Counted here, in parallel, rather than by MatrixBlock.dense on the main thread.
      if (j.nnz !== undefined) j.nnz[j.slot!] = countNonZeros(j.out, j.r0 * j.n, j.r1 * j.n);
      return;
    case 'unary':
      unaryCells(j.op, j.x, j.out, j.s, j.e);
      return;
    case 'fullAgg': {
      if (j.agg === 'min' || j.agg === 'max') {
        j.partials[2 * j.slot] = extremePartial(j.x, j.s, j.e, j.agg === 'max');
      } else {
        const [s, c] = kahanPartial(j.x, j.s, j.e, j.agg === 'sumSq');
        j.partials[2 * j.slot] = s;
        j.partials[2 * j.slot + 1] = c;
      }
      return;
    }
    case 'rowAgg':
      rowAggRows(j.agg, j.x, j.n, j.out, j.r0, j.r1);
      return;
    case 'colAgg':
      colAggCols(j.agg, j.x, j.m, j.n, j.out, j.c0, j.c1);
      return;
    case 'transpose':
      transposeRows(j.x, j.m, j.n, j.out, j.r0, j.r1);
      return;
    case 'colChunks':
      colChunkPartials(j.x, j.m, j.n, 0, j.n, j.k0, j.k1, j.square, j.part);
      return;
    case 'sparseDense':
      sparseDenseRows(j.rowPtr, j.colIdx, j.values, j.b, j.n, j.out, j.r0, j.r1);
      return;
    case 'cellProgram': {
      // Cells and row sums go straight into their slice of the shared result.
      const slice =
        j.agg === 'none'
          ? j.out.subarray(j.r0 * j.cols, j.r1 * j.cols)
          : j.agg === 'rowSums'
            ? j.out.subarray(j.r0, j.r1)
            : undefined;
      const count = j.nnz === undefined ? undefined : new Float64Array(1);
      const r = evaluateCellProgramRows(
        j.program,
        j.kinds,
        j.agg,
        j.D,
        j.S,
        j.cols,
        j.r0,
        j.r1,
        slice,
        count,
      );
      if (count !== undefined) j.nnz![j.slot] = count[0]!;
      if (typeof r === 'number') j.out[j.slot] = r;
      else if (j.agg === 'colSums') j.out.set(r, j.slot * j.cols);
      return;
    }
  }
}

/** Control words shared with the workers: [jobs completed, jobs failed]. */
export const CTRL_DONE = 0;
export const CTRL_FAILED = 1;
