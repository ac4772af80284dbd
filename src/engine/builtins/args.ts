/**
 * Argument access for builtin implementations: binds a call against its catalogue spec and
 * converts values with errors that name the builtin, the parameter and the source span.
 */
import { bindArguments, type Binding } from '../../common/builtins/bind.js';
import type { BuiltinSpec } from '../../common/builtins/spec.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import type { ScalarValue, Value } from '../data/values.js';
import type { BuiltinCall } from './registry.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { scalarString } from '../../common/scalar-ops.js';

export class BoundArgs {
  constructor(
    readonly call: BuiltinCall,
    readonly binding: Binding,
  ) {}

  static bind(call: BuiltinCall, spec: BuiltinSpec): BoundArgs {
    // Bound at lowering against the same catalogue entry: nothing to redo.
    if (call.bound !== undefined && spec.name === call.name) return new BoundArgs(call, call.bound);
    const r = bindArguments(spec, call.argNames);
    if (!r.ok) fail('DML3002', r.message, call.span);
    return new BoundArgs(call, r.binding);
  }

  get span(): Span {
    return this.call.span;
  }

  has(name: string): boolean {
    return this.binding.byParam.has(name);
  }

  get(name: string): Value | undefined {
    const i = this.binding.byParam.get(name);
    return i === undefined ? undefined : this.call.args[i];
  }

  /** Values collected by the variadic parameter. */
  rest(): Value[] {
    return this.binding.variadic.map((i) => this.call.args[i]!);
  }

  /** Extra named arguments of an openNamed builtin. */
  extra(): Map<string, Value> {
    const m = new Map<string, Value>();
    for (const [k, i] of this.binding.extraNamed) m.set(k, this.call.args[i]!);
    return m;
  }

  required(name: string): Value {
    const v = this.get(name);
    if (v === undefined)
      fail('DML3002', `${this.call.name}() is missing required argument '${name}'`, this.span);
    return v;
  }

  matrix(name: string): MatrixBlock {
    return toMatrix(this.required(name), `${this.call.name}(${name})`, this.span);
  }

  number(name: string, dflt?: number): number {
    const v = this.get(name);
    if (v === undefined) {
      if (dflt === undefined)
        fail('DML3002', `${this.call.name}() is missing required argument '${name}'`, this.span);
      return dflt;
    }
    return toNumber(v, `${this.call.name}(${name})`, this.span);
  }

  boolean(name: string, dflt?: boolean): boolean {
    const v = this.get(name);
    if (v === undefined) {
      if (dflt === undefined)
        fail('DML3002', `${this.call.name}() is missing required argument '${name}'`, this.span);
      return dflt;
    }
    return toBoolean(v, `${this.call.name}(${name})`, this.span);
  }

  string(name: string, dflt?: string): string {
    const v = this.get(name);
    if (v === undefined) {
      if (dflt === undefined)
        fail('DML3002', `${this.call.name}() is missing required argument '${name}'`, this.span);
      return dflt;
    }
    if (v.dt !== 'scalar')
      fail('DML3001', `${this.call.name}(${name}) expects a string, got a ${v.dt}`, this.span);
    return scalarToString(v);
  }
}

export function toNumber(v: Value, what: string, span: Span): number {
  if (v.dt === 'scalar') {
    if (v.vt === 'boolean') return v.value ? 1 : 0;
    if (v.vt === 'string') {
      const n = Number(v.value);
      if (v.value.trim() === '' || Number.isNaN(n))
        fail('DML3001', `${what} expects a number, got the string "${v.value}"`, span);
      return n;
    }
    return v.value;
  }
  if (v.dt === 'matrix' && v.rows === 1 && v.cols === 1) return v.get(0, 0);
  return fail('DML3001', `${what} expects a scalar, got a ${describe(v)}`, span);
}

export function toBoolean(v: Value, what: string, span: Span): boolean {
  if (v.dt === 'scalar') {
    if (v.vt === 'boolean') return v.value;
    if (v.vt === 'string') {
      const s = v.value.toLowerCase();
      if (s === 'true') return true;
      if (s === 'false') return false;
      fail('DML3001', `${what} expects a boolean, got the string "${v.value}"`, span);
    }
    return v.value !== 0;
  }
  return fail('DML3001', `${what} expects a boolean, got a ${describe(v)}`, span);
}

export function toMatrix(v: Value, what: string, span: Span): MatrixBlock {
  if (v.dt === 'matrix') return v;
  if (v.dt === 'scalar' && v.vt !== 'string') return MatrixBlock.scalar(toNumber(v, what, span));
  return fail('DML3001', `${what} expects a matrix, got a ${describe(v)}`, span);
}

/** String form of a scalar as DML's string conversion gives it (doubles like Java's Double.toString). */
export function scalarToString(v: ScalarValue): string {
  return scalarString(v);
}

/** Java's Double.toString (shared with the optimizer's constant folding). */
export { javaDoubleToString };

export function describe(v: Value): string {
  switch (v.dt) {
    case 'scalar':
      return `${v.vt} scalar`;
    case 'matrix':
      return `${v.rows}x${v.cols} matrix`;
    case 'frame':
      return `${v.rows}x${v.cols} frame`;
    case 'list':
      return `list of ${v.length}`;
  }
}
