/**
 * ifelse(cond, A, B) on matrices: cell-wise cond != 0 ? A : B, with scalar operands broadcast.
 * NaN conditions count as true (non-zero), as in SystemDS's ternary ifelse.
 * All matrix operands must have the same dims (DML4001 otherwise).
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';

export type Operand = MatrixBlock | number;

export function ifelse(cond: Operand, a: Operand, b: Operand, span?: Span): MatrixBlock {
  const mats = [cond, a, b].filter((v): v is MatrixBlock => typeof v !== 'number');
  if (mats.length === 0) {
    const c = cond as number;
    return MatrixBlock.scalar(c !== 0 ? (a as number) : (b as number));
  }
  const { rows, cols } = mats[0]!;
  for (const x of mats) {
    if (x.rows !== rows || x.cols !== cols) {
      fail(
        'DML4001',
        `ifelse(): matrix arguments must have the same dimensions, got ${mats.map((m) => `${m.rows}x${m.cols}`).join(', ')}`,
        span,
      );
    }
  }
  const n = rows * cols;
  const at = (v: Operand): ((k: number) => number) => {
    if (typeof v === 'number') return () => v;
    const d = v.denseData();
    return (k) => d[k]!;
  };
  if (typeof cond === 'number') {
    const pick = cond !== 0 ? a : b;
    return typeof pick === 'number' ? MatrixBlock.filled(rows, cols, pick) : pick;
  }
  const c = cond.denseData();
  const fa = at(a);
  const fb = at(b);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = c[k] !== 0 ? fa(k) : fb(k);
  return MatrixBlock.dense(rows, cols, out).examSparsity();
}
