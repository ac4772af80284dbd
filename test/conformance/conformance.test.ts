// Conformance suite: SystemDS's own test scripts, run unchanged through the `dml` command, with
// outputs compared against the R results recorded in each case's expected/ directory.
// Case layout and regeneration: tools/conformance/README.md; list of cases: STATUS.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareResults, parseNumber, readDmlOutput, readExpected } from './read-outputs.js';
import { discoverCases, readSpec, substitute, type CaseSpec } from './case-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dmlBin = path.join(repo, 'bin', 'dml.js');
const cliMain = path.join(repo, 'dist', 'cli', 'main.js');

/** The command line after `dml`, SystemDS style: `-f script -args a b` or `-f script -nvargs k=v`. */
function commandLine(caseDir: string, spec: CaseSpec, outDir: string): string[] {
  const inDir = path.join(caseDir, 'in');
  const argv = ['-f', path.join(caseDir, 'script.dml')];
  if (spec.args && spec.args.length > 0)
    argv.push('-args', ...spec.args.map((a) => substitute(a, inDir, outDir)));
  if (spec.nvargs && Object.keys(spec.nvargs).length > 0)
    argv.push(
      '-nvargs',
      ...Object.entries(spec.nvargs).map(([k, v]) => `${k}=${substitute(v, inDir, outDir)}`),
    );
  return argv;
}

interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

/** Runs the dml command asynchronously so several cases can run at once (each is its own process). */
function runDml(argv: string[], cwd: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [dmlBin, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let error: Error | undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      error = new Error(`dml did not finish within ${timeoutMs} ms`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => (error = e));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ...(error ? { error } : {}) });
    });
  });
}

const cases = discoverCases(here);

describe.concurrent('conformance (SystemDS test scripts vs R)', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  // Every case runs with the default optimizer and with --optlevel 0 (no rewrites): both must
  // match R, so no rewrite may change a result beyond the case's tolerance.
  for (const caseDir of cases)
    for (const optLevel of ['2', '0'] as const) {
      const name = path.relative(here, caseDir);
      const spec = readSpec(caseDir);
      const limit = spec.timeoutMs ?? 120_000;

      it(
        optLevel === '2' ? name : `${name} (--optlevel 0)`,
        { timeout: limit + 10_000 },
        async ({ expect }) => {
          if (!fs.existsSync(dmlBin) || !fs.existsSync(cliMain))
            throw new Error(
              `the dml command is not built (${path.relative(repo, cliMain)} missing): run npm run build first`,
            );
          const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-conf-'));
          try {
            const argv = commandLine(caseDir, spec, outDir);
            if (optLevel === '0') argv.push('--optlevel', '0');
            const run = await runDml(argv, caseDir, limit);
            const log = `source: ${spec.source}\nexit: ${String(run.status)} ${run.signal ?? ''}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
            expect(run.error, log).toBeUndefined();
            expect(run.status, log).toBe(0);
            for (const out of spec.outputs) {
              const actual = readDmlOutput(path.join(outDir, out.name));
              const expected = readExpected(path.join(caseDir, 'expected', out.expected ?? out.name));
              const problems = compareResults(actual, expected, out.tol ?? 1e-9);
              expect(
                problems,
                `${name}: output ${out.name} differs from R\n${problems.join('\n')}\n${log}`,
              ).toEqual([]);
            }
            for (const want of spec.stdout ?? []) {
              const line = run.stdout.split(/\r?\n/).find((l) => l.startsWith(want.prefix));
              expect(line, `stdout has no line starting with '${want.prefix}'\n${log}`).toBeDefined();
              const got = parseNumber(line!.slice(want.prefix.length));
              const problems = compareResults(
                { kind: 'scalar', value: got },
                { kind: 'scalar', value: want.value },
                want.tol ?? 1e-9,
              );
              expect(problems, `${name}: printed value after '${want.prefix}'\n${log}`).toEqual([]);
            }
            for (const bad of spec.stdoutExcludes ?? [])
              expect(run.stdout, `stdout contains '${bad}'\n${log}`).not.toContain(bad);
          } finally {
            fs.rmSync(outDir, { recursive: true, force: true });
          }
        },
      );
    }
});
