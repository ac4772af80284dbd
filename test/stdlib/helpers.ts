/**
 * Shared helpers for stdlib tests: run a DML script in-process, read its variables back as plain
 * arrays, read R's recorded CSV results, and compare with a stated tolerance.
 */
import '../../src/engine/io/columnar-register.js';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { runScript } from '../../src/api/run.js';
import { isMatrix, isScalar, type Value } from '../../src/engine/data/values.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of a recorded reference case: test/stdlib/ref/<name>. */
export function refDir(name: string): string {
  return resolve(here, 'ref', name);
}

/** A numeric CSV without header (as the R scripts write them). */
export function readCsv(path: string): number[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(',').map((c) => (c.trim() === 'NA' ? NaN : Number(c))));
}

/** R's recorded output `<case>/<file>` as rows of numbers. */
export function readRef(name: string, file: string): number[][] {
  return readCsv(join(refDir(name), file));
}

export interface StdlibRun {
  /** Lines the script printed. */
  readonly out: string[];
  /** A matrix variable (at the end of the script) as rows. */
  matrix(name: string): number[][];
  /** A scalar variable's value. */
  scalar(name: string): number | string | boolean;
  /** The raw value, for lists and frames. */
  value(name: string): Value;
}

/**
 * Runs `text` with `cwd` (default: test/stdlib/ref) so `read("case/X.csv", format="csv")` finds
 * recorded inputs. Seeded for reproducibility.
 */
export function runStdlib(text: string, opts: { cwd?: string; args?: Record<string, string>; seed?: number } = {}): StdlibRun {
  const out: string[] = [];
  const result = runScript({
    text,
    file: 'stdlib-test.dml',
    cwd: opts.cwd ?? resolve(here, 'ref'),
    print: (l) => out.push(l),
    seed: opts.seed ?? 7,
    ...(opts.args ? { args: opts.args } : {}),
  });
  const get = (name: string): Value => {
    const v = result.variables.get(name);
    if (v === undefined) throw new Error(`script left no variable '${name}' (has: ${[...result.variables.keys()].join(', ')})`);
    return v;
  };
  return {
    out,
    value: get,
    matrix(name) {
      const v = get(name);
      if (!isMatrix(v)) throw new Error(`'${name}' is not a matrix`);
      return v.toArrays();
    },
    scalar(name) {
      const v = get(name);
      if (!isScalar(v)) throw new Error(`'${name}' is not a scalar`);
      return v.value;
    },
  };
}

/**
 * Element-wise |a - e| <= abs + rel * |e| (NaN matches NaN), with the first mismatch named in
 * the failure message.
 */
export function expectMatrixClose(
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
  tol: { rel?: number; abs?: number } = {},
): void {
  const rel = tol.rel ?? 1e-9;
  const abs = tol.abs ?? 1e-12;
  expect(actual.length, 'rows').toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(actual[i]!.length, `cols of row ${i}`).toBe(expected[i]!.length);
    for (let j = 0; j < expected[i]!.length; j++) {
      const a = actual[i]![j]!;
      const e = expected[i]![j]!;
      if (Number.isNaN(e) && Number.isNaN(a)) continue;
      const ok = Math.abs(a - e) <= abs + rel * Math.abs(e) || a === e;
      if (!ok) expect.fail(`cell (${i + 1},${j + 1}): got ${a}, expected ${e} (rel ${rel}, abs ${abs})`);
    }
  }
}
