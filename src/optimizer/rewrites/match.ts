/** Small pattern helpers shared by the rewrite rules. */
import type { Span } from '../../common/span.js';
import type { Hop } from '../hop.js';
import type { LiteralValue } from '../plan.js';
import type { RewriteContext } from './rule.js';

/** A plain operator/builtin HOP named `op` (positional arguments only, one output). */
export function isOp(h: Hop | undefined, op: string, arity?: number): h is Hop {
  return (
    h !== undefined &&
    h.kind === 'op' &&
    h.op === op &&
    h.outputs === undefined &&
    (arity === undefined || h.inputs.length === arity) &&
    !(h.argNames?.some((n) => n !== undefined) ?? false)
  );
}

/** The number a literal int/double HOP holds (booleans and strings excluded). */
export function literalNum(h: Hop | undefined): number | undefined {
  if (h?.kind !== 'literal' || h.value === undefined) return undefined;
  return h.value.vt === 'int' || h.value.vt === 'double' ? h.value.value : undefined;
}

export function isLiteral(h: Hop | undefined, v: number): boolean {
  const n = literalNum(h);
  return n !== undefined && Object.is(n, v);
}

export function isMatrix(h: Hop | undefined): h is Hop {
  return h?.dataType === 'matrix';
}

export function knownDims(h: Hop): boolean {
  return h.dims.rows >= 0 && h.dims.cols >= 0;
}

export function isColVector(h: Hop): boolean {
  return isMatrix(h) && h.dims.cols === 1;
}

export function isRowVector(h: Hop): boolean {
  return isMatrix(h) && h.dims.rows === 1;
}

/** Only a single consumer may be absorbed into a parent without recomputing it. */
export function singleUse(h: Hop, ctx: RewriteContext): boolean {
  return ctx.consumers === undefined || ctx.consumers(h) <= 1;
}

/** Replacing `h` by `x` keeps the result type exactly (no int/boolean/double change). */
export function sameType(h: Hop, x: Hop): boolean {
  return (
    h.dataType === x.dataType &&
    h.valueType === x.valueType &&
    (h.dataType !== 'matrix' || (h.dims.rows === x.dims.rows && h.dims.cols === x.dims.cols) || !knownDims(h))
  );
}

export function op(
  ctx: RewriteContext,
  name: string,
  inputs: readonly Hop[],
  span: Span,
  argNames?: readonly (string | undefined)[],
): Hop {
  return ctx.factory.make({ kind: 'op', op: name, inputs, span, argNames });
}

export function lit(ctx: RewriteContext, value: LiteralValue, span: Span): Hop {
  return ctx.factory.literal(value, span);
}

export function dbl(ctx: RewriteContext, v: number, span: Span): Hop {
  return ctx.factory.literal({ vt: 'double', value: v }, span);
}

/** matrix(value, rows=r, cols=c) with known dims. */
export function filledMatrix(
  ctx: RewriteContext,
  value: number,
  rows: number,
  cols: number,
  span: Span,
): Hop {
  return op(
    ctx,
    'matrix',
    [
      dbl(ctx, value, span),
      ctx.factory.literal({ vt: 'int', value: rows }, span),
      ctx.factory.literal({ vt: 'int', value: cols }, span),
    ],
    span,
    [undefined, 'rows', 'cols'],
  );
}
