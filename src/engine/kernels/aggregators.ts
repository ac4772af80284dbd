/**
 * Streaming accumulators for the aggregate kernels. Each takes the stored (possibly non-zero)
 * values of a group one by one plus a count of implicit zeros, so sparse inputs never densify.
 * Sums use Kahan compensated summation as SystemDS does (its uak+ / uark+ / uack+ opcodes).
 */
import { countCompiledCall } from './compiled/library.js';
import { compiledSums } from './compiled/sums.js';

export type AggKind = 'sum' | 'sumSq' | 'prod' | 'mean' | 'var' | 'sd' | 'min' | 'max';

export interface Accumulator {
  add(v: number): void;
  addZeros(k: number): void;
  result(): number;
}

/** Kahan compensated sum (SystemDS's KahanPlus: the correction is carried across additions). */
export class KahanSum implements Accumulator {
  sum = 0;
  private c = 0;
  add(v: number): void {
    // Once the running sum is not finite, the correction would turn Inf into NaN: plain add.
    if (!Number.isFinite(v) || !Number.isFinite(this.sum)) {
      this.sum += v;
      return;
    }
    const y = v - this.c;
    const t = this.sum + y;
    this.c = t - this.sum - y;
    this.sum = t;
  }
  addZeros(): void {}
  result(): number {
    return this.sum;
  }
}

class SumSq implements Accumulator {
  private readonly k = new KahanSum();
  add(v: number): void {
    this.k.add(v * v);
  }
  addZeros(): void {}
  result(): number {
    return this.k.sum;
  }
}

class Prod implements Accumulator {
  private p = 1;
  private zeros = false;
  add(v: number): void {
    this.p *= v;
  }
  addZeros(k: number): void {
    if (k > 0) this.zeros = true;
  }
  result(): number {
    return this.zeros ? this.p * 0 : this.p;
  }
}

class Mean implements Accumulator {
  private readonly k = new KahanSum();
  private n = 0;
  add(v: number): void {
    this.k.add(v);
    this.n++;
  }
  addZeros(k: number): void {
    this.n += k;
  }
  result(): number {
    return this.k.sum / this.n;
  }
}

/** Sample variance (n - 1) by Welford's update; one value gives 0, as SystemDS's CM object does. */
class Variance implements Accumulator {
  private n = 0;
  private mean = 0;
  private m2 = 0;
  constructor(private readonly sd: boolean) {}
  add(v: number): void {
    this.n++;
    const d = v - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (v - this.mean);
  }
  addZeros(k: number): void {
    if (k <= 0) return;
    // Merge a group of k zeros (mean 0, m2 0): Chan et al.'s pairwise combination.
    const n = this.n + k;
    const d = -this.mean;
    this.m2 += (d * d * this.n * k) / n;
    this.mean += (d * k) / n;
    this.n = n;
  }
  result(): number {
    const v = this.n === 0 ? NaN : this.n === 1 ? 0 : this.m2 / (this.n - 1);
    return this.sd ? Math.sqrt(v) : v;
  }
}

class Extreme implements Accumulator {
  private m: number;
  constructor(private readonly isMax: boolean) {
    this.m = isMax ? -Infinity : Infinity;
  }
  add(v: number): void {
    this.m = this.isMax ? Math.max(this.m, v) : Math.min(this.m, v);
  }
  addZeros(k: number): void {
    if (k > 0) this.add(0);
  }
  result(): number {
    return this.m;
  }
}

export function newAccumulator(kind: AggKind): Accumulator {
  switch (kind) {
    case 'sum':
      return new KahanSum();
    case 'sumSq':
      return new SumSq();
    case 'prod':
      return new Prod();
    case 'mean':
      return new Mean();
    case 'var':
      return new Variance(false);
    case 'sd':
      return new Variance(true);
    case 'min':
      return new Extreme(false);
    case 'max':
      return new Extreme(true);
  }
}

/**
 * Compensated sum of x[s..e) (of squares when `square`) as [sum, pending correction]: the true
 * value is sum - correction. Blocks of 16 cells are summed pairwise (each cell
 * passes through 4 roundings, as in pairwise summation) and each block total is added with Kahan, so the
 * error bound stays that of Kahan summation (a small multiple of eps * sum|x|, independent of
 * the length) while the loop runs near one add per cell instead of four dependent ones.
 * The hot loop has no finiteness tests: a non-finite value or overflow makes the result non-finite,
 * and then the range is summed again with KahanSum's exact rules (plain add once non-finite), so
 * Inf/NaN results are those of the one-by-one accumulator.
 */
export function sumRange(x: Float64Array, s: number, e: number, square = false): [number, number] {
  const r = blocked(x, s, e, square);
  if (Number.isFinite(r[0]) && Number.isFinite(r[1])) return r;
  return checkedKahan(x, s, e, square);
}

/** Below this many cells the ~80 ns of a compiled call costs more than the TypeScript loop. */
const COMPILED_MIN_CELLS = 512;
const compiledRes = new Float64Array(2);

/** blockedSum/blockedSumSq, through native/sums.c (same values) when it is available. */
function blocked(x: Float64Array, s: number, e: number, square: boolean): [number, number] {
  const c = e - s >= COMPILED_MIN_CELLS ? compiledSums() : undefined;
  if (c === undefined) return square ? blockedSumSq(x, s, e) : blockedSum(x, s, e);
  c.sumRange(x, s, e, square, compiledRes);
  countCompiledCall();
  return [compiledRes[0]!, compiledRes[1]!];
}

function blockedSum(x: Float64Array, s: number, e: number): [number, number] {
  // Two Kahan states over alternating 16-cell blocks, so their dependent chains overlap.
  let s1 = 0,
    c1 = 0,
    s2 = 0,
    c2 = 0;
  let k = s;
  for (; k + 32 <= e; k += 32) {
    const b10 = x[k + 0]! + x[k + 8]!;
    const b11 = x[k + 1]! + x[k + 9]!;
    const b12 = x[k + 2]! + x[k + 10]!;
    const b13 = x[k + 3]! + x[k + 11]!;
    const b14 = x[k + 4]! + x[k + 12]!;
    const b15 = x[k + 5]! + x[k + 13]!;
    const b16 = x[k + 6]! + x[k + 14]!;
    const b17 = x[k + 7]! + x[k + 15]!;
    const b1 = b10 + b11 + (b12 + b13) + (b14 + b15 + (b16 + b17));
    const b20 = x[k + 16 + 0]! + x[k + 16 + 8]!;
    const b21 = x[k + 16 + 1]! + x[k + 16 + 9]!;
    const b22 = x[k + 16 + 2]! + x[k + 16 + 10]!;
    const b23 = x[k + 16 + 3]! + x[k + 16 + 11]!;
    const b24 = x[k + 16 + 4]! + x[k + 16 + 12]!;
    const b25 = x[k + 16 + 5]! + x[k + 16 + 13]!;
    const b26 = x[k + 16 + 6]! + x[k + 16 + 14]!;
    const b27 = x[k + 16 + 7]! + x[k + 16 + 15]!;
    const b2 = b20 + b21 + (b22 + b23) + (b24 + b25 + (b26 + b27));
    const y1 = b1 - c1;
    const t1 = s1 + y1;
    c1 = t1 - s1 - y1;
    s1 = t1;
    const y2 = b2 - c2;
    const t2 = s2 + y2;
    c2 = t2 - s2 - y2;
    s2 = t2;
  }
  for (; k < e; k++) {
    const v = x[k]!;
    const y = v - c1;
    const t = s1 + y;
    c1 = t - s1 - y;
    s1 = t;
  }
  // Merge the second state into the first (its value is s2 - c2).
  let y = s2 - c1;
  let t = s1 + y;
  c1 = t - s1 - y;
  s1 = t;
  y = -c2 - c1;
  t = s1 + y;
  c1 = t - s1 - y;
  s1 = t;
  return [s1, c1];
}

function blockedSumSq(x: Float64Array, s: number, e: number): [number, number] {
  // Two Kahan states over alternating 16-cell blocks, so their dependent chains overlap.
  let s1 = 0,
    c1 = 0,
    s2 = 0,
    c2 = 0;
  let k = s;
  for (; k + 32 <= e; k += 32) {
    const b10 = sq(x[k + 0]!) + sq(x[k + 8]!);
    const b11 = sq(x[k + 1]!) + sq(x[k + 9]!);
    const b12 = sq(x[k + 2]!) + sq(x[k + 10]!);
    const b13 = sq(x[k + 3]!) + sq(x[k + 11]!);
    const b14 = sq(x[k + 4]!) + sq(x[k + 12]!);
    const b15 = sq(x[k + 5]!) + sq(x[k + 13]!);
    const b16 = sq(x[k + 6]!) + sq(x[k + 14]!);
    const b17 = sq(x[k + 7]!) + sq(x[k + 15]!);
    const b1 = b10 + b11 + (b12 + b13) + (b14 + b15 + (b16 + b17));
    const b20 = sq(x[k + 16 + 0]!) + sq(x[k + 16 + 8]!);
    const b21 = sq(x[k + 16 + 1]!) + sq(x[k + 16 + 9]!);
    const b22 = sq(x[k + 16 + 2]!) + sq(x[k + 16 + 10]!);
    const b23 = sq(x[k + 16 + 3]!) + sq(x[k + 16 + 11]!);
    const b24 = sq(x[k + 16 + 4]!) + sq(x[k + 16 + 12]!);
    const b25 = sq(x[k + 16 + 5]!) + sq(x[k + 16 + 13]!);
    const b26 = sq(x[k + 16 + 6]!) + sq(x[k + 16 + 14]!);
    const b27 = sq(x[k + 16 + 7]!) + sq(x[k + 16 + 15]!);
    const b2 = b20 + b21 + (b22 + b23) + (b24 + b25 + (b26 + b27));
    const y1 = b1 - c1;
    const t1 = s1 + y1;
    c1 = t1 - s1 - y1;
    s1 = t1;
    const y2 = b2 - c2;
    const t2 = s2 + y2;
    c2 = t2 - s2 - y2;
    s2 = t2;
  }
  for (; k < e; k++) {
    const v = x[k]!;
    const y = v * v - c1;
    const t = s1 + y;
    c1 = t - s1 - y;
    s1 = t;
  }
  // Merge the second state into the first (its value is s2 - c2).
  let y = s2 - c1;
  let t = s1 + y;
  c1 = t - s1 - y;
  s1 = t;
  y = -c2 - c1;
  t = s1 + y;
  c1 = t - s1 - y;
  s1 = t;
  return [s1, c1];
}

const sq = (v: number): number => v * v;

/** KahanSum's exact one-by-one rules over x[s..e): [sum, correction]. */
export function checkedKahan(x: Float64Array, s: number, e: number, square: boolean): [number, number] {
  let sum = 0;
  let c = 0;
  for (let k = s; k < e; k++) {
    const v0 = x[k]!;
    const v = square ? v0 * v0 : v0;
    if (!Number.isFinite(v) || !Number.isFinite(sum)) {
      sum += v;
      continue;
    }
    const y = v - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return [sum, c];
}
