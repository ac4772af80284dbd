/**
 * Starts one parfor worker. Built code (dist/) has parfor-worker.js in the folder above. Run from the
 * TypeScript sources (vitest), the worker first registers a module hook that transpiles .ts files
 * with the TypeScript compiler, so it runs the very same interpreter code (the pattern of
 * src/engine/threads/spawn.ts, for this module's own worker file).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { recordThreadIdStatement, type WorkerWatch } from '../threads/liveness.js';
import { registerTsHooksStatement } from '../worker-source-hooks.js';

// The worker entry is ../parfor-worker.ts: it runs an interpreter, which this folder must not import.
const builtWorker = new URL('../parfor-worker.js', import.meta.url);
const sourceWorker = new URL('../parfor-worker.ts', import.meta.url);

/** `ready[CTRL_FAILED_START]` counts workers whose modules failed to load. */
export const CTRL_FAILED_START = 2;

/**
 * Loading goes through a dynamic import() in a small boot script, so that a module that fails
 * to load (a dist/ being rebuilt, a syntax error) is counted in `ready` at once instead of
 * leaving the main thread waiting for a worker that died.
 */
export function spawnParforWorker(ready: Int32Array, heapMb: number, watch: WorkerWatch): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  const workerData = { ready, watch };
  const fail = `(e) => { const r = require('node:worker_threads').workerData.ready; Atomics.add(r, ${CTRL_FAILED_START}, 1); Atomics.add(r, 1, 1); Atomics.notify(r, 1); }`;
  if (existsSync(fileURLToPath(builtWorker)))
    return new Worker(
      `${recordThreadIdStatement()}
      import(${JSON.stringify(builtWorker.href)}).catch(${fail});`,
      { eval: true, workerData, resourceLimits },
    );
  const boot = `
    ${recordThreadIdStatement()}
    ${registerTsHooksStatement()}
    import(${JSON.stringify(sourceWorker.href)}).catch(${fail});`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}
