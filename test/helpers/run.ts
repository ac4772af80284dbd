/** Runs a DML script in-process and returns what it printed (end-to-end tests of the pipeline). */
// Arrow/Parquet read/write for DML scripts run through this entry point (see engine/io/columnar.ts).
import '../../src/engine/io/columnar-register.js';
import { runScript, type RunOptions, type RunResult } from '../../src/api/run.js';

export function runDml(text: string, opts: Partial<RunOptions> = {}): { out: string[]; result: RunResult } {
  const out: string[] = [];
  const result = runScript({ text, file: 'test.dml', print: (l) => out.push(l), seed: 1, ...opts });
  return { out, result };
}

/** Printed lines of a script. */
export function printed(text: string, opts: Partial<RunOptions> = {}): string[] {
  return runDml(text, opts).out;
}
