/**
 * Worker entry: runs each posted job, then counts it done (or failed) in the shared control
 * words and wakes the main thread, which is blocked in Atomics.wait (the interpreter is
 * synchronous, so it cannot await a promise).
 */
import { parentPort } from 'node:worker_threads';
import { CTRL_DONE, CTRL_FAILED, runJob, type Job } from './jobs.js';

interface Envelope {
  readonly job: Job;
  readonly ctrl: Int32Array;
}

if (parentPort) {
  parentPort.on('message', (msg: Envelope | { readonly ready: Int32Array }) => {
    if ('ready' in msg) {
      Atomics.add(msg.ready, 0, 1);
      Atomics.notify(msg.ready, 0);
      return;
    }
    try {
      runJob(msg.job);
    } catch {
      Atomics.add(msg.ctrl, CTRL_FAILED, 1);
    }
    Atomics.add(msg.ctrl, CTRL_DONE, 1);
    Atomics.notify(msg.ctrl, CTRL_DONE);
  });
}
