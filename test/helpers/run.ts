/** Runs a DML script in-process and returns what it printed (end-to-end tests of the pipeline). */
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
