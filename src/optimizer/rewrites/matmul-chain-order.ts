/**
 * Matrix-multiplication chain ordering: a chain A1 %*% ... %*% An (inner products used only by
 * the chain) is re-parenthesised by dynamic programming over the known dims to minimise scalar
 * multiplications, e.g. (A %*% B) %*% v with A, B n x n and v n x 1 becomes A %*% (B %*% v).
 * Fires only when every operand's dims are known and the best order is strictly cheaper.
 * Same value up to floating-point association of the sums.
 */
import type { Span } from '../../common/span.js';
import type { Hop } from '../hop.js';
import { isOp, knownDims, op, singleUse } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';

/** Leaves of the chain under h, left to right. */
function leaves(h: Hop, ctx: RewriteContext, top: boolean, out: Hop[]): void {
  if (isOp(h, '%*%', 2) && (top || singleUse(h, ctx))) {
    leaves(h.inputs[0]!, ctx, false, out);
    leaves(h.inputs[1]!, ctx, false, out);
  } else out.push(h);
}

/** Cost of the tree as written: sum of rows * inner * cols over its chain products. */
function currentCost(h: Hop, ctx: RewriteContext, top: boolean): number {
  if (!(isOp(h, '%*%', 2) && (top || singleUse(h, ctx)))) return 0;
  const [a, b] = h.inputs as [Hop, Hop];
  return a.dims.rows * a.dims.cols * b.dims.cols + currentCost(a, ctx, false) + currentCost(b, ctx, false);
}

/** Classic O(n^3) chain DP; returns split points. */
export function optimalChainOrder(d: readonly number[]): { cost: number; split: number[][] } {
  const n = d.length - 1;
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let len = 2; len <= n; len++) {
    for (let i = 0; i + len - 1 < n; i++) {
      const j = i + len - 1;
      cost[i]![j] = Infinity;
      for (let k = i; k < j; k++) {
        const c = cost[i]![k]! + cost[k + 1]![j]! + d[i]! * d[k + 1]! * d[j + 1]!;
        if (c < cost[i]![j]!) {
          cost[i]![j] = c;
          split[i]![j] = k;
        }
      }
    }
  }
  return { cost: cost[0]![n - 1]!, split };
}

function build(
  ctx: RewriteContext,
  ls: readonly Hop[],
  split: number[][],
  i: number,
  j: number,
  span: Span,
): Hop {
  if (i === j) return ls[i]!;
  const k = split[i]![j]!;
  return op(ctx, '%*%', [build(ctx, ls, split, i, k, span), build(ctx, ls, split, k + 1, j, span)], span);
}

export const matmulChainOrder: RewriteRule = {
  name: 'matmul-chain-order',
  batch: 'matmul-order',
  rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
    if (!isOp(h, '%*%', 2)) return unchanged(h);
    const ls: Hop[] = [];
    leaves(h, ctx, true, ls);
    if (ls.length < 3 || !ls.every((l) => l.dataType === 'matrix' && knownDims(l))) return unchanged(h);
    for (let i = 0; i + 1 < ls.length; i++)
      if (ls[i]!.dims.cols !== ls[i + 1]!.dims.rows) return unchanged(h);
    const d = [ls[0]!.dims.rows, ...ls.map((l) => l.dims.cols)];
    const best = optimalChainOrder(d);
    if (!(best.cost < currentCost(h, ctx, true))) return unchanged(h);
    return replaced(build(ctx, ls, best.split, 0, ls.length - 1, h.span));
  },
};
