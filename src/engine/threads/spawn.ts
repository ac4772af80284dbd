/**
 * Starts one pool worker. Built code (dist/) has worker.js beside this module. When the engine
 * runs from its TypeScript sources (vitest), there is no worker.js: the worker then registers the
 * .ts loader hooks of ../worker-source-hooks.ts and runs the very same kernel code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { registerTsHooksStatement } from '../worker-source-hooks.js';
import { recordThreadIdStatement, type WorkerWatch } from './liveness.js';

const builtWorker = new URL('./worker.js', import.meta.url);
const sourceWorker = new URL('./worker.ts', import.meta.url);

/** `watch` is the worker's liveness block (./liveness.ts), handed over as workerData. */
export function spawnWorker(watch: WorkerWatch): Worker {
  const workerData = { watch };
  if (existsSync(fileURLToPath(builtWorker))) return new Worker(builtWorker, { workerData });
  // eval'd worker code is a CommonJS script: require and a dynamic import() do the module work.
  const boot = `
    ${recordThreadIdStatement()}
    ${registerTsHooksStatement()}
    import(${JSON.stringify(sourceWorker.href)});`;
  return new Worker(boot, { eval: true, workerData });
}
