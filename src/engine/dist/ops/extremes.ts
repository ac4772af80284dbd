/**
 * min/max partials packed so that an MPI min/max allreduce gives LOCAL's exact answer.
 *
 * LOCAL folds with Math.min/Math.max: NaN wins, and +0 beats -0 for max (-0 beats +0 for min).
 * MPI's MPI_MIN/MPI_MAX on doubles are C comparisons (`a > b ? a : b`, or SIMD min/max): a NaN
 * is kept or dropped depending on the reduction order, and so is the sign of a zero. So each
 * partial value v travels as three numbers reduced with the same op:
 *   [v with NaN replaced by the op's identity | NaN flag | "zero of the winning sign" flag]
 * (flags 1/0 under max, -1/0 under min, so the op itself ORs them). finish restores NaN and the
 * zero's sign. Math.min/Math.max are associative and commutative over all doubles, so the result
 * is bit-identical to LOCAL for every partitioning.
 */
export type ExtremeKind = 'min' | 'max';

/** k partial extremes -> 3k values for an allreduce with op `kind`. */
export function packExtremes(kind: ExtremeKind, partials: Float64Array): Float64Array {
  const k = partials.length;
  const out = new Float64Array(3 * k);
  const identity = kind === 'max' ? -Infinity : Infinity;
  const flag = kind === 'max' ? 1 : -1;
  // max prefers +0 over -0; min prefers -0 over +0.
  const winningZero = kind === 'max' ? 0 : -0;
  for (let j = 0; j < k; j++) {
    const v = partials[j]!;
    const nan = Number.isNaN(v);
    out[j] = nan ? identity : v;
    out[k + j] = nan ? flag : 0;
    out[2 * k + j] = Object.is(v, winningZero) ? flag : 0;
  }
  return out;
}

/** The reduced 3k values -> the k extremes LOCAL computes. */
export function unpackExtremes(kind: ExtremeKind, reduced: Float64Array): Float64Array {
  const k = reduced.length / 3;
  const out = new Float64Array(k);
  const winningZero = kind === 'max' ? 0 : -0;
  const losingZero = kind === 'max' ? -0 : 0;
  for (let j = 0; j < k; j++) {
    const v = reduced[j]!;
    if (reduced[k + j] !== 0) out[j] = NaN;
    else if (v === 0) out[j] = reduced[2 * k + j] !== 0 ? winningZero : losingZero;
    else out[j] = v;
  }
  return out;
}
