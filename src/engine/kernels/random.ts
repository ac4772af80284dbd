/**
 * Seedable random numbers for rand() and sample(): xoshiro128** (32-bit state words, fast in
 * JavaScript without BigInt) seeded through splitmix32, 53-bit uniform doubles, Marsaglia's polar
 * method for the normal distribution and Poisson by multiplication (small lambda) or Hormann's
 * PTRS transformed rejection (lambda >= 10). Streams are reproducible for a given seed; they do
 * not reproduce SystemDS's (Well1024a) numbers, which no other system does either.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { allocDense, allocIndex } from './parallel/shared-memory.js';
import { kernelResources } from '../kernel-resources.js';

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number) {
    // splitmix32 over the seed's low and high words gives four well-mixed, non-zero state words.
    let x = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b9);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n) without modulo bias (n <= 2^53). */
  nextInt(n: number): number {
    if (n <= 4294967296) {
      const limit = Math.floor(4294967296 / n) * n;
      for (;;) {
        const u = this.nextUint32();
        if (u < limit) return u % n;
      }
    }
    return Math.floor(this.nextDouble() * n);
  }

  /** Standard normal (Marsaglia polar method; the second value of each pair is kept). */
  nextGaussian(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    for (;;) {
      const u = 2 * this.nextDouble() - 1;
      const v = 2 * this.nextDouble() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  nextPoisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 10) {
      const l = Math.exp(-lambda);
      let k = 0;
      let p = this.nextDouble();
      while (p > l) {
        k++;
        p *= this.nextDouble();
      }
      return k;
    }
    // PTRS (Hormann 1993), as used by NumPy.
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = this.nextDouble() - 0.5;
      const V = this.nextDouble();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (
        Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
        -lambda + k * loglam - logFactorial(k)
      )
        return k;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LOG_FACT_TABLE = [
  0, 0, 0.6931471805599453, 1.791759469228055, 3.1780538303479458, 4.787491742782046, 6.579251212010101,
  8.525161361065415, 10.60460290274525, 12.801827480081469,
];

/** log(k!) exactly from a table for k < 10, else by Stirling's series (error < 1e-10 there). */
export function logFactorial(k: number): number {
  if (k < 10) return LOG_FACT_TABLE[k]!;
  const x = k + 1;
  const ix2 = 1 / (x * x);
  return (
    (x - 0.5) * Math.log(x) -
    x +
    0.9189385332046728 +
    (1 / 12 - ix2 * (1 / 360 - ix2 * (1 / 1260 - ix2 / 1680))) / x
  );
}

export type RandPdf = 'uniform' | 'normal' | 'poisson';

export interface RandSpec {
  readonly rows: number;
  readonly cols: number;
  readonly min: number;
  readonly max: number;
  readonly sparsity: number;
  readonly seed: number;
  readonly pdf: RandPdf;
  readonly lambda: number;
}

/**
 * A random matrix: each cell is non-zero with probability `sparsity` (decided per cell in
 * row-major order), its value from the pdf (uniform on [min, max), standard normal, or
 * Poisson(lambda)). Stored sparse when sparsity < 0.4, as SystemDS.
 */
export function randMatrix(spec: RandSpec): MatrixBlock {
  const { rows, cols, min, max, sparsity, pdf, lambda } = spec;
  const r = new Random(spec.seed);
  const draw = (): number =>
    pdf === 'uniform'
      ? min + (max - min) * r.nextDouble()
      : pdf === 'normal'
        ? r.nextGaussian()
        : r.nextPoisson(lambda);
  const n = rows * cols;
  const rt = kernelResources();
  if (sparsity >= 1 || n === 0) {
    // Large results in shared memory, so memory-bound ops on them split over the pool uncopied.
    const d = allocDense(rt, n);
    for (let k = 0; k < n; k++) d[k] = draw();
    return MatrixBlock.dense(rows, cols, d).examSparsity();
  }
  if (sparsity <= 0) return MatrixBlock.zeros(rows, cols);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (r.nextDouble() < sparsity) {
        const v = draw();
        if (v !== 0) {
          colIdx.push(j);
          values.push(v);
        }
      }
    }
    rowPtr[i + 1] = values.length;
  }
  // Large CSR arrays in shared memory too: a parallel sparse product then reads them uncopied.
  const ci = allocIndex(rt, colIdx.length);
  ci.set(colIdx);
  const vs = allocDense(rt, values.length);
  vs.set(values);
  return MatrixBlock.sparse(rows, cols, { rowPtr, colIdx: ci, values: vs }).examSparsity();
}

/** `size` values from 1..range, with or without replacement (then in random order). */
export function sampleValues(range: number, size: number, replace: boolean, seed: number): Float64Array {
  const r = new Random(seed);
  const out = new Float64Array(size);
  if (replace) {
    for (let k = 0; k < size; k++) out[k] = r.nextInt(range) + 1;
    return out;
  }
  if (size * 4 < range) {
    // Sparse partial Fisher-Yates: only displaced positions are remembered.
    const moved = new Map<number, number>();
    for (let k = 0; k < size; k++) {
      const j = k + r.nextInt(range - k);
      const vj = moved.get(j) ?? j;
      moved.set(j, moved.get(k) ?? k);
      out[k] = vj + 1;
    }
    return out;
  }
  const perm = new Float64Array(range);
  for (let k = 0; k < range; k++) perm[k] = k + 1;
  for (let k = 0; k < size; k++) {
    const j = k + r.nextInt(range - k);
    const t = perm[j]!;
    perm[j] = perm[k]!;
    perm[k] = t;
  }
  out.set(perm.subarray(0, size));
  return out;
}
