/**
 * Size and type inference for a HOP. Builtins and operators are table-driven from the builtin
 * catalogue: each entry's `shape` rule (src/common/builtins/shape-rules.ts: cell-wise with
 * broadcasting, aggregates, reorganisations and linear algebra, data generation) gives the dims,
 * its `returns` the type. The rules that need HOP context stay here, one family per file:
 * indexing, read() with its `.mtd`, and the optimizer's fused operators.
 */
import type { HopDraft, ShapeRule } from './draft.js';
import { catalogueShape } from './catalogue.js';
import { fusedShape } from './fused.js';
import { indexingShape } from './indexing.js';
import { readShape } from './read-mtd.js';
import { scalar, UNKNOWN_SHAPE, type HopShape } from './common.js';

export type { HopShape } from './common.js';
export type { HopDraft } from './draft.js';

const FAMILIES: readonly ShapeRule[] = [catalogueShape, indexingShape, readShape, fusedShape];

export function inferShape(h: HopDraft): HopShape {
  if (h.kind === 'literal' && h.value) return scalar(h.value.vt);
  if (h.kind === 'twrite') {
    const v = h.inputs[0];
    return v ? { dataType: v.dataType, valueType: v.valueType, dims: v.dims } : UNKNOWN_SHAPE;
  }
  if (h.kind === 'none' || h.kind === 'tread' || h.kind === 'fcall') return UNKNOWN_SHAPE;
  for (const family of FAMILIES) {
    const s = family(h);
    if (s !== undefined) return s;
  }
  return UNKNOWN_SHAPE;
}
