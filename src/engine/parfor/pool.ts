/**
 * The parfor worker pool: plain node:worker_threads Workers, kept for the life of the process
 * (unref'd, so they never hold it open) and reused by every parfor loop.
 *
 * Why not piscina: its API hands results back through promises, which settle only when the main
 * thread's event loop turns, and the interpreter is synchronous (a parfor is one step of a
 * synchronous block). Here the main thread posts each task on a MessagePort (delivery needs only
 * the worker's loop), blocks in Atomics.wait on a shared counter the workers increment when done,
 * and then takes the replies with receiveMessageOnPort, which also needs no event loop.
 *
 * A worker that dies mid-task (out of memory, process.exit or an uncaught error in it) never
 * replies, and its 'exit' event cannot arrive while the main thread blocks. So the main thread
 * waits in short slices and, after a slice without events, checks the silent workers through
 * their shared watch blocks (../threads/liveness.ts). On a death the whole pool is terminated
 * (the other workers' partial results are useless: the loop fails) and started afresh by the
 * next parfor.
 *
 * Resources: workers are OS threads, so one ParforWorkers serves the process
 * (`processParforWorkers`) and runs borrow them. What a run configures stays its own: a worker's
 * JavaScript heap limit is fixed when it starts, so workers are kept in groups by heap limit and a
 * run only uses workers whose limit is the one its own memory budget gives (workerHeapMb); a run
 * with another budget starts its own group instead of inheriting someone else's limit.
 */
import { receiveMessageOnPort, MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import {
  deathReason,
  newWorkerWatch,
  startVerdict,
  workerGone,
  type WorkerWatch,
} from '../threads/liveness.js';
import { CTRL_FAILED_START, spawnParforWorker } from './spawn.js';
import {
  CTRL_EVENTS,
  CTRL_FINISHED,
  type ParforReply,
  type ParforTask,
  type RecompileAnswer,
  type RecompileRequest,
} from './protocol.js';

/**
 * Module loading in a worker takes ~0.1 s built, a few seconds from TypeScript sources (tests),
 * tens of seconds there on a busy machine: where a dead worker would be seen
 * (../threads/liveness.ts), live workers get the longer limit.
 */
const START_TIMEOUT_MS = 30_000;
const START_TIMEOUT_ALIVE_MS = 180_000;
/** How long the main thread sleeps before checking that silent workers still live. */
const LIVENESS_SLICE_MS = 50;
/** The smallest heap a worker gets: an interpreter with its caches needs some room. */
const MIN_HEAP_MB = 512;

export interface PooledWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** Program ids this worker already holds. */
  readonly programs: Set<number>;
  readonly watch: WorkerWatch;
  /** Its JavaScript heap limit (MiB). */
  readonly heapMb: number;
}

/**
 * Each worker's JavaScript heap limit (MiB): its share of the memory budget among the `threads`
 * threads of a parfor, at least MIN_HEAP_MB, at most V8's own default (which every worker would
 * otherwise get, so that k workers could claim k times that). Matrix data lives in ArrayBuffers
 * outside the JS heap, so the cap bounds what a runaway iteration builds in JavaScript objects
 * (lists, strings, frames): that worker stops with an out-of-memory error and the parfor fails
 * with DML5012, instead of the machine running out of memory. `TESSERA_PARFOR_WORKER_HEAP_MB`
 * overrides it (tests, tuning).
 */
export function workerHeapMb(threads: number, memoryBytes?: number): number {
  const forced = Number(process.env.TESSERA_PARFOR_WORKER_HEAP_MB);
  if (Number.isFinite(forced) && forced > 0) return forced;
  const v8Default = getHeapStatistics().heap_size_limit / 2 ** 20;
  if (memoryBytes === undefined || !(memoryBytes > 0)) return Math.floor(v8Default);
  const share = memoryBytes / 2 ** 20 / Math.max(1, threads);
  return Math.floor(Math.min(v8Default, Math.max(MIN_HEAP_MB, share)));
}

/** A cancellation raised while workers start (thrown on as its reason, not as a broken pool). */
class Cancelled {
  constructor(readonly reason: unknown) {}
}

/** Tasks posted to the first `count` workers of a group, not yet collected. */
export interface PostedTasks {
  readonly count: number;
  readonly workers: readonly PooledWorker[];
  readonly ctrl: Int32Array;
  readonly answers: readonly Int32Array[];
  readonly replies: (ParforReply | undefined)[];
}

/** Answers a worker's recompile request (the main thread holds the recompiler). */
export type RecompileServer = (req: RecompileRequest) => RecompileAnswer;

/** A process's parfor worker threads, in groups by heap limit (see the file comment). */
export class ParforWorkers {
  private readonly groups = new Map<number, PooledWorker[]>();
  private broken: string | undefined;
  /** Milliseconds the last pool growth took (the parfor optimizer's start-up cost figure). */
  private lastStart = 0;
  /** Ids of the programs shipped to these workers (workers cache a program by its id). */
  private readonly programIds = new WeakMap<object, number>();
  private nextProgramId = 1;

  /** Workers started with heap limit `heapMb`, or all of them. */
  size(heapMb?: number): number {
    if (heapMb !== undefined) return this.groups.get(heapMb)?.length ?? 0;
    let n = 0;
    for (const g of this.groups.values()) n += g.length;
    return n;
  }

  lastStartMs(): number {
    return this.lastStart;
  }

  /** The id `program` has in these workers (one per program object, never reused). */
  programId(program: object): number {
    let id = this.programIds.get(program);
    if (id === undefined) this.programIds.set(program, (id = this.nextProgramId++));
    return id;
  }

  /**
   * Grows the group of heap limit `heapMb` to `count` workers; returns the reason when workers
   * cannot be started.
   */
  ensure(count: number, heapMb: number, checkCancelled?: (urgent?: boolean) => void): string | undefined {
    if (this.broken !== undefined) return this.broken;
    // A worker that died while idle (between loops) is replaced instead of failing the next loop;
    // one stat per worker per parfor.
    let group = this.groups.get(heapMb) ?? [];
    const gone = group.filter((w) => workerGone(w.watch));
    if (gone.length > 0) {
      for (const w of gone) void w.worker.terminate();
      group = group.filter((w) => !gone.includes(w));
    }
    this.groups.set(heapMb, group);
    if (group.length >= count) return undefined;
    const t0 = performance.now();
    const ready = new Int32Array(new SharedArrayBuffer(12));
    const fresh: PooledWorker[] = [];
    try {
      while (group.length + fresh.length < count) {
        const watch = newWorkerWatch();
        const worker = spawnParforWorker(ready, heapMb, watch);
        worker.unref();
        // Deaths are handled synchronously (collect); without a listener, the 'error' event would
        // later be rethrown on the main thread as an uncaught exception.
        worker.on('error', () => undefined);
        const { port1, port2 } = new MessageChannel();
        port1.unref();
        worker.postMessage({ port: port2, ready }, [port2]);
        fresh.push({ worker, port: port1, programs: new Set(), watch, heapMb });
      }
      while (Atomics.load(ready, CTRL_FINISHED) < fresh.length) {
        if (Atomics.load(ready, CTRL_FAILED_START) > 0) throw new Error('a parfor worker failed to load');
        const why = startVerdict(
          fresh.map((w) => w.watch),
          performance.now() - t0,
          START_TIMEOUT_MS,
          START_TIMEOUT_ALIVE_MS,
        );
        if (why !== undefined) throw new Error(`parfor ${why}`);
        if (checkCancelled !== undefined) {
          try {
            checkCancelled(true);
          } catch (cancel) {
            // Cancelled while workers start: stop them; the pool is not broken.
            for (const w of fresh) void w.worker.terminate();
            throw new Cancelled(cancel);
          }
        }
        Atomics.wait(ready, CTRL_FINISHED, Atomics.load(ready, CTRL_FINISHED), 100);
      }
    } catch (e) {
      if (e instanceof Cancelled) throw e.reason;
      for (const w of fresh) void w.worker.terminate();
      this.broken = e instanceof Error ? e.message : String(e);
      return this.broken;
    }
    this.groups.set(heapMb, group.concat(fresh));
    this.lastStart = performance.now() - t0;
    return undefined;
  }

  /**
   * Posts tasks[i] to worker i of the `heapMb` group (ensure()d before) and returns at once (the
   * caller runs its own share meanwhile). `build(i, hasProgram, ctrl, answers)` makes the task,
   * leaving the program out when the worker already has it.
   */
  post(
    count: number,
    heapMb: number,
    programId: number,
    build: (i: number, hasProgram: boolean, ctrl: Int32Array, answers: Int32Array) => ParforTask,
  ): PostedTasks {
    const workers = (this.groups.get(heapMb) ?? []).slice(0, count);
    if (workers.length < count) throw new Error('internal error: parfor workers were not started');
    const ctrl = new Int32Array(new SharedArrayBuffer(8));
    const answers: Int32Array[] = [];
    for (let i = 0; i < count; i++) {
      const w = workers[i]!;
      const a = new Int32Array(new SharedArrayBuffer(4));
      answers.push(a);
      w.port.postMessage(build(i, w.programs.has(programId), ctrl, a));
      w.programs.add(programId);
    }
    return { count, workers, ctrl, answers, replies: Array.from({ length: count }, () => undefined) };
  }

  /**
   * Blocks until every posted task has replied, serving requests meanwhile; replies in worker
   * order. When a worker has died instead, terminates the whole group and returns why it died.
   */
  collect(
    posted: PostedTasks,
    serve: RecompileServer,
    checkCancelled?: (urgent?: boolean) => void,
  ): { readonly replies: ParforReply[] } | { readonly died: string } {
    const { ctrl } = posted;
    for (;;) {
      const events = Atomics.load(ctrl, CTRL_EVENTS);
      serveWorkers(posted, serve);
      if (posted.replies.every((r) => r !== undefined)) break;
      if (checkCancelled !== undefined) {
        try {
          checkCancelled(true);
        } catch (e) {
          // A cancelled or timed-out run stops its workers: they may be in the middle of a long
          // iteration. The next parfor starts fresh ones, so the Session stays usable.
          this.terminateGroupOf(posted);
          throw e;
        }
      }
      if (Atomics.wait(ctrl, CTRL_EVENTS, events, LIVENESS_SLICE_MS) !== 'timed-out') continue;
      for (let i = 0; i < posted.count; i++) {
        const w = posted.workers[i]!;
        if (posted.replies[i] !== undefined || !workerGone(w.watch)) continue;
        // It may have replied just before it died.
        serveWorkers(posted, serve);
        if (posted.replies[i] !== undefined) continue;
        const died = deathReason(w.watch, w.heapMb);
        this.terminateGroupOf(posted);
        return { died };
      }
    }
    return { replies: posted.replies as ParforReply[] };
  }

  private terminateGroupOf(posted: PostedTasks): void {
    const heapMb = posted.workers[0]?.heapMb;
    if (heapMb === undefined) return;
    const ws = this.groups.get(heapMb) ?? [];
    this.groups.delete(heapMb);
    for (const w of ws) {
      w.port.close();
      void w.worker.terminate();
    }
  }

  /** Stops every worker and forgets a failed start (tests). */
  async shutdown(): Promise<void> {
    const ws = [...this.groups.values()].flat();
    this.groups.clear();
    this.broken = undefined;
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }
}

/** Takes every message waiting from the workers: answers recompile requests, keeps final replies. */
export function serveWorkers(posted: PostedTasks, serve: RecompileServer): void {
  for (let i = 0; i < posted.count; i++) {
    const port = posted.workers[i]!.port;
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as ParforReply | RecompileRequest;
      if (msg.kind === 'recompile') {
        let answer: RecompileAnswer;
        try {
          answer = serve(msg);
        } catch {
          answer = { instructions: null };
        }
        port.postMessage(answer);
        Atomics.add(posted.answers[i]!, 0, 1);
        Atomics.notify(posted.answers[i]!, 0);
      } else {
        posted.replies[i] = msg;
      }
    }
  }
}

/**
 * A run's parfor pool: the process's workers, used with the heap limits the run's own memory
 * budget gives. Made once per run (EngineResources.parfor).
 */
export interface ParforPool {
  readonly workers: ParforWorkers;
  /** The run's memory budget (shared among the workers of a loop), when known. */
  readonly memoryBytes: number | undefined;
}

/**
 * The process's parfor workers. Module state on purpose: worker threads are a per-process
 * resource (a start costs ~0.1 s built, seconds from sources), so runs borrow them; each run's
 * heap limits are its own (groups by limit, above).
 */
export const processParforWorkers = new ParforWorkers();

/** A run's parfor pool over the process's workers (EngineResources makes one per run). */
export function parforPool(memoryBytes: number | undefined, workers = processParforWorkers): ParforPool {
  return { workers, memoryBytes };
}

/** Workers of the process's pool (tests). */
export function poolSize(): number {
  return processParforWorkers.size();
}

/** Stops the process's parfor workers (tests). */
export function shutdownParforPool(): Promise<void> {
  return processParforWorkers.shutdown();
}
