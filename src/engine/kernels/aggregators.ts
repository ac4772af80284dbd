/**
 * Streaming accumulators for the aggregate kernels. Each takes the stored (possibly non-zero)
 * values of a group one by one plus a count of implicit zeros, so sparse inputs never densify.
 * Sums use Kahan compensated summation as SystemDS does (its uak+ / uark+ / uack+ opcodes).
 */

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
