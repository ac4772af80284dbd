/**
 * Sizes of the optimizer's internal fused operators: tsmm (t(X)%*%X or X%*%t(X)), mmchain
 * (t(X)%*%(w*(X%*%v))), tmm (t(X)%*%Y read in place), and the fused cell-wise ops (fused_cell / fused_sum / fused_rowSums /
 * fused_colSums; inputs[0] is the program, the rest are leaves), and sumSq (sum(X^2) in one pass).
 */
import type { Hop } from '../hop.js';
import { dims, matrix, scalar, type HopShape } from './common.js';
import type { HopDraft } from './draft.js';
import { CompilerOps } from '../../common/op-names.js';

/** Output dims of a fused cell-wise program: the largest rows and cols among matrix leaves. */
function cellDims(leaves: readonly Hop[]): { rows: number; cols: number } {
  const ms = leaves.filter((l) => l.dataType === 'matrix');
  if (ms.length === 0 || ms.some((m) => m.dims.rows < 0 || m.dims.cols < 0)) return { rows: -1, cols: -1 };
  return {
    rows: Math.max(...ms.map((m) => m.dims.rows)),
    cols: Math.max(...ms.map((m) => m.dims.cols)),
  };
}

export function fusedShape(h: HopDraft): HopShape | undefined {
  const x = h.inputs[0];
  switch (h.op) {
    case CompilerOps.tsmm: {
      if (!x) return undefined;
      const flag = h.inputs[1];
      const left = flag?.kind === 'literal' && flag.value?.vt === 'boolean' ? flag.value.value : true;
      const n = left ? x.dims.cols : x.dims.rows;
      return matrix(dims(n, n));
    }
    case CompilerOps.mmchain:
    case CompilerOps.tmm:
      return x ? matrix(dims(x.dims.cols, h.inputs[1]?.dims.cols ?? -1)) : undefined;
    case CompilerOps.fusedCell: {
      const d = cellDims(h.inputs.slice(1));
      return matrix(dims(d.rows, d.cols));
    }
    case CompilerOps.fusedSum:
    case CompilerOps.sumSq:
      return scalar('double');
    case CompilerOps.fusedRowSums:
      return matrix(dims(cellDims(h.inputs.slice(1)).rows, 1));
    case CompilerOps.fusedColSums:
      return matrix(dims(1, cellDims(h.inputs.slice(1)).cols));
    default:
      return undefined;
  }
}
