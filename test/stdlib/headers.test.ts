/**
 * Every stdlib file's doc header must parse and agree with the function it documents: the same
 * name, the same inputs in order (required exactly when there is no default), the same outputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStdlibDir } from '../../src/language/analysis/modules.js';
import type { FunctionDef } from '../../src/language/ast.js';
import { parseProgram } from '../../src/language/parse.js';
import { parseDocHeader, stdlibNames } from '../../src/language/stdlib-docs.js';

const dir = defaultStdlibDir();
const names = stdlibNames(dir);

describe('stdlib doc headers', () => {
  it('finds the stdlib folder', () => {
    expect(names.length).toBeGreaterThanOrEqual(0);
  });
  for (const name of names) {
    it(`${name}.dml: header matches the function`, () => {
      const text = readFileSync(join(dir, `${name}.dml`), 'utf8');
      const doc = parseDocHeader(text, `stdlib/${name}.dml`);
      expect(doc.name).toBe(name);
      const { program, diagnostics } = parseProgram(text, `stdlib/${name}.dml`);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const fn = program.body.find((s): s is FunctionDef => s.kind === 'function' && s.name === name);
      expect(fn, `stdlib/${name}.dml defines function ${name}`).toBeDefined();
      expect(doc.inputs.map((p) => p.name)).toEqual(fn!.params.map((p) => p.name));
      for (const p of fn!.params) {
        const d = doc.inputs.find((x) => x.name === p.name)!;
        expect(d.default === 'required', `${name}: input ${p.name} is required iff it has no default`).toBe(
          p.default === undefined,
        );
      }
      expect(doc.outputs.map((p) => p.name)).toEqual(fn!.outputs.map((p) => p.name));
    });
  }
});

describe('docs/stdlib.md', () => {
  it('is up to date with the headers (regenerate: npm run build && npm run docs:stdlib)', async () => {
    const { renderStdlibMarkdown } = await import('../../src/language/stdlib-docs.js');
    const { readFileSync: read, existsSync } = await import('node:fs');
    const path = new URL('../../docs/stdlib.md', import.meta.url);
    const current = existsSync(path) ? read(path, 'utf8') : '';
    expect(current).toBe(renderStdlibMarkdown(dir));
  });
});

describe('the "not supported yet" list', () => {
  it('names no function the stdlib implements', async () => {
    const { unsupportedBuiltin } = await import('../../src/common/builtins/unsupported.js');
    expect(names.filter((n) => unsupportedBuiltin(n) !== undefined)).toEqual([]);
  });
});
