/**
 * replace(target, pattern, replacement): every cell equal to pattern becomes replacement.
 * A NaN pattern matches NaN cells (a plain == never would). Replacing 0 touches the implicit
 * zeros of sparse inputs; any other pattern leaves them as they are.
 */
import { MatrixBlock } from '../data/matrix-block.js';
import { CsrBuilder } from './csr-builder.js';

export function replace(x: MatrixBlock, pattern: number, replacement: number): MatrixBlock {
  const matches = Number.isNaN(pattern) ? (v: number) => Number.isNaN(v) : (v: number) => v === pattern;
  if (Object.is(pattern, replacement) || (pattern === replacement && !Number.isNaN(pattern))) return x;
  if (x.isSparse && pattern !== 0) {
    const s = x.sparseData();
    const end = s.rowPtr[x.rows]!;
    if (replacement === 0) {
      // Replacing by zero shrinks the non-zeros: rebuild so no explicit zeros are stored.
      const b = new CsrBuilder(x.rows, x.cols, end);
      for (let i = 0; i < x.rows; i++) {
        for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++)
          b.push(s.colIdx[p]!, matches(s.values[p]!) ? 0 : s.values[p]!);
        b.endRow();
      }
      return b.build();
    }
    const values = s.values.slice(0, end);
    for (let p = 0; p < end; p++) if (matches(values[p]!)) values[p] = replacement;
    return MatrixBlock.sparse(x.rows, x.cols, {
      rowPtr: s.rowPtr.slice(),
      colIdx: s.colIdx.slice(0, end),
      values,
    }).examSparsity();
  }
  const out = x.denseData().slice();
  for (let k = 0; k < out.length; k++) if (matches(out[k]!)) out[k] = replacement;
  return MatrixBlock.dense(x.rows, x.cols, out).examSparsity();
}

/** contains(target, pattern): whether any cell equals pattern (NaN pattern finds NaN cells). */
export function contains(x: MatrixBlock, pattern: number): boolean {
  if (pattern === 0) return x.nnz < x.length;
  const matches = Number.isNaN(pattern) ? (v: number) => Number.isNaN(v) : (v: number) => v === pattern;
  if (x.isSparse) {
    const s = x.sparseData();
    const end = s.rowPtr[x.rows]!;
    for (let p = 0; p < end; p++) if (matches(s.values[p]!)) return true;
    return false;
  }
  const d = x.denseData();
  for (let k = 0; k < d.length; k++) if (matches(d[k]!)) return true;
  return false;
}
