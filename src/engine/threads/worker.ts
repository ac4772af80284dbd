/**
 * Worker entry: runs each posted job, then marks it finished (its own slot, then the shared done
 * count, or the failed count) in the shared control words and wakes the main thread, which is
 * blocked in Atomics.wait (the interpreter is synchronous, so it cannot await a promise).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CTRL_DONE, CTRL_FAILED, runJob, type Job } from './jobs.js';
import { testKillHook, watchThisThread, type WorkerWatch } from './liveness.js';

interface Envelope {
  readonly job: Job;
  readonly ctrl: Int32Array;
  /** This job's own word in ctrl: set to 1 when it has finished (the pool's liveness check). */
  readonly slot: number;
}

if (parentPort) {
  watchThisThread((workerData as { readonly watch: WorkerWatch }).watch);
  parentPort.on('message', (msg: Envelope | { readonly ready: Int32Array }) => {
    if ('ready' in msg) {
      Atomics.add(msg.ready, 0, 1);
      Atomics.notify(msg.ready, 0);
      return;
    }
    testKillHook('kernel');
    try {
      runJob(msg.job);
    } catch {
      Atomics.add(msg.ctrl, CTRL_FAILED, 1);
    }
    Atomics.store(msg.ctrl, msg.slot, 1);
    Atomics.add(msg.ctrl, CTRL_DONE, 1);
    Atomics.notify(msg.ctrl, CTRL_DONE);
  });
}
