/** Sizes of data generators with literal arguments: matrix, rand, seq. */
import { argByName, dims, literalNumber, literalSize, matrix, type HopShape } from './common.js';
import type { HopDraft } from './draft.js';
import type { Hop } from '../hop.js';

const MATRIX_PARAMS = ['data', 'rows', 'cols', 'byrow'];
const RAND_PARAMS = ['rows', 'cols', 'min', 'max', 'sparsity', 'seed', 'pdf', 'lambda'];
const SEQ_PARAMS = ['from', 'to', 'incr'];

export function datagenShape(h: HopDraft): HopShape | undefined {
  switch (h.op) {
    case 'matrix': {
      const a = argByName(h as Hop, MATRIX_PARAMS);
      const data = a.get('data');
      let rows = literalSize(a.get('rows'));
      let cols = literalSize(a.get('cols'));
      // Reshape of a known-size matrix: a missing dimension follows from the cell count.
      if (data && data.dataType === 'matrix' && data.dims.rows >= 0 && data.dims.cols >= 0) {
        const cells = data.dims.rows * data.dims.cols;
        if (rows < 0 && cols > 0) rows = cells / cols;
        if (cols < 0 && rows > 0) cols = cells / rows;
      }
      const fill = data && data.dataType === 'scalar' ? literalNumber(data) : undefined;
      const nnz = rows >= 0 && cols >= 0 && fill !== undefined ? (fill === 0 ? 0 : rows * cols) : -1;
      return matrix(dims(rows, cols, nnz));
    }
    case 'rand': {
      const a = argByName(h as Hop, RAND_PARAMS);
      const rows = literalSize(a.get('rows'));
      const cols = literalSize(a.get('cols'));
      const sp = a.has('sparsity') ? literalNumber(a.get('sparsity')) : 1;
      const nnz = rows >= 0 && cols >= 0 && sp === 0 ? 0 : -1;
      return matrix(dims(rows, cols, nnz));
    }
    case 'seq': {
      const a = argByName(h as Hop, SEQ_PARAMS);
      const from = literalNumber(a.get('from'));
      const to = literalNumber(a.get('to'));
      const incr = a.has('incr')
        ? literalNumber(a.get('incr'))
        : from !== undefined && to !== undefined && from > to
          ? -1
          : 1;
      if (
        from === undefined ||
        to === undefined ||
        incr === undefined ||
        incr === 0 ||
        (to - from) / incr < 0
      ) {
        return matrix(dims(-1, 1));
      }
      return matrix(dims(Math.floor((to - from) / incr + 1e-12) + 1, 1));
    }
    default:
      return undefined;
  }
}
