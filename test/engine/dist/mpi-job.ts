/**
 * Running a local MPI job from a test: the skip reason (none in CI, which installs Open MPI and
 * builds dist/ and the binding) and `mpirun -np N` of a command, collecting its output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localMpirunArgs } from '../../../src/engine/dist/launch.js';
import { mpiLibraryPath } from '../../../src/engine/dist/mpi/library.js';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Why MPI jobs cannot run here (undefined: they can, and in CI they must). */
export function mpiSkipReason(): string | undefined {
  if (process.env['CI']) return undefined;
  if (!existsSync(path.join(repo, 'dist', 'engine', 'dist', 'runtime', 'job.js'))) return 'dist/ is not built (npm run build)';
  const probe = spawnSync('mpirun', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return 'no mpirun on PATH (install openmpi-bin libopenmpi-dev)';
  if (!existsSync(mpiLibraryPath())) return `${mpiLibraryPath()} is not built (npm run build, with mpicc)`;
  return undefined;
}

export interface JobResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs a command to its end (killed after `timeoutMs`), collecting its output. */
export function spawnJob(
  cmd: string,
  args: readonly string[],
  opts: {
    readonly timeoutMs: number;
    readonly env?: NodeJS.ProcessEnv;
    /** Sees standard output as it comes (to act when the job reaches a point). */
    readonly onStdout?: (text: string) => void;
  },
): Promise<JobResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repo, ...(opts.env ? { env: opts.env } : {}) });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      opts.onStdout?.(stdout);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
  });
}

/** `mpirun -np ranks command...` (oversubscribed, yielding idle ranks: jobs run side by side). */
export function mpiJob(
  ranks: number,
  command: readonly string[],
  timeoutMs = 60_000,
  onStdout?: (text: string) => void,
): Promise<JobResult> {
  const [cmd, ...args] = localMpirunArgs({ ranks, command: [...command], asRoot: process.getuid?.() === 0, cores: 1 });
  return spawnJob(cmd!, args, { timeoutMs, ...(onStdout ? { onStdout } : {}) });
}

/** Numbers equal to `tol` relative (NaN equals NaN, infinities exactly); other text exactly. */
export function agree(got: string, want: string, tol = 1e-12): boolean {
  const g = got.trim().split(/\s+/);
  const w = want.trim().split(/\s+/);
  if (g.length !== w.length) return false;
  return g.every((a, i) => {
    const b = w[i]!;
    if (a === b) return true;
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    return Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y));
  });
}
