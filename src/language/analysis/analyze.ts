/**
 * Semantic analysis of a parsed DML program, in numbered phases:
 *   1. `$args` and `ifdef` become literals (args.ts);
 *   2. the function table: main-script functions, `source()`d namespaces, stdlib on demand (modules.ts);
 *   3. scopes, call resolution, arity, statement rules and types over main and every function (checker.ts).
 * All independent problems are collected; nothing throws for user errors.
 */
import type { Diagnostic } from '../../common/diagnostics.js';
import { diag } from '../../common/diagnostics.js';
import type { Program, Statement } from '../ast.js';
import type { AnalyzedProgram, AnalyzeOptions } from './analyzed.js';
import { ArgSubstituter } from './args.js';
import { Checker } from './checker.js';
import type { ParseFn } from './modules.js';
import { openFileAccess } from '../../common/file-access.js';
import { ModuleLoader, defaultStdlibDir, nestedFunctionDefs, nestedImports } from './modules.js';

export function analyzeWith(
  program: Program,
  sourceText: string,
  options: AnalyzeOptions,
  parse: ParseFn | undefined,
  parseDiagnostics: readonly Diagnostic[] = [],
): AnalyzedProgram {
  const diagnostics: Diagnostic[] = [...parseDiagnostics];
  const substituter = new ArgSubstituter(options.args ?? new Map(), diagnostics);

  // Phase 1: command-line arguments.
  const body: Statement[] = substituter.statements(program.body);

  // Phase 2: function table.
  const loader = new ModuleLoader(
    parse,
    substituter,
    diagnostics,
    options.files ?? openFileAccess(options.cwd ?? process.cwd()),
    options.stdlibDir ?? defaultStdlibDir(),
  );
  loader.sources.set(program.file, sourceText);
  for (const f of nestedFunctionDefs(body)) {
    diagnostics.push(
      diag(
        'DML1006',
        `function '${f.name}' must be defined at the top level of the script, not inside a block`,
        f.nameSpan,
      ),
    );
  }
  for (const s of nestedImports(body)) {
    diagnostics.push(
      diag(
        'DML1006',
        `${s.kind === 'source' ? 'source()' : 'setwd()'} must be at the top level of the script, not inside a block or function`,
        s.span,
      ),
    );
  }
  const mainUnit = loader.loadMain(program, body);
  const main = body.filter((s) => s.kind !== 'function' && s.kind !== 'source' && s.kind !== 'setwd');

  // Phase 3: main script, then every function (stdlib files loaded meanwhile join the worklist).
  const checker = new Checker(loader, diagnostics);
  checker.checkMain(mainUnit, main);
  const done = new Set<string>();
  for (let progress = true; progress;) {
    progress = false;
    for (const [key, fn] of [...loader.functions]) {
      if (done.has(key)) continue;
      done.add(key);
      progress = true;
      checker.checkFunction(loader.unitOf.get(key)!, fn.def);
    }
  }

  // Warnings inside stdlib files (e.g. "maybe undefined" on paths guarded by stop()) are for the
  // library's authors, not for the user who called lm(); errors there are still reported.
  const stdlibFiles = new Set(
    [...loader.functions.values()].filter((f) => f.origin === 'stdlib').map((f) => f.def.span.file),
  );
  const shown = diagnostics
    .slice(parseDiagnostics.length)
    .filter((d) => d.severity === 'error' || d.span === undefined || !stdlibFiles.has(d.span.file));
  return {
    main,
    functions: loader.functions,
    calls: checker.calls,
    types: checker.types,
    diagnostics: [...parseDiagnostics, ...bySourcePosition(shown, [...loader.sources.keys()])],
    sources: loader.sources,
  };
}

/** Stable order for reading: files in load order (main first), then line and column; spanless last. */
function bySourcePosition(ds: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  const rank = (d: Diagnostic): number => {
    if (d.span === undefined) return Number.MAX_SAFE_INTEGER;
    const i = files.indexOf(d.span.file);
    return i < 0 ? files.length : i;
  };
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        rank(a.d) - rank(b.d) ||
        (a.d.span?.line ?? 0) - (b.d.span?.line ?? 0) ||
        (a.d.span?.col ?? 0) - (b.d.span?.col ?? 0) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}
