/**
 * Starts one pool worker. Built code (dist/) has worker.js beside this module. When the engine
 * runs from its TypeScript sources (vitest), there is no worker.js: the worker then registers the
 * .ts loader hooks of ../worker-source-hooks.ts and runs the very same kernel code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { registerTsHooksStatement } from '../worker-source-hooks.js';

const builtWorker = new URL('./worker.js', import.meta.url);
const sourceWorker = new URL('./worker.ts', import.meta.url);

export function spawnWorker(): Worker {
  if (existsSync(fileURLToPath(builtWorker))) return new Worker(builtWorker);
  // eval'd worker code is a CommonJS script: require and a dynamic import() do the module work.
  const boot = `
    ${registerTsHooksStatement()}
    import(${JSON.stringify(sourceWorker.href)});`;
  return new Worker(boot, { eval: true });
}
