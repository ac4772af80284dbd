/** The recorded conformance cases: where they are and what each case.json says. */
import fs from 'node:fs';
import path from 'node:path';

export interface CaseOutput {
  name: string;
  type: 'matrix' | 'scalar';
  tol?: number;
  /** File name under expected/ when R names the output differently (e.g. R writes "Rout" for DML's "R"). */
  expected?: string;
}

export interface CaseSpec {
  source: string;
  args?: string[];
  nvargs?: Record<string, string>;
  outputs: CaseOutput[];
  /** Numbers the script prints after a prefix (self-checking SystemDS scripts), compared like cells. */
  stdout?: Array<{ prefix: string; value: number; tol?: number }>;
  /** Text that must not appear in stdout (e.g. "ERROR" printed by self-checking scripts). */
  stdoutExcludes?: string[];
  notes?: string;
  /** Per-case time limit for the dml process, in ms (iterative applications need longer). */
  timeoutMs?: number;
}

/** Every directory under `dir` holding a case.json, sorted. */
export function discoverCases(dir: string): string[] {
  const found: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = path.join(dir, e.name);
    if (fs.existsSync(path.join(sub, 'case.json'))) found.push(sub);
    else found.push(...discoverCases(sub));
  }
  return found.sort();
}

export function readSpec(caseDir: string): CaseSpec {
  return JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8')) as CaseSpec;
}

export function substitute(value: string, inDir: string, outDir: string): string {
  return value.replaceAll('{in}', inDir).replaceAll('{out}', outDir);
}

/** The script arguments as an in-process run takes them: `-args` as "1", "2", ...; `-nvargs` by name. */
export function scriptArgs(caseDir: string, spec: CaseSpec, outDir: string): Record<string, string> {
  const inDir = path.join(caseDir, 'in');
  const out: Record<string, string> = {};
  (spec.args ?? []).forEach((a, k) => (out[String(k + 1)] = substitute(a, inDir, outDir)));
  for (const [k, v] of Object.entries(spec.nvargs ?? {})) out[k] = substitute(v, inDir, outDir);
  return out;
}
