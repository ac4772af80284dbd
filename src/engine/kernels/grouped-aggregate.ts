/**
 * aggregate / groupedAggregate(target, groups, weights, fn, ngroups): per-group sum, count, mean,
 * variance or central moment of each column of target. Groups are positive integers (cast with
 * floor(v + eps)); the output has ngroups rows (groups beyond are dropped) or max(groups) rows.
 * Empty groups follow SystemDS's CM object: count 0, sum 0, mean 0, variance 0, moments NaN.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { indexFromDouble } from './indexing.js';

export type GroupFn = 'sum' | 'count' | 'mean' | 'variance' | 'centralmoment';
export const GROUP_FNS: readonly GroupFn[] = ['sum', 'count', 'mean', 'variance', 'centralmoment'];

export interface GroupedAggregateOptions {
  readonly weights?: MatrixBlock;
  readonly fn: GroupFn;
  /** Moment order for centralmoment (2, 3 or 4). */
  readonly order?: number;
  readonly ngroups?: number;
  readonly span?: Span;
}

export function groupedAggregate(
  target: MatrixBlock,
  groups: MatrixBlock,
  opts: GroupedAggregateOptions,
): MatrixBlock {
  const { weights, fn, span } = opts;
  // A row-vector target is aggregated like its column vector (one value per group).
  const x =
    target.rows === 1 && target.cols > 1 && groups.length === target.cols
      ? MatrixBlock.dense(target.cols, 1, target.denseData())
      : target;
  const m = x.rows;
  const n = x.cols;
  if ((groups.rows !== 1 && groups.cols !== 1) || groups.length !== m) {
    fail(
      'DML4001',
      `aggregate(): groups must be a vector with one entry per row of target (${m}), got a ${groups.rows}x${groups.cols} matrix`,
      span,
    );
  }
  if (weights && ((weights.rows !== 1 && weights.cols !== 1) || weights.length !== m)) {
    fail(
      'DML4001',
      `aggregate(): weights must be a vector with one entry per row of target (${m}), got a ${weights.rows}x${weights.cols} matrix`,
      span,
    );
  }
  const order = opts.order ?? 0;
  if (fn === 'centralmoment' && order !== 2 && order !== 3 && order !== 4) {
    fail('DML3004', `aggregate(): centralmoment needs order=2, 3 or 4, got ${opts.order ?? 'none'}`, span);
  }
  const gd = groups.denseData();
  const gid = new Int32Array(m);
  let maxG = 0;
  for (let i = 0; i < m; i++) {
    const g = Number.isNaN(gd[i]!) ? 0 : indexFromDouble(gd[i]!);
    if (g < 1)
      fail('DML5002', `aggregate(): group ids must be positive integers, got ${gd[i]} in row ${i + 1}`, span);
    gid[i] = g - 1;
    if (g > maxG) maxG = g;
  }
  let k = maxG;
  if (opts.ngroups !== undefined) {
    k = indexFromDouble(opts.ngroups);
    if (!(k >= 0))
      fail('DML3004', `aggregate(): ngroups must be a non-negative integer, got ${opts.ngroups}`, span);
  }
  const wd = weights ? weights.denseData() : null;
  const xd = x.denseData();
  const out = new Float64Array(k * n);
  // Pass 1: weighted Kahan sums and weights per (group, column).
  const wsum = new Float64Array(k);
  const sum = new Float64Array(k * n);
  const comp = new Float64Array(k * n);
  for (let i = 0; i < m; i++) {
    const g = gid[i]!;
    if (g >= k) continue;
    const w = wd ? wd[i]! : 1;
    wsum[g]! += w;
    for (let j = 0; j < n; j++) {
      const q = g * n + j;
      const y = xd[i * n + j]! * w - comp[q]!;
      const t = sum[q]! + y;
      comp[q] = t - sum[q]! - y;
      sum[q] = t;
    }
  }
  if (fn === 'sum') return MatrixBlock.dense(k, n, sum).examSparsity();
  if (fn === 'count') {
    for (let g = 0; g < k; g++) out.fill(wsum[g]!, g * n, (g + 1) * n);
    return MatrixBlock.dense(k, n, out).examSparsity();
  }
  const mean = new Float64Array(k * n);
  for (let g = 0; g < k; g++) {
    for (let j = 0; j < n; j++) mean[g * n + j] = wsum[g] === 0 ? 0 : sum[g * n + j]! / wsum[g]!;
  }
  if (fn === 'mean') return MatrixBlock.dense(k, n, mean).examSparsity();
  // Pass 2: weighted central moment sums around the group means.
  const p = fn === 'variance' ? 2 : order;
  const msum = new Float64Array(k * n);
  for (let i = 0; i < m; i++) {
    const g = gid[i]!;
    if (g >= k) continue;
    const w = wd ? wd[i]! : 1;
    for (let j = 0; j < n; j++) {
      const dlt = xd[i * n + j]! - mean[g * n + j]!;
      msum[g * n + j]! += w * dlt ** p;
    }
  }
  for (let g = 0; g < k; g++) {
    const w = wsum[g]!;
    for (let j = 0; j < n; j++) {
      const q = g * n + j;
      if (fn === 'variance') out[q] = w === 1 ? 0 : w === 0 ? 0 : msum[q]! / (w - 1);
      else out[q] = msum[q]! / w;
    }
  }
  return MatrixBlock.dense(k, n, out).examSparsity();
}
