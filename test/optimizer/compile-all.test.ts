/** Every DML script in the repository that analyses cleanly also compiles and explains at both levels. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { compileSource } from '../../src/language/index.js';
import { compileProgram, explainHops, explainRuntime } from '../../src/optimizer/index.js';

function* scripts(dir: string): Generator<string> {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* scripts(p);
    else if (p.endsWith('.dml')) yield p;
  }
}

it('compiles every clean script of the repository at optLevel 0 and 2', () => {
  const args = new Map([['1', 'a'], ['2', 'b'], ['3', 'c'], ['4', 'd'], ['5', 'e']]);
  const failures: string[] = [];
  for (const root of ['test/conformance', 'examples', 'stdlib']) {
    if (!existsSync(root)) continue;
    for (const f of scripts(root)) {
      const analyzed = compileSource(readFileSync(f, 'utf8'), f, { args });
      if (analyzed.diagnostics.some((d) => d.severity === 'error')) continue;
      for (const optLevel of [0, 2] as const) {
        try {
          const c = compileProgram(analyzed, { optLevel });
          explainHops(c);
          explainRuntime(c);
        } catch (e) {
          failures.push(`${f} (O${optLevel}): ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  }
  expect(failures).toEqual([]);
});
