/**
 * Worker entry: loads the job sources it is told about, then runs each posted job by its kind,
 * marks it finished (its own slot, then the shared done count, or the failed count) in the shared
 * control words and wakes the main thread, which is blocked in Atomics.wait (the interpreter is
 * synchronous, so it cannot await a promise).
 *
 * The handlers come from modules this file never imports statically (threads/ imports nothing of
 * kernels/ or io/): the main thread posts their URLs ({ load }), and the worker imports each one
 * and calls its exported registerParallelJobs(registry), the same list the main thread ran. This
 * was simpler than a worker entry in kernels/: one entry serves kernels and io (which must not
 * import each other both ways), and a source first used after the workers started (a CSV read
 * after a large matrix op) is loaded the same way. workerData could only name the sources known
 * at spawn time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CTRL_DONE, CTRL_FAILED, JobRegistry, type Job, type JobSource, type LoadMessage } from './jobs.js';
import { testKillHook, watchThisThread, type WorkerWatch } from './liveness.js';

interface Envelope {
  readonly job: Job;
  readonly ctrl: Int32Array;
  /** This job's own word in ctrl: set to 1 when it has finished (the pool's liveness check). */
  readonly slot: number;
}

const registry = new JobRegistry();

async function load(urls: readonly string[]): Promise<boolean> {
  try {
    for (const url of urls) {
      const mod = (await import(url)) as Partial<Pick<JobSource, 'registerParallelJobs'>>;
      if (typeof mod.registerParallelJobs !== 'function') return false;
      mod.registerParallelJobs(registry);
    }
    return true;
  } catch {
    return false;
  }
}

if (parentPort) {
  watchThisThread((workerData as { readonly watch: WorkerWatch }).watch);
  parentPort.on('message', (msg: Envelope | LoadMessage) => {
    if ('load' in msg) {
      // The main thread waits for this before it posts any job, so no job runs before its handler.
      void load(msg.load).then((ok) => {
        if (!ok) Atomics.add(msg.ready, 1, 1);
        Atomics.add(msg.ready, 0, 1);
        Atomics.notify(msg.ready, 0);
      });
      return;
    }
    testKillHook('kernel');
    try {
      registry.run(msg.job);
    } catch {
      Atomics.add(msg.ctrl, CTRL_FAILED, 1);
    }
    Atomics.store(msg.ctrl, msg.slot, 1);
    Atomics.add(msg.ctrl, CTRL_DONE, 1);
    Atomics.notify(msg.ctrl, CTRL_DONE);
  });
}
