/** Every diagnostic code the sources can raise is listed in docs/diagnostics.md. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('docs/diagnostics.md', () => {
  it('documents every code used in src/', () => {
    const used = new Set<string>();
    for (const f of sources(join(root, 'src')))
      for (const m of readFileSync(f, 'utf8').matchAll(/'(DML\d{4})'/g)) used.add(m[1]!);
    const doc = readFileSync(join(root, 'docs/diagnostics.md'), 'utf8');
    const missing = [...used].filter((c) => !doc.includes(c)).sort();
    expect(used.size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
