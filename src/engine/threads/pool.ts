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

/** The main thread's handlers, and the sources they came from (by URL, in first-use order). */
const registry = new JobRegistry();
const sources = new Map<string, JobSource>();

let workers: PoolWorker[] = [];
let broken = false;
let jobsRun = 0;
let opsRun = 0;
let deaths = 0;
let warned = false;

/** Counters for -stats: operations split over threads, and jobs handed to workers. */
export function poolStats(): { readonly ops: number; readonly jobs: number; readonly workers: number } {
  return { ops: opsRun, jobs: jobsRun, workers: workers.length };
}

/** Registers a job source's handlers on the main thread, once. */
function useSource(source: JobSource): void {
  if (sources.has(source.url)) return;
  source.registerParallelJobs(registry);
  sources.set(source.url, source);
}

/** Whether the first `count` workers have loaded every source used so far. */
function haveAllSources(count: number): boolean {
  for (let k = 0; k < count; k++) if (workers[k]!.loaded.size !== sources.size) return false;
  return true;
}

/**
 * True when the pool can (and, after this call, does) run `count` workers, each with the
 * handlers of every source used so far (./worker.ts imports them when told to).
 */
function ensureWorkers(count: number): boolean {
  if (broken) return false;
  if (workers.length >= count && haveAllSources(count)) return true;
  const ready = new Int32Array(new SharedArrayBuffer(8));
  const fresh: PoolWorker[] = [];
  const loading: PoolWorker[] = [];
  try {
    while (workers.length + fresh.length < count) {
      const watch = newWorkerWatch();
      const w = spawnWorker(watch);
      w.unref();
      // A worker's death is handled synchronously (waitForWorkers); without a listener, its
      // 'error' event would later be rethrown on the main thread as an uncaught exception.
      w.on('error', () => undefined);
      fresh.push({ worker: w, watch, loaded: new Set() });
    }
    for (const w of workers.slice(0, count).concat(fresh)) {
      const load = [...sources.keys()].filter((url) => !w.loaded.has(url));
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
    broken = true;
    return false;
  }
  workers = workers.concat(fresh);
  return true;
}

/**
 * Runs jobs[0] on the main thread and the others on workers, returning when all are done. Every
 * job's kind must be registered by `source` (or a source used before).
 * Returns false when no workers are available or a worker's job failed: the caller then runs its
 * single-threaded kernel (jobs only write their own output, so nothing needs undoing).
 */
export function runParallel(source: JobSource, jobs: readonly Job[]): boolean {
  useSource(source);
  if (jobs.length <= 1) {
    if (jobs[0]) registry.run(jobs[0]);
    return true;
  }
  if (!ensureWorkers(jobs.length - 1)) return false;
  // [done, failed, then one finished flag per worker job] (CTRL_DONE and CTRL_FAILED are 0, 1).
  const ctrl = new Int32Array(new SharedArrayBuffer(4 * (jobs.length + 1)));
  const used = workers.slice(0, jobs.length - 1);
  for (let k = 1; k < jobs.length; k++) used[k - 1]!.worker.postMessage({ job: jobs[k], ctrl, slot: k + 1 });
  let mainError: unknown;
  try {
    registry.run(jobs[0]!);
  } catch (e) {
    mainError = e;
  }
  const want = jobs.length - 1;
  const dead = waitForWorkers(ctrl, want, used);
  opsRun++;
  jobsRun += want;
  if (dead.length > 0) dropDeadWorkers(dead);
  if (mainError !== undefined) throw mainError;
  // A worker's job threw (or its worker died): report "not run" so that the caller runs its
  // single-threaded kernel, which raises the same error with its proper type and message (or,
  // if the failure was the worker's own, simply gives the result). A dead worker wrote at most
  // part of its range, and the kernel overwrites the whole output.
  return dead.length === 0 && Atomics.load(ctrl, CTRL_FAILED) === 0;
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

function dropDeadWorkers(dead: readonly PoolWorker[]): void {
  deaths += dead.length;
  workers = workers.filter((w) => !dead.includes(w));
  for (const w of dead) void w.worker.terminate();
  if (deaths >= MAX_DEATHS) broken = true;
  if (!warned) {
    warned = true;
    const then = broken
      ? 'kernels run single-threaded from now on'
      : 'it ran single-threaded, and a new worker starts when needed';
    process.stderr.write(
      `tessera: warning: a kernel worker thread died (${deathReason(dead[0]!.watch)}); ${then}\n`,
    );
  }
}

/** Stops the workers and forgets past failures (tests; the process does not wait for unref'd workers). */
export async function shutdownPool(): Promise<void> {
  const ws = workers;
  workers = [];
  broken = false;
  deaths = 0;
  warned = false;
  await Promise.all(ws.map((w) => w.worker.terminate()));
}
