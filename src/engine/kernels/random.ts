/**
 * Seedable random numbers for rand() and sample(): xoshiro128** (32-bit state words, fast in
 * JavaScript without BigInt) seeded through splitmix32, 53-bit uniform doubles, Marsaglia's polar
 * method for the normal distribution and Poisson by multiplication (small lambda) or Hormann's
 * PTRS transformed rejection (lambda >= 10). Streams are reproducible for a given seed; they do
 * not reproduce SystemDS's (Well1024a) numbers, which no other system does either.
 *
 * rand() draws one stream per block of RAND_BLOCK_ROWS rows, as SystemDS seeds each block from
 * the call's seed: any row range can then be generated without drawing the rows before it, so a
 * distributed rank generates exactly its partition and the numbers do not depend on the number
 * of ranks (or on any other split of the rows).
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
    let x = seedWord(seed);
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

  /**
   * The stream of rand()'s row block `block` for `seed`. Block 0 is `new Random(seed)`, so a rand
   * of at most RAND_BLOCK_ROWS rows gives the numbers it gave before rows came in blocks. Block
   * b > 0 sets each state word to lowbias32(key(seed, word) + b * odd): for one seed that is a
   * bijection of b, so no two blocks of a matrix (fewer than 2^32) share a state; and being a
   * different mixer from block 0's splitmix32, a later block meets some seed's block 0 state only
   * by a 128-bit coincidence.
   */
  static forBlock(seed: number, block: number): Random {
    const r = new Random(seed);
    if (block === 0) return r;
    const x = seedWord(seed);
    const b = Math.imul(block >>> 0, 0x9e3779b9);
    r.s0 = lowbias32((lowbias32(x ^ 0x243f6a88) + b) | 0);
    r.s1 = lowbias32((lowbias32(x ^ 0x85a308d3) + b) | 0);
    r.s2 = lowbias32((lowbias32(x ^ 0x13198a2e) + b) | 0);
    r.s3 = lowbias32((lowbias32(x ^ 0x03707344) + b) | 0);
    if ((r.s0 | r.s1 | r.s2 | r.s3) === 0) r.s0 = 1;
    return r;
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

/** The seed's low and high 32-bit words folded into one (seeds are integers up to 2^53). */
function seedWord(seed: number): number {
  return ((seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b9)) | 0;
}

/** Chris Wellons' lowbias32 integer hash: a bijection on 32-bit words with good avalanche. */
function lowbias32(v: number): number {
  let z = v;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d);
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b);
  return (z ^ (z >>> 16)) >>> 0;
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

/** Rows per rand() stream: SystemDS's default block size (its rand seeds each block on its own). */
export const RAND_BLOCK_ROWS = 1000;

/** One cell value of the pdf from stream r. */
function drawer(spec: RandSpec, r: Random): () => number {
  const { min, max, pdf, lambda } = spec;
  if (pdf === 'uniform') return () => min + (max - min) * r.nextDouble();
  if (pdf === 'normal') return () => r.nextGaussian();
  return () => r.nextPoisson(lambda);
}

/**
 * Calls `visit` for each row block overlapping rows [start, end) with its stream, how many of
 * its leading rows lie before `start` (drawn and dropped: a stream cannot jump, since normal and
 * Poisson draws and the sparse path take a varying number of words per cell) and how many rows
 * it contributes.
 */
function forEachBlock(
  spec: RandSpec,
  start: number,
  end: number,
  visit: (r: Random, skip: number, take: number) => void,
): void {
  for (let b = Math.floor(start / RAND_BLOCK_ROWS); b * RAND_BLOCK_ROWS < end; b++) {
    const first = b * RAND_BLOCK_ROWS;
    const from = Math.max(start, first);
    const to = Math.min(end, first + RAND_BLOCK_ROWS);
    visit(Random.forBlock(spec.seed, b), from - first, to - from);
  }
}

/**
 * A random matrix: each cell is non-zero with probability `sparsity` (decided per cell in
 * row-major order), its value from the pdf (uniform on [min, max), standard normal, or
 * Poisson(lambda)). Stored sparse when sparsity < 0.4, as SystemDS. Rows come in blocks of
 * RAND_BLOCK_ROWS, each from its own stream (Random.forBlock).
 */
export function randMatrix(spec: RandSpec): MatrixBlock {
  return randRows(spec, 0, spec.rows);
}

/**
 * Rows [start, end) of randMatrix(spec), exactly, without generating the others (only the rows
 * of the first block that precede `start` are drawn and dropped).
 */
export function randRows(spec: RandSpec, start: number, end: number): MatrixBlock {
  const { cols, sparsity } = spec;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= spec.rows))
    throw new RangeError(`rand: rows [${start}, ${end}) are not within the ${spec.rows} rows`);
  const rows = end - start;
  const n = rows * cols;
  const rt = kernelResources();
  if (sparsity >= 1 || n === 0) {
    // Large results in shared memory, so memory-bound ops on them split over the pool uncopied.
    const d = allocDense(rt, n);
    let k = 0;
    forEachBlock(spec, start, end, (r, skip, take) => {
      const draw = drawer(spec, r);
      for (let s = skip * cols; s > 0; s--) draw();
      for (let t = take * cols; t > 0; t--) d[k++] = draw();
    });
    return MatrixBlock.dense(rows, cols, d).examSparsity();
  }
  if (sparsity <= 0) return MatrixBlock.zeros(rows, cols);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  let i = 0;
  forEachBlock(spec, start, end, (r, skip, take) => {
    const draw = drawer(spec, r);
    for (let s = skip * cols; s > 0; s--) if (r.nextDouble() < sparsity) draw();
    for (let t = 0; t < take; t++, i++) {
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
  });
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
