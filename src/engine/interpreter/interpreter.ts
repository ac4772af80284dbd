/**
 * The runtime plan interpreter: runs program blocks (basic, if, for, parfor, while) and user
 * function calls over symbol tables. Builtins are looked up in the BuiltinRegistry; indexing and
 * list operations are handled here because they are about variables, not kernels.
 */
import { DmlError, fail, withCallSite } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type {
  Computation,
  Instruction,
  LiteralValue,
  Operand,
  ProgramBlock,
  RuntimeFunction,
  RuntimeProgram,
} from '../../optimizer/plan.js';
import type { LiveLookup, LiveVar } from '../../optimizer/recompile/recompile-block.js';
import type { BuiltinRegistry } from '../builtins/registry.js';
import type { ExecContext } from '../context.js';
import { bool, dbl, int, str, type Value } from '../data/values.js';
import type { FileAccess } from '../../common/file-access.js';
import { DeviceMatrix } from '../backends/device-matrix.js';
import type { Devices } from '../backends/devices.js';
import { executeParfor } from '../parfor/execute.js';
import { enclosingResources, withKernelResources } from '../kernel-resources.js';
import type { RunResources } from '../resources.js';
import { coerceToDeclared, forLoopValues } from './control.js';
import { executeLeftIndex, executeRightIndex } from './indexing.js';
import { checkResultFits, isTruthy, wrapRuntimeError } from './runtime-errors.js';
import type { RunStats } from './stats.js';
import { SymbolTable } from './symbol-table.js';

export interface InterpreterOptions {
  readonly builtins: BuiltinRegistry;
  readonly print: (line: string) => void;
  readonly files: FileAccess;
  readonly stats?: RunStats;
  /** Seed for rand/sample with seed=-1; random when absent. */
  readonly seed?: number;
  readonly threads?: number;
  /**
   * Checked between instructions, at every loop iteration (a body may compile to nothing) and
   * while waiting for parfor workers; throwing from it cancels the run. `urgent`: check the clock
   * now (instruction checks may look at it only every so often).
   */
  readonly checkCancelled?: (urgent?: boolean) => void;
  /**
   * Dynamic recompilation: called before each basic block runs; returns the instructions to run
   * instead of the block's own (recompiled with the live variables' real sizes), or undefined.
   */
  readonly recompile?: (
    block: Extract<ProgramBlock, { kind: 'basic' }>,
    live: LiveLookup,
  ) => readonly Instruction[] | undefined;
  /** Called before each iteration of a for/while loop (1-based), for progress reporting. */
  readonly onIteration?: (loop: Extract<ProgramBlock, { kind: 'for' | 'while' }>, iteration: number) => void;
  /** Set in parfor workers: parfor loops nested in a worker's iterations run sequentially. */
  readonly parforInWorker?: boolean;
  /** Configured memory budget in bytes (the parfor optimizer divides it among workers). */
  readonly memoryBytes?: number;
  /**
   * The run's backends and the data on them: instructions the planner placed on GPU or DIST run
   * there when the backend supports them (else the LOCAL builtin runs). Absent: the resources'
   * devices, else everything LOCAL.
   */
  readonly devices?: Devices;
  /**
   * The run's engine resources (an EngineResources, ../resources.ts): buffer pool, thread
   * settings and pools, recycler, devices, counters; they reach builtins as `ctx.resources` and
   * kernels through kernel-resources.ts. Absent: those bound by an enclosing
   * withEngineResources, else none (nothing spilled, kernels on their defaults).
   */
  readonly resources?: RunResources;
}

/**
 * Deepest user-function recursion before we stop with an error instead of overflowing the JS stack.
 * Each DML call level takes four JavaScript frames when the call sits in an if branch (callFunction,
 * runBlock twice, execute), more when it sits deeper in blocks. In a fresh process (cold code has
 * the largest frames) on Node's default stack, `f(n) = if (n == 0) 0 else 1 + f(n - 1)` reaches
 * about 1,040 calls, a call inside for/while/if three blocks deep about 530: 500 keeps the simple
 * case at a 2x margin (docs/language-status.md). Past the JS stack it is DML5007 all the same.
 */
export const MAX_CALL_DEPTH = 500;

export class Interpreter {
  private ctx: ExecContext;
  /** The resources of the run in progress (set while run(), runIn() or runIterations() runs). */
  private res: RunResources | undefined;
  private depth = 0;
  /** While a parfor's workers run: answers their requests between this thread's blocks. */
  private parforService: (() => void) | undefined;
  private seedState: number;

  constructor(
    private readonly program: RuntimeProgram,
    private readonly opts: InterpreterOptions,
  ) {
    this.seedState = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.ctx = {
      print: opts.print,
      files: opts.files,
      nextSeed: () => {
        // Linear congruential step: distinct, reproducible seeds under a fixed session seed.
        this.seedState = (Math.imul(this.seedState, 1103515245) + 12345) >>> 1;
        return this.seedState;
      },
      callFunction: (name, args, argNames, span) => this.callByName(name, args, argNames, span),
      threads: opts.threads ?? 1,
    };
  }

  /** Runs the main program; returns the final global symbol table. */
  run(): SymbolTable {
    return this.withResources(() => {
      const globals = new SymbolTable(this.res?.bufferPool);
      this.runBlocks(this.program.main, globals);
      return globals;
    });
  }

  /** Runs the main program in an existing scope (REPL, embedding). */
  runIn(scope: SymbolTable): void {
    this.withResources(() => this.runBlocks(this.program.main, scope));
  }

  /**
   * Runs fn with the run's resources in place: in the execution context, and bound for the
   * kernels of this thread (restored afterwards). Nested entries (runIterations from a parfor)
   * keep the outer ones.
   */
  private withResources<T>(fn: () => T): T {
    if (this.res !== undefined) return fn();
    const res = this.opts.resources ?? enclosingResources();
    if (res === undefined) return fn();
    this.res = res;
    const memoryBytes = this.opts.memoryBytes ?? this.res?.memoryBytes;
    this.ctx = {
      ...this.ctx,
      resources: res,
      threads: res.threads,
      ...(memoryBytes !== undefined ? { memoryBytes } : {}),
    };
    try {
      return withKernelResources(res, fn);
    } finally {
      this.res = undefined;
    }
  }

  // ------------------------------------------------------------------ blocks

  private runBlocks(blocks: readonly ProgramBlock[], scope: SymbolTable): void {
    for (const b of blocks) this.runBlock(b, scope);
  }

  private runBlock(b: ProgramBlock, scope: SymbolTable): void {
    switch (b.kind) {
      case 'basic': {
        this.parforService?.();
        // Sizes only: peekDims does not restore a spilled matrix just to read its dims.
        const list =
          this.opts.recompile?.(b, (n) => {
            const d = scope.peekDims(n);
            return d !== undefined ? { dims: d } : liveVar(scope.get(n));
          }) ?? b.instructions;
        for (const ins of list) this.execute(ins, scope);
        return;
      }
      case 'if': {
        const p = this.evalComputation(b.predicate, scope);
        // each block directly (not through runBlocks): one JavaScript frame less per nesting level
        for (const x of isTruthy(p, b.predicate.span) ? b.then : b.else) this.runBlock(x, scope);
        return;
      }
      case 'while':
        this.runWhile(b, scope);
        return;
      case 'for':
        this.runFor(b, scope);
        return;
    }
  }

  private runWhile(b: Extract<ProgramBlock, { kind: 'while' }>, scope: SymbolTable): void {
    for (let it = 1; ; it++) {
      this.opts.checkCancelled?.();
      const p = this.evalComputation(b.predicate, scope);
      if (!isTruthy(p, b.predicate.span)) return;
      this.opts.onIteration?.(b, it);
      this.runBlocks(b.body, scope);
    }
  }

  private runFor(b: Extract<ProgramBlock, { kind: 'for' }>, scope: SymbolTable): void {
    const from = this.evalComputation(b.from, scope);
    const to = this.evalComputation(b.to, scope);
    const by = b.by ? this.evalComputation(b.by, scope) : undefined;
    if (b.parfor && !this.opts.parforInWorker) {
      this.runParfor(b, [...forLoopValues(from, to, by, b.isSeq, b.span)], scope);
      return;
    }
    let it = 0;
    for (const v of forLoopValues(from, to, by, b.isSeq, b.span)) {
      this.opts.checkCancelled?.();
      scope.set(b.variable, v);
      this.opts.onIteration?.(b, ++it);
      this.runBlocks(b.body, scope);
    }
  }

  /** parfor: iterations on worker threads where it pays (src/engine/parfor), else one by one. */
  private runParfor(b: Extract<ProgramBlock, { kind: 'for' }>, values: Value[], scope: SymbolTable): void {
    // A parfor nested in this thread's share of an outer parfor: the workers are busy already.
    if (this.parforService) {
      this.runIterations(b, values, scope);
      return;
    }
    executeParfor({
      program: this.program,
      loop: b,
      values,
      scope,
      print: this.opts.print,
      nextSeed: () => this.ctx.nextSeed(),
      cwd: this.opts.files.cwd,
      memoryBytes: this.opts.memoryBytes ?? this.res?.memoryBytes,
      ...(this.res?.parfor !== undefined ? { pool: this.res.parfor } : {}),
      runSequential: (vals) => this.runIterations(b, vals, scope),
      recompile: this.opts.recompile,
      setService: (fn) => {
        this.parforService = fn;
      },
      stats: this.opts.stats,
      ...(this.opts.checkCancelled ? { checkCancelled: this.opts.checkCancelled } : {}),
    });
  }

  /** Runs a for loop's body once per value (a parfor worker's share, or the sequential fallback). */
  runIterations(
    b: Extract<ProgramBlock, { kind: 'for' }>,
    values: readonly Value[],
    scope: SymbolTable,
  ): void {
    this.withResources(() => {
      let it = 0;
      for (const v of values) {
        this.opts.checkCancelled?.();
        scope.set(b.variable, v);
        this.opts.onIteration?.(b, ++it);
        this.runBlocks(b.body, scope);
      }
    });
  }

  private evalComputation(c: Computation, scope: SymbolTable): Value {
    for (const ins of c.instructions) this.execute(ins, scope);
    return this.operand(c.result, scope, c.span);
  }

  // ------------------------------------------------------------------ instructions

  private operand(o: Operand, scope: SymbolTable, span: Span): Value {
    switch (o.kind) {
      case 'lit':
        return literal(o.value);
      case 'var': {
        const v = scope.get(o.name);
        if (v === undefined) fail('DML5006', `variable '${o.name}' is not defined at this point`, span);
        return v;
      }
      case 'none':
        return fail('DML5999', 'internal error: absent operand used as a value', span);
    }
  }

  private execute(ins: Instruction, scope: SymbolTable): void {
    this.opts.checkCancelled?.();
    const t0 = this.opts.stats ? performance.now() : 0;
    try {
      if (ins.opcode === 'fcall') {
        // here, not in executeUnchecked: one JavaScript frame less per DML call level
        const { fn, args } = this.callTarget(ins, scope);
        try {
          this.callFunction(
            fn,
            args,
            ins.argNames ?? args.map(() => undefined),
            ins.span,
            ins.outputs.length,
            (outs) => ins.outputs.forEach((name, i) => storeSlot(scope, name, outs[i]!)),
          );
        } catch (e) {
          // The error points into the function (often a stdlib file): name the caller's line too.
          throw e instanceof DmlError ? withCallSite(e, ins.span) : e;
        }
      } else this.executeUnchecked(ins, scope);
    } catch (e) {
      throw wrapRuntimeError(e, ins.span);
    }
    if (this.opts.stats)
      this.opts.stats.record(ins.opcode === 'fcall' ? `fcall ${ins.fn}` : ins.opcode, performance.now() - t0);
  }

  /** The function an `fcall` instruction calls, and its argument values. */
  private callTarget(ins: Instruction, scope: SymbolTable): { fn: RuntimeFunction; args: SlotValue[] } {
    // A matrix on a backend goes into the function as it is: a chain of device ops inside the
    // function continues there (values are immutable, so sharing the handle is safe).
    const args = ins.inputs.map((o) =>
      o.kind === 'var'
        ? (scope.getRaw(o.name) ?? this.operand(o, scope, ins.span))
        : this.operand(o, scope, ins.span),
    );
    const fn = this.program.functions.get(ins.fn ?? '');
    if (!fn) fail('DML2002', `function '${ins.fn}' is not defined`, ins.span);
    return { fn, args };
  }

  private executeUnchecked(ins: Instruction, scope: SymbolTable): void {
    switch (ins.opcode) {
      case 'cpvar': {
        // A copy of a slot: a value on a backend stays there.
        const src = ins.inputs[0]!;
        const raw = src.kind === 'var' ? scope.getRaw(src.name) : undefined;
        if (raw instanceof DeviceMatrix) scope.setDevice(ins.outputs[0]!, raw);
        else scope.set(ins.outputs[0]!, this.operand(src, scope, ins.span));
        return;
      }
      case 'rmvar':
        for (const o of ins.inputs) if (o.kind === 'var') scope.delete(o.name);
        return;
      case 'rix': {
        const [target, rl, ru, cl, cu] = ins.inputs.map((o) =>
          o.kind === 'none' ? undefined : this.operand(o, scope, ins.span),
        );
        const r = executeRightIndex(target!, rl, ru, cl, cu, ins.attrs?.listIndex === true, ins.span);
        scope.set(ins.outputs[0]!, r);
        return;
      }
      case 'lix': {
        const [target, source, rl, ru, cl, cu] = ins.inputs.map((o) =>
          o.kind === 'none' ? undefined : this.operand(o, scope, ins.span),
        );
        const r = executeLeftIndex(target!, source!, rl, ru, cl, cu, ins.attrs?.listIndex === true, ins.span);
        scope.set(ins.outputs[0]!, r);
        return;
      }
      case 'exists': {
        // About the scope, not a value: exists(x) / exists("x") is TRUE when the variable is defined.
        const o = ins.inputs[0];
        if (ins.inputs.length !== 1 || o === undefined)
          fail('DML3002', 'exists() takes exactly one argument', ins.span);
        const defined =
          o.kind === 'var'
            ? scope.has(o.name)
            : o.kind === 'lit' && o.value.vt === 'string'
              ? scope.has(o.value.value)
              : true;
        scope.set(ins.outputs[0]!, bool(defined));
        return;
      }
      default:
        this.executeBuiltin(ins, scope);
    }
  }

  /** An instruction placed on a backend: true when the backend ran it (its output is stored). */
  private executeOnDevice(ins: Instruction, scope: SymbolTable): boolean {
    const devices = this.opts.devices ?? this.res?.devices;
    if (devices === undefined || ins.exec === undefined || ins.exec === 'LOCAL' || ins.outputs.length > 1)
      return false;
    const raw = ins.inputs.map((o) => {
      if (o.kind === 'lit') return literal(o.value);
      if (o.kind === 'none') return undefined;
      return (
        scope.getRaw(o.name) ?? fail('DML5006', `variable '${o.name}' is not defined at this point`, ins.span)
      );
    });
    const t0 = this.opts.stats !== undefined && ins.estimatedMs !== undefined ? performance.now() : 0;
    const r = devices.run(
      ins.exec,
      ins.opcode,
      raw,
      ins.argNames ?? raw.map(() => undefined),
      ins.span,
      ins.bound,
    );
    if (r === undefined) return false;
    if (t0 !== 0)
      this.opts.stats!.recordPlaced(`${ins.exec} ${ins.opcode}`, performance.now() - t0, ins.estimatedMs!);
    const out = ins.outputs[0];
    if (out !== undefined) {
      if (r instanceof DeviceMatrix) scope.setDevice(out, r);
      else scope.set(out, r);
    }
    return true;
  }

  private executeBuiltin(ins: Instruction, scope: SymbolTable): void {
    // A result the backend holds does not count against this process's budget: only when the
    // op runs here (LOCAL, or a backend declined it) must it fit.
    if (this.executeOnDevice(ins, scope)) return;
    const r = ins.result;
    if (r !== undefined)
      checkResultFits(
        ins.opcode,
        r.rows,
        r.cols,
        r.bytes,
        this.opts.memoryBytes ?? this.res?.memoryBytes,
        ins.span,
      );
    const impl = this.opts.builtins.get(ins.opcode);
    if (!impl) fail('DML9001', `builtin '${ins.opcode}' is not supported yet`, ins.span);
    const args = ins.inputs.map((o) => this.operand(o, scope, ins.span));
    const res = impl({
      name: ins.opcode,
      args,
      argNames: ins.argNames ?? args.map(() => undefined),
      ...(ins.bound !== undefined && { bound: ins.bound }),
      span: ins.span,
      ctx: this.ctx,
    });
    if (ins.outputs.length === 0) return;
    if (res === undefined)
      fail('DML5999', `internal error: builtin '${ins.opcode}' returned no value`, ins.span);
    if (isValueArray(res)) {
      if (res.length < ins.outputs.length) {
        fail(
          'DML3004',
          `${ins.opcode}() returns ${res.length} value(s), ${ins.outputs.length} requested`,
          ins.span,
        );
      }
      ins.outputs.forEach((name, i) => scope.set(name, res[i]!));
    } else {
      scope.set(ins.outputs[0]!, res);
    }
  }

  // ------------------------------------------------------------------ functions

  private callByName(
    name: string,
    args: readonly Value[],
    argNames: readonly (string | undefined)[],
    span: Span,
  ): Value[] {
    const fn = this.program.functions.get(name);
    // eval() and friends hand values to builtins: results on a backend come to the host.
    if (fn) {
      let values: Value[] = [];
      this.callFunction(fn, args, argNames, span, fn.outputs.length, (outs) => {
        values = outs.map((v) => (v instanceof DeviceMatrix ? v.toHost() : v));
      });
      return values;
    }
    const impl = this.opts.builtins.get(name);
    if (impl) {
      const r = impl({ name, args, argNames, span, ctx: this.ctx });
      if (r === undefined) return [];
      return isValueArray(r) ? [...r] : [r];
    }
    return fail('DML2002', `eval: no function or builtin named '${name}'`, span);
  }

  /**
   * Each DML call level takes this frame, runBlock's (one per nested block), and execute's:
   * argument binding and output collection run in helpers that return before the body runs.
   */
  private callFunction<V extends SlotValue>(
    fn: RuntimeFunction,
    args: readonly V[],
    argNames: readonly (string | undefined)[],
    span: Span,
    wanted: number,
    /** Takes the outputs while the function's scope still holds them (device values included). */
    deliver: (outs: readonly SlotValue[]) => void,
  ): void {
    if (this.depth >= MAX_CALL_DEPTH) {
      fail('DML5007', `recursion deeper than ${MAX_CALL_DEPTH} calls in function '${fn.name}'`, span);
    }
    const bound = bindCallArguments(fn, args, argNames, span);
    const local = new SymbolTable(this.res?.bufferPool);
    this.depth++;
    try {
      this.bindParameters(fn, bound, local, span);
      for (const b of fn.body) this.runBlock(b, local);
      deliver(functionOutputs(fn, local, wanted, span));
    } finally {
      this.depth--;
      // The scope ends here: its slots stop holding device values (the outputs were taken).
      local.dropDeviceSlots();
    }
  }

  /** Parameters into the function's scope: given values, else defaults, coerced to the declared types. */
  private bindParameters(
    fn: RuntimeFunction,
    bound: Map<string, SlotValue>,
    local: SymbolTable,
    span: Span,
  ): void {
    for (const p of fn.params) {
      let v = bound.get(p.name);
      if (v === undefined) {
        if (!p.default) fail('DML3003', `function '${fn.name}' is missing argument '${p.name}'`, span);
        v = this.evalComputation(p.default, local);
      }
      if (v instanceof DeviceMatrix && (p.dataType === 'matrix' || p.dataType === 'unknown')) {
        local.setDevice(p.name, v);
        continue;
      }
      const host = v instanceof DeviceMatrix ? v.toHost() : v;
      local.set(
        p.name,
        coerceToDeclared(host, p.dataType, p.valueType, `argument '${p.name}' of ${fn.name}()`, span),
      );
    }
  }
}

/** Arguments by parameter name (positional ones fill the parameters not named). */
function bindCallArguments<V>(
  fn: RuntimeFunction,
  args: readonly V[],
  argNames: readonly (string | undefined)[],
  span: Span,
): Map<string, V> {
  const bound = new Map<string, V>();
  let pos = 0;
  for (let i = 0; i < args.length; i++) {
    const n = argNames[i];
    if (n === undefined) {
      while (pos < fn.params.length && bound.has(fn.params[pos]!.name)) pos++;
      const p = fn.params[pos++];
      if (!p)
        fail(
          'DML3003',
          `function '${fn.name}' takes ${fn.params.length} argument(s), got ${args.length}`,
          span,
        );
      bound.set(p.name, args[i]!);
    } else {
      if (!fn.params.some((p) => p.name === n))
        fail('DML3003', `function '${fn.name}' has no parameter '${n}'`, span);
      bound.set(n, args[i]!);
    }
  }
  return bound;
}

/**
 * The first `wanted` outputs of a finished call, coerced to their declared types; a matrix output
 * on a backend stays there.
 */
function functionOutputs(fn: RuntimeFunction, local: SymbolTable, wanted: number, span: Span): SlotValue[] {
  const outs: SlotValue[] = [];
  for (let i = 0; i < Math.min(wanted, fn.outputs.length); i++) {
    const o = fn.outputs[i]!;
    const v = local.getRaw(o.name);
    if (v === undefined)
      fail('DML5008', `function '${fn.name}' did not assign its output '${o.name}'`, fn.span);
    if (v instanceof DeviceMatrix && (o.dataType === 'matrix' || o.dataType === 'unknown')) {
      outs.push(v);
      continue;
    }
    const host = v instanceof DeviceMatrix ? v.toHost() : v;
    outs.push(coerceToDeclared(host, o.dataType, o.valueType, `output '${o.name}' of ${fn.name}()`, span));
  }
  return outs;
}

/** What a slot can hold as an instruction sees it: a value, or a matrix living on a backend. */
type SlotValue = Value | DeviceMatrix;

function storeSlot(scope: SymbolTable, name: string, v: SlotValue): void {
  if (v instanceof DeviceMatrix) scope.setDevice(name, v);
  else scope.set(name, v);
}

function scalarLiteral(v: Extract<Value, { dt: 'scalar' }>): LiteralValue {
  switch (v.vt) {
    case 'boolean':
      return { vt: 'boolean', value: v.value };
    case 'string':
      return { vt: 'string', value: v.value };
    default:
      return { vt: v.vt, value: v.value };
  }
}

/** What recompilation needs to know about a variable: a matrix's dims or a scalar's value. */
function liveVar(v: Value | undefined): LiveVar | undefined {
  if (v === undefined) return undefined;
  switch (v.dt) {
    case 'matrix':
      return { dims: { rows: v.rows, cols: v.cols, nnz: v.nnz } };
    case 'frame':
      return { dims: { rows: v.rows, cols: v.cols, nnz: -1 } };
    case 'scalar':
      return { scalar: v.vt === 'string' ? undefined : scalarLiteral(v) };
    default:
      return undefined;
  }
}

function isValueArray(r: Value | readonly Value[]): r is readonly Value[] {
  return Array.isArray(r);
}

function literal(v: LiteralValue): Value {
  switch (v.vt) {
    case 'double':
      return dbl(v.value);
    case 'int':
      return int(v.value);
    case 'boolean':
      return bool(v.value);
    case 'string':
      return str(v.value);
  }
}

export { DmlError };
