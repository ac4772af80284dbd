/**
 * Starts one parfor worker. Built code (dist/) has worker.js beside this module. Run from the
 * TypeScript sources (vitest), the worker first registers a module hook that transpiles .ts files
 * with the TypeScript compiler, so it runs the very same interpreter code (the pattern of
 * src/engine/threads/spawn.ts, for this module's own worker file).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const builtWorker = new URL('./worker.js', import.meta.url);
const sourceWorker = new URL('./worker.ts', import.meta.url);

/** `ready[CTRL_FAILED_START]` counts workers whose modules failed to load. */
export const CTRL_FAILED_START = 2;

/**
 * Loading goes through a dynamic import() in a small boot script, so that a module that fails
 * to load (a dist/ being rebuilt, a syntax error) is counted in `ready` at once instead of
 * leaving the main thread waiting for a worker that died.
 */
export function spawnParforWorker(ready: Int32Array): Worker {
  const fail = `(e) => { const r = require('node:worker_threads').workerData.ready; Atomics.add(r, ${CTRL_FAILED_START}, 1); Atomics.add(r, 1, 1); Atomics.notify(r, 1); }`;
  if (existsSync(fileURLToPath(builtWorker)))
    return new Worker(`import(${JSON.stringify(builtWorker.href)}).catch(${fail});`, {
      eval: true,
      workerData: { ready },
    });
  const ts = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href;
  const hooks = `
    import { existsSync, readFileSync } from 'node:fs';
    import { fileURLToPath } from 'node:url';
    const ts = (await import(${JSON.stringify(ts)})).default;
    export async function resolve(spec, ctx, next) {
      if (spec.endsWith('.js') && ctx.parentURL && ctx.parentURL.endsWith('.ts') && spec.startsWith('.')) {
        const u = new URL(spec.slice(0, -3) + '.ts', ctx.parentURL);
        if (existsSync(fileURLToPath(u))) return { url: u.href, shortCircuit: true, format: 'module' };
      }
      return next(spec, ctx);
    }
    export async function load(url, ctx, next) {
      if (!url.endsWith('.ts')) return next(url, ctx);
      const src = readFileSync(fileURLToPath(url), 'utf8');
      const out = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      return { format: 'module', source: out.outputText, shortCircuit: true };
    }`;
  const boot = `
    require('node:module').register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
    import(${JSON.stringify(sourceWorker.href)}).catch(${fail});`;
  return new Worker(boot, { eval: true, workerData: { ready } });
}
