/**
 * parfor worker entry: receives a task (program, loop, its share of the iterations, inputs),
 * runs the body with its own interpreter, posts the result variables and the printed lines back
 * on its port, then counts itself finished in shared memory and wakes the main thread, which is
 * blocked in Atomics.wait (the interpreter is synchronous and cannot await a promise).
 *
 * It lives beside parfor/ rather than in it: parfor/ is the transport (pool, wire formats, merge)
 * and knows nothing of the interpreter, while this entry runs one, so that the interpreter can
 * start parfor loops without an import cycle (parfor/spawn.ts names this file by URL).
 *
 * Module state here is this worker thread's own (each worker is a separate thread with its own
 * copy of every module): the programs it was sent, by the ids its pool gave them, and the plans
 * the main thread recompiled for it.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { diag, DmlError } from '../common/diagnostics.js';
import { CONFINED_ERR, type FileAccess } from '../common/file-access.js';
import type { Span } from '../common/span.js';
import type { Instruction, RuntimeProgram } from '../optimizer/plan.js';
import type { LiveVar } from '../optimizer/recompile/recompile-block.js';
import { createBuiltinRegistry } from './builtins/index.js';
import { Interpreter, type InterpreterOptions } from './interpreter/interpreter.js';
import { RunStats } from './interpreter/stats.js';
import { SymbolTable } from './interpreter/symbol-table.js';
import { testKillHook, watchThisThread, type WorkerWatch } from './threads/liveness.js';
import { standaloneResources } from './kernel-resources.js';
import { fromWire, toWirePlain } from './parfor/codec.js';
import { blockId, fromWireProgram } from './parfor/program-wire.js';
import {
  CTRL_EVENTS,
  CTRL_FINISHED,
  type ParforReply,
  type ParforTask,
  type RecompileAnswer,
  type RecompileRequest,
  type WorkerOpStats,
} from './parfor/protocol.js';

const programs = new Map<number, RuntimeProgram>();
const builtins = createBuiltinRegistry();

function opStats(stats: RunStats | undefined): WorkerOpStats | undefined {
  return stats ? [...stats.ops].map(([op, s]) => [op, s.count, s.ms] as const) : undefined;
}

function runTask(task: ParforTask, port: MessagePort): ParforReply {
  const prints: string[] = [];
  const stats = task.stats ? new RunStats() : undefined;
  try {
    let program = programs.get(task.programId);
    if (!program) {
      program = fromWireProgram(task.program!);
      programs.set(task.programId, program);
    }
    const recompile = task.recompile ? askMainToRecompile(task, port) : undefined;
    const interp = new Interpreter(program, {
      // One level of parallelism: the parfor workers are the threads; kernels inside them run
      // inline (no buffer pool here: the main thread's run tracks the matrices).
      resources: standaloneResources({ threads: 1 }),
      recompile,
      builtins,
      print: (line) => prints.push(line),
      files: workerFileAccess(task.cwd),
      seed: task.seed,
      threads: 1,
      parforInWorker: true,
      stats,
    });
    const scope = new SymbolTable();
    for (const [name, w] of task.inputs) scope.set(name, fromWire(w));
    interp.runIterations(task.loop, task.values.map(fromWire), scope);
    const results: [string, ReturnType<typeof toWirePlain>][] = [];
    for (const n of task.results) {
      const v = scope.get(n);
      if (v !== undefined) results.push([n, toWirePlain(v)]);
    }
    return { kind: 'done', prints, results, ops: opStats(stats) };
  } catch (e) {
    if (e instanceof DmlError)
      return { kind: 'error', prints, diagnostics: e.diagnostics, message: e.message, ops: opStats(stats) };
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { kind: 'error', prints, message, ops: opStats(stats) };
  }
}

function finish(ctrl: Int32Array): void {
  Atomics.add(ctrl, CTRL_FINISHED, 1);
  Atomics.add(ctrl, CTRL_EVENTS, 1);
  Atomics.notify(ctrl, CTRL_EVENTS);
}

/** Per block (program id : block id): what its plan depends on, and plans received by key. */
interface BlockPlans {
  readonly matrices: readonly string[];
  readonly scalars: readonly string[];
  readonly byKey: Map<string, readonly Instruction[]>;
}
const plans = new Map<string, BlockPlans>();
/** Blocks the main thread never recompiles (not marked): no need to ask again. */
const notMarked = new Set<string>();

function keyOf(p: BlockPlans, live: (n: string) => LiveVar | undefined): string {
  const parts: string[] = [];
  for (const m of p.matrices) {
    const d = live(m)?.dims;
    parts.push(d ? `${d.rows}x${d.cols}${d.nnz === 0 ? 'e' : ''}` : '?');
  }
  for (const s of p.scalars) {
    const v = live(s)?.scalar;
    parts.push(v === undefined || v.vt === 'string' ? '_' : String(v.value));
  }
  return parts.join(',');
}

/**
 * The recompile hook of a worker's interpreter: a synchronous call to the main thread, which
 * holds the recompiler (HOP DAGs, rules, planner). The request goes on the port; the worker
 * sleeps on its answer counter until the main thread has posted the answer. Answers are reused
 * under the main thread's own cache key (input dims and size-giving scalars).
 */
function askMainToRecompile(
  task: ParforTask,
  port: MessagePort,
): NonNullable<InterpreterOptions['recompile']> {
  return (block, live) => {
    const rid = blockId(block);
    const id = `${task.programId}:${rid}`;
    if (rid === undefined || notMarked.has(id)) return undefined;
    const known = plans.get(id);
    if (known) {
      const hit = known.byKey.get(keyOf(known, live));
      if (hit) return hit;
    }
    const names = new Set<string>();
    for (const ins of block.instructions) for (const o of ins.inputs) if (o.kind === 'var') names.add(o.name);
    const lives: [string, LiveVar][] = [];
    for (const n of names) {
      const v = live(n);
      if (v !== undefined) lives.push([n, v]);
    }
    const seen = Atomics.load(task.answers, 0);
    port.postMessage({ kind: 'recompile', rid, live: lives } satisfies RecompileRequest);
    Atomics.add(task.ctrl, CTRL_EVENTS, 1);
    Atomics.notify(task.ctrl, CTRL_EVENTS);
    while (Atomics.load(task.answers, 0) === seen) Atomics.wait(task.answers, 0, seen, 1000);
    const answer = receiveMessageOnPort(port)?.message as RecompileAnswer | undefined;
    if (!answer?.instructions) {
      notMarked.add(id);
      return undefined;
    }
    const p: BlockPlans = known ?? {
      matrices: answer.keyMatrices ?? [],
      scalars: answer.keyScalars ?? [],
      byKey: new Map(),
    };
    plans.set(id, p);
    p.byKey.set(keyOf(p, live), answer.instructions);
    return answer.instructions;
  };
}

if (parentPort) {
  watchThisThread((workerData as { readonly watch: WorkerWatch }).watch);
  parentPort.once('message', (init: { readonly port: MessagePort; readonly ready: Int32Array }) => {
    const port = init.port;
    port.on('message', (task: ParforTask) => {
      testKillHook('parfor');
      port.postMessage(runTask(task, port));
      finish(task.ctrl);
    });
    finish(init.ready);
  });
}

/**
 * Parfor bodies that touch files run on the main thread (main-thread-only.ts), where the run's
 * confinement lives; a worker refuses every file access, so a body that slipped past that check
 * fails loudly instead of reading around the confinement.
 */
function workerFileAccess(cwd: string): FileAccess {
  const refuse = (name: string, span?: Span): never => {
    throw new DmlError([
      diag(CONFINED_ERR, `parfor worker: file access to '${name}' must run on the main thread`, span),
    ]);
  };
  return {
    cwd,
    resolve: refuse,
    refusal: (abs, shownAs, span) =>
      diag(CONFINED_ERR, `parfor worker: file access to '${shownAs}' must run on the main thread`, span),
    openRead: (_abs, shownAs, span) => refuse(shownAs, span),
  };
}
