/** Compiles DML text through the real front end and the optimizer, for optimizer tests. */
import { formatDiagnostics } from '../../src/common/diagnostics.js';
import { compileSource } from '../../src/language/index.js';
import { openFileAccess } from '../../src/common/file-access.js';
import { readFactsThrough } from '../../src/api/read-facts.js';
import type { Hop } from '../../src/optimizer/hop.js';
import { compileProgram, explainHops, explainRuntime, type CompiledProgram, type OptimizerOptions } from '../../src/optimizer/index.js';
import { instructionText } from '../../src/optimizer/explain.js';
import type { ProgramBlock } from '../../src/optimizer/plan.js';

export function compile(src: string, options: OptimizerOptions = {}): CompiledProgram {
  const analyzed = compileSource(src, 'test.dml');
  const errors = analyzed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(formatDiagnostics(errors, analyzed.sources));
  // Reads find their .mtd as a run does (the pipeline's look-up, from the working directory).
  return compileProgram(analyzed, { readFacts: readFactsThrough(openFileAccess(process.cwd())), ...options });
}

export function runtimeText(src: string, options: OptimizerOptions = {}): string {
  return explainRuntime(compile(src, options));
}

export function hopsText(src: string, options: OptimizerOptions = {}): string {
  return explainHops(compile(src, options));
}

/** Instruction texts of the main program's basic block number `index`. */
export function blockInstructions(c: CompiledProgram, index = 0, blocks: readonly ProgramBlock[] = c.runtime.main): string[] {
  const b = blocks.filter((x) => x.kind === 'basic')[index];
  if (!b || b.kind !== 'basic') throw new Error(`no basic block ${index}`);
  return b.instructions.map(instructionText);
}

/** Every HOP of a basic block's DAG, inputs first. */
export function blockHops(c: CompiledProgram, index = 0): Hop[] {
  const b = c.runtime.main.filter((x) => x.kind === 'basic')[index];
  if (!b || b.kind !== 'basic') throw new Error(`no basic block ${index}`);
  const seen = new Set<Hop>();
  const out: Hop[] = [];
  const visit = (h: Hop): void => {
    if (seen.has(h)) return;
    seen.add(h);
    h.inputs.forEach(visit);
    out.push(h);
  };
  b.hops?.roots.forEach(visit);
  return out;
}

/** The value HOP written to variable `name` in basic block `index`. */
export function written(c: CompiledProgram, name: string, index = 0): Hop {
  const w = blockHops(c, index).find((h) => h.kind === 'twrite' && h.name === name);
  if (!w) throw new Error(`no twrite of ${name}`);
  return w.inputs[0]!;
}
