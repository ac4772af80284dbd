/**
 * The DIST backend end to end (issue 12): scripts run by a real MPI job (`mpirun -np N`, the built
 * package) with -exec dist, every matrix partitioned by rows (even a 2 x 3 one on 4 ranks: empty
 * partitions), against the same scripts run LOCAL in-process. Results must agree: exactly where
 * the reduction order is fixed, else to 1e-12 relative (sums across ranks add in another order).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../../../../src/api/index.js';
import { defaultConfig } from '../../../../src/common/config.js';
import { agree, mpiJob, mpiSkipReason, repo } from '../mpi-job.js';

const why = mpiSkipReason();
if (why !== undefined) console.warn(`distributed job tests skipped: ${why}`);

const SCRIPTS: Record<string, string> = {
  cellwise: `
X = rand(rows=37, cols=5, seed=1)
Y = rand(rows=37, cols=5, seed=2, sparsity=0.3)
print(sum(X + Y))
print(sum(X * 2 - 1))
print(sum(abs(X - 0.5)))
print(sum(exp(X) / (Y + 1)))
print(sum(X > 0.5))
print(sum((X - colMeans(X))^2))
print(sum(X / (rowSums(X) + 1)))
print(sum(round(X * 10) %% 3))
print(sum(-X) + sum(sqrt(X)) + sum(log(X + 1)))
`,
  aggregates: `
X = rand(rows=41, cols=6, seed=3, min=-1, max=1)
print(sum(X))
print(mean(X))
print(min(X))
print(max(X))
print(sd(X))
print(var(X))
print(sum(X^2))
print(toString(colSums(X)))
print(toString(colMeans(X)))
print(toString(colMaxs(X)))
print(toString(colMins(X)))
print(toString(colVars(X)))
print(sum(rowSums(X)) + sum(rowMeans(X)) + sum(rowMaxs(X)) + sum(rowMins(X)))
`,
  products: `
X = rand(rows=53, cols=4, seed=4)
y = X %*% matrix("1 2 3 4", rows=4, cols=1) + rand(rows=53, cols=1, seed=5)
A = t(X) %*% X
b = t(X) %*% y
beta = solve(A, b)
print(toString(beta))
q = X %*% beta
print(sum((y - q)^2))
w = rand(rows=53, cols=1, seed=6)
v = rand(rows=4, cols=1, seed=7)
print(toString(t(X) %*% (w * (X %*% v))))
print(sum(t(X)))
`,
  specials: `
X = rand(rows=9, cols=3, seed=8)
X[2, 2] = NaN
X[5, 1] = 1/0
Z = matrix(0, rows=9, cols=3) * -1
print(sum(X))
print(max(X))
print(min(X))
print(toString(colMaxs(X)))
print(toString(rowSums(X)))
print(1 / min(Z))
`,
  // Generated in place on every rank (rand over several 1000-row stream blocks, partitions not
  // aligned to them), so the same numbers as LOCAL for every rank count.
  datagen: `
X = rand(rows=2345, cols=4, min=-1, max=1, seed=21)
S = rand(rows=1500, cols=6, sparsity=0.2, seed=22)
N = rand(rows=1200, cols=3, pdf="normal", seed=23)
P = rand(rows=1100, cols=2, pdf="poisson", lambda=3, seed=24)
s = seq(1, 2345)
C = matrix(0.5, rows=2345, cols=4)
print(sum(X))
print(toString(colSums(X)))
print(toString(X[999:1002, ]))
print(sum(X * C) + sum(X * s) + sum(s))
print(sum(S) + sum(S != 0))
print(toString(colMaxs(N)) + toString(colMins(N)))
print(sum(P) + max(P))
`,
  tiny: `
X = matrix("1 2 3 4 5 6", rows=2, cols=3)
print(sum(X * X))
print(toString(colSums(X)))
print(toString(t(X) %*% X))
print(max(X) - min(X))
`,
};

interface DistResult {
  readonly name: string;
  readonly printed: readonly string[];
  readonly error?: string;
  readonly ran?: Record<string, number>;
}

/** Printed lines of a LOCAL run, in this process. */
function local(text: string): string[] {
  const printed: string[] = [];
  runScript({ text, config: { ...defaultConfig(), threads: 1 }, print: (l) => printed.push(l) });
  return printed;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-dist-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let jobs: Map<number, Promise<{ results: DistResult[]; stderr: string; status: number | null }>> | undefined;
/** One job per rank count, started together on first use. */
function started(): NonNullable<typeof jobs> {
  if (jobs !== undefined) return jobs;
  const list = Object.entries(SCRIPTS).map(([name, text]) => ({ name, text }));
  const jobsFile = path.join(dir, 'jobs.json');
  writeFileSync(jobsFile, JSON.stringify(list));
  jobs = new Map(
    [1, 2, 3, 4].map((n) => {
      const out = path.join(dir, `results-${n}.json`);
      const fixture = path.join(repo, 'test', 'engine', 'dist', 'fixtures', 'run-scripts.mjs');
      return [
        n,
        mpiJob(n, [process.execPath, fixture, jobsFile, out, '0']).then((r) => ({
          status: r.status,
          stderr: r.stderr,
          results: r.status === 0 ? (JSON.parse(readFileSync(out, 'utf8')) as DistResult[]) : [],
        })),
      ];
    }),
  );
  return jobs;
}

describe('scripts on a distributed job (-exec dist) equal LOCAL', () => {
  it.skipIf(why !== undefined).each([1, 2, 3, 4])('np=%i', { timeout: 90_000 }, async (n) => {
    const job = await started().get(n)!;
    expect(job.status, job.stderr).toBe(0);
    for (const [name, text] of Object.entries(SCRIPTS)) {
      const r = job.results.find((x) => x.name === name);
      expect(r?.error, name).toBeUndefined();
      const want = local(text);
      expect(r!.printed.length, name).toBe(want.length);
      r!.printed.forEach((line, i) =>
        expect(agree(line, want[i]!), `${name} line ${i + 1}: ${line} vs ${want[i]}`).toBe(true),
      );
    }
    // The ops really ran distributed.
    const ran = Object.assign({}, ...job.results.map((r) => r.ran ?? {})) as Record<string, number>;
    for (const op of [
      'DIST +',
      'DIST tsmm',
      'DIST colSums',
      'DIST max',
      'DIST sd',
      'DIST t',
      'DIST rowSums',
      'DIST rand',
      'DIST seq',
      'DIST matrix',
    ])
      expect(ran[op], `${op} ran on DIST`).toBeGreaterThan(0);
  });
});

describe("the README's distributed example", () => {
  it.skipIf(why !== undefined)(
    'prints the same numbers with plain dml, under mpirun -np 4 and with dml --ranks 2',
    { timeout: 90_000 },
    async () => {
      const example = path.join(repo, 'examples', 'distributed-regression.dml');
      const dml = path.join(repo, 'bin', 'dml.js');
      const args = ['-f', example, '-nvargs', 'rows=30000', 'cols=8'];
      const plain = spawnSync(process.execPath, [dml, ...args], { encoding: 'utf8' });
      expect(plain.status, plain.stderr).toBe(0);
      const onMpi = await mpiJob(4, [process.execPath, dml, ...args, '-exec', 'dist']);
      expect(onMpi.status, onMpi.stderr).toBe(0);
      const viaRanks = spawnSync(process.execPath, [dml, '--ranks', '2', ...args, '-exec', 'dist'], {
        encoding: 'utf8',
      });
      expect(viaRanks.status, viaRanks.stderr).toBe(0);
      const want = plain.stdout.trim().split('\n');
      for (const out of [onMpi.stdout, viaRanks.stdout]) {
        const got = out.trim().split('\n');
        expect(got.length).toBe(want.length);
        // max |B - beta| is a difference of nearly equal numbers: B agrees to ~1e-12, its error
        // from beta (1e-4) to ~1e-9 relative.
        got.forEach((line, i) =>
          expect(
            agree(line.replace(/^.*[=:] /, ''), want[i]!.replace(/^.*[=:] /, ''), 1e-8),
            `${line} vs ${want[i]}`,
          ).toBe(true),
        );
      }
    },
  );
});

describe('a matrix larger than one rank can hold', () => {
  it.skipIf(why !== undefined)(
    'is refused by one process with that budget and completes on 4 ranks, with the results of a large one',
    { timeout: 90_000 },
    async () => {
      // X is 80 MB; each process may use 64 MB (0.7 of it per operation): X fits no single rank,
      // but a quarter of it fits each of 4. The planner puts it on the ranks by itself (hybrid).
      const config = path.join(dir, 'small-ranks.json');
      writeFileSync(config, JSON.stringify({ memory: '64MB', cluster: { memoryPerRank: '64MB' } }));
      const script = path.join(dir, 'too-big-for-one.dml');
      writeFileSync(
        script,
        `X = rand(rows=200000, cols=50, min=-1, max=1, seed=3)
y = X %*% seq(1, 50)
G = t(X) %*% X
print(sum(G))
print(sum(y))
print(max(colMeans(X)))
`,
      );
      const dml = path.join(repo, 'bin', 'dml.js');
      const alone = spawnSync(process.execPath, [dml, '-f', script, '-config', config], { encoding: 'utf8' });
      expect(alone.status).not.toBe(0);
      expect(alone.stderr).toContain('DML5013');
      const large = spawnSync(process.execPath, [dml, '-f', script], { encoding: 'utf8' });
      expect(large.status, large.stderr).toBe(0);
      const job = await mpiJob(4, [process.execPath, dml, '-f', script, '-config', config, '-stats']);
      expect(job.status, job.stderr).toBe(0);
      expect(job.stderr).toMatch(/DIST rand x\d/);
      expect(job.stderr).toMatch(/DIST tsmm x1/);
      const want = large.stdout.trim().split('\n');
      const got = job.stdout.trim().split('\n');
      expect(got.length).toBe(want.length);
      got.forEach((line, i) => expect(agree(line, want[i]!), `${line} vs ${want[i]}`).toBe(true));
    },
  );
});

describe('a sparse matrix with few non-zeros', () => {
  it.skipIf(why !== undefined)('goes to every rank as its CSR arrays, not as rows x cols doubles', { timeout: 60_000 }, async () => {
    // kmeans's seeding: a 500 x 100000 selection matrix (500 non-zeros) times X. Dense, it was
    // 400 MB to scatter; as CSR it is a few kilobytes.
    const script = path.join(dir, 'selection.dml');
    writeFileSync(
      script,
      `X = rand(rows=100000, cols=20, seed=4)
ids = sample(100000, 500, FALSE, 9)
S = table(seq(1, 500), ids, 500, 100000) %*% X
print(sum(S))
c = colSums(S)
print(toString(c[1, 1:3]))
`,
    );
    const dml = path.join(repo, 'bin', 'dml.js');
    const plain = spawnSync(process.execPath, [dml, '-f', script], { encoding: 'utf8' });
    expect(plain.status, plain.stderr).toBe(0);
    const job = await mpiJob(3, [process.execPath, dml, '-f', script, '-exec', 'dist', '-stats']);
    expect(job.status, job.stderr).toBe(0);
    const want = plain.stdout.trim().split('\n');
    job.stdout
      .trim()
      .split('\n')
      .forEach((line, i) => expect(agree(line, want[i]!), `${line} vs ${want[i]}`).toBe(true));
    // Every byte rank 0 moved through MPI (X is generated on the ranks; S's product is reduced).
    const mpi = /MPI calls on rank 0:.*/.exec(job.stderr)?.[0];
    expect(mpi, job.stderr).toBeDefined();
    const mb = [...mpi!.matchAll(/\(([\d.]+) MB\)/g)].reduce((t, m) => t + Number(m[1]), 0);
    expect(mb, mpi).toBeLessThan(5);
  });
});
