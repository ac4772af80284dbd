/**
 * The embedding API's entry point: a Session holds configuration (threads, seed, confinement,
 * working dir) and runs scripts with in-memory inputs and outputs, or prepares them once and
 * executes them many times (SystemDS's JMLC PreparedScript, done the TypeScript way).
 *
 * Executions share nothing mutable: each gets its own interpreter, symbol table, bindings and
 * output buffer, over a compiled plan and builtin/kernel registries that are never modified.
 */
// Arrow/Parquet read/write for DML scripts run through this entry point (see engine/io/columnar.ts).
import '../engine/io/columnar-register.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DmlError, diag, type Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import { createBuiltinRegistry } from '../engine/builtins/index.js';
import { BuiltinRegistry, type BuiltinCall, type BuiltinImpl } from '../engine/builtins/registry.js';
import type { Value } from '../engine/data/values.js';
import { withEngineResources } from '../engine/bufferpool/runtime.js';
import { Interpreter } from '../engine/interpreter/interpreter.js';
import { RunStats } from '../engine/interpreter/stats.js';
import { createKernelRegistry } from '../engine/kernels/local.js';
import type { KernelRegistry } from '../engine/kernels/registry.js';
import type { Program } from '../language/ast.js';
import { analyzeProgram } from '../language/index.js';
import { parseProgram } from '../language/parse.js';
import { defaultConfig, type TesseraConfig } from '../common/config.js';
import {
  compileProgram,
  createRecompiler,
  explainHops,
  explainRuntime,
  type CompiledProgram,
} from '../optimizer/index.js';
import { BINDING_PREFIX, bindProgram, kindOf, kindsDeclaredBy, type InputKind } from './bindings.js';
import { openFileAccess, PathConfiner, type FileAccess } from '../common/file-access.js';
import { readFactsThrough } from './read-facts.js';
import { Devices, plannerView } from '../engine/backends/devices.js';
import type { ExecBackend } from '../engine/backends/backend.js';
import { toDmlValue, type InputValue } from './convert.js';
import { API_ERR } from './errors.js';
import { RunResults } from './results.js';
import { DmlRunError } from './run.js';

/** Configuration of a {@link Session}. */
export interface SessionOptions {
  /**
   * Memory budget in bytes: the optimizer plans against 0.7 of it, and the buffer pool spills live
   * matrices to `scratchDir` beyond it (default: half the machine's memory, at least 1 GB).
   */
  readonly memory?: number;
  /** Degree of parallelism for large kernels and parfor (default: the configuration's, i.e. the cores). */
  readonly threads?: number;
  /** Directory where the buffer pool spills matrices (default: the OS temp directory); emptied after each run. */
  readonly scratchDir?: string;
  /**
   * Confines every file a script reads, writes or sources to these directories (real paths:
   * `..`, absolute paths and symlinks leading outside are refused with DML6006).
   */
  readonly allowedDirs?: readonly string[];
  /**
   * Backends besides the local CPU (the seam of engine/backends/backend.ts): the planner may
   * place ops on them, the engine moves data there lazily. A GPU backend is used when the
   * configuration enables it (`gpuMode: 'on'` or `'force'`), as with SystemDS's `-gpu`.
   */
  readonly backends?: readonly ExecBackend[];
  /** Seed for rand/sample with seed=-1: every run of the session then draws the same numbers. */
  readonly seed?: number;
  /** Working directory for relative paths in scripts (default: process.cwd()). */
  readonly cwd?: string;
  /** Receives each printed line as it is printed (lines are also collected in `RunResults.output`). */
  readonly print?: (line: string) => void;
  /** 0 disables the optimizer's rewrites; 2 (default) enables them. */
  readonly optLevel?: 0 | 2;
  /** Directory of the stdlib's .dml files (default: the package's stdlib/). */
  readonly stdlibDir?: string;
  /** Full optimizer configuration (as `dml -config`); `memory` and `threads` override its fields. */
  readonly config?: TesseraConfig;
}

/** A script: its text, or a file to read it from (relative to the session's cwd). */
export type ScriptSource = string | { readonly file: string };

/**
 * A progress event (see {@link ExecuteOptions.onProgress}): execution reached a statement on
 * another line (`kind: 'statement'`), or a for/while loop starts an iteration (`kind: 'iteration'`).
 */
export interface ProgressEvent {
  readonly kind: 'statement' | 'iteration';
  /** Where the statement (or the whole loop) is: file, line, column. */
  readonly span: Span;
  /** The operation being run (a builtin or operator name), or 'for' / 'while' for iterations. */
  readonly opcode: string;
  /** For iterations: the iteration number, from 1. */
  readonly iteration?: number;
  /** Instructions executed so far. */
  readonly instructions: number;
  /** Milliseconds since the execution started. */
  readonly elapsedMs: number;
}

/** Per-execution controls. */
export interface ExecuteOptions {
  /** Cancels the execution between two instructions once aborted (error code DML8003). */
  readonly signal?: AbortSignal;
  /** Cancels the execution after this many milliseconds (DML8004). */
  readonly timeoutMs?: number;
  /**
   * Cancels the execution (DML8003) once element 0 becomes non-zero. Backed by a
   * SharedArrayBuffer, it lets another thread cancel a run that blocks this one (set it with
   * `Atomics.store(flag, 0, 1)`): the way to cancel from outside, since timers and AbortSignal
   * events cannot fire while a script runs synchronously.
   */
  readonly cancelFlag?: Int32Array;
  /**
   * Called when execution moves to a statement on another line, and before every iteration of a
   * for/while loop. Throwing from it, or aborting the signal in it, cancels the run.
   */
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Collect per-operator statistics into `RunResults.stats`. */
  readonly stats?: boolean;
  /** Receives printed lines for this execution (in addition to the session's `print`). */
  readonly print?: (line: string) => void;
}

/** Named script arguments (`$name` in the script); values are passed as their string forms. */
export type ScriptArgs = Readonly<Record<string, string | number | boolean>>;

/** Options of {@link Session.run}. */
export interface SessionRunOptions extends ExecuteOptions {
  /** Variables bound before the script starts (a `X = read(...)` of an input takes the bound value). */
  readonly inputs?: Readonly<Record<string, InputValue>>;
  /** `$name` arguments. */
  readonly args?: ScriptArgs;
  /** Variables to return (their `write(...)` statements are skipped); default: every variable. */
  readonly outputs?: readonly string[];
}

/** Options of {@link Session.prepare}. */
export interface PrepareOptions {
  /** Names of the variables each execution binds. */
  readonly inputs?: readonly string[];
  /** Names of the variables each execution returns. */
  readonly outputs?: readonly string[];
  /** `$name` arguments, fixed at preparation (as in SystemDS). */
  readonly args?: ScriptArgs;
}

/** One compiled variant of a script (inputs of given kinds). */
interface CompiledScript {
  readonly compiled: CompiledProgram;
  /**
   * Recompiles blocks whose sizes were unknown at compile time (bound inputs) once their real
   * sizes are known; its cache is keyed by those sizes, so executions only share memoized plans.
   */
  readonly recompiler: ReturnType<typeof createRecompiler>;
  readonly sources: ReadonlyMap<string, string>;
  readonly warnings: readonly Diagnostic[];
}

const READ_NAMES = ['read', 'readMM', 'read.csv'];
/** DML identifiers (letters, digits, `_` and `.`, not starting with a digit or `.`). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function toDmlRunError(e: unknown, sources: ReadonlyMap<string, string>): unknown {
  if (e instanceof DmlRunError) return e;
  if (e instanceof DmlError) return new DmlRunError(e.diagnostics, sources);
  return e;
}

function argMap(a: ScriptArgs | undefined): Map<string, string> {
  const m = new Map<string, string>();
  if (a) for (const [k, v] of Object.entries(a)) m.set(k, String(v));
  return m;
}

/** Per-execution view of the session's builtins: bound inputs answer their reads; progress is reported. */
class ExecutionBuiltins extends BuiltinRegistry {
  private readonly wrapped = new Map<string, BuiltinImpl>();

  constructor(
    private readonly base: BuiltinRegistry,
    private readonly bindings: ReadonlyMap<string, Value>,
    private readonly progress: ((opcode: string, span: Span) => void) | undefined,
  ) {
    super();
  }

  override get(name: string): BuiltinImpl | undefined {
    let w = this.wrapped.get(name);
    if (w !== undefined) return w;
    const impl = this.base.get(name);
    if (impl === undefined) return undefined;
    const isRead = READ_NAMES.includes(name);
    if (!isRead && this.progress === undefined) return impl;
    const progress = this.progress;
    w = (call: BuiltinCall) => {
      progress?.(call.name, call.span);
      if (isRead) {
        const bound = this.boundValue(call);
        if (bound !== undefined) return bound;
      }
      return impl(call);
    };
    this.wrapped.set(name, w);
    return w;
  }

  private boundValue(call: BuiltinCall): Value | undefined {
    const i = call.argNames.indexOf('file');
    const f = call.args[i >= 0 ? i : call.argNames.indexOf(undefined)];
    if (f === undefined || f.dt !== 'scalar' || f.vt !== 'string' || !f.value.startsWith(BINDING_PREFIX))
      return undefined;
    const name = f.value.slice(BINDING_PREFIX.length);
    const v = this.bindings.get(name);
    if (v === undefined)
      throw new DmlError([diag(API_ERR.missingInput, `input '${name}' was not given`, call.span)]);
    return v;
  }
}

/**
 * Runs DML scripts from TypeScript.
 *
 * ```ts
 * const s = new Session({ allowedDirs: ['./data'] });
 * const r = s.run('B = t(X) %*% y', { inputs: { X: table, y: [[1], [2]] }, outputs: ['B'] });
 * r.toArrow('B');
 * ```
 */
export class Session {
  /** The options the session was created with. */
  readonly options: SessionOptions;
  private readonly cwd: string;
  /** Every file access of the session's runs (working dir, confinement). */
  private readonly files: FileAccess;
  private readonly builtins: BuiltinRegistry;
  private readonly kernels: KernelRegistry;
  private readonly config: TesseraConfig;

  constructor(options: SessionOptions = {}) {
    this.options = options;
    const base = options.config ?? defaultConfig();
    this.config = {
      ...base,
      ...(options.memory !== undefined ? { memoryBytes: options.memory } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.scratchDir !== undefined ? { scratchDir: options.scratchDir } : {}),
    };
    this.cwd = resolve(options.cwd ?? process.cwd());
    this.files = options.allowedDirs
      ? new PathConfiner(options.allowedDirs, this.cwd)
      : openFileAccess(this.cwd);
    this.builtins = createBuiltinRegistry();
    this.kernels = createKernelRegistry();
  }

  /**
   * Compiles and runs a script. Inputs are bound as variables; the declared outputs (or, without
   * `outputs`, every variable) are returned. Throws {@link DmlRunError} for any error in the script.
   */
  run(script: ScriptSource, options: SessionRunOptions = {}): RunResults {
    const { text, file } = this.load(script);
    const bindings = this.convertInputs(options.inputs ?? {}, Object.keys(options.inputs ?? {}));
    const kinds = new Map<string, InputKind>();
    for (const [n, v] of bindings) kinds.set(n, kindOf(v));
    const program = this.parse(text, file);
    const c = this.compile(program, text, argMap(options.args), kinds, options.outputs);
    return this.execute(c, bindings, options.outputs, options);
  }

  /**
   * Compiles a script once for repeated execution with new inputs. Inputs of another kind than
   * the first (say a frame where a matrix was bound) compile one more variant, once.
   */
  prepare(script: ScriptSource, options: PrepareOptions = {}): PreparedScript {
    const { text, file } = this.load(script);
    return new PreparedScript(this, this.parse(text, file), text, options);
  }

  /** The plan of a script as text: 'hops' (HOP DAGs) or 'runtime' (instructions). */
  explain(script: ScriptSource, level: 'hops' | 'runtime' = 'hops', options: PrepareOptions = {}): string {
    const { text, file } = this.load(script);
    const program = this.parse(text, file);
    const kinds = kindsDeclaredBy(program, options.inputs ?? []);
    for (const n of options.inputs ?? []) if (!kinds.has(n)) kinds.set(n, 'matrix');
    const c = this.compile(program, text, argMap(options.args), kinds, options.outputs);
    return level === 'hops' ? explainHops(c.compiled) : explainRuntime(c.compiled);
  }

  // ---------------------------------------------------------------- internals (used by PreparedScript)

  /** @internal */
  load(script: ScriptSource): { text: string; file: string } {
    if (typeof script === 'string') return { text: script, file: '<inline>' };
    try {
      const path = this.files.resolve(script.file);
      return { text: readFileSync(path, 'utf8'), file: script.file };
    } catch (e) {
      throw new DmlRunError(
        [diag('DML6001', `cannot read script '${script.file}' (${(e as Error).message})`)],
        new Map(),
      );
    }
  }

  /** @internal */
  parse(text: string, file: string): Program {
    const { program, diagnostics } = parseProgram(text, file);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new DmlRunError(errors, new Map([[file, text]]));
    return program;
  }

  /** @internal */
  convertInputs(
    given: Readonly<Record<string, InputValue>>,
    declared: readonly string[],
  ): Map<string, Value> {
    const out = new Map<string, Value>();
    try {
      for (const name of declared) {
        if (!VARIABLE_NAME.test(name))
          throw new DmlError([diag(API_ERR.badInput, `'${name}' is not a valid DML variable name`)]);
        if (!Object.prototype.hasOwnProperty.call(given, name))
          throw new DmlError([diag(API_ERR.missingInput, `input '${name}' was not given`)]);
        out.set(name, toDmlValue(name, given[name]!));
      }
      for (const name of Object.keys(given)) {
        if (!out.has(name))
          throw new DmlError([
            diag(
              API_ERR.badInput,
              `'${name}' is not a declared input (inputs: ${declared.join(', ') || 'none'})`,
            ),
          ]);
      }
    } catch (e) {
      throw toDmlRunError(e, new Map());
    }
    return out;
  }

  /** @internal */
  compile(
    program: Program,
    text: string,
    args: ReadonlyMap<string, string>,
    kinds: ReadonlyMap<string, InputKind>,
    outputs: readonly string[] | undefined,
  ): CompiledScript {
    const bound = bindProgram(program, kinds, new Set(outputs ?? []));
    const analyzed = analyzeProgram(bound, text, {
      args,
      cwd: this.cwd,
      files: this.files,
      ...(this.options.stdlibDir !== undefined ? { stdlibDir: this.options.stdlibDir } : {}),
    });
    const errors = analyzed.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new DmlRunError(errors, analyzed.sources);
    try {
      const compiled = compileProgram(analyzed, {
        optLevel: this.options.optLevel ?? 2,
        config: this.config,
        readFacts: readFactsThrough(this.files),
        backends: plannerView(this.options.backends ?? []),
        ...(outputs !== undefined ? { liveOut: outputs } : {}),
      });
      return {
        compiled,
        recompiler: createRecompiler(compiled),
        sources: analyzed.sources,
        warnings: analyzed.diagnostics.filter((d) => d.severity !== 'error'),
      };
    } catch (e) {
      throw toDmlRunError(e, analyzed.sources);
    }
  }

  /** @internal */
  execute(
    c: CompiledScript,
    bindings: ReadonlyMap<string, Value>,
    outputs: readonly string[] | undefined,
    o: ExecuteOptions,
  ): RunResults {
    const t0 = performance.now();
    const lines: string[] = [];
    const sessionPrint = this.options.print;
    const extraPrint = o.print;
    const print = (line: string): void => {
      lines.push(line);
      sessionPrint?.(line);
      extraPrint?.(line);
    };
    const stats = o.stats ? new RunStats() : undefined;
    let instructions = 0;
    const { signal, timeoutMs, onProgress, cancelFlag } = o;
    const deadline = timeoutMs !== undefined ? t0 + timeoutMs : Infinity;
    const cancelled = (): never => {
      throw new DmlError([diag(API_ERR.cancelled, 'the run was cancelled')]);
    };
    if (signal?.aborted)
      throw toDmlRunError(new DmlError([diag(API_ERR.cancelled, 'the run was cancelled')]), c.sources);
    const checkCancelled =
      signal !== undefined || timeoutMs !== undefined || onProgress !== undefined || cancelFlag !== undefined
        ? (urgent?: boolean): void => {
            instructions++;
            if (signal?.aborted) cancelled();
            if (cancelFlag !== undefined && Atomics.load(cancelFlag, 0) !== 0) cancelled();
            if ((urgent === true || (instructions & 255) === 0) && performance.now() > deadline)
              throw new DmlError([diag(API_ERR.timeout, `the run took longer than ${timeoutMs} ms`)]);
          }
        : undefined;
    let lastLine = -1;
    let lastFile = '';
    const progress =
      onProgress === undefined
        ? undefined
        : (opcode: string, span: Span): void => {
            if (span.line === lastLine && span.file === lastFile) return;
            lastLine = span.line;
            lastFile = span.file;
            onProgress({ kind: 'statement', span, opcode, instructions, elapsedMs: performance.now() - t0 });
          };
    const onIteration =
      onProgress === undefined
        ? undefined
        : (loop: { readonly kind: 'for' | 'while'; readonly span: Span }, iteration: number): void => {
            lastLine = -1; // the body's first statement is reported again on every iteration
            onProgress({
              kind: 'iteration',
              span: loop.span,
              opcode: loop.kind,
              iteration,
              instructions,
              elapsedMs: performance.now() - t0,
            });
          };
    const recompiler = stats
      ? createRecompiler(c.compiled, (_block, _r, ms) => {
          stats.recompilations++;
          stats.recompileMs += ms;
        })
      : c.recompiler;
    const devices = new Devices(this.options.backends ?? []);
    const interp = new Interpreter(c.compiled.runtime, {
      builtins: new ExecutionBuiltins(this.builtins, bindings, progress),
      kernels: this.kernels,
      print,
      files: this.files,
      devices,
      stats,
      ...(this.options.seed !== undefined ? { seed: this.options.seed } : {}),
      threads: this.config.threads,
      recompile: (block, live) => recompiler.instructionsFor(block, live),
      ...(checkCancelled ? { checkCancelled } : {}),
      ...(onIteration ? { onIteration } : {}),
    });
    try {
      // Buffer pool and threads from the session's configuration; spill files end with the run.
      const variables = withEngineResources(
        this.config,
        () => {
          const globals = interp.run();
          const vars = new Map<string, Value>();
          if (outputs === undefined) {
            for (const n of globals.names()) vars.set(n, globals.get(n)!);
          } else {
            for (const n of outputs) {
              const v = globals.get(n);
              if (v === undefined)
                throw new DmlError([
                  diag(API_ERR.missingOutput, `output '${n}' was not assigned by the script`),
                ]);
              vars.set(n, v);
            }
          }
          return vars;
        },
        (s) => {
          if (stats) stats.engine = s;
        },
      );
      return new RunResults(variables, lines, stats, c.warnings, performance.now() - t0);
    } catch (e) {
      throw toDmlRunError(e, c.sources);
    } finally {
      if (stats) stats.devices = devices.stats();
      devices.releaseAll();
    }
  }
}

/**
 * A script compiled once with declared inputs and outputs, executed many times. Executions
 * share no mutable state, so interleaved or repeated executions never see each other's values.
 */
export class PreparedScript {
  /** Declared inputs, in order. */
  readonly inputs: readonly string[];
  /** Declared outputs, in order. */
  readonly outputs: readonly string[];
  private readonly variants = new Map<string, CompiledScript>();
  private readonly declaredKinds: ReadonlyMap<string, InputKind>;
  private readonly args: ReadonlyMap<string, string>;

  /** @internal Use {@link Session.prepare}. */
  constructor(
    private readonly session: Session,
    private readonly program: Program,
    private readonly text: string,
    options: PrepareOptions,
  ) {
    this.inputs = [...(options.inputs ?? [])];
    this.outputs = [...(options.outputs ?? [])];
    this.args = argMap(options.args);
    this.declaredKinds = kindsDeclaredBy(program, this.inputs);
    // Compile now with the kinds the script declares (matrix by default), so errors show at once.
    const kinds = new Map<string, InputKind>();
    for (const n of this.inputs) kinds.set(n, this.declaredKinds.get(n) ?? 'matrix');
    this.variant(kinds);
  }

  private variant(kinds: ReadonlyMap<string, InputKind>): CompiledScript {
    let key = '';
    for (const n of this.inputs) key += kinds.get(n) + ',';
    let c = this.variants.get(key);
    if (c === undefined) {
      c = this.session.compile(this.program, this.text, this.args, kinds, this.outputs);
      this.variants.set(key, c);
    }
    return c;
  }

  /** Runs the script with these inputs (every declared input must be given) and returns the outputs. */
  execute(inputs: Readonly<Record<string, InputValue>>, options: ExecuteOptions = {}): RunResults {
    const bindings = this.session.convertInputs(inputs, this.inputs);
    const kinds = new Map<string, InputKind>();
    for (const [n, v] of bindings) kinds.set(n, kindOf(v));
    return this.session.execute(this.variant(kinds), bindings, this.outputs, options);
  }

  /** The compiled plan (of the first variant) as text. */
  explain(level: 'hops' | 'runtime' = 'hops'): string {
    const c = this.variants.values().next().value!;
    return level === 'hops' ? explainHops(c.compiled) : explainRuntime(c.compiled);
  }
}
