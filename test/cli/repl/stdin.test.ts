/** `dml` without a script and with a piped stdin runs stdin as a script (the REPL needs a terminal). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin/dml.js');

describe.skipIf(!existsSync(path.join(root, 'dist/cli/main.js')))('dml with piped stdin', () => {
  it('runs stdin as a script, also for `dml repl`, with located errors', () => {
    const ok = spawnSync(process.execPath, [bin], { input: 'x = 2\nprint(x + 1)\n', encoding: 'utf8' });
    expect(ok.stdout).toBe('3\n');
    expect(ok.status).toBe(0);
    const bad = spawnSync(process.execPath, [bin, 'repl'], { input: 'print(1', encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/<stdin>:1:8: error\[DML1005\]/);
    const usage = spawnSync(process.execPath, [bin, 'repl', '-s', 'print(1)'], { encoding: 'utf8' });
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/dml repl takes no script/);
  });
});
