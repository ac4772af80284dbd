/**
 * Runs one parfor loop: decides how many workers (the parfor optimizer), partitions the
 * iterations into contiguous ranges, ships the live inputs, blocks until the workers reply, and
 * merges their result variables back into the scope. The main thread runs the first iteration
 * itself and times it: loops whose whole run would cost less than starting workers stay
 * sequential (see docs/parfor.md for the measurements behind the threshold).
 */
import os from 'node:os';
import { DmlError, fail } from '../../common/diagnostics.js';
import type { ProgramBlock, RuntimeProgram } from '../../optimizer/plan.js';
import { variablesRead } from '../../optimizer/parfor/dependencies.js';
import type { Value } from '../data/values.js';
import type { SymbolTable } from '../interpreter/symbol-table.js';
import { fromWire, toWire, valueBytes } from './codec.js';
import { mergeResult } from './merge.js';
import { ensureParforWorkers, lastWorkerStartMs, poolSize, runOnWorkers } from './pool.js';
import { toWireProgram, type WireProgram, stripBlock } from './program-wire.js';

type ForBlock = Extract<ProgramBlock, { kind: 'for' }>;

export interface ParforHost {
  readonly program: RuntimeProgram;
  readonly loop: ForBlock;
  readonly values: readonly Value[];
  readonly scope: SymbolTable;
  readonly print: (line: string) => void;
  readonly nextSeed: () => number;
  /** Absolute working directory (workers resolve relative file paths against it). */
  readonly cwd: string;
  /** Configured memory budget in bytes (workers share it), when known. */
  readonly memoryBytes?: number;
  /** Runs the body for these loop-variable values on the calling thread. */
  readonly runSequential: (values: readonly Value[]) => void;
}

/** `TESSERA_PARFOR=sequential|parallel|auto` (tests and benchmarks; default auto). */
function forcedMode(): 'sequential' | 'parallel' | 'auto' {
  const m = process.env.TESSERA_PARFOR?.trim().toLowerCase();
  return m === 'sequential' || m === 'parallel' ? m : 'auto';
}

/**
 * Below this estimated sequential time (ms) for the remaining iterations, workers are not worth
 * it: posting a task, shipping inputs and merging costs ~1-5 ms with a warm pool, and starting
 * the pool ~100 ms (built code) the first time.
 */
const MIN_PARALLEL_MS = 20;

const programIds = new WeakMap<RuntimeProgram, number>();
const wirePrograms = new WeakMap<RuntimeProgram, WireProgram>();
const wireLoops = new WeakMap<ForBlock, ForBlock>();
let nextProgramId = 1;

/** Degree of parallelism: par=, else the cores; capped by iterations and the memory budget. */
export function degreeOfParallelism(
  loop: ForBlock,
  iterations: number,
  resultBytes: number,
  memoryBytes: number = os.totalmem() * 0.7,
): number {
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  let k = loop.parfor?.par !== undefined && loop.parfor.par > 0 ? Math.floor(loop.parfor.par) : cores;
  k = Math.min(k, iterations);
  // Each worker holds its own copy of every result variable (inputs are shared, not copied):
  // keep k copies, plus the merged one, within the budget.
  if (resultBytes > 0) k = Math.min(k, Math.max(1, Math.floor(memoryBytes / resultBytes) - 1));
  return Math.max(1, k);
}

export function executeParfor(h: ParforHost): void {
  const { loop, values, scope } = h;
  const params = loop.parfor!;
  const mode = forcedMode();
  const optNone = String(params.raw.opt ?? '').toUpperCase() === 'NONE';
  const resultNames = loop.resultVars ?? [];
  const resultBytes = resultNames.reduce((s, n) => s + (scope.get(n) ? valueBytes(scope.get(n)!) : 0), 0);
  const k0 = degreeOfParallelism(loop, values.length, resultBytes, h.memoryBytes);
  if (mode === 'sequential' || optNone || k0 < 2 || values.length < 2) {
    h.runSequential(values);
    return;
  }
  let rest = values;
  if (mode === 'auto') {
    // Run the first iteration here and time it: cheap loops never pay for workers.
    const t0 = performance.now();
    h.runSequential(values.slice(0, 1));
    const perIteration = performance.now() - t0;
    rest = values.slice(1);
    const startCost = poolSize() >= k0 ? 0 : Math.max(lastWorkerStartMs(), 100);
    if (perIteration * rest.length < MIN_PARALLEL_MS + startCost) {
      h.runSequential(rest);
      return;
    }
  }
  const k = Math.min(k0, rest.length);
  if (k < 2) {
    h.runSequential(rest);
    return;
  }
  const why = ensureParforWorkers(k);
  if (why !== undefined) {
    // No workers on this platform: same results, one thread.
    h.runSequential(rest);
    return;
  }
  runParallel(h, rest, k);
}

function runParallel(h: ParforHost, values: readonly Value[], k: number): void {
  const { loop, scope } = h;
  let programId = programIds.get(h.program);
  if (programId === undefined) {
    programId = nextProgramId++;
    programIds.set(h.program, programId);
  }
  let wireLoop = wireLoops.get(loop);
  if (!wireLoop) {
    wireLoop = stripBlock(loop) as ForBlock;
    wireLoops.set(loop, wireLoop);
  }
  const inputs = [...variablesRead(loop)]
    .filter((n) => n !== loop.variable && scope.has(n))
    .map((n) => [n, toWire(scope.get(n)!)] as const);
  const results = loop.resultVars ?? [];
  // Contiguous ranges: iteration order within a worker, and workers in iteration order, so the
  // merge can let later iterations win and printed lines come out in iteration order.
  const bounds: number[] = [];
  for (let i = 0; i <= k; i++) bounds.push(Math.round((i * values.length) / k));
  const originals = new Map(results.map((n) => [n, scope.get(n)] as const));
  const replies = runOnWorkers(k, programId, (i, hasProgram, ctrl) => ({
    kind: 'task',
    programId: programId!,
    program: hasProgram ? undefined : wireProgram(h.program),
    loop: wireLoop!,
    values: values.slice(bounds[i], bounds[i + 1]).map(toWire),
    inputs,
    results,
    seed: h.nextSeed(),
    cwd: h.cwd,
    ctrl,
  }));
  // Printed lines, in iteration order (worker by worker), as a sequential loop would print them.
  for (const r of replies) for (const line of r.prints) h.print(line);
  const failed = replies.find((r) => r.kind === 'error');
  if (failed && failed.kind === 'error') {
    if (failed.diagnostics) throw new DmlError(failed.diagnostics);
    fail('DML5999', `internal error in a parfor worker: ${failed.message}`, loop.span);
  }
  const accumulators = new Set(loop.parfor?.accumulators ?? []);
  for (const name of results) {
    const outs: Value[] = [];
    for (const r of replies) {
      if (r.kind !== 'done') continue;
      const hit = r.results.find(([n]) => n === name);
      if (hit) outs.push(fromWire(hit[1]));
    }
    const merged = mergeResult(name, originals.get(name), outs, accumulators.has(name), loop.span);
    if (merged !== undefined) scope.set(name, merged);
  }
  // As after a sequential loop, the loop variable holds the last value.
  scope.set(loop.variable, values[values.length - 1]!);
}

function wireProgram(p: RuntimeProgram): WireProgram {
  let w = wirePrograms.get(p);
  if (!w) {
    w = toWireProgram(p);
    wirePrograms.set(p, w);
  }
  return w;
}

