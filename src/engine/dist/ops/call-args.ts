/**
 * Reading a call's arguments, as shapes (planning) and as a rank's values (local steps). Plans
 * decline anything unusual (named arguments, frames, lists, strings where numbers belong) so
 * that LOCAL runs it and reports whatever error it deserves, with its own message.
 */
import type { ArgShape, BackendCall } from '../../backends/backend.js';
import type { MatrixBlock } from '../../data/matrix-block.js';
import type { LocalArg } from './dist-op.js';

export interface MatrixDims {
  readonly rows: number;
  readonly cols: number;
}

/** The argument shapes of a call with only positional arguments (undefined: named ones, decline). */
export function positionalArgs(call: BackendCall<ArgShape>): readonly ArgShape[] | undefined {
  return call.argNames.every((n) => n === undefined) ? call.args : undefined;
}

/** A matrix argument's dims, or undefined for anything else. */
export function matrixDims(a: ArgShape | undefined): MatrixDims | undefined {
  return a !== undefined && a.kind === 'matrix' ? { rows: a.rows, cols: a.cols } : undefined;
}

/** A scalar usable as a cell operand (double, int, boolean), or undefined. */
export function isNumericScalar(a: ArgShape | undefined): boolean {
  return a !== undefined && a.kind === 'scalar' && a.value.vt !== 'string';
}

/** The matrix a rank holds for a matrix argument. */
export function localMatrix(a: LocalArg | undefined): MatrixBlock {
  if (a === undefined || a.dt !== 'matrix')
    throw new Error('internal: distributed op expected a matrix part');
  return a;
}

/** A numeric scalar argument as the double the cell-wise kernels take (booleans as 1/0). */
export function localNumber(a: LocalArg | undefined): number {
  if (a === undefined || a.dt !== 'scalar' || a.vt === 'string')
    throw new Error('internal: distributed op expected a numeric scalar');
  return a.vt === 'boolean' ? (a.value ? 1 : 0) : a.value;
}

/** A rank's part or the scalar, as a cell-wise operand. */
export function cellOperand(a: LocalArg | undefined): MatrixBlock | number {
  return a !== undefined && a.dt === 'matrix' ? a : localNumber(a);
}

/** A fresh copy of a block's cells, row-major (a collective reduces into it in place). */
export function cellsOf(m: MatrixBlock): Float64Array {
  return m.denseData().slice();
}
