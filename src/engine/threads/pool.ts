/**
 * A synchronous worker pool. The interpreter is synchronous, and piscina (or any promise-based
 * pool) would need the main thread's event loop to hand out tasks and deliver results, which a
 * synchronous caller never yields to. So this pool posts each job straight to a plain
 * worker_threads Worker (delivery needs only the worker's loop), runs its own share on the main
 * thread, and then blocks in Atomics.wait on a SharedArrayBuffer completion counter that the
 * workers increment. Workers are created lazily on the first large operation and unref'd, so
 * small scripts never start one and the process exits when the script ends.
 */
import type { Worker } from 'node:worker_threads';
import { CTRL_DONE, CTRL_FAILED, runJob, type Job } from './jobs.js';
import { spawnWorker } from './spawn.js';

/** How long the first start may take before the pool gives up and everything runs inline. */
const START_TIMEOUT_MS = 20_000;
/** A job that has not finished after this long means a worker died: fail loudly. */
const JOB_TIMEOUT_MS = 600_000;

let workers: Worker[] = [];
let broken = false;
let jobsRun = 0;
let opsRun = 0;

/** Counters for -stats: operations split over threads, and jobs handed to workers. */
export function poolStats(): { readonly ops: number; readonly jobs: number; readonly workers: number } {
  return { ops: opsRun, jobs: jobsRun, workers: workers.length };
}

/** True when the pool can (and, after this call, does) run `count` workers. */
function ensureWorkers(count: number): boolean {
  if (broken) return false;
  if (workers.length >= count) return true;
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const fresh: Worker[] = [];
  try {
    while (workers.length + fresh.length < count) {
      const w = spawnWorker();
      w.unref();
      fresh.push(w);
    }
    for (const w of fresh) w.postMessage({ ready });
    const t0 = Date.now();
    while (Atomics.load(ready, 0) < fresh.length) {
      if (Date.now() - t0 > START_TIMEOUT_MS) throw new Error('worker start timed out');
      Atomics.wait(ready, 0, Atomics.load(ready, 0), 100);
    }
  } catch {
    for (const w of fresh) void w.terminate();
    broken = true;
    return false;
  }
  workers = workers.concat(fresh);
  return true;
}

/**
 * Runs jobs[0] on the main thread and the others on workers, returning when all are done.
 * Returns false when no workers are available or a worker's job failed: the caller then runs its
 * single-threaded kernel (jobs only write their own output, so nothing needs undoing).
 */
export function runParallel(jobs: readonly Job[]): boolean {
  if (jobs.length <= 1) {
    if (jobs[0]) runJob(jobs[0]);
    return true;
  }
  if (!ensureWorkers(jobs.length - 1)) return false;
  const ctrl = new Int32Array(new SharedArrayBuffer(8));
  for (let k = 1; k < jobs.length; k++) workers[k - 1]!.postMessage({ job: jobs[k], ctrl });
  let mainError: unknown;
  try {
    runJob(jobs[0]!);
  } catch (e) {
    mainError = e;
  }
  const want = jobs.length - 1;
  const t0 = Date.now();
  for (;;) {
    const done = Atomics.load(ctrl, CTRL_DONE);
    if (done >= want) break;
    if (Date.now() - t0 > JOB_TIMEOUT_MS)
      throw new Error('internal error: a worker thread did not finish its job');
    Atomics.wait(ctrl, CTRL_DONE, done, 1000);
  }
  opsRun++;
  jobsRun += want;
  if (mainError !== undefined) throw mainError;
  // A worker's job threw: report "not run" so that the caller runs its single-threaded kernel,
  // which raises the same error with its proper type and message (or, if the failure was the
  // worker's own, simply gives the result).
  return Atomics.load(ctrl, CTRL_FAILED) === 0;
}

/** Stops the workers (tests; the process does not wait for unref'd workers anyway). */
export async function shutdownPool(): Promise<void> {
  const ws = workers;
  workers = [];
  await Promise.all(ws.map((w) => w.terminate()));
}
