/**
 * Constant folding: scalar ops whose inputs are all literals become literals, computed with the
 * shared scalar semantics (src/common/scalar-ops.ts) the engine uses, so folding never changes a
 * result. Also nrow/ncol/length of inputs whose sizes are known. Nondeterministic and
 * side-effecting builtins are never folded; an op the runtime would reject stays for the runtime.
 */
import { DmlError } from '../../common/diagnostics.js';
import {
  isBinaryOp,
  isUnaryOp,
  scalarBinary,
  scalarUnary,
  type ScalarLike,
} from '../../common/scalar-ops.js';
import { isOpaque } from '../effects.js';
import type { Hop } from '../hop.js';
import type { LiteralValue } from '../plan.js';
import { unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

function evaluate(h: Hop, values: readonly LiteralValue[]): ScalarLike | undefined {
  const op = h.op;
  if (values.length === 2 && isBinaryOp(op)) return scalarBinary(op, values[0]!, values[1]!, h.span);
  if (values.length === 1 && isUnaryOp(op)) return scalarUnary(op, values[0]!, h.span);
  if ((op === 'min' || op === 'max') && values.length > 2) {
    return values.slice(1).reduce<ScalarLike>((acc, v) => scalarBinary(op, acc, v, h.span), values[0]!);
  }
  if (values.length !== 1) return undefined;
  const v = values[0]!;
  switch (op) {
    case 'as.double':
      if (v.vt === 'string') return undefined;
      return { vt: 'double', value: v.vt === 'boolean' ? (v.value ? 1 : 0) : v.value };
    case 'as.integer':
      return v.vt === 'int' ? v : v.vt === 'boolean' ? { vt: 'int', value: v.value ? 1 : 0 } : undefined;
    case 'as.logical':
    case 'as.boolean':
      return v.vt === 'boolean' ? v : v.vt === 'int' ? { vt: 'boolean', value: v.value !== 0 } : undefined;
    case 'as.scalar':
      return v;
    default:
      return undefined;
  }
}

/** nrow/ncol/length of a matrix or frame whose size is known. */
function shapeQuery(h: Hop): LiteralValue | undefined {
  const x = h.inputs[0];
  if (h.inputs.length !== 1 || x === undefined || (x.dataType !== 'matrix' && x.dataType !== 'frame'))
    return undefined;
  const { rows, cols } = x.dims;
  if (h.op === 'nrow' && rows >= 0) return { vt: 'int', value: rows };
  if (h.op === 'ncol' && cols >= 0) return { vt: 'int', value: cols };
  if (h.op === 'length' && rows >= 0 && cols >= 0) return { vt: 'int', value: rows * cols };
  return undefined;
}

export const constantFolding: RewriteRule = {
  name: 'constant-folding',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (h.kind !== 'op' || h.outputs !== undefined || isOpaque(h.op)) return unchanged(h);
    if (h.argNames?.some((n) => n !== undefined)) return unchanged(h);
    const shape = shapeQuery(h);
    if (shape) return { hop: ctx.factory.literal(shape, h.span), changed: true };
    if (h.inputs.length === 0 || !h.inputs.every((i) => i.kind === 'literal' && i.value !== undefined))
      return unchanged(h);
    let result: ScalarLike | undefined;
    try {
      result = evaluate(
        h,
        h.inputs.map((i) => i.value!),
      );
    } catch (e) {
      // What fails at compile time (string arithmetic, overflow) fails at run time, with its span.
      if (e instanceof DmlError) return unchanged(h);
      throw e;
    }
    if (!result) return unchanged(h);
    // An int op whose value is not an int (x %% 0 and x %/% 0 give NaN or Inf as doubles) stays
    // unfolded: a double literal would change the HOP's type; at run time it gives the same value.
    if (h.valueType === 'int' && result.vt !== 'int') return unchanged(h);
    return { hop: ctx.factory.literal(result, h.span), changed: true };
  },
};
