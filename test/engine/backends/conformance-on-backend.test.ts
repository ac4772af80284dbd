/**
 * The conformance cases (SystemDS's scripts with R's results) run in-process with the test
 * backend registered and the GPU enabled: every op it registers is placed there by the planner,
 * its inputs reach it by lazy moves, and every output must still match R exactly as the LOCAL
 * runs of test/conformance do (same tolerance), at both optimization levels.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../../../src/api/index.js';
import { defaultConfig } from '../../../src/common/config.js';
import { discoverCases, readSpec, scriptArgs } from '../../conformance/case-files.js';
import { compareResults, parseNumber, readDmlOutput, readExpected } from '../../conformance/read-outputs.js';
import { TestBackend } from './test-backend.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const casesDir = path.resolve(here, '../../conformance');
const cases = discoverCases(casesDir);
let deviceOps = 0;

describe('conformance cases with the test backend (results equal LOCAL and R)', () => {
  for (const caseDir of cases)
    for (const optLevel of [2, 0] as const) {
      const name = path.relative(casesDir, caseDir);
      const spec = readSpec(caseDir);
      it(`${name}${optLevel === 0 ? ' (--optlevel 0)' : ''}`, { timeout: (spec.timeoutMs ?? 120_000) + 10_000 }, () => {
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-seam-'));
        const printed: string[] = [];
        const backend = new TestBackend();
        try {
          const script = path.join(caseDir, 'script.dml');
          const r = runScript({
            text: fs.readFileSync(script, 'utf8'),
            file: script,
            cwd: caseDir,
            args: scriptArgs(caseDir, spec, outDir),
            optLevel,
            config: { ...defaultConfig(), threads: 1, gpuMode: 'on' },
            backends: [backend],
            stats: true,
            print: (l) => printed.push(l),
          });
          for (const n of r.stats!.devices!.ran.values()) deviceOps += n;
          for (const out of spec.outputs) {
            const actual = readDmlOutput(path.join(outDir, out.name));
            const expected = readExpected(path.join(caseDir, 'expected', out.expected ?? out.name));
            expect(compareResults(actual, expected, out.tol ?? 1e-9), `${name}: ${out.name}`).toEqual([]);
          }
          for (const want of spec.stdout ?? []) {
            const line = printed.find((l) => l.startsWith(want.prefix));
            expect(line, `no line starting with '${want.prefix}'`).toBeDefined();
            const got = { kind: 'scalar' as const, value: parseNumber(line!.slice(want.prefix.length)) };
            expect(compareResults(got, { kind: 'scalar', value: want.value }, want.tol ?? 1e-9)).toEqual([]);
          }
          for (const bad of spec.stdoutExcludes ?? []) expect(printed.join('\n')).not.toContain(bad);
          expect(backend.usedBytes, 'device memory released at the end of the run').toBe(0);
        } finally {
          fs.rmSync(outDir, { recursive: true, force: true });
        }
      });
    }

  afterAll(() => {
    // The suite proves the seam only if the backend really ran ops (thousands across the cases).
    expect(deviceOps).toBeGreaterThan(100);
  });
});
