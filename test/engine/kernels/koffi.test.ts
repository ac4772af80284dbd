/**
 * Threaded LAPACK through koffi needs a larger call stack than koffi's 2 MiB default; the stack
 * can only be raised before the first native call. The compiled kernels load (and call) first on
 * most runs, so solve() and inv() on a few hundred rows used to kill the process with SIGSEGV
 * (seen with Debian's OpenBLAS 0.3.21 on two cores). Run as a user runs them: the dml command
 * with the compiled kernels and BLAS both on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKoffi } from '../../../src/engine/kernels/koffi.js';
import { nativeBlas } from '../../../src/engine/kernels/native/state.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repo, 'bin', 'dml.js');
const built = existsSync(path.join(repo, 'dist', 'cli', 'main.js'));
// CI installs OpenBLAS and builds dist: there these run, never skip.
const why = process.env['CI']
  ? undefined
  : !built
    ? 'dist/ is not built'
    : nativeBlas() === undefined
      ? 'no BLAS'
      : undefined;
if (why !== undefined) console.warn(`koffi stack tests skipped: ${why}`);

describe('koffi', () => {
  it('is loaded with a 16 MiB synchronous call stack', () => {
    expect(loadKoffi().config().sync_stack_size).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it.skipIf(why !== undefined).each([
    [
      'solve 1000',
      'A = rand(rows=1000, cols=1000, seed=1) + diag(matrix(1000, rows=1000, cols=1))\nb = rand(rows=1000, cols=1, seed=2)\nx = solve(A, b)\nprint(sum(A %*% x - b) < 1e-6)',
    ],
    [
      'inv 400',
      'A = rand(rows=400, cols=400, seed=1) + diag(matrix(400, rows=400, cols=1))\nx = inv(A)\nprint(abs(sum(A %*% x) - 400) < 1e-6)',
    ],
  ])('%s with the compiled kernels loaded first runs to the end (no SIGSEGV)', (_name, script) => {
    const r = spawnSync(process.execPath, [bin, '-s', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.signal, r.stderr).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('TRUE');
  });
});
