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

/** `mpirun -np ranks command...` (oversubscribed, yielding idle ranks: jobs run side by side). */
export function mpiJob(
  ranks: number,
  command: readonly string[],
  timeoutMs = 60_000,
  /** Sees standard output as it comes (to act when the job reaches a point). */
  onStdout?: (text: string) => void,
): Promise<JobResult> {
  const [cmd, ...args] = localMpirunArgs({ ranks, command: [...command], asRoot: process.getuid?.() === 0, cores: 1 });
  return new Promise((resolve) => {
    const child = spawn(cmd!, args, { cwd: repo });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      onStdout?.(stdout);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
  });
}
