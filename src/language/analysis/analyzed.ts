/**
 * The result of analysis: what the optimizer consumes. The AST stays immutable; what analysis
 * learned about it is kept in side tables keyed by node identity.
 */
import type { BuiltinSpec, TypeInfo } from '../../common/builtins/spec.js';
import type { Diagnostic } from '../../common/diagnostics.js';
import type { CallExpr, Expr, FunctionDef, Statement } from '../ast.js';

/** What a call resolved to. */
export type CallTarget =
  | { readonly kind: 'builtin'; readonly spec: BuiltinSpec }
  /** A user-defined, sourced or stdlib function, by its key in `functions`. */
  | { readonly kind: 'function'; readonly key: string };

export interface AnalyzedFunction {
  /** "ns::name" for sourced functions, "name" in the default namespace (stdlib functions too). */
  readonly key: string;
  readonly namespace?: string;
  readonly def: FunctionDef;
  /** File the function was defined in. */
  readonly file: string;
  /** Where it came from: the main script, a source()d file, or the stdlib. */
  readonly origin: 'script' | 'source' | 'stdlib';
}

export interface AnalyzedProgram {
  /** Top-level statements of the main script (function definitions removed), `$args` replaced by literals. */
  readonly main: readonly Statement[];
  /** Every function reachable from the script, by key. Bodies have `$args` replaced too. */
  readonly functions: ReadonlyMap<string, AnalyzedFunction>;
  /** Resolution of every call expression in main and in every function body. */
  readonly calls: ReadonlyMap<CallExpr, CallTarget>;
  /** Inferred static type of every expression analysis could type. */
  readonly types: ReadonlyMap<Expr, TypeInfo>;
  /** Errors and warnings; the program may only be compiled further when there is no error. */
  readonly diagnostics: readonly Diagnostic[];
  /** File name -> source text, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
}

import type { FileAccess } from '../../common/file-access.js';

export interface AnalyzeOptions {
  /** Named (`-nvargs k=v`) and positional (`-args a b`, keys "1", "2", ...) script arguments, as strings. */
  readonly args?: ReadonlyMap<string, string>;
  /** Directory `source()` paths resolve against (the process's working dir by default). */
  readonly cwd?: string;
  /**
   * How sourced files are found and opened (confinement included); default: unconfined access
   * from `cwd`. The stdlib is the package's own code and is read directly.
   */
  readonly files?: FileAccess;
  /** Directory of the stdlib's .dml files (stdlib/ in the package by default). */
  readonly stdlibDir?: string;
}
