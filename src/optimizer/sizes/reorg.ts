/** Sizes of reorganisations and linear algebra: t, %*%, cbind/rbind, diag, solve, casts, shape queries. */
import { fail } from '../../common/diagnostics.js';
import { dims, isMatrixLike, matrix, scalar, SCALAR_DIMS, type HopShape } from './common.js';
import type { HopDraft } from './draft.js';

function sumKnown(values: readonly number[]): number {
  return values.some((v) => v < 0) ? -1 : values.reduce((a, b) => a + b, 0);
}

function agree(values: readonly number[]): number {
  const known = values.filter((v) => v >= 0);
  return known.length === values.length && known.length > 0 ? known[0]! : known.length > 0 ? known[0]! : -1;
}

export function reorgShape(h: HopDraft): HopShape | undefined {
  const ins = h.inputs;
  const x = ins[0];
  switch (h.op) {
    case 't':
      return x && isMatrixLike(x) ? matrix(dims(x.dims.cols, x.dims.rows, x.dims.nnz)) : undefined;
    case '%*%': {
      const b = ins[1];
      if (!x || !b) return undefined;
      if (
        x.dims.cols >= 0 &&
        b.dims.rows >= 0 &&
        x.dataType === 'matrix' &&
        b.dataType === 'matrix' &&
        x.dims.cols !== b.dims.rows
      ) {
        fail(
          'DML4002',
          `matrix multiplication needs ncol(A) == nrow(B): got ${x.dims.rows}x${x.dims.cols} %*% ${b.dims.rows}x${b.dims.cols}`,
          h.span,
        );
      }
      return matrix(dims(x.dims.rows, b.dims.cols));
    }
    case 'cbind':
    case 'rbind': {
      if (ins.length === 0 || !ins.every(isMatrixLike)) return undefined;
      const rowsList = ins.map((i) => i.dims.rows);
      const colsList = ins.map((i) => i.dims.cols);
      const shape =
        h.op === 'cbind'
          ? dims(agree(rowsList), sumKnown(colsList))
          : dims(sumKnown(rowsList), agree(colsList));
      return { dataType: ins[0]!.dataType, valueType: ins[0]!.valueType, dims: shape };
    }
    case 'diag':
      if (!x || !isMatrixLike(x)) return undefined;
      if (x.dims.cols === 1) return matrix(dims(x.dims.rows, x.dims.rows));
      if (x.dims.rows >= 0 && x.dims.rows === x.dims.cols) return matrix(dims(x.dims.rows, 1));
      return matrix(dims(-1, -1));
    case 'solve':
      return x && ins[1] ? matrix(dims(x.dims.cols, ins[1].dims.cols)) : undefined;
    case 'inv':
    case 'cholesky':
      return x ? matrix(dims(x.dims.rows, x.dims.cols)) : undefined;
    case 'det':
      return scalar('double');
    case 'nrow':
    case 'ncol':
    case 'length':
      return scalar('int');
    case 'as.scalar':
    case 'castAsScalar':
      return {
        dataType: 'scalar',
        valueType: x && !isMatrixLike(x) && x.dataType === 'scalar' ? x.valueType : 'double',
        dims: SCALAR_DIMS,
      };
    case 'as.matrix':
      if (x && x.dataType === 'scalar') return matrix(dims(1, 1));
      return x ? matrix(dims(x.dims.rows, x.dims.cols)) : undefined;
    case 'as.double':
      return x && x.dataType === 'scalar' ? scalar('double') : undefined;
    case 'as.integer':
      return x && x.dataType === 'scalar' ? scalar('int') : undefined;
    case 'as.logical':
    case 'as.boolean':
      return x && x.dataType === 'scalar' ? scalar('boolean') : undefined;
    case 'toString':
    case 'typeof':
      return scalar('string');
    case 'exists':
      return scalar('boolean');
    default:
      return undefined;
  }
}
