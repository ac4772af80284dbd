/**
 * Worker threads run the engine's own modules. Built code (dist/) has .js files to load; run
 * from the TypeScript sources (vitest) there are none, so a worker first registers this module
 * hook, which transpiles the .ts sources with the TypeScript compiler (a dev dependency, present
 * wherever the sources are) and maps `./x.js` imports to `./x.ts`: the worker then runs the very
 * same code as the main thread. Shared by the kernel pool (threads/) and parfor workers (parfor/).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** A CommonJS statement (eval'd worker code is a script) registering the .ts loader hooks. */
export function registerTsHooksStatement(): string {
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
  return `require('node:module').register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`;
}
