/**
 * The one pipeline behind every entry point: the `dml` command (runScript / compileScript /
 * runCompiled), the REPL, `Session.run` / `explain` and `PreparedScript`. Each of them turns its
 * own options into the three steps below and wraps the result; nothing else compiles or runs a
 * script, so an option means the same thing however a script is run.
 *
 *   environment(options)        once per Session (or per runScript call): configuration, file
 *                               access (cwd, confinement), the planner's machine rates (`dml
 *                               calibrate`'s cache by default), backends, registries
 *   compile(env, request)       1 parse  2 bind inputs/outputs  3 analyze  4 optimize
 *   execute(compiled, request)  5 run: bindings, cancellation/progress, recompilation, devices,
 *                               statistics, the returned variables
 */
import { readFileSync, closeSync } from 'node:fs';
import { DmlError, diag, formatDiagnostics, type Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import { defaultConfig, type TesseraConfig } from '../common/config.js';
import { openFileAccess, PathConfiner, type FileAccess } from '../common/file-access.js';
import { createBuiltinRegistry } from '../engine/builtins/index.js';
import { BuiltinRegistry, type BuiltinCall, type BuiltinImpl } from '../engine/builtins/registry.js';
import type { Value } from '../engine/data/values.js';
import { Interpreter, type InterpreterOptions } from '../engine/interpreter/interpreter.js';
import { RunStats } from '../engine/interpreter/stats.js';
import { createEngineResources } from '../engine/resources.js';
import { plannerView } from '../engine/backends/devices.js';
import type { ExecBackend } from '../engine/backends/backend.js';
import type { Program } from '../language/ast.js';
import { analyzeProgram } from '../language/index.js';
import { parseProgram } from '../language/parse.js';
import {
  compileProgram,
  createRecompiler,
  type CompiledProgram,
  type OptimizerOptions,
} from '../optimizer/index.js';
import type { MachineDescription, MeasuredRates } from '../optimizer/cost/machine.js';
import { readCalibration } from '../optimizer/cost/calibration-cache.js';
import { blockHeader, explainDagText, explainInstructionsText } from '../optimizer/explain.js';
import { BINDING_PREFIX, bindProgram, type InputKind } from './bindings.js';
import { readFactsThrough } from './read-facts.js';
import { API_ERR } from './errors.js';

// ------------------------------------------------------------------------------------ errors

/** A failed compile or run, with everything needed to print good errors. */
export class DmlRunError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    readonly sources: ReadonlyMap<string, string>,
  ) {
    super(formatDiagnostics(diagnostics, sources));
    this.name = 'DmlRunError';
  }
}

function toRunError(e: unknown, sources: ReadonlyMap<string, string>): unknown {
  if (e instanceof DmlRunError) return e;
  if (e instanceof DmlError) return new DmlRunError(e.diagnostics, sources);
  return e;
}

// ------------------------------------------------------------------------------- environment

/**
 * The rates the planner prices LOCAL work with when the configuration does not set them
 * (`blasGflops`, `memoryBandwidthGBs`, which always win):
 * - `'calibrated'` (the default): `dml calibrate`'s cache, else the built-in defaults;
 * - `'defaults'`: the built-in defaults, whatever the cache says (plans that do not depend on the
 *   machine, e.g. in tests);
 * - rates given here.
 */
export type RatesOption = MeasuredRates | 'calibrated' | 'defaults';

/** Where each of the planner's local rates came from. */
export type RateSource = 'config' | 'calibration' | 'default';

/** What stays the same for every script of a Session (or of one runScript call). */
export interface PipelineOptions {
  /** Machine, memory budget, threads, modes, `dynamicRecompilation` (default: defaultConfig()). */
  readonly config?: TesseraConfig;
  /** Directory relative paths resolve against (default: process.cwd()). */
  readonly cwd?: string;
  /** Confines every file a script reads, writes or sources to these directories (DML6006). */
  readonly allowedDirs?: readonly string[];
  /** The planner's local rates (default `'calibrated'`: `dml calibrate`'s cache). */
  readonly measured?: RatesOption;
  /** Backends besides LOCAL: the planner may place ops there, the engine moves data lazily. */
  readonly backends?: readonly ExecBackend[];
  /** 0 disables rewrites; 2 (default) enables them. */
  readonly optLevel?: 0 | 2;
  /** Rewrite rules to skip, by name. */
  readonly disableRules?: readonly string[];
  /** Directory of the stdlib's .dml files (default: the package's stdlib/). */
  readonly stdlibDir?: string;
  /** Seed for rand/sample with seed=-1 (every run draws the same numbers); random when absent. */
  readonly seed?: number;
}

export interface Environment {
  readonly config: TesseraConfig;
  readonly files: FileAccess;
  readonly measured: MeasuredRates | undefined;
  readonly rateSources: { readonly gflops: RateSource; readonly bandwidthGBs: RateSource };
  readonly backends: readonly ExecBackend[];
  readonly optLevel: 0 | 2;
  readonly disableRules: readonly string[] | undefined;
  readonly stdlibDir: string | undefined;
  readonly seed: number | undefined;
  readonly builtins: BuiltinRegistry;
}

function measuredRates(option: RatesOption | undefined): MeasuredRates | undefined {
  if (option === 'defaults') return undefined;
  if (option === undefined || option === 'calibrated') {
    const rec = readCalibration();
    return rec === undefined ? undefined : { gflops: rec.gflops, bandwidthGBs: rec.bandwidthGBs };
  }
  return { gflops: option.gflops, bandwidthGBs: option.bandwidthGBs };
}

/** Resolves the options once: the calibration cache is read here, not for every script. */
export function environment(o: PipelineOptions = {}): Environment {
  const config = o.config ?? defaultConfig();
  const cwd = o.cwd ?? process.cwd();
  const measured = measuredRates(o.measured);
  const source = (configured: number | undefined): RateSource =>
    configured !== undefined ? 'config' : measured !== undefined ? 'calibration' : 'default';
  return {
    config,
    files: o.allowedDirs ? new PathConfiner(o.allowedDirs, cwd) : openFileAccess(cwd),
    measured,
    rateSources: { gflops: source(config.blasGflops), bandwidthGBs: source(config.memoryBandwidthGBs) },
    backends: o.backends ?? [],
    optLevel: o.optLevel ?? 2,
    disableRules: o.disableRules,
    stdlibDir: o.stdlibDir,
    seed: o.seed,
    builtins: createBuiltinRegistry(),
  };
}

/** A script file's text, read through the environment's file access (cwd, confinement). */
export function loadScript(env: Environment, file: string): string {
  let fd: number;
  try {
    fd = env.files.openRead(env.files.resolve(file), file);
  } catch (e) {
    if (e instanceof DmlError) throw toRunError(e, new Map());
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new DmlRunError([diag('DML6001', `cannot read script '${file}': ${why}`)], new Map());
  }
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

// ------------------------------------------------------------------------------------ compile

/** A parsed script: its AST (recovered past syntax errors) and the parser's diagnostics. */
export interface ParsedScript {
  readonly program: Program;
  readonly text: string;
  /** Syntax errors, reported by compile() together with the analysis' diagnostics. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** Step 1 alone, for callers that look at the AST before compiling (declared input kinds). */
export function parse(text: string, file = '<inline>'): ParsedScript {
  const { program, diagnostics } = parseProgram(text, file);
  return { program, text, diagnostics };
}

export interface CompileRequest {
  /** The script's text (parsed here), or the script parsed already (see {@link parse}). */
  readonly script: { readonly text: string; readonly file?: string } | ParsedScript;
  /** `$name` / `$1` arguments. */
  readonly args?: ReadonlyMap<string, string>;
  /** Variables bound in memory by each execution, with the kind of value bound. */
  readonly inputs?: ReadonlyMap<string, InputKind>;
  /** Variables returned (their writes are dropped, and only they are live at the end). */
  readonly outputs?: readonly string[];
  /** Observer of every rewrite firing (`-explain rewrites`). */
  readonly onRuleFired?: OptimizerOptions['onRuleFired'];
}

/** A compiled script, ready to execute any number of times. */
export interface CompiledScript {
  readonly env: Environment;
  /** The plan. */
  readonly compiled: CompiledProgram;
  /** Analysis warnings. */
  readonly warnings: readonly Diagnostic[];
  /** Text of every file involved (the script, sourced files), for code frames in errors. */
  readonly sources: ReadonlyMap<string, string>;
  /** The declared outputs, or undefined: every variable of the main program is returned. */
  readonly outputs: readonly string[] | undefined;
  /** The machine the plan was priced for (rates from config, calibration or defaults). */
  readonly machine: MachineDescription;
  /** Milliseconds compile() took. */
  readonly compileMs: number;
  /** Recompiles blocks with unknown sizes, memoized across executions (keyed by the real sizes). */
  readonly recompiler: ReturnType<typeof createRecompiler>;
}

/** Parses, binds, analyzes and optimizes; throws DmlRunError with every diagnostic on failure. */
export function compile(env: Environment, request: CompileRequest): CompiledScript {
  const t0 = performance.now();
  const { script, outputs } = request;

  // 1. Parse (recovering, so that analysis reports its errors too), unless the caller parsed already.
  const parsed = 'program' in script ? script : parse(script.text, script.file);
  const { program } = parsed;
  const parseDiagnostics = parsed.diagnostics ?? [];

  // 2. Bind in-memory inputs and outputs (reads of inputs take the bound value, writes of outputs go).
  const bound =
    request.inputs !== undefined || outputs !== undefined
      ? bindProgram(program, request.inputs ?? new Map(), new Set(outputs ?? []))
      : program;

  // 3. Analyze: $args, source() and .mtd through the environment's file access, types, functions.
  const analyzed = analyzeProgram(bound, script.text, {
    args: request.args ?? new Map(),
    cwd: env.files.cwd,
    files: env.files,
    ...(env.stdlibDir !== undefined ? { stdlibDir: env.stdlibDir } : {}),
  });
  const diagnostics = [...parseDiagnostics, ...analyzed.diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new DmlRunError(errors, analyzed.sources);

  // 4. Optimize: HOP DAGs, rewrites, sizes, exec types priced on the machine, lowering.
  try {
    const compiled = compileProgram(analyzed, {
      optLevel: env.optLevel,
      config: env.config,
      measured: env.measured,
      backends: plannerView(env.backends),
      readFacts: readFactsThrough(env.files),
      ...(env.disableRules !== undefined ? { disableRules: env.disableRules } : {}),
      ...(outputs !== undefined ? { liveOut: outputs } : {}),
      ...(request.onRuleFired ? { onRuleFired: request.onRuleFired } : {}),
    });
    return {
      env,
      compiled,
      warnings: diagnostics.filter((d) => d.severity !== 'error'),
      sources: analyzed.sources,
      outputs,
      machine: compiled.recompileContext.planner.machine,
      compileMs: performance.now() - t0,
      recompiler: createRecompiler(compiled),
    };
  } catch (e) {
    throw toRunError(e, analyzed.sources);
  }
}

// ------------------------------------------------------------------------------------ execute

/**
 * A progress event: execution reached a statement on another line (`kind: 'statement'`), or a
 * for/while loop starts an iteration (`kind: 'iteration'`).
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

type LoopObserver = (
  loop: { readonly kind: 'for' | 'while'; readonly span: Span },
  iteration: number,
) => void;

export interface ExecuteRequest {
  /** Values of the bound inputs (and of the REPL's session variables). */
  readonly bindings?: ReadonlyMap<string, Value>;
  /**
   * Hand the variables back (default true). The `dml` command does not use them: asking for them
   * would restore every spilled matrix and collect every distributed one to this process.
   */
  readonly returnVariables?: boolean;
  /** Receives each printed line. */
  readonly print: (line: string) => void;
  /** Collect per-operator statistics (and count recompilations). */
  readonly stats?: boolean;
  /** Seed for this execution (default: the environment's). */
  readonly seed?: number;
  /** Compilation time to report in the statistics (a run that compiled just before). */
  readonly compileMs?: number;
  /** Cancels between two instructions once aborted (DML8003). */
  readonly signal?: AbortSignal;
  /** Cancels after this many milliseconds (DML8004). */
  readonly timeoutMs?: number;
  /** Cancels (DML8003) once element 0 is non-zero (set from another thread). */
  readonly cancelFlag?: Int32Array;
  /** Statement and loop-iteration events; throwing from it cancels the run. */
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Called between instructions; throwing from it cancels the run (the CLI's progress line). */
  readonly checkCancelled?: () => void;
  /** Called before every iteration of a for/while loop. */
  readonly onIteration?: LoopObserver;
  /** Print each block recompiled at run time, as HOPs or as instructions (through `print`). */
  readonly explainRecompile?: 'hops' | 'runtime';
}

export interface Execution {
  /** The declared outputs, or every variable of the main program. */
  readonly variables: ReadonlyMap<string, Value>;
  readonly stats: RunStats | undefined;
  readonly warnings: readonly Diagnostic[];
  /** Wall time of the execution (compilation excluded). */
  readonly elapsedMs: number;
  readonly script: CompiledScript;
}

const READ_NAMES = ['read', 'readMM', 'read.csv'];

/** Per-execution view of the builtins: bound inputs answer their reads; progress is reported. */
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

function cancelled(): never {
  throw new DmlError([diag(API_ERR.cancelled, 'the run was cancelled')]);
}

/** The interpreter's checkCancelled and onIteration hooks from the request's controls. */
function controls(
  r: ExecuteRequest,
  t0: number,
): {
  checkCancelled?: (urgent?: boolean) => void;
  onIteration?: LoopObserver;
  progress?: (opcode: string, span: Span) => void;
} {
  const { signal, timeoutMs, cancelFlag, onProgress } = r;
  let instructions = 0;
  const deadline = timeoutMs !== undefined ? t0 + timeoutMs : Infinity;
  const own =
    signal !== undefined || timeoutMs !== undefined || onProgress !== undefined || cancelFlag !== undefined
      ? (urgent?: boolean): void => {
          instructions++;
          if (signal?.aborted) cancelled();
          if (cancelFlag !== undefined && Atomics.load(cancelFlag, 0) !== 0) cancelled();
          if ((urgent === true || (instructions & 255) === 0) && performance.now() > deadline)
            throw new DmlError([diag(API_ERR.timeout, `the run took longer than ${timeoutMs} ms`)]);
        }
      : undefined;
  const given = r.checkCancelled;
  const checkCancelled =
    own && given
      ? (urgent?: boolean): void => {
          given();
          own(urgent);
        }
      : (own ?? given);
  let lastLine = -1;
  let lastFile = '';
  // The application's callback failing is its own error, named as such (DML8007), not an
  // internal error of the run; the run stops there.
  const report = (e: ProgressEvent): void => {
    try {
      onProgress!(e);
    } catch (err) {
      throw new DmlError([
        diag(
          API_ERR.callbackFailed,
          `the onProgress callback threw: ${err instanceof Error ? err.message : String(err)}`,
          e.span,
        ),
      ]);
    }
  };
  const progress =
    onProgress === undefined
      ? undefined
      : (opcode: string, span: Span): void => {
          if (span.line === lastLine && span.file === lastFile) return;
          lastLine = span.line;
          lastFile = span.file;
          report({ kind: 'statement', span, opcode, instructions, elapsedMs: performance.now() - t0 });
        };
  const progressIteration: LoopObserver | undefined =
    onProgress === undefined
      ? undefined
      : (loop, iteration) => {
          lastLine = -1; // the body's first statement is reported again on every iteration
          report({
            kind: 'iteration',
            span: loop.span,
            opcode: loop.kind,
            iteration,
            instructions,
            elapsedMs: performance.now() - t0,
          });
        };
  const givenIteration = r.onIteration;
  const onIteration: LoopObserver | undefined =
    progressIteration && givenIteration
      ? (loop, it) => {
          givenIteration(loop, it);
          progressIteration(loop, it);
        }
      : (progressIteration ?? givenIteration);
  return {
    ...(checkCancelled ? { checkCancelled } : {}),
    ...(onIteration ? { onIteration } : {}),
    ...(progress ? { progress } : {}),
  };
}

/** Runs a compiled script; throws DmlRunError for any error a user can cause. */
export function execute(c: CompiledScript, r: ExecuteRequest): Execution {
  const t0 = performance.now();
  const { env } = c;
  if (r.signal?.aborted)
    throw toRunError(new DmlError([diag(API_ERR.cancelled, 'the run was cancelled')]), c.sources);
  const stats = r.stats ? new RunStats() : undefined;
  if (stats) stats.compileMs = r.compileMs ?? 0;
  // The deadline counts from the start of compilation when this run compiled its script
  // (Session.run): a script that compiled for longer than its timeout stops before running.
  const start = t0 - (r.compileMs ?? 0);
  if (r.timeoutMs !== undefined && performance.now() > start + r.timeoutMs)
    throw toRunError(
      new DmlError([
        diag(API_ERR.timeout, `the run took longer than ${r.timeoutMs} ms (compiling it already did)`),
      ]),
      c.sources,
    );
  const { checkCancelled, onIteration, progress } = controls(r, start);

  // Dynamic recompilation (unless the configuration turns it off). Observed executions get their
  // own recompiler, so that every block they recompile is counted or printed; others share the
  // memoized one.
  const observe = stats !== undefined || r.explainRecompile !== undefined;
  const recompiler = observe
    ? createRecompiler(c.compiled, (block, result, ms) => {
        if (stats) {
          stats.recompilations++;
          stats.recompileMs += ms;
        }
        const header = blockHeader('RECOMPILED GENERIC', block.span);
        if (r.explainRecompile === 'hops')
          r.print(explainDagText(header, result.roots, result.notes).trimEnd());
        else if (r.explainRecompile === 'runtime')
          r.print(explainInstructionsText(header, result.instructions).trimEnd());
      })
    : c.recompiler;
  const recompile: InterpreterOptions['recompile'] =
    env.config.dynamicRecompilation === false
      ? undefined
      : (block, live) => recompiler.instructionsFor(block, live);

  const bindings = r.bindings ?? new Map<string, Value>();
  // The run's engine resources (buffer pool, threads, pools, devices, counters): its own, closed
  // when it ends, also on error (spill files deleted, device data released).
  const resources = createEngineResources(env.config, { backends: env.backends });
  const interp = new Interpreter(c.compiled.runtime, {
    builtins: new ExecutionBuiltins(env.builtins, bindings, progress),
    print: r.print,
    files: env.files,
    resources,
    stats,
    ...((r.seed ?? env.seed) !== undefined ? { seed: r.seed ?? env.seed } : {}),
    threads: env.config.threads,
    memoryBytes: env.config.memoryBytes,
    ...(recompile ? { recompile } : {}),
    ...(checkCancelled ? { checkCancelled } : {}),
    ...(onIteration ? { onIteration } : {}),
  });
  try {
    const variables = resources.run(() => {
      const globals = interp.run();
      const vars = new Map<string, Value>();
      if (r.returnVariables === false) return vars;
      if (c.outputs === undefined) {
        for (const n of globals.names()) vars.set(n, globals.get(n)!);
      } else {
        for (const n of c.outputs) {
          const v = globals.get(n);
          if (v === undefined)
            throw new DmlError([diag(API_ERR.missingOutput, `output '${n}' was not assigned by the script`)]);
          vars.set(n, v);
        }
      }
      return vars;
    });
    return { variables, stats, warnings: c.warnings, elapsedMs: performance.now() - t0, script: c };
  } catch (e) {
    throw toRunError(e, c.sources);
  } finally {
    const engine = resources.close();
    if (stats) {
      stats.engine = engine;
      stats.devices = resources.devices.stats();
    }
  }
}
