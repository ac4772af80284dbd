/**
 * A synchronous worker pool. The interpreter is synchronous, and piscina (or any promise-based
 * pool) would need the main thread's event loop to hand out tasks and deliver results, which a
 * synchronous caller never yields to. So this pool posts each job straight to a plain
 * worker_threads Worker (delivery needs only the worker's loop), runs its own share on the main
 * thread, and then blocks in Atomics.wait on a SharedArrayBuffer completion counter that the
 * workers increment. Workers are created lazily on the first large operation and unref'd, so
 * small scripts never start one and the process exits when the script ends.
 *
 * A worker that dies (process.exit or an uncaught error in it, its heap limit) never counts its
 * job done, and its 'exit' event cannot arrive while the main thread blocks. So the main thread
 * waits in short slices and, after a slice with no progress, checks each unfinished job's worker
 * through its shared watch block (./liveness.ts). A dead worker is dropped (a fresh one is started
 * when next needed), the live ones are waited for, and the operation reports "not run" so that
 * the caller runs its single-threaded kernel; a warning goes to stderr once.
 *
 * Resources: the workers are OS threads, so one WorkerPool serves the whole process
 * (`processWorkerPool`); runs borrow its workers. Nothing a run configures lives here: how many
 * threads an operation uses is the number of jobs its caller made from the run's own thread
 * setting, and what a run did is counted in the run's own tally (`lease`). The pool keeps only
 * what belongs to the process's workers: which job sources they loaded, and their health (after
 * MAX_DEATHS deaths, or when they cannot start, it stops using workers for everybody).
 */
import type { Worker } from 'node:worker_threads';
import { CTRL_DONE, CTRL_FAILED, JobRegistry, type Job, type JobSource, type LoadMessage } from './jobs.js';
import {
  deathReason,
  newWorkerWatch,
  startVerdict,
  workerGone,
  watchSeesSilentDeaths,
  type WorkerWatch,
} from './liveness.js';
import { spawnWorker } from './spawn.js';

/**
 * How long the first start may take before the pool gives up and everything runs inline; where
 * a dead worker would be seen (./liveness.ts), live workers get longer: loading the modules from
 * the TypeScript sources (tests) on a busy machine can take tens of seconds.
 */
const START_TIMEOUT_MS = 20_000;
const START_TIMEOUT_ALIVE_MS = 180_000;
/**
 * Where worker deaths cannot be seen directly (no /proc thread ids: not Linux), a job that has
 * not finished after this long means its worker died: fail loudly.
 */
const JOB_TIMEOUT_MS = 600_000;
/** How long the main thread sleeps before checking that unfinished jobs' workers still live. */
const LIVENESS_SLICE_MS = 50;
/** After this many worker deaths in one process the pool stops using workers altogether. */
const MAX_DEATHS = 3;

interface PoolWorker {
  readonly worker: Worker;
  readonly watch: WorkerWatch;
  /** URLs of the job sources this worker has registered. */
  readonly loaded: Set<string>;
}

/** Operations split and jobs handed to workers, counted per run (EngineRunStats). */
export interface PoolTally {
  parallelOps: number;
  parallelJobs: number;
}

/** What a kernel needs of a pool: run these jobs (the first on this thread), or report "not run". */
export interface ParallelRunner {
  runParallel(source: JobSource, jobs: readonly Job[]): boolean;
}

/** A process's kernel worker threads (see the file comment); runs borrow them through lease(). */
export class WorkerPool implements ParallelRunner {
  /** The main thread's handlers, and the sources they came from (by URL, in first-use order). */
  private readonly registry = new JobRegistry();
  private readonly sources = new Map<string, JobSource>();
  private workers: PoolWorker[] = [];
  private broken = false;
  private jobsRun = 0;
  private opsRun = 0;
  private deaths = 0;
  private warned = false;

  /** Counters since the pool was made: operations split over threads, jobs handed to workers. */
  stats(): { readonly ops: number; readonly jobs: number; readonly workers: number } {
    return { ops: this.opsRun, jobs: this.jobsRun, workers: this.workers.length };
  }

  /** A run's view of the pool: the same workers, with the run's own counts in `tally`. */
  lease(tally: PoolTally): ParallelRunner {
    return { runParallel: (source, jobs) => this.runParallel(source, jobs, tally) };
  }

  /** Registers a job source's handlers on the main thread, once. */
  private useSource(source: JobSource): void {
    if (this.sources.has(source.url)) return;
    source.registerParallelJobs(this.registry);
    this.sources.set(source.url, source);
  }

  /** Whether the first `count` workers have loaded every source used so far. */
  private haveAllSources(count: number): boolean {
    for (let k = 0; k < count; k++) if (this.workers[k]!.loaded.size !== this.sources.size) return false;
    return true;
  }

  /**
   * True when the pool can (and, after this call, does) run `count` workers, each with the
   * handlers of every source used so far (./worker.ts imports them when told to).
   */
  private ensureWorkers(count: number): boolean {
    if (this.broken) return false;
    if (this.workers.length >= count && this.haveAllSources(count)) return true;
    const ready = new Int32Array(new SharedArrayBuffer(8));
    const fresh: PoolWorker[] = [];
    const loading: PoolWorker[] = [];
    try {
      while (this.workers.length + fresh.length < count) {
        const watch = newWorkerWatch();
        const w = spawnWorker(watch);
        w.unref();
        // A worker's death is handled synchronously (waitForWorkers); without a listener, its
        // 'error' event would later be rethrown on the main thread as an uncaught exception.
        w.on('error', () => undefined);
        fresh.push({ worker: w, watch, loaded: new Set() });
      }
      for (const w of this.workers.slice(0, count).concat(fresh)) {
        const load = [...this.sources.keys()].filter((url) => !w.loaded.has(url));
        if (load.length === 0) continue;
        const msg: LoadMessage = { load, ready };
        w.worker.postMessage(msg);
        for (const url of load) w.loaded.add(url);
        loading.push(w);
      }
      const t0 = Date.now();
      const watches = loading.map((w) => w.watch);
      while (Atomics.load(ready, 0) < loading.length) {
        const why = startVerdict(watches, Date.now() - t0, START_TIMEOUT_MS, START_TIMEOUT_ALIVE_MS);
        if (why !== undefined) throw new Error(why);
        Atomics.wait(ready, 0, Atomics.load(ready, 0), 100);
      }
      if (Atomics.load(ready, 1) !== 0) throw new Error('a worker could not load its job handlers');
    } catch {
      for (const w of fresh) void w.worker.terminate();
      this.broken = true;
      return false;
    }
    this.workers = this.workers.concat(fresh);
    return true;
  }

  /**
   * Runs jobs[0] on the main thread and the others on workers, returning when all are done. Every
   * job's kind must be registered by `source` (or a source used before). `tally` (a run's) counts
   * the operation and its worker jobs.
   * Returns false when no workers are available or a worker's job failed: the caller then runs its
   * single-threaded kernel (jobs only write their own output, so nothing needs undoing).
   */
  runParallel(source: JobSource, jobs: readonly Job[], tally?: PoolTally): boolean {
    this.useSource(source);
    if (jobs.length <= 1) {
      if (jobs[0]) this.registry.run(jobs[0]);
      return true;
    }
    if (!this.ensureWorkers(jobs.length - 1)) return false;
    // [done, failed, then one finished flag per worker job] (CTRL_DONE and CTRL_FAILED are 0, 1).
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * (jobs.length + 1)));
    const used = this.workers.slice(0, jobs.length - 1);
    for (let k = 1; k < jobs.length; k++)
      used[k - 1]!.worker.postMessage({ job: jobs[k], ctrl, slot: k + 1 });
    let mainError: unknown;
    try {
      this.registry.run(jobs[0]!);
    } catch (e) {
      mainError = e;
    }
    const want = jobs.length - 1;
    const dead = waitForWorkers(ctrl, want, used);
    this.opsRun++;
    this.jobsRun += want;
    if (tally !== undefined) {
      tally.parallelOps++;
      tally.parallelJobs += want;
    }
    if (dead.length > 0) this.dropDeadWorkers(dead);
    if (mainError !== undefined) throw mainError;
    // A worker's job threw (or its worker died): report "not run" so that the caller runs its
    // single-threaded kernel, which raises the same error with its proper type and message (or,
    // if the failure was the worker's own, simply gives the result). A dead worker wrote at most
    // part of its range, and the kernel overwrites the whole output.
    return dead.length === 0 && Atomics.load(ctrl, CTRL_FAILED) === 0;
  }

  private dropDeadWorkers(dead: readonly PoolWorker[]): void {
    this.deaths += dead.length;
    this.workers = this.workers.filter((w) => !dead.includes(w));
    for (const w of dead) void w.worker.terminate();
    if (this.deaths >= MAX_DEATHS) this.broken = true;
    if (!this.warned) {
      this.warned = true;
      const then = this.broken
        ? 'kernels run single-threaded from now on'
        : 'it ran single-threaded, and a new worker starts when needed';
      process.stderr.write(
        `tessera: warning: a kernel worker thread died (${deathReason(dead[0]!.watch)}); ${then}\n`,
      );
    }
  }

  /** Stops the workers and forgets past failures (tests; the process does not wait for unref'd workers). */
  async shutdown(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    this.broken = false;
    this.deaths = 0;
    this.warned = false;
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }
}

/**
 * Blocks until every worker job has finished or its worker has died; returns the dead ones.
 * The first slices cost nothing extra: liveness is checked only after a slice without progress.
 */
function waitForWorkers(ctrl: Int32Array, want: number, used: readonly PoolWorker[]): PoolWorker[] {
  const t0 = Date.now();
  for (;;) {
    const done = Atomics.load(ctrl, CTRL_DONE);
    if (done >= want) return [];
    if (Atomics.wait(ctrl, CTRL_DONE, done, LIVENESS_SLICE_MS) !== 'timed-out') continue;
    let waiting = 0;
    const dead: PoolWorker[] = [];
    let blind = false;
    for (let k = 0; k < want; k++) {
      if (Atomics.load(ctrl, k + 2) !== 0) continue;
      const w = used[k]!;
      if (workerGone(w.watch)) dead.push(w);
      else {
        waiting++;
        if (!watchSeesSilentDeaths(w.watch)) blind = true;
      }
    }
    // Dead workers never finish; once the live ones have, the caller can take over.
    if (waiting === 0 && dead.length > 0) return dead;
    if (blind && Date.now() - t0 > JOB_TIMEOUT_MS)
      throw new Error('internal error: a worker thread did not finish its job');
  }
}

/**
 * The process's kernel workers. Module state on purpose: worker threads are a per-process
 * resource (starting one costs ~0.1 s, more from sources), so runs borrow them instead of each
 * starting its own; every setting and count of a run lives in its EngineResources.
 */
export const processWorkerPool = new WorkerPool();

/** processWorkerPool.runParallel without a run's tally (kernels called outside a run, tests). */
export function runParallel(source: JobSource, jobs: readonly Job[]): boolean {
  return processWorkerPool.runParallel(source, jobs);
}

/** processWorkerPool's counters (tests). */
export function poolStats(): { readonly ops: number; readonly jobs: number; readonly workers: number } {
  return processWorkerPool.stats();
}

/** Stops the process's workers and forgets past failures (tests). */
export function shutdownPool(): Promise<void> {
  return processWorkerPool.shutdown();
}
