/**
 * Runs one parfor loop: decides how many workers (the parfor optimizer), partitions the
 * iterations into contiguous ranges, ships the live inputs, blocks until the workers reply, and
 * merges their result variables back into the scope. The main thread runs the first iteration
 * itself and times it: loops whose whole run would cost less than starting workers stay
 * sequential (see docs/parfor.md for the measurements behind the threshold).
 */
import os from 'node:os';
import { DmlError, fail } from '../../common/diagnostics.js';
import type { Instruction, ProgramBlock, RuntimeProgram } from '../../optimizer/plan.js';
import type { Hop } from '../../optimizer/hop.js';
import { inputsOf } from '../../optimizer/recompile/hook.js';
import type { LiveLookup } from '../../optimizer/recompile/recompile-block.js';
import { variablesRead } from '../../optimizer/parfor/dependencies.js';
import type { Value } from '../data/values.js';
import { fromWire, toWire, valueBytes } from './codec.js';
import { needsMainThread } from './main-thread-only.js';
import { mergeResult } from './merge.js';
import { parforPool, serveWorkers, workerHeapMb, type ParforPool, type RecompileServer } from './pool.js';
import { stripBlock, toWireProgram, type BlockIds, type WireProgram } from './program-wire.js';
import type { WorkerOpStats } from './protocol.js';

type ForBlock = Extract<ProgramBlock, { kind: 'for' }>;

/** The variables of the scope the loop runs in, as a parfor needs them (the interpreter's SymbolTable). */
export interface ParforScope {
  get(name: string): Value | undefined;
  set(name: string, v: Value): void;
}

/** The run's -stats as a parfor adds its workers' figures to them (the interpreter's RunStats). */
export interface ParforStats {
  readonly ops: Map<string, { count: number; ms: number }>;
  instructions: number;
}

export interface ParforHost {
  readonly program: RuntimeProgram;
  readonly loop: ForBlock;
  readonly values: readonly Value[];
  readonly scope: ParforScope;
  readonly print: (line: string) => void;
  readonly nextSeed: () => number;
  /** Absolute working directory (workers resolve relative file paths against it). */
  readonly cwd: string;
  /** Configured memory budget in bytes (workers share it), when known. */
  readonly memoryBytes?: number;
  /**
   * The run's parfor pool (EngineResources.parfor): the process's workers with the heap limits of
   * this run's budget. Default: the process's workers with `memoryBytes`.
   */
  readonly pool?: ParforPool;
  /** Runs the body for these loop-variable values on the calling thread. */
  readonly runSequential: (values: readonly Value[]) => void;
  /** The main interpreter's dynamic recompilation, answered on workers' behalf. */
  readonly recompile?: (
    block: Extract<ProgramBlock, { kind: 'basic' }>,
    live: LiveLookup,
  ) => readonly Instruction[] | undefined;
  /** Installs a function the interpreter calls before each basic block (serving workers). */
  readonly setService: (fn: (() => void) | undefined) => void;
  /** The run's -stats, when collected: workers time their instructions and add them here. */
  readonly stats?: ParforStats;
  /** The run's cancellation check (deadline, cancel flag), called while waiting for workers. */
  readonly checkCancelled?: (urgent?: boolean) => void;
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
/** One iteration this slow is reason enough to go parallel without further probes. */
const HEAVY_ITERATION_MS = 50;

/**
 * Per program: its plain-data form and its block ids, derived once (a memo of pure functions of
 * the program, weakly keyed by it). Its id in the workers comes from the worker pool.
 */
interface ProgramEntry {
  readonly ids: BlockIds;
  wire?: WireProgram;
  readonly loops: WeakMap<ForBlock, ForBlock>;
}
const programs = new WeakMap<RuntimeProgram, ProgramEntry>();

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
  const pool = h.pool ?? parforPool(h.memoryBytes);
  // Heap limit of each worker: this run's budget shared among the loop's k threads.
  const heapMb = workerHeapMb(k, pool.memoryBytes);
  if (mode === 'sequential' || optNone || k < 2 || needsMainThread(loop, h.program)) {
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
  let done = 0;
  // An explicit par=k (k >= 2) is the user's request for k-way parallelism, as in SystemDS: no
  // probe, so few heavy iterations (8 model fits on 2 cores) do not lose one iteration to it.
  const explicitPar = params.par !== undefined && params.par >= 2;
  if (mode === 'auto' && !explicitPar) {
    // Probe: run iterations here, timing each, until the rest clearly pays for workers. A cold
    // first iteration pays for JIT compilation and recompilation, and a busy machine stretches
    // any one of them, so a fast iteration is confirmed by three probes (their minimum counts).
    // Cheap loops never leave the main thread.
    const times: number[] = [];
    for (;;) {
      const t0 = performance.now();
      h.runSequential(values.slice(done, done + 1));
      const t = performance.now() - t0;
      times.push(t);
      done++;
      if (done >= values.length) return;
      const estimate = Math.min(...times) * (values.length - done);
      const startCost = pool.workers.size(heapMb) >= k - 1 ? 0 : Math.max(pool.workers.lastStartMs(), 100);
      if (estimate >= MIN_PARALLEL_MS + startCost && (t > HEAVY_ITERATION_MS || times.length >= 3)) break;
      if (done >= Math.ceil(values.length / k)) {
        h.runSequential(values.slice(done));
        return;
      }
    }
  }
  if (pool.workers.ensure(k - 1, heapMb, h.checkCancelled) !== undefined) {
    // No workers on this platform: same results, one thread.
    h.runSequential(values.slice(done));
    return;
  }
  // Contiguous ranges, the main thread's first: iteration order within a range, and ranges in
  // iteration order, so later iterations win the merge and printed lines come out in order.
  // The main thread's share counts the probe iterations it already ran.
  const mainEnd = done + Math.max(0, Math.round(values.length / k) - done);
  const workers = Math.min(k - 1, values.length - mainEnd);
  const bounds = [done, mainEnd];
  for (let i = 1; i <= workers; i++)
    bounds.push(mainEnd + Math.round((i * (values.length - mainEnd)) / workers));
  runParallel(h, pool, heapMb, before, bounds);
}

function runParallel(
  h: ParforHost,
  pool: ParforPool,
  heapMb: number,
  before: ReadonlyMap<string, Value>,
  bounds: readonly number[],
): void {
  const { loop, scope, values } = h;
  let entry = programs.get(h.program);
  if (!entry) {
    entry = { ids: { next: 1, blocks: new Map() }, loops: new WeakMap() };
    programs.set(h.program, entry);
  }
  const e = entry;
  const programId = pool.workers.programId(h.program);
  e.wire ??= toWireProgram(h.program, e.ids);
  let wireLoop = e.loops.get(loop);
  if (!wireLoop) {
    wireLoop = stripBlock(loop, e.ids) as ForBlock;
    e.loops.set(loop, wireLoop);
  }
  const inputs = [...before].map(([n, v]) => [n, toWire(v)] as const);
  const results = loop.resultVars ?? [];
  const recompile = h.recompile;
  const posted = pool.workers.post(bounds.length - 2, heapMb, programId, (i, hasProgram, ctrl, answers) => ({
    kind: 'task',
    programId,
    program: hasProgram ? undefined : e.wire,
    loop: wireLoop!,
    values: values.slice(bounds[i + 1], bounds[i + 2]).map(toWire),
    inputs,
    results,
    seed: h.nextSeed(),
    cwd: h.cwd,
    ctrl,
    answers,
    recompile: recompile !== undefined,
    stats: h.stats !== undefined,
  }));
  const serve: RecompileServer = (req) => {
    const block = e.ids.blocks.get(req.rid);
    const live = new Map(req.live);
    const ins = block && recompile ? recompile(block, (n) => live.get(n)) : undefined;
    return ins && block?.hops
      ? { instructions: ins, ...recompileKeyInputs(block.hops.roots) }
      : { instructions: null };
  };
  // The main thread's own range, in the real scope, while the workers run theirs; between its
  // basic blocks it answers the workers' recompile requests.
  let mainError: unknown;
  h.setService(() => serveWorkers(posted, serve));
  try {
    h.runSequential(values.slice(bounds[0], bounds[1]));
  } catch (err) {
    mainError = err;
  } finally {
    h.setService(undefined);
  }
  // Always collect, even after an error: a reply left on a port would be read by the next loop.
  const collected = pool.workers.collect(posted, serve, h.checkCancelled);
  if (mainError !== undefined) throw mainError;
  if ('died' in collected)
    fail(
      'DML5012',
      `a parfor worker thread died (${collected.died}); the parfor loop could not finish`,
      loop.span,
      collected.died.includes('out of memory')
        ? 'if an iteration needs much memory, raise the memory budget or run fewer iterations at once (par=)'
        : undefined,
    );
  const replies = collected.replies;
  if (h.stats) for (const r of replies) mergeOpStats(h.stats, r.ops);
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

/**
 * Adds a worker's per-opcode counts and times to the run's -stats. Workers run concurrently, so
 * the heavy-hitter times sum thread time (as SystemDS's do), which can exceed the wall time.
 */
function mergeOpStats(stats: ParforStats, ops: WorkerOpStats | undefined): void {
  for (const [op, count, ms] of ops ?? []) {
    let s = stats.ops.get(op);
    if (!s) stats.ops.set(op, (s = { count: 0, ms: 0 }));
    s.count += count;
    s.ms += ms;
    stats.instructions += count;
  }
}

/** The inputs the main thread's recompile cache keys a block by (optimizer/recompile/hook.ts). */
function recompileKeyInputs(roots: readonly Hop[]): { keyMatrices: string[]; keyScalars: string[] } {
  const { matrices, scalars } = inputsOf(roots);
  return { keyMatrices: [...matrices], keyScalars: [...scalars] };
}
