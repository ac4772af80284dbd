/** What the optimizer must know about builtins beyond sizes: side effects, nondeterminism, outputs. */
import { builtinSpec } from '../common/builtins/catalogue.js';
import type { BuiltinSpec } from '../common/builtins/spec.js';

/** Statement builtins (valid only as statements, never removed); used when the catalogue lacks them. */
const SIDE_EFFECT = new Set(['print', 'write', 'stop', 'assert', 'setwd']);
/** Builtins that may run user code or do I/O beyond their result: never folded or merged. */
const OPAQUE = new Set(['eval', 'evalList', 'paramserv', 'read', 'time']);
/**
 * Value builtins that must run at their statement's position: they read files another statement
 * may write, read the clock, or run user code. They become roots in statement order.
 */
const ORDERED = new Set(['read', 'time', 'eval', 'evalList', 'paramserv']);
const NONDETERMINISTIC = new Set(['rand', 'sample', 'time', 'runif', 'rnorm']);
const MULTI_RETURN: Readonly<Record<string, number>> = {
  eigen: 2,
  lu: 3,
  qr: 2,
  svd: 3,
  remove: 2,
  transformencode: 2,
};

function spec(name: string, given?: BuiltinSpec): BuiltinSpec | undefined {
  return given ?? builtinSpec(name);
}

export function hasSideEffect(name: string, given?: BuiltinSpec): boolean {
  const s = spec(name, given);
  return s?.sideEffect === true || SIDE_EFFECT.has(name);
}

export function isNondeterministic(name: string, given?: BuiltinSpec): boolean {
  const s = spec(name, given);
  return s?.nondeterministic === true || NONDETERMINISTIC.has(name);
}

/** Never folded, never merged by CSE. */
export function isOpaque(name: string): boolean {
  return OPAQUE.has(name) || hasSideEffect(name) || isNondeterministic(name);
}

export function outputCount(name: string, given?: BuiltinSpec): number {
  const s = spec(name, given);
  if (s?.outputs !== undefined) return s.outputs;
  if (SIDE_EFFECT.has(name)) return 0;
  return MULTI_RETURN[name] ?? 1;
}

export function mustKeepOrder(name: string): boolean {
  return ORDERED.has(name);
}
