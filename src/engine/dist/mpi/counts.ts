/**
 * The v-collectives' counts, checked and laid out for MPI. MPI counts and displacements are C
 * ints, so a transfer of more than 2^31-1 doubles (16 GiB) in all cannot be described to
 * MPI_Gatherv and friends (MPI-4's large-count variants are not in Open MPI 4.1 or MPICH 3);
 * such a transfer is refused here, before any communication, rather than wrapping around.
 */

/** The largest MPI count (INT_MAX). */
export const MPI_MAX_COUNT = 2 ** 31 - 1;

/** Counts and their prefix sums (displacements) as MPI takes them. */
export interface CountLayout {
  readonly counts: Int32Array;
  readonly displs: Int32Array;
  readonly total: number;
}

/** `counts` (one per rank) as MPI ints, with displacements; throws naming `what` when they do not fit. */
export function countLayout(counts: readonly number[], size: number, what: string): CountLayout {
  if (counts.length !== size)
    throw new RangeError(`${what}: ${counts.length} counts for ${size} ranks (one per rank is needed)`);
  const ints = new Int32Array(size);
  const displs = new Int32Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) {
    const c = counts[r]!;
    if (!Number.isSafeInteger(c) || c < 0)
      throw new RangeError(`${what}: the count for rank ${r} is ${c}, not a non-negative integer`);
    if (total + c > MPI_MAX_COUNT)
      throw new RangeError(
        `${what}: ${counts.reduce((a, b) => a + b, 0)} elements in all is over 2^31-1, more than MPI's int counts and displacements can address; split the transfer into rounds`,
      );
    ints[r] = c;
    displs[r] = total;
    total += c;
  }
  return { counts: ints, displs, total };
}

/** Throws when one rank's own element count does not fit an MPI int. */
export function checkCount(n: number, what: string): void {
  if (n > MPI_MAX_COUNT)
    throw new RangeError(`${what}: ${n} elements is over 2^31-1, more than an MPI int count can address`);
}
