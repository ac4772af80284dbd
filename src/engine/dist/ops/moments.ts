/**
 * Variance partials: each rank's (count, mean, M2 = sum of squared deviations), merged in rank
 * order with Chan et al.'s pairwise update, the merge LOCAL's Welford accumulator uses for a
 * group of implicit zeros. The merge is not element-wise, so these travel by allgather (a few
 * numbers per rank) and every rank merges the same values in the same order: identical bits on
 * every rank, within 1e-12 relative of LOCAL's single Welford pass for data whose mean is not
 * far larger than its spread (the variance is never formed as E[x^2] - E[x]^2). For ill-
 * conditioned data (mean / sd = k) both LOCAL and this merge err by a small multiple of k * eps:
 * the partial means are only known to their ulp.
 */

export interface Moments {
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
}

/** A partition's moments from LOCAL's mean and sample variance of it (n - 1 in the denominator). */
export function momentsOf(n: number, mean: number, variance: number): Moments {
  // None: nothing to merge.
  if (n === 0) return { n: 0, mean: 0, m2: 0 };
  // One value: LOCAL reports a variance of 0, but its Welford M2 is v * (v - v): 0 for a finite
  // v, NaN for +-Inf or NaN. Keeping that NaN makes the merged variance NaN as LOCAL's (and R's)
  // is whenever an infinity is among two or more values; an M2 of 0 would merge into Inf.
  if (n === 1) return { n, mean, m2: Number.isFinite(mean) ? 0 : NaN };
  return { n, mean, m2: variance * (n - 1) };
}

export function mergeMoments(a: Moments, b: Moments): Moments {
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  return { n, mean: a.mean + (d * b.n) / n, m2: a.m2 + b.m2 + (d * d * a.n * b.n) / n };
}

/** LOCAL's sample variance of merged moments: NaN for none, 0 for one value. */
export function varianceOf(m: Moments): number {
  return m.n === 0 ? NaN : m.n === 1 ? 0 : m.m2 / (m.n - 1);
}
