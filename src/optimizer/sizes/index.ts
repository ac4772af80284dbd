/** Size and type inference for a HOP, table-driven over one rule family per file. */
import type { HopDraft, ShapeRule } from './draft.js';
import { aggregateShape } from './aggregates.js';
import { datagenShape } from './datagen.js';
import { elementwiseShape } from './elementwise.js';
import { fusedShape } from './fused.js';
import { indexingShape } from './indexing.js';
import { readShape } from './read-mtd.js';
import { reorgShape } from './reorg.js';
import { scalar, UNKNOWN_SHAPE, type HopShape } from './common.js';

export type { HopShape } from './common.js';
export type { HopDraft } from './draft.js';

const FAMILIES: readonly ShapeRule[] = [
  elementwiseShape,
  aggregateShape,
  reorgShape,
  datagenShape,
  indexingShape,
  readShape,
  fusedShape,
];

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
