/**
 * The conformance cases (SystemDS's scripts with R's results, test/conformance) run by one real
 * MPI job (`mpirun -np 3`, the built package in dist/) with -exec dist at optimization level 2,
 * every matrix partitioned by rows (replicateCells 0: even a 2 x 2 one, so empty and uneven
 * partitions are everyday). Rank 0 runs the cases one after another; this process then compares
 * each case's outputs and printed lines with R's exactly as the LOCAL runs do (same tolerances).
 * One `it` per case, all fed by the one job, started when the first case asks for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverCases, readSpec, scriptArgs } from '../../../conformance/case-files.js';
import {
  compareResults,
  parseNumber,
  readDmlOutput,
  readExpected,
} from '../../../conformance/read-outputs.js';
import { mpiJob, mpiSkipReason, repo, type JobResult } from '../mpi-job.js';

const why = mpiSkipReason();
if (why !== undefined) console.warn(`conformance cases on a distributed job skipped: ${why}`);

const casesDir = path.join(repo, 'test', 'conformance');
const cases = discoverCases(casesDir).map((dir) => ({
  dir,
  name: path.relative(casesDir, dir),
  spec: readSpec(dir),
}));

/** Ranks of the job: 3 makes partitions uneven (and empty for matrices of fewer than 3 rows). */
const RANKS = 3;
/** The whole suite takes about 6 s on 2 cores (117 cases); the limit leaves room for a busy machine. */
const JOB_TIMEOUT_MS = 120_000;

interface CaseResult {
  readonly name: string;
  readonly printed: readonly string[];
  readonly error?: string;
  /** Instructions run per backend op ('DIST +': 12), from the run's -stats. */
  readonly ran?: Record<string, number>;
}

interface Job {
  readonly run: JobResult;
  readonly results: ReadonlyMap<string, CaseResult>;
  readonly wallMs: number;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-conformance-dist-'));
const outDirOf = (k: number): string => path.join(tmp, `case-${k}`);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let job: Promise<Job> | undefined;
/** The one job running every case (started on first use, so a skipped file starts nothing). */
function started(): Promise<Job> {
  if (job !== undefined) return job;
  const list = cases.map((c, k) => {
    fs.mkdirSync(outDirOf(k));
    const script = path.join(c.dir, 'script.dml');
    return {
      name: c.name,
      text: fs.readFileSync(script, 'utf8'),
      file: script,
      cwd: c.dir,
      args: scriptArgs(c.dir, c.spec, outDirOf(k)),
      optLevel: 2,
    };
  });
  const jobsFile = path.join(tmp, 'jobs.json');
  const resultsFile = path.join(tmp, 'results.json');
  fs.writeFileSync(jobsFile, JSON.stringify(list));
  const fixture = path.join(repo, 'test', 'engine', 'dist', 'fixtures', 'run-scripts.mjs');
  const t0 = Date.now();
  job = mpiJob(RANKS, [process.execPath, fixture, jobsFile, resultsFile, '0'], JOB_TIMEOUT_MS).then((run) => {
    const wallMs = Date.now() - t0;
    const list = fs.existsSync(resultsFile)
      ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as CaseResult[])
      : [];
    return { run, wallMs, results: new Map(list.map((r) => [r.name, r])) };
  });
  return job;
}

let distOps = 0;
let casesOnDist = 0;

describe(`conformance cases on a distributed job (mpirun -np ${RANKS}, -exec dist) match R`, () => {
  cases.forEach((c, k) => {
    it.skipIf(why !== undefined)(c.name, { timeout: JOB_TIMEOUT_MS + 10_000 }, async () => {
      const { run, results } = await started();
      const r = results.get(c.name);
      // The fixture writes results after every case: the first case without one ended the job.
      const ended = cases.find((x) => !results.has(x.name))?.name;
      const status = `status ${run.status}${run.timedOut ? ', timed out' : ''}`;
      expect(r, `no result: the job (${status}) ended in ${ended}:\n${run.stderr}`).toBeDefined();
      expect(r!.error, c.name).toBeUndefined();
      const n = Object.entries(r!.ran ?? {})
        .filter(([op]) => op.startsWith('DIST '))
        .reduce((s, [, count]) => s + count, 0);
      distOps += n;
      if (n > 0) casesOnDist++;
      for (const out of c.spec.outputs) {
        const actual = readDmlOutput(path.join(outDirOf(k), out.name));
        const expected = readExpected(path.join(c.dir, 'expected', out.expected ?? out.name));
        expect(compareResults(actual, expected, out.tol ?? 1e-9), `${c.name}: ${out.name}`).toEqual([]);
      }
      for (const want of c.spec.stdout ?? []) {
        const line = r!.printed.find((l) => l.startsWith(want.prefix));
        expect(line, `no line starting with '${want.prefix}'`).toBeDefined();
        const got = { kind: 'scalar' as const, value: parseNumber(line!.slice(want.prefix.length)) };
        expect(compareResults(got, { kind: 'scalar', value: want.value }, want.tol ?? 1e-9)).toEqual([]);
      }
      for (const bad of c.spec.stdoutExcludes ?? []) expect(r!.printed.join('\n')).not.toContain(bad);
    });
  });

  it.skipIf(why !== undefined)(
    'the job ended cleanly and ran ops distributed',
    { timeout: JOB_TIMEOUT_MS + 10_000 },
    async () => {
      const { run, wallMs, results } = await started();
      console.info(
        `conformance on DIST: ${results.size} cases in ${(wallMs / 1000).toFixed(1)} s (np ${RANKS}); ` +
          `${distOps} DIST instructions in ${casesOnDist} cases`,
      );
      expect(run.status, run.stderr).toBe(0);
      expect(results.size).toBe(cases.length);
      // The suite proves the backend only if it really ran ops (hundreds across the cases).
      expect(distOps).toBeGreaterThan(100);
    },
  );
});
