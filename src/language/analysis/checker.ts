/**
 * Phase 3 of analysis: walks the main script and every function body with a flow-sensitive
 * environment; resolves calls, checks arity and statement rules, infers and records types.
 */
import { unsupportedBuiltin } from '../../common/builtins/unsupported.js';
import { bindArguments, boundTypes, type Binding } from '../../common/builtins/bind.js';
import { builtinNames, builtinSpec } from '../../common/builtins/catalogue.js';
import { SCALAR_SHAPE, shapeArgs } from '../../common/builtins/shape-rules.js';
import type { BuiltinSpec, ShapeArg, TypeInfo } from '../../common/builtins/spec.js';
import { T } from '../../common/builtins/spec.js';
import type { Diagnostic } from '../../common/diagnostics.js';
import { diag, didYouMean } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { Dims } from '../../common/types.js';
import { assertNever, UNKNOWN_DIMS } from '../../common/types.js';
import type {
  CallExpr,
  Expr,
  FunctionDef,
  IndexRange,
  IterablePredicate,
  Statement,
  TypeSpec,
} from '../ast.js';
import type { CallTarget } from './analyzed.js';
import type { ModuleLoader, Unit } from './modules.js';
import { binaryDims, binaryType, unaryType } from './operator-types.js';
import type { Env, VarInfo } from './scope.js';
import { cloneEnv, mergeEnvs } from './scope.js';

interface CallInfo {
  readonly target?: CallTarget;
  /** Output types (empty for statement builtins and functions without outputs). */
  readonly outputs: readonly TypeInfo[];
  readonly dims?: Dims;
}

const STATEMENT_ONLY_IN_PARFOR = new Set(['stop', 'assert']);
const SECOND_ORDER = new Set(['eval', 'evalList', 'paramserv']);

function specType(t: TypeSpec): TypeInfo {
  return { dataType: t.dataType, valueType: t.dataType === 'matrix' ? 'double' : t.valueType };
}

export class Checker {
  readonly calls = new Map<CallExpr, CallTarget>();
  readonly types = new Map<Expr, TypeInfo>();
  private diags: Diagnostic[];
  private parforDepth = 0;
  /** > 0 while the silent first pass over a loop body runs (see loop()). */
  private probing = 0;
  private unit!: Unit;

  constructor(
    private readonly loader: ModuleLoader,
    diagnostics: Diagnostic[],
  ) {
    this.diags = diagnostics;
  }

  checkMain(unit: Unit, body: readonly Statement[]): void {
    this.unit = unit;
    this.parforDepth = 0;
    this.block(body, new Map());
  }

  checkFunction(unit: Unit, f: FunctionDef): void {
    this.unit = unit;
    this.parforDepth = 0;
    if (f.external) {
      this.diags.push(
        diag('DML9001', `external functions (externalFunction) are not supported yet`, f.nameSpan),
      );
      return;
    }
    // A function body sees only its parameters (never globals).
    // Defaults may refer to earlier parameters (e.g. `Integer n = nrow(X)`).
    const env: Env = new Map();
    for (const p of f.params) {
      if (p.default !== undefined) {
        const dt = this.expr(p.default, cloneEnv(env));
        this.checkParamType(p.type, dt, p.default.span, `default of parameter '${p.name}'`);
      }
      env.set(p.name, { defined: 'yes', type: specType(p.type) });
    }
    this.block(f.body, env);
    for (const o of f.outputs) {
      const v = env.get(o.name);
      if (v === undefined) {
        this.diags.push({
          ...diag('DML2006', `output '${o.name}' of function '${f.name}' is never assigned`, o.span),
          severity: 'warning',
        });
      } else if (v.defined === 'maybe') {
        this.diags.push({
          ...diag(
            'DML2006',
            `output '${o.name}' of function '${f.name}' may not be assigned on every path`,
            o.span,
          ),
          severity: 'warning',
        });
      }
    }
  }

  // ---------------------------------------------------------------- statements

  private block(list: readonly Statement[], env: Env): void {
    for (const s of list) this.statement(s, env);
  }

  private statement(s: Statement, env: Env): void {
    switch (s.kind) {
      case 'assign':
        return this.assign(s, env);
      case 'multiAssign': {
        const info = this.call(s.call, env);
        const t = info.target;
        if (t === undefined) {
          for (const id of s.targets) env.set(id.name, { defined: 'yes', type: T.unknown });
          return;
        }
        const n = t.kind === 'builtin' ? (t.spec.outputs ?? 1) : info.outputs.length;
        const name = s.call.namespace ? `${s.call.namespace}::${s.call.name}` : s.call.name;
        if (t.kind === 'builtin' && SECOND_ORDER.has(t.spec.name)) {
          // eval("f", ...) returns whatever f returns: unknown here, checked at run time.
        } else if (t.kind === 'builtin' && n <= 1) {
          this.diags.push(
            diag(
              'DML3004',
              `multi-assignment needs a function with several outputs; ${name}() returns ${n === 0 ? 'nothing' : 'one value'}`,
              s.call.span,
            ),
          );
        } else if (s.targets.length > n) {
          this.diags.push(
            diag('DML3004', `${s.targets.length} targets but ${name}() returns ${n} value(s)`, s.span),
          );
        }
        s.targets.forEach((id, i) => {
          const type = info.outputs[i] ?? T.unknown;
          this.types.set(id, type);
          env.set(id.name, { defined: 'yes', type });
        });
        return;
      }
      case 'callStmt':
        this.call(s.call, env);
        return;
      case 'if': {
        const ct = this.expr(s.condition, env);
        this.checkPredicate(ct, s.condition.span, 'if');
        const thenEnv = cloneEnv(env);
        const elseEnv = cloneEnv(env);
        this.block(s.then, thenEnv);
        if (s.else !== undefined) this.block(s.else, elseEnv);
        // A branch that ends in stop() never reaches the join (`if (ok) x = 1 else stop("...")`).
        const thenStops = endsInStop(s.then);
        const elseStops = s.else !== undefined && endsInStop(s.else);
        replaceEnv(
          env,
          thenStops && !elseStops ? elseEnv : elseStops && !thenStops ? thenEnv : mergeEnvs(thenEnv, elseEnv),
        );
        return;
      }
      case 'for': {
        const varType = this.iterable(s.iterable, env);
        // parfor options: bare words (mode=LOCAL) are enum names, not variables; other values are expressions.
        for (const p of s.params) if (p.value.kind !== 'id') this.expr(p.value, env);
        if (s.parallel) this.parforDepth++;
        this.loop(s.body, env, (e) => e.set(s.variable.name, { defined: 'yes', type: varType }));
        if (s.parallel) this.parforDepth--;
        this.types.set(s.variable, varType);
        env.set(s.variable.name, { defined: 'yes', type: varType });
        return;
      }
      case 'while': {
        const ct = this.expr(s.condition, env);
        this.checkPredicate(ct, s.condition.span, 'while');
        this.loop(s.body, env, () => undefined, s.condition);
        return;
      }
      case 'source':
      case 'setwd':
        return;
      case 'function':
        // Nested definitions are reported by the driver; the function table holds top-level ones only.
        return;
      default:
        return assertNever(s, 'statement');
    }
  }

  /**
   * Loop bodies run zero or more times: a first silent pass finds what the body assigns, so that
   * the real pass starts from the join of the entry state and the end-of-body state (back edge).
   */
  private loop(body: readonly Statement[], env: Env, enter: (e: Env) => void, condition?: Expr): void {
    let entry: Env;
    if (this.probing > 0) {
      // Inside an enclosing loop's silent first pass: one pass from the entry state is enough to
      // find what the body assigns. Probing nested loops twice each would be 2^depth passes.
      entry = cloneEnv(env);
    } else {
      const saved = this.diags;
      this.diags = [];
      const probe = cloneEnv(env);
      enter(probe);
      this.probing++;
      try {
        this.block(body, probe);
      } finally {
        this.probing--;
        this.diags = saved;
      }
      entry = mergeEnvs(env, probe);
    }
    // Variables that were fully defined before the loop stay so; the join only widens their types.
    for (const [name, v] of env)
      if (v.defined === 'yes') entry.set(name, { ...entry.get(name)!, defined: 'yes' });
    enter(entry);
    if (condition !== undefined) this.expr(condition, entry);
    const bodyEnv = cloneEnv(entry);
    this.block(body, bodyEnv);
    const after = mergeEnvs(env, bodyEnv);
    for (const [name, v] of env)
      if (v.defined === 'yes') after.set(name, { ...after.get(name)!, defined: 'yes' });
    replaceEnv(env, after);
  }

  private iterable(it: IterablePredicate, env: Env): TypeInfo {
    const parts = it.kind === 'range' ? [it.from, it.to] : [it.from, it.to, ...(it.by ? [it.by] : [])];
    let double = false;
    for (const p of parts) {
      const t = this.expr(p, env);
      if (t.dataType === 'matrix' || t.dataType === 'frame' || t.dataType === 'list') {
        this.diags.push(
          diag('DML3001', `loop bounds must be scalars, got a ${t.dataType}`, p.span, 'use as.scalar(...)'),
        );
      } else if (t.dataType === 'scalar' && t.valueType === 'string') {
        this.diags.push(diag('DML3001', `loop bounds must be numbers, got a string`, p.span));
      }
      if (t.valueType === 'double') double = true;
    }
    return double ? T.double : T.int;
  }

  private checkPredicate(t: TypeInfo, span: Span, what: string): void {
    if (t.dataType === 'matrix' || t.dataType === 'frame' || t.dataType === 'list') {
      this.diags.push(
        diag(
          'DML3001',
          `the ${what} predicate must be a scalar, got a ${t.dataType}`,
          span,
          t.dataType === 'matrix' ? 'use as.scalar(...) or an aggregate such as sum(...)' : undefined,
        ),
      );
    }
  }

  private assign(s: Extract<Statement, { kind: 'assign' }>, env: Env): void {
    const target = s.target;
    if (target.kind === 'index') {
      // Left indexing updates an existing matrix, frame or list in place.
      const tt = this.expr(target, env);
      const vt = this.expr(s.value, env);
      if (s.op === '+=') this.binaryResult('+', tt, vt, s.span);
      return;
    }
    if (s.op === '+=') {
      const cur = this.readVar(target.name, target.span, env);
      const vt = this.expr(s.value, env);
      const r = this.binaryResult('+', cur.type, vt, s.span);
      const dims =
        cur.dims !== undefined && this.dimsOf(s.value) !== undefined
          ? binaryDims('+', cur.dims, this.dimsOf(s.value)!).dims
          : undefined;
      this.types.set(target, r);
      env.set(
        target.name,
        dims !== undefined ? { defined: 'yes', type: r, dims } : { defined: 'yes', type: r },
      );
      return;
    }
    const vt = this.expr(s.value, env);
    const dims = this.dimsOf(s.value);
    this.types.set(target, vt);
    env.set(
      target.name,
      dims !== undefined ? { defined: 'yes', type: vt, dims } : { defined: 'yes', type: vt },
    );
  }

  // ---------------------------------------------------------------- expressions

  private readonly exprDims = new Map<Expr, Dims>();

  private dimsOf(e: Expr): Dims | undefined {
    return this.exprDims.get(e);
  }

  private readVar(name: string, span: Span, env: Env): VarInfo {
    const v = env.get(name);
    if (v === undefined) {
      const hint = didYouMean(name, env.keys());
      this.diags.push(
        diag('DML2001', `undefined variable '${name}'`, span, hint ? `did you mean '${hint}'?` : undefined),
      );
      // Report each undefined name once per path, not at every later use.
      const info: VarInfo = { defined: 'yes', type: T.unknown, reported: true };
      env.set(name, info);
      return info;
    }
    if (v.defined === 'maybe' && v.reported !== true) {
      this.diags.push({
        ...diag(
          'DML2005',
          `variable '${name}' may be undefined here (it is only assigned on some paths)`,
          span,
        ),
        severity: 'warning',
      });
      env.set(name, { ...v, defined: 'yes' });
    }
    return v;
  }

  expr(e: Expr, env: Env): TypeInfo {
    const t = this.exprInner(e, env);
    this.types.set(e, t);
    return t;
  }

  private exprInner(e: Expr, env: Env): TypeInfo {
    switch (e.kind) {
      case 'int':
        return T.int;
      case 'double':
        return T.double;
      case 'string':
        return T.string;
      case 'boolean':
        return T.boolean;
      case 'id': {
        const v = this.readVar(e.name, e.span, env);
        if (v.dims !== undefined) this.exprDims.set(e, v.dims);
        return v.type;
      }
      case 'arg':
        // Undefined `$x` (already reported during substitution).
        return T.unknown;
      case 'ifdef':
        // Only reachable when misplaced (reported during substitution).
        return this.expr(e.fallback, env);
      case 'unary': {
        const r = unaryType(e.op, this.expr(e.operand, env));
        if (r.error) this.diags.push(diag('DML3001', r.error, e.span));
        const d = this.dimsOf(e.operand);
        if (d !== undefined && r.type.dataType === 'matrix') this.exprDims.set(e, d);
        return r.type;
      }
      case 'binary': {
        if (e.op === '&&' || e.op === '||') {
          const single = e.op === '&&' ? '&' : '|';
          this.diags.push(
            diag(
              'DML3005',
              `use ${single} (cell-wise/non-short-circuit) instead of ${e.op}`,
              e.span,
              `DML has no short-circuit ${e.op}; both sides of ${single} are always evaluated`,
            ),
          );
        }
        const l = this.expr(e.left, env);
        const r = this.expr(e.right, env);
        const out = this.binaryResult(e.op, l, r, e.span);
        const ld = this.dimsOf(e.left);
        const rd = this.dimsOf(e.right);
        if (out.dataType === 'matrix') {
          if (ld !== undefined && rd !== undefined && l.dataType === 'matrix' && r.dataType === 'matrix') {
            const dr = binaryDims(e.op, ld, rd);
            if (dr.error) this.diags.push(diag(dr.error.code, dr.error.message, e.span));
            if (dr.dims) this.exprDims.set(e, dr.dims);
          } else if (e.op !== '%*%') {
            const only =
              l.dataType === 'matrix' && r.dataType === 'scalar'
                ? ld
                : r.dataType === 'matrix' && l.dataType === 'scalar'
                  ? rd
                  : undefined;
            if (only !== undefined) this.exprDims.set(e, only);
          }
        }
        return out;
      }
      case 'call': {
        const info = this.call(e, env);
        if (info.dims !== undefined) this.exprDims.set(e, info.dims);
        if (info.target !== undefined && info.outputs.length === 0) {
          const name = e.namespace ? `${e.namespace}::${e.name}` : e.name;
          this.diags.push(
            diag('DML3008', `${name}() returns no value and can only be used as a statement`, e.span),
          );
          return T.unknown;
        }
        return info.outputs[0] ?? T.unknown;
      }
      case 'index': {
        const tt = this.expr(e.target, env);
        this.range(e.rows, env);
        this.range(e.cols, env);
        if (tt.dataType === 'scalar') {
          this.diags.push(diag('DML3001', `cannot index the scalar '${e.target.name}'`, e.span));
          return T.unknown;
        }
        if (tt.dataType === 'matrix') return T.matrix;
        if (tt.dataType === 'frame') return tt;
        if (tt.dataType === 'list') return T.list;
        return T.unknown;
      }
      case 'exprList':
        for (const x of e.items) this.expr(x, env);
        return T.unknown;
      default:
        return assertNever(e, 'expression');
    }
  }

  private range(r: IndexRange | null, env: Env): void {
    if (r === null) return;
    for (const x of r.upper === undefined ? [r.lower] : [r.lower, r.upper]) {
      const t = this.expr(x, env);
      if (t.dataType === 'frame' || t.dataType === 'list') {
        this.diags.push(diag('DML3001', `an index must be a scalar or matrix, got a ${t.dataType}`, x.span));
      }
    }
  }

  private binaryResult(op: Parameters<typeof binaryType>[0], l: TypeInfo, r: TypeInfo, span: Span): TypeInfo {
    const res = binaryType(op, l, r);
    if (res.error) this.diags.push(diag('DML3001', res.error, span));
    return res.type;
  }

  // ---------------------------------------------------------------- calls

  private resolve(call: CallExpr): CallTarget | undefined {
    const unit = this.unit;
    if (call.namespace !== undefined) {
      const ns = unit.namespaces.get(call.namespace);
      if (ns === undefined) {
        const hint = didYouMean(call.namespace, unit.namespaces.keys());
        this.diags.push(
          diag(
            'DML2003',
            `unknown namespace '${call.namespace}'`,
            call.nameSpan,
            hint ? `did you mean '${hint}'?` : `import it with source("file.dml") as ${call.namespace}`,
          ),
        );
        return undefined;
      }
      const key = ns.funcs.get(call.name);
      if (key === undefined) {
        const hint = didYouMean(call.name, ns.funcs.keys());
        this.diags.push(
          diag(
            'DML2002',
            `function '${call.name}' is not defined in namespace '${call.namespace}'`,
            call.nameSpan,
            hint ? `did you mean '${call.namespace}::${hint}'?` : undefined,
          ),
        );
        return undefined;
      }
      return { kind: 'function', key };
    }
    const own = unit.funcs.get(call.name);
    if (own !== undefined) return { kind: 'function', key: own };
    const spec = builtinSpec(call.name);
    if (spec !== undefined) return { kind: 'builtin', spec };
    // Stdlib functions live in the default namespace, whichever file calls them.
    if (this.loader.loadStdlib(call.name))
      return { kind: 'function', key: this.loader.defaultFuncs.get(call.name)! };
    const missing = unsupportedBuiltin(call.name);
    if (missing !== undefined) {
      this.diags.push(diag('DML9001', missing, call.nameSpan));
      return undefined;
    }
    const candidates = [...builtinNames(), ...unit.funcs.keys()];
    for (const [ns, u] of unit.namespaces) for (const f of u.funcs.keys()) candidates.push(`${ns}::${f}`);
    const hint = didYouMean(call.name, candidates);
    this.diags.push(
      diag(
        'DML2002',
        `unknown function '${call.name}'`,
        call.nameSpan,
        hint ? `did you mean '${hint}'?` : undefined,
      ),
    );
    return undefined;
  }

  private call(call: CallExpr, env: Env): CallInfo {
    const target = this.resolve(call);
    if (target === undefined) {
      for (const a of call.args) this.expr(a.value, env);
      return { outputs: [T.unknown] };
    }
    this.calls.set(call, target);
    if (target.kind === 'builtin') return { target, ...this.builtinCall(call, target.spec, env) };
    this.loadStdlibNamedByLiterals(call);
    return { target, ...this.functionCall(call, target.key, env) };
  }

  /**
   * A function that receives a function name as a string (gridSearch(train="lm", ...)) calls it
   * with eval() on a variable, which analysis cannot follow; so a string literal argument of a
   * DML function call that names a stdlib function loads it, and the runtime finds it.
   */
  private loadStdlibNamedByLiterals(call: CallExpr): void {
    for (const a of call.args) {
      const v = a.value;
      if (v.kind === 'string' && !this.unit.funcs.has(v.value) && builtinSpec(v.value) === undefined)
        this.loader.loadStdlib(v.value);
    }
  }

  private builtinCall(call: CallExpr, spec: BuiltinSpec, env: Env): Omit<CallInfo, 'target'> {
    if (STATEMENT_ONLY_IN_PARFOR.has(spec.name) && this.parforDepth > 0) {
      this.diags.push(
        diag(
          'DML3006',
          `${spec.name}() is not allowed inside a parfor loop`,
          call.span,
          'use a for loop, or check after the parfor',
        ),
      );
    }
    const argTypes = call.args.map((a) => {
      // exists(x) asks whether x is defined, so x may legitimately be undefined.
      if (spec.name === 'exists' && a.value.kind === 'id') {
        const v = env.get(a.value.name);
        const t = v?.type ?? T.unknown;
        this.types.set(a.value, t);
        return t;
      }
      return this.expr(a.value, env);
    });
    if (spec.name === 'eval' || spec.name === 'evalList') {
      // Load a stdlib function named by a literal so that the runtime finds it in the function table.
      const first = call.args[0]?.value;
      if (
        first?.kind === 'string' &&
        !this.unit.funcs.has(first.value) &&
        builtinSpec(first.value) === undefined
      ) {
        this.loader.loadStdlib(first.value);
      }
    }
    const bound = bindArguments(
      spec,
      call.args.map((a) => a.name),
    );
    if (!bound.ok) {
      const span = bound.argIndex !== undefined ? call.args[bound.argIndex]!.span : call.span;
      this.diags.push(diag('DML3002', bound.message, span));
      return { outputs: outputsOf(spec, new Map()) };
    }
    const byName = boundTypes(spec, bound.binding, argTypes);
    let outputs: readonly TypeInfo[];
    try {
      outputs = outputsOf(spec, byName);
    } catch {
      outputs = [T.unknown];
    }
    return { outputs, ...this.builtinDims(call, spec, bound.binding, outputs[0]) };
  }

  /**
   * Dims of a builtin's result by its catalogue shape rule (the one size propagation uses), from
   * the dims analysis knows (literal sizes, earlier results): for compile-time dim checks. A size
   * error the rule proves is reported here.
   */
  private builtinDims(
    call: CallExpr,
    spec: BuiltinSpec,
    binding: Binding,
    result: TypeInfo | undefined,
  ): { dims?: Dims } {
    if (spec.shape === undefined) return {};
    const args = call.args.map((a) => this.shapeArg(a.value));
    const out = spec.shape(shapeArgs(spec.name, args, binding.byParam, binding.variadic));
    if (out === undefined) return {};
    if ('error' in out) {
      this.diags.push(diag(out.error.code, out.error.message, call.span));
      return {};
    }
    const d = out.dims;
    return result?.dataType === 'matrix' && d.rows >= 0 && d.cols >= 0 ? { dims: d } : {};
  }

  /** What a shape rule sees of an argument: its type, the dims analysis knows, its literal value. */
  private shapeArg(e: Expr): ShapeArg {
    const dataType = this.types.get(e)?.dataType ?? 'unknown';
    const d = dataType === 'scalar' ? SCALAR_SHAPE : (this.dimsOf(e) ?? UNKNOWN_DIMS);
    const base = { dataType, rows: d.rows, cols: d.cols, nnz: d.nnz };
    return e.kind === 'int' || e.kind === 'double' || e.kind === 'boolean' || e.kind === 'string'
      ? { ...base, value: e.value }
      : base;
  }

  private functionCall(call: CallExpr, key: string, env: Env): Omit<CallInfo, 'target'> {
    const fn = this.loader.functions.get(key)!;
    const def = fn.def;
    const argTypes = call.args.map((a) => this.expr(a.value, env));
    const bound = new Map<string, number>();
    const display = call.namespace ? `${call.namespace}::${call.name}` : call.name;
    let ok = true;
    call.args.forEach((a, i) => {
      if (a.name === undefined) {
        if (i >= def.params.length) {
          this.diags.push(
            diag(
              'DML3003',
              `${display}() takes ${def.params.length} argument(s), got ${call.args.length}`,
              a.span,
            ),
          );
          ok = false;
          return;
        }
        bound.set(def.params[i]!.name, i);
        return;
      }
      const p = def.params.find((q) => q.name === a.name);
      if (p === undefined) {
        const hint = didYouMean(
          a.name,
          def.params.map((q) => q.name),
        );
        this.diags.push(
          diag(
            'DML3003',
            `${display}() has no parameter '${a.name}'`,
            a.span,
            hint ? `did you mean '${hint}'?` : undefined,
          ),
        );
        ok = false;
        return;
      }
      if (bound.has(a.name)) {
        this.diags.push(diag('DML3003', `${display}(): argument '${a.name}' given twice`, a.span));
        ok = false;
        return;
      }
      bound.set(a.name, i);
    });
    if (ok) {
      for (const p of def.params) {
        const i = bound.get(p.name);
        if (i === undefined) {
          if (p.default === undefined) {
            this.diags.push(
              diag('DML3003', `${display}() is missing argument '${p.name}' (it has no default)`, call.span),
            );
          }
          continue;
        }
        this.checkParamType(p.type, argTypes[i]!, call.args[i]!.span, `argument '${p.name}' of ${display}()`);
      }
    }
    return { outputs: def.outputs.map((o) => specType(o.type)) };
  }

  private checkParamType(declared: TypeSpec, actual: TypeInfo, span: Span, what: string): void {
    if (declared.dataType === 'unknown' || actual.dataType === 'unknown') return;
    if (declared.dataType === actual.dataType) {
      const numeric =
        declared.valueType === 'int' || declared.valueType === 'double' || declared.valueType === 'boolean';
      if (declared.dataType === 'scalar' && numeric && actual.valueType === 'string') {
        this.diags.push(diag('DML3001', `${what} must be a ${declared.valueType}, got a string`, span));
      }
      return;
    }
    this.diags.push(
      diag(
        'DML3001',
        `${what} must be a ${declared.dataType}, got a ${actual.dataType}`,
        span,
        declared.dataType === 'scalar' && actual.dataType === 'matrix'
          ? 'use as.scalar(...)'
          : declared.dataType === 'matrix' && actual.dataType === 'scalar'
            ? 'use as.matrix(...)'
            : undefined,
      ),
    );
  }
}

function outputsOf(spec: BuiltinSpec, args: ReadonlyMap<string, TypeInfo>): readonly TypeInfo[] {
  if (spec.outputs === 0) return [];
  try {
    return spec.returns(args);
  } catch {
    return [T.unknown];
  }
}

function endsInStop(list: readonly Statement[]): boolean {
  const last = list[list.length - 1];
  if (last === undefined) return false;
  if (last.kind === 'callStmt') return last.call.namespace === undefined && last.call.name === 'stop';
  if (last.kind === 'if') return last.else !== undefined && endsInStop(last.then) && endsInStop(last.else);
  return false;
}

function replaceEnv(target: Env, source: Env): void {
  target.clear();
  for (const [k, v] of source) target.set(k, v);
}
