/**
 * Finiteness checks of the compiled and native variants: they multiply 0 * Inf into NaN where
 * DML skips the term, so a result they produce is only kept when it is finite, and LAPACK is only
 * given finite inputs.
 */

export function allFinite(d: Float64Array): boolean {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return false;
  return true;
}

/** Non-zero cells of d, or -1 when a cell is not finite (one branch-free pass for both checks). */
export function finiteNnz(d: Float64Array): number {
  let nz = 0;
  let bad = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    nz += Number(v !== 0);
    bad += Number(v - v !== 0);
  }
  return bad === 0 ? nz : -1;
}
