// Integrity of the recorded conformance cases (runs without the dml build): every case has its
// unchanged script, a valid case.json, the inputs it names (with .mtd) and parseable R outputs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDmlOutput, readExpected } from './read-outputs.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function caseDirs(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = path.join(dir, e.name);
    if (fs.existsSync(path.join(sub, 'case.json'))) out.push(sub);
    else out.push(...caseDirs(sub));
  }
  return out.sort();
}

interface Spec {
  source?: unknown;
  args?: unknown;
  nvargs?: unknown;
  outputs?: Array<{ name?: unknown; type?: unknown; tol?: unknown; expected?: unknown }>;
  stdout?: Array<{ prefix?: unknown; value?: unknown }>;
  stdoutExcludes?: unknown;
}

const dirs = caseDirs(here);

describe('conformance case files', () => {
  it('has at least 80 cases', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(80);
  });

  for (const dir of dirs) {
    const name = path.relative(here, dir);
    it(name, () => {
      expect(fs.existsSync(path.join(dir, 'script.dml')), 'script.dml').toBe(true);
      const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as Spec;
      expect(typeof spec.source).toBe('string');
      expect(spec.args === undefined || Array.isArray(spec.args)).toBe(true);
      expect(spec.nvargs === undefined || typeof spec.nvargs === 'object').toBe(true);
      const values: string[] = [
        ...((spec.args as string[] | undefined) ?? []),
        ...Object.values((spec.nvargs as Record<string, string> | undefined) ?? {}),
      ];
      for (const v of values) {
        expect(typeof v).toBe('string');
        const m = /^\{in\}\/(.+)$/.exec(v);
        if (m) {
          // Inputs are read through the same independent reader: IJV text plus .mtd.
          const p = path.join(dir, 'in', m[1]!);
          expect(fs.existsSync(`${p}.mtd`), `${v}.mtd`).toBe(true);
          expect(readDmlOutput(p).kind).toBe('matrix');
        }
      }
      expect(Array.isArray(spec.outputs)).toBe(true);
      // A case checks something: written outputs, printed values or the absence of printed errors.
      expect(
        (spec.outputs?.length ?? 0) +
          (spec.stdout?.length ?? 0) +
          (Array.isArray(spec.stdoutExcludes) ? 1 : 0),
      ).toBeGreaterThan(0);
      for (const p of spec.stdout ?? []) {
        expect(typeof p.prefix).toBe('string');
        expect(typeof p.value).toBe('number');
      }
      for (const out of spec.outputs ?? []) {
        expect(typeof out.name).toBe('string');
        expect(['matrix', 'scalar']).toContain(out.type);
        const file = path.join(dir, 'expected', String(out.expected ?? out.name));
        expect(fs.existsSync(file), file).toBe(true);
        expect(['matrix', 'scalar']).toContain(readExpected(file).kind);
      }
    });
  }
});
