/** The README's stdlib example runs as written (from the repository root, as a new user would). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(import.meta.url), '../../..');

describe('README', () => {
  it('stdlib example runs and prints the training accuracy', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The stdlib'));
    const script = /```r\n([\s\S]*?)```/.exec(section)![1]!;
    const r = spawnSync(process.execPath, [join(root, 'bin/dml.js'), '-s', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const acc = Number(/training accuracy: ([\d.]+)/.exec(r.stdout)![1]);
    expect(acc).toBeGreaterThan(95);
  }, 60_000);
});
