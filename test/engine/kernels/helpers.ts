/** Shared helpers of the linear-algebra kernel tests: seeded random blocks and naive references. */
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';

/** Small deterministic generator (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random block with the given fraction of non-zeros, in the format named (or as SystemDS would pick). */
export function randomBlock(r: () => number, rows: number, cols: number, sparsity: number, format: 'dense' | 'sparse'): MatrixBlock {
  const d = new Float64Array(rows * cols);
  for (let k = 0; k < d.length; k++) if (r() < sparsity) d[k] = Math.round((r() * 2 - 1) * 1000) / 100;
  const m = MatrixBlock.dense(rows, cols, d);
  return format === 'sparse' ? m.toSparse() : m;
}

/** Naive triple loop; a term with a zero factor contributes nothing (the kernels' semantics). */
export function naiveMatmul(a: MatrixBlock, b: MatrixBlock): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) {
        const x = a.get(i, k);
        const y = b.get(k, j);
        if (x !== 0 && y !== 0) s += x * y;
      }
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

export function transpose(a: MatrixBlock): MatrixBlock {
  const d = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) d[j * a.rows + i] = a.get(i, j);
  return MatrixBlock.dense(a.cols, a.rows, d);
}

/** Max |x - y| / max(1, |y|) over cells; NaN and infinities must match exactly. */
export function maxRelDiff(x: number[][], y: number[][]): number {
  let worst = 0;
  if (x.length !== y.length) return Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i]!.length !== y[i]!.length) return Infinity;
    for (let j = 0; j < x[i]!.length; j++) {
      const a = x[i]![j]!;
      const b = y[i]![j]!;
      if (Number.isNaN(a) || Number.isNaN(b) || !Number.isFinite(a) || !Number.isFinite(b)) {
        if (!Object.is(a, b) && !(Number.isNaN(a) && Number.isNaN(b)) && a !== b) return Infinity;
        continue;
      }
      worst = Math.max(worst, Math.abs(a - b) / Math.max(1, Math.abs(b)));
    }
  }
  return worst;
}

export function identityArrays(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
