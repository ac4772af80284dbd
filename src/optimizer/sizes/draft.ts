/** A HOP before its types and sizes are known: what size inference works from. */
import type { Hop } from '../hop.js';

export type HopDraft = Omit<Hop, 'id' | 'dims' | 'dataType' | 'valueType' | 'mem' | 'exec'>;

/** One family of size rules: returns undefined when the op is not one of its own. */
export type ShapeRule = (h: HopDraft) => import('./common.js').HopShape | undefined;
