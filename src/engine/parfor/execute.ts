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
import { collectFromWorkers, ensureParforWorkers, lastWorkerStartMs, poolSize, postToWorkers } from './pool.js';
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
  const k = degreeOfParallelism(loop, values.length, resultBytes, h.memoryBytes);
  if (mode === 'sequential' || optNone || k < 2) {
    h.runSequential(values);
    return;
  }
  // The inputs as they are before any iteration: workers start from these, and the merge
  // compares against them (values are immutable, so this is a snapshot of references).
  const before = new Map<string, Value>();
  for (const n of variablesRead(loop)) {
    const v = scope.get(n);
    if (v !== undefined && n !== loop.variable) before.set(n, v);
  }
  for (const n of resultNames) {
    const v = scope.get(n);
    if (v !== undefined) before.set(n, v);
  }
  // Contiguous ranges, the main thread's first: iteration order within a range, and ranges in
  // iteration order, so later iterations win the merge and printed lines come out in order.
  const bounds: number[] = [];
  for (let i = 0; i <= k; i++) bounds.push(Math.round((i * values.length) / k));
  let done = 0;
  if (mode === 'auto') {
    // Run the first iteration here and time it: loops cheaper than starting workers stay here.
    const t0 = performance.now();
    h.runSequential(values.slice(0, 1));
    done = 1;
    const perIteration = performance.now() - t0;
    const startCost = poolSize() >= k - 1 ? 0 : Math.max(lastWorkerStartMs(), 100);
    if (perIteration * (values.length - 1) < MIN_PARALLEL_MS + startCost) {
      h.runSequential(values.slice(1));
      return;
    }
  }
  if (ensureParforWorkers(k - 1) !== undefined) {
    // No workers on this platform: same results, one thread.
    h.runSequential(values.slice(done));
    return;
  }
  runParallel(h, before, bounds, done);
}

function runParallel(h: ParforHost, before: ReadonlyMap<string, Value>, bounds: readonly number[], done: number): void {
  const { loop, scope, values } = h;
  const k = bounds.length - 1;
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
  const inputs = [...before].map(([n, v]) => [n, toWire(v)] as const);
  const results = loop.resultVars ?? [];
  const posted = postToWorkers(k - 1, programId, (i, hasProgram, ctrl) => ({
    kind: 'task',
    programId: programId!,
    program: hasProgram ? undefined : wireProgram(h.program),
    loop: wireLoop!,
    values: values.slice(bounds[i + 1], bounds[i + 2]).map(toWire),
    inputs,
    results,
    seed: h.nextSeed(),
    cwd: h.cwd,
    ctrl,
  }));
  // The main thread's own range, in the real scope, while the workers run theirs.
  let mainError: unknown;
  try {
    h.runSequential(values.slice(done, bounds[1]));
  } catch (e) {
    mainError = e;
  }
  // Always collect, even after an error: a reply left on a port would be read by the next loop.
  const replies = collectFromWorkers(posted);
  if (mainError !== undefined) throw mainError;
  // Workers' printed lines, in iteration order, after the main thread's (which printed already).
  for (const r of replies) for (const line of r.prints) h.print(line);
  const failed = replies.find((r) => r.kind === 'error');
  if (failed && failed.kind === 'error') {
    if (failed.diagnostics) throw new DmlError(failed.diagnostics);
    fail('DML5999', `internal error in a parfor worker: ${failed.message}`, loop.span);
  }
  const accumulators = new Set(loop.parfor?.accumulators ?? []);
  for (const name of results) {
    const outs: Value[] = [];
    const mine = scope.get(name);
    if (mine !== undefined) outs.push(mine);
    for (const r of replies) {
      if (r.kind !== 'done') continue;
      const hit = r.results.find(([n]) => n === name);
      if (hit) outs.push(fromWire(hit[1]));
    }
    const merged = mergeResult(name, before.get(name), outs, accumulators.has(name), loop.span);
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

