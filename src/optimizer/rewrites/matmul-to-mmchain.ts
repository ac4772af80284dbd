/**
 * t(X) %*% (w * (X %*% v)) and t(X) %*% (X %*% v) -> mmchain(X, v[, w]) (SystemDS's MapMultChain):
 * one pass over X without materialising t(X), for a column vector v (and w with nrow(X) rows).
 * Also fires when v's (or w's) number of columns is unknown at compile time (sizes inside
 * loops): the engine's mmchain then checks the real dims and, for a non-vector v, computes the
 * unfused chain with the ordinary kernels.
 * Same value up to summation order; as in the engine's matmul, zero factors contribute nothing.
 */
import type { Hop } from '../hop.js';
import { isColVector, isOp, op, singleUse } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';
import { CompilerOps } from '../../common/op-names.js';

/** X %*% v with the given X and a column vector v. */
function xv(h: Hop | undefined, x: Hop, ctx: RewriteContext): Hop | undefined {
  if (!isOp(h, '%*%', 2) || h.inputs[0] !== x || !singleUse(h, ctx)) return undefined;
  const v = h.inputs[1]!;
  return maybeColVector(v) ? v : undefined;
}

/** A column vector, or a matrix whose number of columns is not known yet. */
function maybeColVector(h: Hop): boolean {
  return isColVector(h) || (h.dataType === 'matrix' && h.dims.cols < 0);
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
    if (v !== undefined) return replaced(op(ctx, CompilerOps.mmchain, [x, v], h.span));
    if (!isOp(r, '*', 2) || !singleUse(r, ctx)) return unchanged(h);
    const [a, b] = r.inputs as [Hop, Hop];
    for (const [w, p] of [
      [a, b],
      [b, a],
    ] as const) {
      const v2 = xv(p, x, ctx);
      const rowsOk = w.dims.rows < 0 || x.dims.rows < 0 || w.dims.rows === x.dims.rows;
      if (v2 !== undefined && maybeColVector(w) && rowsOk)
        return replaced(op(ctx, CompilerOps.mmchain, [x, v2, w], h.span));
    }
    return unchanged(h);
  },
};
