/** The language front end: parse + analyze. The compiler driver and the REPL call these. */
import type { Program } from './ast.js';
import type { AnalyzedProgram, AnalyzeOptions } from './analysis/analyzed.js';
import { analyzeWith } from './analysis/analyze.js';
import { parseProgram } from './parse.js';

export type { AnalyzedProgram, AnalyzeOptions, AnalyzedFunction, CallTarget } from './analysis/analyzed.js';

/** Analyzes an already parsed main script; `source()`d and stdlib files are parsed as needed. */
export function analyzeProgram(
  program: Program,
  sourceText: string,
  options: AnalyzeOptions = {},
): AnalyzedProgram {
  return analyzeWith(program, sourceText, options, parseProgram);
}

/** Parses and analyzes a script; parse diagnostics come first in the result. */
export function compileSource(text: string, file: string, options: AnalyzeOptions = {}): AnalyzedProgram {
  const { program, diagnostics } = parseProgram(text, file);
  return analyzeWith(program, text, options, parseProgram, diagnostics);
}
