/**
 * The fuzzing harness (issue 18): mutants of the stdlib and the examples, plus deep-nesting and
 * long-script generators, each run as an untrusted script would be: a Session confined to an empty
 * directory, with a deadline and a small memory budget. Every input must end in success or in a
 * user-facing error; never an internal error (DML5999, DML1000, a JavaScript exception) and never
 * a run past its deadline by more than the allowed slack.
 *
 * In CI it runs for a bounded time. For a long run before closing an issue:
 *   TESSERA_FUZZ_INPUTS=100000 TESSERA_FUZZ_SECONDS=0 npx vitest run test/reliability/fuzz.test.ts
 * (seconds 0 = no time bound). TESSERA_FUZZ_SEED picks the seed; a failure prints its seed and
 * writes the mutant to the system's temporary directory, so it can be replayed.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DmlRunError, Session } from '../../src/api/index.js';
import { generated, identifiersOf, mutant, Rng } from './fuzz/mutator.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const INPUTS = Number(process.env['TESSERA_FUZZ_INPUTS'] ?? 2000);
const SECONDS = Number(process.env['TESSERA_FUZZ_SECONDS'] ?? 60);
const SEED = Number(process.env['TESSERA_FUZZ_SEED'] ?? 20261208);
/** The run's deadline, and how far past it a run may end (a kernel call in flight finishes). */
const DEADLINE_MS = 1000;
const SLACK_MS = 2000;
const INTERNAL = new Set(['DML5999', 'DML1000']);

function corpus(): string[] {
  const files = [
    ...readdirSync(path.join(repo, 'stdlib'))
      .filter((f) => f.endsWith('.dml'))
      .map((f) => path.join(repo, 'stdlib', f)),
    ...readdirSync(path.join(repo, 'examples'))
      .filter((f) => f.endsWith('.dml'))
      .map((f) => path.join(repo, 'examples', f)),
  ];
  return files.map((f) => readFileSync(f, 'utf8'));
}

interface Finding {
  readonly seed: number;
  readonly kind: 'internal error' | 'hang';
  readonly detail: string;
  readonly file: string;
}

describe('fuzzing: no internal errors, no hangs', () => {
  it(
    `${INPUTS} mutants and generated scripts (seed ${SEED}, at most ${SECONDS || 'unbounded'} s)`,
    { timeout: (SECONDS || 86_400) * 1000 + 60_000 },
    () => {
      const texts = corpus();
      const names = identifiersOf(texts);
      const box = mkdtempSync(path.join(os.tmpdir(), 'tessera-fuzz-box-'));
      const session = new Session({
        cwd: box,
        allowedDirs: [box],
        memory: 256 * 1024 * 1024,
        threads: 1,
        seed: 1,
        print: () => {},
      });
      const findings: Finding[] = [];
      const t0 = performance.now();
      let ran = 0;
      let userErrors = 0;
      for (let k = 0; k < INPUTS; k++) {
        if (SECONDS > 0 && performance.now() - t0 > SECONDS * 1000) break;
        const seed = SEED + k;
        const rng = new Rng(seed);
        const text = rng.int(10) === 0 ? generated(rng) : mutant(texts, rng, names);
        const start = performance.now();
        let detail: string | undefined;
        try {
          session.run(text, { timeoutMs: DEADLINE_MS });
        } catch (e) {
          if (e instanceof DmlRunError) {
            const internal = e.diagnostics.find((d) => INTERNAL.has(d.code));
            if (internal) detail = `${internal.code}: ${internal.message}`;
            else userErrors++;
          } else detail = `${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`;
        }
        const ms = performance.now() - start;
        ran++;
        const kind =
          detail !== undefined ? 'internal error' : ms > DEADLINE_MS + SLACK_MS ? 'hang' : undefined;
        if (kind !== undefined) {
          const file = path.join(os.tmpdir(), `tessera-fuzz-${seed}.dml`);
          writeFileSync(file, text);
          findings.push({ seed, kind, detail: detail ?? `${ms.toFixed(0)} ms`, file });
        }
      }
      const report = findings
        .slice(0, 20)
        .map((f) => `seed ${f.seed}: ${f.kind}: ${f.detail.split('\n')[0]} (mutant: ${f.file})`)
        .join('\n');
      // What ran, so a bounded CI run shows how much it covered.
      console.log(
        `fuzz: ${ran} inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${userErrors} user errors, ${findings.length} findings`,
      );
      expect(ran).toBeGreaterThan(0);
      expect(report).toBe('');
    },
  );
});
