/**
 * The MPI binding as a job runs it: `mpirun -np N node fixtures/mpi-exercise.mjs` for N = 1..4,
 * each rank importing the BUILT binding (dist/, as `npm test` builds it first) and checking every
 * Communicator call; a rank that fails; and `dml --version` naming the library. MPI_Init can run
 * once per process and never inside vitest's worker, so every MPI check runs in its own job.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { localMpirunArgs } from '../../../src/engine/dist/launch.js';
import { countLayout } from '../../../src/engine/dist/mpi/counts.js';
import { mpiLibraryPath } from '../../../src/engine/dist/mpi/library.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.join(repo, 'test', 'engine', 'dist', 'fixtures');
const distBuilt = existsSync(path.join(repo, 'dist', 'engine', 'dist', 'mpi', 'binding.js'));
const cliBuilt = existsSync(path.join(repo, 'dist', 'cli', 'main.js'));
const libBuilt = existsSync(mpiLibraryPath());
const probe = spawnSync('mpirun', ['--version'], { encoding: 'utf8' });
const hasMpirun = probe.error === undefined && probe.status === 0;
// CI installs Open MPI and builds dist/ and the binding: there these run, never skip.
const why = process.env['CI']
  ? undefined
  : !distBuilt
    ? 'dist/ is not built (npm run build)'
    : !hasMpirun
      ? 'no mpirun on PATH (install openmpi-bin libopenmpi-dev)'
      : !libBuilt
        ? `${mpiLibraryPath()} is not built (npm run build, with mpicc)`
        : undefined;
if (why !== undefined) console.warn(`MPI binding tests skipped: ${why}`);

interface JobResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs `script` as `ranks` ranks of a local job. Jobs run side by side (most of a small job's
 * time is start-up latency, not CPU), so the host counts as oversubscribed for each: cores 1
 * makes every job yield idle ranks instead of busy-polling the shared cores.
 */
function mpirun(ranks: number, script: string, env: NodeJS.ProcessEnv = {}): Promise<JobResult> {
  const [cmd, ...args] = localMpirunArgs({
    ranks,
    command: [process.execPath, path.join(fixtures, script)],
    asRoot: process.getuid?.() === 0,
    cores: 1,
  });
  return new Promise((resolve) => {
    const child = spawn(cmd!, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, 15_000);
    child.on('error', (e) => {
      stderr += String(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}

/** All the jobs, started together on first use. */
let jobs: { exercise: Map<number, Promise<JobResult>>; failing: Promise<JobResult> } | undefined;
function started(): NonNullable<typeof jobs> {
  jobs ??= {
    // A 4 KiB chunk makes the larger bcast, allreduce and send/recv of the fixture span chunks.
    exercise: new Map(
      [1, 2, 3, 4].map((n) => [n, mpirun(n, 'mpi-exercise.mjs', { TESSERA_MPI_CHUNK_BYTES: '4096' })]),
    ),
    failing: mpirun(2, 'mpi-rank-fails.mjs'),
  };
  return jobs;
}

interface RankReport {
  rank: number;
  size: number;
  checks: number;
  failures: string[];
  launcher: string;
  threadLevel: string;
  library: string;
}

describe('MPI binding under mpirun', () => {
  it.skipIf(why !== undefined).each([1, 2, 3, 4])(
    'np=%i: every Communicator call gives the right answer on every rank',
    async (n) => {
      const r = await started().exercise.get(n)!;
      expect(r.timedOut, 'mpirun hung').toBe(false);
      expect(r.status, r.stderr).toBe(0);
      const reports = r.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as RankReport)
        .sort((a, b) => a.rank - b.rank);
      expect(reports.map((x) => x.rank)).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const x of reports) {
        expect(x.failures, `rank ${x.rank}`).toEqual([]);
        expect(x.size).toBe(n);
        expect(x.checks).toBeGreaterThanOrEqual(26);
        expect(x.launcher).toBe('mpirun');
        expect(x.threadLevel).not.toBe('single');
        expect(x.library).toMatch(/MPI/);
      }
    },
    20_000,
  );

  it.skipIf(why !== undefined)(
    'a rank that throws ends the job with its exit code and its error, without a hang',
    async () => {
      const r = await started().failing;
      expect(r.timedOut, 'mpirun hung').toBe(false);
      expect(r.status).toBe(1);
      expect(r.stderr + r.stdout).toContain('rank 1 fails on purpose');
    },
    20_000,
  );
});

describe('dml --version', () => {
  const version = (env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [path.join(repo, 'bin', 'dml.js'), '--version'], {
      encoding: 'utf8',
      timeout: 15_000,
      env: { ...process.env, ...env },
    });

  it.skipIf(why !== undefined || (!process.env['CI'] && !cliBuilt))('names the MPI library', () => {
    const r = version();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^MPI: .*MPI.* \(binding .*libtessera_mpi\.\w+\)$/m);
  });

  it.skipIf(!process.env['CI'] && !cliBuilt)('says why MPI is unavailable', () => {
    const r = version({ TESSERA_MPI_LIB: '/nonexistent/libtessera_mpi.so' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^MPI: unavailable: not built \(no \/nonexistent\/libtessera_mpi\.so; .+\)$/m);
  });
});

describe('v-collective counts', () => {
  it('lays out counts as MPI ints with prefix-sum displacements', () => {
    const l = countLayout([2, 0, 3], 3, 'gatherv');
    expect(Array.from(l.counts)).toEqual([2, 0, 3]);
    expect(Array.from(l.displs)).toEqual([0, 2, 2]);
    expect(l.total).toBe(5);
  });

  it.each([
    [[1, 2], 3, /2 counts for 3 ranks/],
    [[1, -1, 0], 3, /rank 1 is -1, not a non-negative integer/],
    [[1, 0.5, 0], 3, /rank 1 is 0.5/],
    [[2 ** 31, 0], 2, /2147483648 elements in all is over 2\^31-1/],
    [[2 ** 30, 2 ** 30], 2, /2147483648 elements in all is over 2\^31-1/],
  ])('refuses %j on %i ranks', (counts, size, message) => {
    expect(() => countLayout(counts, size, 'gatherv')).toThrow(message);
  });

  it('takes a total of exactly 2^31-1', () => {
    expect(countLayout([2 ** 30, 2 ** 30 - 1], 2, 'allgatherv').total).toBe(2 ** 31 - 1);
  });
});
