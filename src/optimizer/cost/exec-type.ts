/**
 * Execution-type selection per HOP (SystemDS's Hop.findExecTypeByMemEstimate, extended by a cost
 * comparison): LOCAL when the estimate fits 0.7 x the local memory and nothing is cheaper; GPU when
 * enabled, registered, fitting 0.7 x device memory and cheaper including transfers; DIST when the
 * op does not fit locally or the cluster is cheaper. Only registered backends are ever offered.
 * Unknown sizes choose LOCAL (the safe choice); the block is recompiled with real sizes at run time.
 */
import type { ExecType, Hop } from '../hop.js';
import { BUDGET_FRACTION, type PlannerSettings } from './machine.js';
import { formatBytes } from './memory.js';
import { estimateSeconds } from './time.js';

export interface ExecChoice {
  readonly exec: ExecType;
  /** Set when the op does not fit any backend: it runs LOCAL and may spill. */
  readonly warning?: string;
}

/** Ops that produce or consume matrices and have a kernel on other backends. */
function isDistributable(h: Hop): boolean {
  if (h.kind !== 'op' && h.kind !== 'rix' && h.kind !== 'lix') return false;
  if (h.outputs !== undefined && h.outputs.length === 0) return false; // print, write, stop
  if (h.kind === 'op' && (h.op === 'read' || h.op === 'write' || h.op === 'print')) return false;
  const matrixLike = (x: Hop): boolean => x.dataType === 'matrix';
  return matrixLike(h) || h.inputs.some(matrixLike);
}

export function chooseExecType(h: Hop, mem: number, s: PlannerSettings): ExecChoice {
  if (!isDistributable(h)) {
    // Still LOCAL, but a read (or another non-distributable op) that cannot fit says so.
    const budget = BUDGET_FRACTION * s.machine.memoryBytes;
    return Number.isFinite(mem) && mem > budget && h.kind === 'op' && h.dataType === 'matrix'
      ? overBudget(mem, budget)
      : { exec: 'LOCAL' };
  }
  const has = (e: ExecType): boolean =>
    s.capabilities.has(e) && (e === 'LOCAL' || s.supports === undefined || s.supports(e, h.op));
  const gpuOn = s.gpuMode !== 'off' && has('GPU') && s.machine.gpu !== undefined;
  const gpuFits = gpuOn && mem <= BUDGET_FRACTION * s.machine.gpu!.memoryBytes;
  if (s.execMode === 'dist' && has('DIST')) return { exec: 'DIST' };
  if (s.gpuMode === 'force' && has('GPU')) return { exec: 'GPU' };
  if (!Number.isFinite(mem)) return { exec: 'LOCAL' };
  const localBudget = BUDGET_FRACTION * s.machine.memoryBytes;
  const fitsLocal = mem <= localBudget;
  const candidates: ExecType[] = [];
  if (fitsLocal) candidates.push('LOCAL');
  if (gpuFits) candidates.push('GPU');
  const cluster = s.machine.cluster;
  const distAllowed = s.execMode === 'hybrid' && has('DIST') && cluster !== undefined;
  // The cluster holds an op when its share per rank fits a rank's budget (row-block partitions
  // split the estimate evenly; replicated operands are small).
  if (distAllowed && mem <= BUDGET_FRACTION * cluster.memoryPerRankBytes * cluster.ranks)
    candidates.push('DIST');
  if (s.execMode === 'singlenode') {
    const local = candidates.filter((c) => c !== 'DIST');
    if (local.length === 0) return overBudget(mem, localBudget);
    return { exec: cheapest(h, local, s) };
  }
  if (candidates.length === 0)
    return overBudget(
      mem,
      localBudget,
      distAllowed ? BUDGET_FRACTION * cluster.memoryPerRankBytes * cluster.ranks : undefined,
    );
  // An op that does not fit locally never runs LOCAL when another backend can take it.
  return { exec: cheapest(h, candidates, s) };
}

function overBudget(mem: number, budget: number, cluster?: number): ExecChoice {
  const where =
    cluster === undefined
      ? `the local budget ${formatBytes(budget)}`
      : `the local budget ${formatBytes(budget)} and the cluster's ${formatBytes(cluster)}`;
  return {
    exec: 'LOCAL',
    warning: `memory estimate ${formatBytes(mem)} exceeds ${where} and no other backend can run it: running LOCAL (may spill)`,
  };
}

/** Cheapest by the time model; ties keep the earlier (LOCAL first), so plans are stable. */
function cheapest(h: Hop, options: readonly ExecType[], s: PlannerSettings): ExecType {
  let best = options[0]!;
  let bestT = estimateSeconds(h, best, s.machine);
  for (const e of options.slice(1)) {
    const t = estimateSeconds(h, e, s.machine);
    if (t < bestT) {
      best = e;
      bestT = t;
    }
  }
  return best;
}
