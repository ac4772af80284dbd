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
import { resolve } from 'node:path';
import { DmlError, diag } from '../common/diagnostics.js';
import type { Value } from '../engine/data/values.js';
import { defaultConfig, type TesseraConfig } from '../common/config.js';
import { explainHops, explainRuntime } from '../optimizer/index.js';
import { kindOf, kindsDeclaredBy, type InputKind } from './bindings.js';
import type { ExecBackend } from '../engine/backends/backend.js';
import { toDmlValue, type InputValue } from './convert.js';
import { API_ERR } from './errors.js';
import { RunResults } from './results.js';
import {
  compile,
  DmlRunError,
  environment,
  execute,
  loadScript,
  parse,
  type CompiledScript,
  type ParsedScript,
  type Environment,
  type ExecuteRequest,
  type ProgressEvent,
  type RatesOption,
} from './pipeline.js';

export type { ProgressEvent } from './pipeline.js';

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
  /**
   * Full optimizer configuration (as `dml -config`); `memory`, `threads` and `scratchDir` override
   * its fields. `dynamicRecompilation: false` turns off recompilation at run time.
   */
  readonly config?: TesseraConfig;
  /**
   * The planner's local rates where the configuration sets none: `'calibrated'` (default: the
   * rates `dml calibrate` measured and cached, read once when the session is created),
   * `'defaults'` (built-in figures, plans independent of the machine), or rates given.
   */
  readonly measured?: RatesOption;
  /** Rewrite rules to skip, by name (e.g. 'constant-folding'). */
  readonly disableRules?: readonly string[];
}

/** A script: its text, or a file to read it from (relative to the session's cwd). */
export type ScriptSource = string | { readonly file: string };

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

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function argMap(a: ScriptArgs | undefined): Map<string, string> {
  const m = new Map<string, string>();
  if (a) for (const [k, v] of Object.entries(a)) m.set(k, String(v));
  return m;
}

/** Parses a script, reading a file through the session's file access (cwd, confinement). */
function parseSource(env: Environment, script: ScriptSource): ParsedScript {
  return typeof script === 'string' ? parse(script) : parse(loadScript(env, script.file), script.file);
}

/** The given inputs as DML values; every declared one must be given, and nothing else. */
function convertInputs(
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
    if (e instanceof DmlError) throw new DmlRunError(e.diagnostics, new Map());
    throw e;
  }
  return out;
}

function kindsOf(bindings: ReadonlyMap<string, Value>): Map<string, InputKind> {
  const kinds = new Map<string, InputKind>();
  for (const [n, v] of bindings) kinds.set(n, kindOf(v));
  return kinds;
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
  /** Configuration, file access, planner rates, backends and registries of every run (pipeline.ts). */
  private readonly env: Environment;

  constructor(options: SessionOptions = {}) {
    this.options = options;
    const base = options.config ?? defaultConfig();
    const config: TesseraConfig = {
      ...base,
      ...(options.memory !== undefined ? { memoryBytes: options.memory } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.scratchDir !== undefined ? { scratchDir: options.scratchDir } : {}),
    };
    this.env = environment({
      config,
      cwd: resolve(options.cwd ?? process.cwd()),
      ...(options.allowedDirs !== undefined ? { allowedDirs: options.allowedDirs } : {}),
      ...(options.measured !== undefined ? { measured: options.measured } : {}),
      ...(options.backends !== undefined ? { backends: options.backends } : {}),
      ...(options.optLevel !== undefined ? { optLevel: options.optLevel } : {}),
      ...(options.disableRules !== undefined ? { disableRules: options.disableRules } : {}),
      ...(options.stdlibDir !== undefined ? { stdlibDir: options.stdlibDir } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
  }

  /**
   * Compiles and runs a script. Inputs are bound as variables; the declared outputs (or, without
   * `outputs`, every variable) are returned. Throws {@link DmlRunError} for any error in the script.
   */
  run(script: ScriptSource, options: SessionRunOptions = {}): RunResults {
    const parsed = parseSource(this.env, script);
    const bindings = convertInputs(options.inputs ?? {}, Object.keys(options.inputs ?? {}));
    const c = compile(this.env, {
      script: parsed,
      args: argMap(options.args),
      inputs: kindsOf(bindings),
      ...(options.outputs !== undefined ? { outputs: options.outputs } : {}),
    });
    return executeScript(this, c, bindings, options, c.compileMs);
  }

  /**
   * Compiles a script once for repeated execution with new inputs. Inputs of another kind than
   * the first (say a frame where a matrix was bound) compile one more variant, once.
   */
  prepare(script: ScriptSource, options: PrepareOptions = {}): PreparedScript {
    return new PreparedScript(this, this.env, parseSource(this.env, script), options);
  }

  /** The plan of a script as text: 'hops' (HOP DAGs) or 'runtime' (instructions). */
  explain(script: ScriptSource, level: 'hops' | 'runtime' = 'hops', options: PrepareOptions = {}): string {
    const parsed = parseSource(this.env, script);
    const kinds = kindsDeclaredBy(parsed.program, options.inputs ?? []);
    for (const n of options.inputs ?? []) if (!kinds.has(n)) kinds.set(n, 'matrix');
    const c = compile(this.env, {
      script: parsed,
      args: argMap(options.args),
      inputs: kinds,
      ...(options.outputs !== undefined ? { outputs: options.outputs } : {}),
    });
    return level === 'hops' ? explainHops(c.compiled) : explainRuntime(c.compiled);
  }
}

/** One execution of a compiled script for the session: its lines collected, its controls applied. */
function executeScript(
  session: Session,
  c: CompiledScript,
  bindings: ReadonlyMap<string, Value>,
  o: ExecuteOptions,
  compileMs?: number,
): RunResults {
  const lines: string[] = [];
  const sessionPrint = session.options.print;
  const extraPrint = o.print;
  const request: ExecuteRequest = {
    bindings,
    print: (line) => {
      lines.push(line);
      sessionPrint?.(line);
      extraPrint?.(line);
    },
    ...(compileMs !== undefined ? { compileMs } : {}),
    ...(o.stats !== undefined ? { stats: o.stats } : {}),
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.cancelFlag !== undefined ? { cancelFlag: o.cancelFlag } : {}),
    ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}),
  };
  const r = execute(c, request);
  return new RunResults(r.variables, lines, r.stats, r.warnings, r.elapsedMs, c.machine);
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
    private readonly env: Environment,
    private readonly script: ParsedScript,
    options: PrepareOptions,
  ) {
    this.inputs = [...(options.inputs ?? [])];
    this.outputs = [...(options.outputs ?? [])];
    this.args = argMap(options.args);
    this.declaredKinds = kindsDeclaredBy(script.program, this.inputs);
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
      c = compile(this.env, {
        script: this.script,
        args: this.args,
        inputs: kinds,
        outputs: this.outputs,
      });
      this.variants.set(key, c);
    }
    return c;
  }

  /** Runs the script with these inputs (every declared input must be given) and returns the outputs. */
  execute(inputs: Readonly<Record<string, InputValue>>, options: ExecuteOptions = {}): RunResults {
    const bindings = convertInputs(inputs, this.inputs);
    return executeScript(this.session, this.variant(kindsOf(bindings)), bindings, options);
  }

  /** The compiled plan (of the first variant) as text. */
  explain(level: 'hops' | 'runtime' = 'hops'): string {
    const c = this.variants.values().next().value!;
    return level === 'hops' ? explainHops(c.compiled) : explainRuntime(c.compiled);
  }
}
