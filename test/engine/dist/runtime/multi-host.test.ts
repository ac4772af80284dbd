/**
 * A job across two "hosts" (issue 12): two network namespaces made by this test, joined by a veth
 * pair with private addresses, one rank on each. mpirun runs in the first namespace and starts
 * the remote daemon through an rsh agent that enters the other namespace (no ssh), each "host"
 * with its own hostname. A script's distributed results equal a plain LOCAL run; then rank 1 (the
 * remote host) is killed mid-loop: the job ends within seconds with the error naming rank 0's
 * instruction, the input is unchanged and no output is written.
 *
 * Needs root and `ip netns` (skipped otherwise, with the reason; in CI it must run). The test
 * touches only the namespaces and interfaces it creates, and deletes them afterwards.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../../../../src/api/index.js';
import { defaultConfig } from '../../../../src/common/config.js';
import { agree, mpiSkipReason, repo, spawnJob, type JobResult } from '../mpi-job.js';

/** `ip ...`, throwing with its message when it fails. */
function ip(...args: string[]): string {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

// Unique per run: names (interface names at most 15 characters) and a subnet. The addresses live
// only inside the two namespaces, so another run with the same subnet would not clash anyway.
const tag = `tm${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;
const subnet = `10.231.${Math.floor(Math.random() * 256)}`;
const hosts = [
  { ns: `${tag}a`, dev: `${tag}x`, addr: `${subnet}.1`, name: `${tag}-host-a` },
  { ns: `${tag}b`, dev: `${tag}y`, addr: `${subnet}.2`, name: `${tag}-host-b` },
] as const;
const created = { namespaces: [] as string[], link: undefined as string | undefined };

/** Makes the two hosts; says why it cannot (undefined: made). */
function setUp(): string | undefined {
  if (process.getuid?.() !== 0) return 'namespaces need root';
  try {
    const existing = ip('netns', 'list');
    for (const h of hosts)
      if (existing.split('\n').some((l) => l.split(' ')[0] === h.ns))
        return `namespace ${h.ns} exists already`;
    for (const h of hosts) {
      ip('netns', 'add', h.ns);
      created.namespaces.push(h.ns);
    }
    ip('link', 'add', hosts[0].dev, 'type', 'veth', 'peer', 'name', hosts[1].dev);
    created.link = hosts[0].dev;
    for (const h of hosts) ip('link', 'set', h.dev, 'netns', h.ns);
    created.link = undefined; // now inside the namespaces, gone with them
    for (const h of hosts) {
      ip('-n', h.ns, 'addr', 'add', `${h.addr}/24`, 'dev', h.dev);
      ip('-n', h.ns, 'link', 'set', 'lo', 'up');
      ip('-n', h.ns, 'link', 'set', h.dev, 'up');
    }
    return undefined;
  } catch (e) {
    return `cannot make network namespaces: ${(e as Error).message}`;
  }
}

function tearDown(): void {
  if (created.link !== undefined) spawnSync('ip', ['link', 'del', created.link]);
  for (const ns of created.namespaces.splice(0)) spawnSync('ip', ['netns', 'del', ns]);
}

let why = mpiSkipReason();
if (why === undefined) {
  why = setUp();
  if (why !== undefined) tearDown();
}
if (why !== undefined && process.env['CI']) throw new Error(`multi-host tests must run in CI: ${why}`);
if (why !== undefined) console.warn(`multi-host tests skipped: ${why}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-multi-host-'));
afterAll(() => {
  tearDown();
  rmSync(dir, { recursive: true, force: true });
});

const agent = path.join(dir, 'netns-rsh-agent.sh');
copyFileSync(path.join(repo, 'test', 'engine', 'dist', 'fixtures', 'netns-rsh-agent.sh'), agent);
chmodSync(agent, 0o755);
const hostfile = path.join(dir, 'hostfile');
writeFileSync(hostfile, hosts.map((h) => `${h.addr} slots=1\n`).join(''));

/** `mpirun -np 2` of a DML script from host a, one rank per host; each rank first says where it runs. */
function twoHostJob(
  script: string,
  timeoutMs: number,
  onStdout?: (text: string) => void,
): Promise<JobResult> {
  const where = 'echo "rank $OMPI_COMM_WORLD_RANK on $(hostname) in $(ip netns identify $$)" >&2; exec "$@"';
  const mpirun = [
    'mpirun',
    '-np',
    '2',
    ...(process.getuid?.() === 0 ? ['--allow-run-as-root'] : []),
    '--hostfile',
    hostfile,
    '--map-by',
    'node',
    '--bind-to',
    'none',
    ...['--mca', 'plm_rsh_agent', agent],
    ...['--mca', 'mpi_yield_when_idle', '1'],
    ...['--mca', 'btl_tcp_if_include', `${subnet}.0/24`],
    ...['--mca', 'oob_tcp_if_include', `${subnet}.0/24`],
    ...[
      'sh',
      '-c',
      where,
      'sh',
      process.execPath,
      path.join(repo, 'bin', 'dml.js'),
      '-f',
      script,
      '-exec',
      'dist',
    ],
  ];
  const [a] = hosts;
  const args = [
    'netns',
    'exec',
    a.ns,
    'unshare',
    '--uts',
    'sh',
    '-c',
    `hostname ${a.name} && exec "$@"`,
    'sh',
    ...mpirun,
  ];
  return spawnJob('ip', args, {
    timeoutMs,
    env: { ...process.env, TESSERA_NETNS_HOSTS: hosts.map((h) => `${h.addr}=${h.ns}:${h.name}`).join(' ') },
    ...(onStdout ? { onStdout } : {}),
  });
}

/** Each rank ran on its own host: its hostname and its namespace. */
function expectOneRankPerHost(stderr: string): void {
  hosts.forEach((h, rank) =>
    expect(stderr, `rank ${rank}'s host`).toContain(`rank ${rank} on ${h.name} in ${h.ns}`),
  );
}

describe('a job across two hosts (network namespaces joined by veth)', () => {
  it.skipIf(why !== undefined)(
    'runs a script with one rank per host, equal to LOCAL',
    { timeout: 30_000 },
    async () => {
      const text = `
X = rand(rows=2345, cols=4, min=-1, max=1, seed=21)
y = X %*% matrix("1 2 3 4", rows=4, cols=1) + rand(rows=2345, cols=1, seed=5)
print(sum(X))
print(toString(colSums(X)))
print(toString(colMaxs(X)) + toString(colMins(X)))
print(sum(rowSums(X * X)))
print(sd(X))
print(toString(t(X) %*% X))
print(toString(solve(t(X) %*% X, t(X) %*% y)))
print(sum(t(X)) + sum(exp(X) / (abs(X) + 1)))
`;
      const script = path.join(dir, 'two-hosts.dml');
      writeFileSync(script, text);
      const r = await twoHostJob(script, 25_000);
      expect(r.status, r.stderr).toBe(0);
      expectOneRankPerHost(r.stderr);
      const want: string[] = [];
      runScript({ text, config: { ...defaultConfig(), threads: 1 }, print: (l) => want.push(l) });
      const got = r.stdout.trimEnd().split('\n');
      expect(got.length, r.stdout).toBe(want.join('\n').split('\n').length);
      want
        .join('\n')
        .split('\n')
        .forEach((line, i) => expect(agree(got[i]!, line), `line ${i + 1}: ${got[i]} vs ${line}`).toBe(true));
    },
  );

  it.skipIf(why !== undefined)(
    'a rank killed on the remote host ends the job with a clear error; nothing written',
    { timeout: 30_000 },
    async () => {
      const input = path.join(dir, 'X.csv');
      const rows = Array.from({ length: 3000 }, (_, i) =>
        Array.from({ length: 30 }, (_, j) => (i * 31 + j) % 17).join(','),
      );
      writeFileSync(input, rows.join('\n') + '\n');
      writeFileSync(
        `${input}.mtd`,
        JSON.stringify({ data_type: 'matrix', value_type: 'double', rows: 3000, cols: 30, format: 'csv' }),
      );
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
      const job = twoHostJob(script, 25_000, (out) => out.includes('looping') && looping());
      await Promise.race([inLoop, job]);
      // The job's node processes (not the sh wrappers, which exec'd into them), with their rank.
      const ranks = spawnSync('pgrep', ['-f', `dml.js -f ${script}`], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number)
        .flatMap((pid) => {
          try {
            const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
            const v = env.find((e) => e.startsWith('OMPI_COMM_WORLD_RANK='));
            return v === undefined ? [] : [{ pid, rank: Number(v.split('=')[1]) }];
          } catch {
            return [];
          }
        });
      const victim = ranks.find((r) => r.rank === 1)?.pid;
      expect(victim, 'rank 1 is running').toBeDefined();
      expect(spawnSync('ip', ['netns', 'identify', String(victim)], { encoding: 'utf8' }).stdout.trim()).toBe(
        hosts[1].ns,
      );
      const killedAt = Date.now();
      process.kill(victim!, 'SIGKILL');
      const r = await job;
      const took = Date.now() - killedAt;
      expect(r.timedOut, 'the job ended by itself').toBe(false);
      expect(took, 'ended within seconds').toBeLessThan(15_000);
      expect(r.status).not.toBe(0);
      expectOneRankPerHost(r.stderr);
      // mpirun names the remote node as the hostfile does, by its address.
      expect(r.stderr).toMatch(
        new RegExp(`process rank 1 .* on node ${hosts[1].addr.replaceAll('.', '\\.')} exited on signal 9`),
      );
      expect(r.stderr).toMatch(
        new RegExp(
          `tessera: rank 0 of 2 on ${hosts[0].name}: the job was ended by the launcher .*killed-mid-job\\.dml:4:`,
        ),
      );
      expect(readFileSync(input)).toEqual(before);
      expect(readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);
      expect(existsSync(path.join(dir, 'out.csv'))).toBe(false);
    },
  );
});
