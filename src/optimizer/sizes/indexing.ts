/** Sizes of right and left indexing with literal bounds. */
import { dims, isMatrixLike, literalNumber, type HopShape } from './common.js';
import type { HopDraft } from './draft.js';
import type { Hop } from '../hop.js';

/** Extent of one index part: literal lower/upper, or the whole dimension when absent. */
function extent(lower: Hop | undefined, upper: Hop | undefined, whole: number): number {
  if (lower === undefined || lower.kind === 'none') return whole;
  const l = literalNumber(lower);
  const u = literalNumber(upper);
  return l !== undefined && u !== undefined && u >= l ? u - l + 1 : -1;
}

export function indexingShape(h: HopDraft): HopShape | undefined {
  const target = h.inputs[0];
  if (target === undefined) return undefined;
  if (h.kind === 'lix')
    return {
      dataType: target.dataType,
      valueType: target.valueType,
      dims: dims(target.dims.rows, target.dims.cols),
    };
  if (h.kind !== 'rix') return undefined;
  if (h.attrs?.listIndex === true || target.dataType === 'list') {
    return { dataType: 'list', valueType: 'unknown', dims: dims(-1, 1) };
  }
  if (!isMatrixLike(target)) return undefined;
  const [, rl, ru, cl, cu] = h.inputs;
  return {
    dataType: target.dataType,
    valueType: target.valueType,
    dims: dims(extent(rl, ru, target.dims.rows), extent(cl, cu, target.dims.cols)),
  };
}
