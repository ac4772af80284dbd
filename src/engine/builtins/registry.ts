/**
 * Runtime implementations of DML builtins, keyed by DML name (or operator symbol).
 * Each group of builtins lives in its own file (cellwise.ts, aggregates.ts, ...) and exports a
 * `register(reg)` function; `registerAllBuiltins` (index.ts) calls them all.
 */
import type { Binding } from '../../common/builtins/bind.js';
import type { BuiltinSpec } from '../../common/builtins/spec.js';
import type { Span } from '../../common/span.js';
import type { Value } from '../data/values.js';
import type { ExecContext } from '../context.js';

/** One call as the interpreter sees it: argument values as written. */
export interface BuiltinCall {
  readonly name: string;
  /** All arguments in call order. */
  readonly args: readonly Value[];
  /** `argNames[i]` is the name written for args[i], or undefined when positional. */
  readonly argNames: readonly (string | undefined)[];
  /** The arguments bound to the catalogue entry `name` at lowering, when the plan has them. */
  readonly bound?: Binding;
  readonly span: Span;
  readonly ctx: ExecContext;
}

/** Returns one value, several (multi-return builtins), or none (print, write, stop). */
export type BuiltinImpl = (call: BuiltinCall) => Value | readonly Value[] | void;

export class BuiltinRegistry {
  private readonly impls = new Map<string, BuiltinImpl>();

  register(name: string, impl: BuiltinImpl): void {
    if (this.impls.has(name)) throw new Error(`builtin '${name}' registered twice`);
    this.impls.set(name, impl);
  }

  get(name: string): BuiltinImpl | undefined {
    return this.impls.get(name);
  }

  names(): string[] {
    return [...this.impls.keys()].sort();
  }
}

export type { BuiltinSpec };
