/**
 * Sets each HOP's memory estimate and execution type. HOPs are immutable, so the DAG is copied
 * (same ids, same sharing); notes (over-budget warnings) are keyed by the new HOPs for explain.
 */
import type { Hop } from '../hop.js';
import { chooseExecType } from './exec-type.js';
import type { PlannerSettings } from './machine.js';
import { operationBytes } from './memory.js';
import { estimateSeconds } from './time.js';

export interface Annotated {
  readonly roots: Hop[];
  /** Hops that needed a warning (e.g. over budget, running LOCAL anyway). */
  readonly notes: Map<Hop, string>;
}

export function annotateDag(
  roots: readonly Hop[],
  s: PlannerSettings,
  notes = new Map<Hop, string>(),
): Annotated {
  const done = new Map<Hop, Hop>();
  const visit = (h: Hop): Hop => {
    const hit = done.get(h);
    if (hit) return hit;
    const inputs = h.inputs.map(visit);
    const base: Hop = { ...h, inputs };
    const mem = operationBytes(base);
    const choice = chooseExecType(base, mem, s);
    const placed: Hop = { ...base, mem, exec: choice.exec };
    const seconds = estimateSeconds(placed, choice.exec, s.machine);
    const out: Hop = Number.isFinite(seconds) ? { ...placed, seconds } : placed;
    if (choice.warning) notes.set(out, choice.warning);
    done.set(h, out);
    return out;
  };
  return { roots: roots.map(visit), notes };
}
