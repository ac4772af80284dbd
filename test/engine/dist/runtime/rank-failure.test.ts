/**
 * A rank that dies mid-job (issue 12, failures): the job ends within seconds with an error naming
 * the ranks, their host and the instruction the driver was in; the input file is unchanged and no
 * output is written (the write comes after the failing loop, and writes are atomic anyway).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mpiJob, mpiSkipReason, repo } from '../mpi-job.js';

const why = mpiSkipReason();
if (why !== undefined) console.warn(`rank failure tests skipped: ${why}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-rank-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PIDs of this job's ranks with their MPI rank (from each process's environment). */
function ranksOf(marker: string): { pid: number; rank: number }[] {
  const r = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .flatMap((pid) => {
      try {
        const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        const v = env.find((e) => e.startsWith('OMPI_COMM_WORLD_RANK='));
        return v === undefined ? [] : [{ pid, rank: Number(v.split('=')[1]) }];
      } catch {
        return []; // gone, or not ours
      }
    });
}

describe('a rank killed mid-job', () => {
  it.skipIf(why !== undefined)('ends the job with an error naming the rank, host and instruction; nothing written', { timeout: 60_000 }, async () => {
    const input = path.join(dir, 'X.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 30 }, (_, j) => (i * 31 + j) % 17).join(','));
    writeFileSync(input, rows.join('\n') + '\n');
    writeFileSync(`${input}.mtd`, JSON.stringify({ data_type: 'matrix', value_type: 'double', rows: 3000, cols: 30, format: 'csv' }));
    const before = readFileSync(input);
    const script = path.join(dir, 'killed-mid-job.dml');
    writeFileSync(
      script,
      `X = read("${input}")
s = 0
for (i in 1:1000000) {
  s = s + sum(X * i)
  if (i == 3) print("looping")
}
write(X * s, "${path.join(dir, 'out.csv')}", format="csv")
`,
    );
    let looping!: () => void;
    const inLoop = new Promise<void>((resolve) => (looping = resolve));
    const job = mpiJob(
      3,
      [process.execPath, path.join(repo, 'bin', 'dml.js'), '-f', script, '-exec', 'dist'],
      45_000,
      (out) => out.includes('looping') && looping(),
    );
    // Once the driver runs the loop's distributed ops, kill rank 1.
    await Promise.race([inLoop, job]);
    const victim = ranksOf(script).find((r) => r.rank === 1)?.pid;
    expect(victim, 'rank 1 is running').toBeDefined();
    const killedAt = Date.now();
    process.kill(victim!, 'SIGKILL');
    const r = await job;
    expect(r.timedOut, 'the job ended by itself').toBe(false);
    expect(Date.now() - killedAt, 'ended within seconds').toBeLessThan(15_000);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/process rank 1 .* on node \S+ exited on signal 9/);
    expect(r.stderr).toMatch(/tessera: rank 0 of 3 on \S+: the job was ended by the launcher .*killed-mid-job\.dml:4:/);
    expect(readFileSync(input)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);
    expect(existsSync(path.join(dir, 'out.csv'))).toBe(false);
  });
});

describe('a hung rank', () => {
  it.skipIf(why !== undefined)('is caught by the watchdog, which ends the job naming the operation', { timeout: 60_000 }, async () => {
    const script = path.join(dir, 'hung-rank.dml');
    writeFileSync(
      script,
      `X = rand(rows=3000, cols=30, seed=1)
s = 0
for (i in 1:1000000) {
  s = s + sum(X * i)
  if (i == 3) print("looping")
}
print(s)
`,
    );
    const config = path.join(dir, 'watchdog.json');
    writeFileSync(config, JSON.stringify({ cluster: { watchdogSeconds: 2 } }));
    let looping!: () => void;
    const inLoop = new Promise<void>((resolve) => (looping = resolve));
    const job = mpiJob(
      3,
      [process.execPath, path.join(repo, 'bin', 'dml.js'), '-f', script, '-exec', 'dist', '-config', config],
      45_000,
      (out) => out.includes('looping') && looping(),
    );
    await Promise.race([inLoop, job]);
    const victim = ranksOf(script).find((r) => r.rank === 2)?.pid;
    expect(victim, 'rank 2 is running').toBeDefined();
    const stoppedAt = Date.now();
    process.kill(victim!, 'SIGSTOP'); // alive but making no progress
    const r = await job;
    expect(r.timedOut, 'the job ended by itself').toBe(false);
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/tessera: rank \d of 3 on \S+: no progress within the watchdog's time, ending the job, in distributed \S+ \(.*hung-rank\.dml:4:/);
  });
});
