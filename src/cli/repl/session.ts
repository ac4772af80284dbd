/**
 * The REPL's state and evaluator, independent of any terminal (the terminal loop is repl.ts).
 *
 * Each input is compiled and run as a small script through the API's one pipeline
 * (api/pipeline.ts, as Session.run and `dml -f` are): the session's
 * variables that the input mentions are bound as inputs (the API's binding reads), the functions
 * and `source(...) as ns` statements of earlier inputs are put in front of it, and every variable
 * the run ends with is kept. A bare expression (`X + 1`, `sum(X)`) is run as an assignment to a
 * hidden name and its value is shown compactly.
 */
import { formatDiagnostics, type Diagnostic } from '../../common/diagnostics.js';
import { NO_SPAN } from '../../common/span.js';
import { builtinSpec } from '../../common/builtins/catalogue.js';
import type { TesseraConfig } from '../../common/config.js';
import { MatrixBlock, type Value } from '../../engine/data/values.js';
import type { CallExpr, Expr, Program, Statement } from '../../language/ast.js';
import { parseProgram } from '../../language/parse.js';
import { stdlibDoc } from '../../language/stdlib-docs.js';
import { explainHops, explainRuntime } from '../../optimizer/index.js';
import { bindingRead, kindOf } from '../../api/bindings.js';
import type { ExecBackend } from '../../engine/backends/backend.js';
import {
  compile,
  DmlRunError,
  environment,
  execute,
  loadScript,
  type Environment,
  type RatesOption,
} from '../../api/pipeline.js';
import type { ExecuteOptions } from '../../api/session.js';
import { formatStats } from '../stats-report.js';
import { describeValue, showValue } from './show-value.js';

/** Name a bare expression's value is assigned to (removed again after it is shown). */
const VALUE_NAME = '_repl_value_';

export interface ReplSessionOptions {
  /** Receives printed lines as they are printed. */
  readonly print: (line: string) => void;
  readonly cwd?: string;
  readonly seed?: number;
  readonly config?: TesseraConfig;
  readonly optLevel?: 0 | 2;
  readonly stdlibDir?: string;
  /** `$name` / `$1` arguments every input sees (`dml repl -nvargs k=v`). */
  readonly args?: ReadonlyMap<string, string>;
  /** Confines every file an input reads, writes, sources or `:load`s to these directories. */
  readonly allowedDirs?: readonly string[];
  /** Backends besides LOCAL (as a Session's). */
  readonly backends?: readonly ExecBackend[];
  /** The planner's local rates (default: `dml calibrate`'s cache; see SessionOptions.measured). */
  readonly measured?: RatesOption;
  /** Rewrite rules to skip, by name. */
  readonly disableRules?: readonly string[];
  /** Statistics after every input (`dml repl -stats [k]`): true, or the number of heavy hitters. */
  readonly stats?: boolean | number;
}

/** What one input did: `shown` is a bare expression's display; `error` the formatted diagnostics. */
export interface EvalOutcome {
  readonly ok: boolean;
  readonly shown?: string;
  readonly error?: string;
  /** Analysis warnings about this input (not about earlier inputs' functions, said before). */
  readonly warnings?: string;
  /** With the `stats` option: the input's statistics, as `dml -stats` prints them. */
  readonly stats?: string;
}

/** Run controls passed through to the API (cancellation flag, progress events). */
export type EvalControls = Pick<ExecuteOptions, 'cancelFlag' | 'onProgress' | 'signal'>;

interface Prepared {
  readonly file: string;
  readonly program: Program;
  readonly text: string;
  readonly bindings: Map<string, Value>;
  readonly showValue: boolean;
  readonly newDefs: readonly Statement[];
}

export class ReplSession {
  /** Configuration, file access, planner rates and backends of every input (api/pipeline.ts). */
  private readonly env: Environment;
  private readonly vars = new Map<string, Value>();
  /** Function definitions and `source() as ns` statements of earlier inputs, by name/namespace. */
  private readonly defs = new Map<string, Statement>();
  /** Text of every input, by its file name: code frames of errors in earlier functions. */
  private readonly sources = new Map<string, string>();
  private inputCount = 0;

  constructor(private readonly opts: ReplSessionOptions) {
    this.env = environment({
      ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.config !== undefined ? { config: opts.config } : {}),
      ...(opts.optLevel !== undefined ? { optLevel: opts.optLevel } : {}),
      ...(opts.stdlibDir !== undefined ? { stdlibDir: opts.stdlibDir } : {}),
      ...(opts.allowedDirs !== undefined ? { allowedDirs: opts.allowedDirs } : {}),
      ...(opts.backends !== undefined ? { backends: opts.backends } : {}),
      ...(opts.measured !== undefined ? { measured: opts.measured } : {}),
      ...(opts.disableRules !== undefined ? { disableRules: opts.disableRules } : {}),
    });
  }

  variableNames(): string[] {
    return [...this.vars.keys()].sort((a, b) => a.localeCompare(b));
  }

  functionNames(): string[] {
    const out: string[] = [];
    for (const s of this.defs.values()) if (s.kind === 'function') out.push(s.name);
    return out.sort((a, b) => a.localeCompare(b));
  }

  /** A session function's header as written (`f = function(...) return (...)`), for `:help`. */
  functionSignature(name: string): string | undefined {
    const def = this.defs.get(`fn:${name}`);
    if (def === undefined || def.kind !== 'function') return undefined;
    const text = this.sources.get(def.span.file);
    if (text === undefined) return `${name} = function(...)  (defined in this session)`;
    const from = text
      .split('\n')
      .slice(def.span.line - 1)
      .join('\n')
      .slice(def.span.col - 1);
    const brace = from.indexOf('{');
    const head = (brace >= 0 ? from.slice(0, brace) : from).replace(/\s+/g, ' ').trim();
    return `${head}  (defined in this session, ${def.span.file})`;
  }

  variable(name: string): Value | undefined {
    return this.vars.get(name);
  }

  /** `:vars`: one line per variable (name, type, dims or value). */
  describeVariables(): string {
    const names = this.variableNames();
    if (names.length === 0) return '(no variables)';
    const w = Math.max(...names.map((n) => n.length));
    return names.map((n) => `${n.padEnd(w)}  ${describeValue(this.vars.get(n)!)}`).join('\n');
  }

  /** Runs one input (complete statements, or a bare expression). Never throws for script errors. */
  eval(text: string, controls: EvalControls = {}, file?: string): EvalOutcome {
    let prep: Prepared;
    try {
      prep = this.prepare(text, file);
    } catch (e) {
      return this.failure(e);
    }
    let ran: { warnings: readonly Diagnostic[]; stats?: string };
    try {
      ran = this.run(prep, controls);
    } catch (e) {
      // Functions defined by a failing input stay defined when its compile succeeded (R does so).
      return this.failure(e);
    }
    const warnings = ran.warnings.filter((w) => w.span?.file === prep.file);
    const w = {
      ...(warnings.length > 0 ? { warnings: formatDiagnostics(warnings, this.sources) } : {}),
      ...(ran.stats !== undefined ? { stats: ran.stats } : {}),
    };
    if (prep.showValue) {
      const v = this.vars.get(VALUE_NAME);
      this.vars.delete(VALUE_NAME);
      return v === undefined ? { ok: true, ...w } : { ok: true, shown: showValue(v), ...w };
    }
    return { ok: true, ...w };
  }

  /** `:load file.dml`: runs a file in the session (its variables and functions stay). */
  load(path: string, controls: EvalControls = {}): EvalOutcome {
    let text: string;
    try {
      text = loadScript(this.env, path);
    } catch (e) {
      return this.failure(e);
    }
    return this.eval(text, controls, path);
  }

  /** `:explain [runtime] <statement>`: the plan of that input (nothing is run). */
  explain(text: string, level: 'hops' | 'runtime' = 'hops'): EvalOutcome {
    try {
      const prep = this.prepare(text);
      const c = compile(this.env, {
        script: { program: prep.program, text: prep.text },
        args: this.opts.args ?? new Map(),
      });
      const plan = level === 'hops' ? explainHops(c.compiled) : explainRuntime(c.compiled);
      // The API's reserved binding names are noise here: say where the value comes from.
      const shown = plan.replace(/"\\u0000tessera-binding:([^"]*)"/g, '<session $1>').trimEnd();
      return { ok: true, shown };
    } catch (e) {
      return this.failure(e);
    }
  }

  // ------------------------------------------------------------------ internals

  private failure(e: unknown): EvalOutcome {
    if (e instanceof DmlRunError) {
      const sources = new Map([...this.sources, ...e.sources]);
      return { ok: false, error: formatDiagnostics(e.diagnostics, sources) };
    }
    throw e;
  }

  private parseErrors(
    diagnostics: readonly Diagnostic[],
    file: string,
    text: string,
  ): DmlRunError | undefined {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return errors.length > 0 ? new DmlRunError(errors, new Map([[file, text]])) : undefined;
  }

  /** Parses an input (as statements, else as a bare expression) and builds the program to run. */
  private prepare(text: string, file?: string): Prepared {
    const name = file ?? `<input-${++this.inputCount}>`;
    this.sources.set(name, text);
    const parsed = parseProgram(text, name);
    let program = parsed.program;
    const diagnostics = parsed.diagnostics;
    let show = false;
    const err = this.parseErrors(diagnostics, name, text);
    if (err) {
      // Not statements: maybe a bare expression. Parse `v = <text>` on the same line,
      // so columns shift but lines do not; errors are reported from the plain parse.
      // The lexer refuses the hidden name (a leading `_`), so a plain one is renamed afterwards.
      const wrapped = parseProgram(`v = ${text}`, name);
      const only = wrapped.program.body[0];
      if (
        this.parseErrors(wrapped.diagnostics, name, text) ||
        wrapped.program.body.length !== 1 ||
        only?.kind !== 'assign' ||
        only.target.kind !== 'id'
      )
        throw err;
      program = { ...wrapped.program, body: [{ ...only, target: { ...only.target, name: VALUE_NAME } }] };
      show = true;
    } else if (program.body.length === 1 && file === undefined) {
      const s = program.body[0]!;
      // `sum(X)` parses as a call statement; a call to a builtin that returns a value, or to a
      // function (user or stdlib) that may, is shown as a value instead.
      if (s.kind === 'callStmt' && s.call.namespace === undefined && this.returnsValue(s.call.name)) {
        program = {
          ...program,
          body: [
            {
              kind: 'assign',
              target: { kind: 'id', name: VALUE_NAME, span: s.span },
              op: '=',
              value: s.call,
              span: s.span,
            },
          ],
        };
        show = true;
      }
    }
    const own = program.body;
    const newDefs = own.filter((s) => s.kind === 'function' || s.kind === 'source');
    const redefined = new Set(newDefs.map(defKey));
    const earlier = [...this.defs.entries()].filter(([k]) => !redefined.has(k)).map(([, s]) => s);
    // Only variables the input mentions are bound: functions cannot see globals, so nothing else
    // can be read, and the plan (and :explain) stays small.
    const mentioned = new Set(text.match(/[A-Za-z_][A-Za-z0-9_.]*/g) ?? []);
    const bindings = new Map<string, Value>();
    const prelude: Statement[] = [];
    for (const [n, v] of this.vars) {
      if (!mentioned.has(n)) continue;
      bindings.set(n, v);
      prelude.push({
        kind: 'assign',
        target: { kind: 'id', name: n, span: NO_SPAN },
        op: '=',
        value: this.bindingWithDims(n, v),
        span: NO_SPAN,
      });
    }
    const full: Program = { ...program, body: [...earlier, ...prelude, ...own] };
    return { file: name, program: full, text, bindings, showValue: show, newDefs };
  }

  /**
   * The API's binding read, with a matrix's rows and cols as read() parameters: the optimizer
   * then plans with the real sizes (as it would after recompilation), and :explain shows them.
   */
  private bindingWithDims(name: string, v: Value): CallExpr {
    const call = bindingRead(name, kindOf(v), NO_SPAN);
    if (!(v instanceof MatrixBlock)) return call;
    const num = (value: number): Expr => ({ kind: 'int', value, span: NO_SPAN });
    return {
      ...call,
      args: [
        ...call.args,
        { name: 'rows', value: num(v.rows), span: NO_SPAN },
        { name: 'cols', value: num(v.cols), span: NO_SPAN },
      ],
    };
  }

  private returnsValue(name: string): boolean {
    const spec = builtinSpec(name);
    if (spec) return !spec.sideEffect && (spec.outputs ?? 1) === 1;
    const def = this.defs.get(`fn:${name}`);
    if (def && def.kind === 'function') return def.outputs.length === 1;
    if (def) return false;
    try {
      return stdlibDoc(name, this.opts.stdlibDir)?.outputs.length === 1;
    } catch {
      return false; // a malformed doc header: run it as a statement
    }
  }

  private run(prep: Prepared, controls: EvalControls): { warnings: readonly Diagnostic[]; stats?: string } {
    const t0 = performance.now();
    // No declared inputs: the binding prelude is built here, so no `X = read(...)` is rewritten.
    const c = compile(this.env, {
      script: { program: prep.program, text: prep.text },
      args: this.opts.args ?? new Map(),
    });
    for (const s of prep.newDefs) this.defs.set(defKey(s), s);
    const statsK = this.opts.stats === true ? 10 : this.opts.stats || 0;
    const r = execute(c, {
      bindings: prep.bindings,
      print: this.opts.print,
      compileMs: c.compileMs,
      ...(statsK > 0 ? { stats: true } : {}),
      ...(controls.signal !== undefined ? { signal: controls.signal } : {}),
      ...(controls.cancelFlag !== undefined ? { cancelFlag: controls.cancelFlag } : {}),
      ...(controls.onProgress !== undefined ? { onProgress: controls.onProgress } : {}),
    });
    for (const [n, v] of r.variables) this.vars.set(n, v);
    if (r.stats === undefined) return { warnings: r.warnings };
    const stats = formatStats(r.stats, statsK, performance.now() - t0, c.compiled.rewritesFired, c);
    return { warnings: r.warnings, stats };
  }
}

function defKey(s: Statement): string {
  if (s.kind === 'function') return `fn:${s.name}`;
  if (s.kind === 'source') return `ns:${s.namespace}`;
  return '';
}
