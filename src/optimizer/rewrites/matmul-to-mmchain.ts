/**
 * t(X) %*% (w * (X %*% v)) and t(X) %*% (X %*% v) -> mmchain(X, v[, w]) (SystemDS's MapMultChain):
 * one pass over X without materialising t(X), for a column vector v (and w with nrow(X) rows).
 * Same value up to summation order; as in the engine's matmul, zero factors contribute nothing.
 */
import type { Hop } from '../hop.js';
import { isColVector, isOp, op, singleUse } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

/** X %*% v with the given X and a column vector v. */
function xv(h: Hop | undefined, x: Hop, ctx: RewriteContext): Hop | undefined {
  if (!isOp(h, '%*%', 2) || h.inputs[0] !== x || !singleUse(h, ctx)) return undefined;
  const v = h.inputs[1]!;
  return isColVector(v) ? v : undefined;
}

export const matmulToMmchain: RewriteRule = {
  name: 'matmul-to-mmchain',
  batch: 'matmul',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '%*%', 2) || !isOp(h.inputs[0], 't', 1)) return unchanged(h);
    const x = h.inputs[0].inputs[0]!;
    if (x.dataType !== 'matrix') return unchanged(h);
    const r = h.inputs[1]!;
    const v = xv(r, x, ctx);
    if (v !== undefined) return replaced(op(ctx, 'mmchain', [x, v], h.span));
    if (!isOp(r, '*', 2) || !singleUse(r, ctx)) return unchanged(h);
    const [a, b] = r.inputs as [Hop, Hop];
    for (const [w, p] of [
      [a, b],
      [b, a],
    ] as const) {
      const v2 = xv(p, x, ctx);
      if (v2 !== undefined && isColVector(w) && w.dims.rows >= 0 && w.dims.rows === x.dims.rows)
        return replaced(op(ctx, 'mmchain', [x, v2, w], h.span));
    }
    return unchanged(h);
  },
};
