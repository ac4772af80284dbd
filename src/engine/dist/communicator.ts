/**
 * What the DIST backend needs from a message-passing layer: the handful of MPI collectives the
 * distributed kernels are written against. The MPI binding (mpi/binding.ts) implements it over
 * Open MPI or MPICH; tests implement it in one process. Every call is blocking and collective
 * unless it says otherwise: all ranks must make it, in the same order (SPMD).
 */

/**
 * Element-wise reductions an allreduce or reduce can apply. min and max are JavaScript's
 * Math.min and Math.max: NaN when any rank's value is NaN, and -0 below +0, whatever the rank
 * count or reduction order (MPI's own MPI_MIN/MPI_MAX leave both to the implementation, and Open
 * MPI's answer depends on the order; the MPI binding brings its own reductions).
 */
export type ReduceOp = 'sum' | 'min' | 'max' | 'prod';

/** What a recv got: with a wildcard source or tag the caller needs to know who sent what, and how much. */
export interface RecvStatus {
  readonly source: number;
  readonly tag: number;
  /** Bytes received, at most the buffer's byteLength. */
  readonly bytes: number;
}

export interface Communicator {
  /** This process's rank, 0 ..< size; rank 0 is the driver. */
  readonly rank: number;
  readonly size: number;
  barrier(): void;
  /** Sends `buf` (bytes of any typed array) from `root` to every rank, in place; same byteLength on every rank. */
  bcast(buf: ArrayBufferView, root: number): void;
  /** Combines `buf` element-wise across ranks (same length on every rank); every rank gets the result in place. */
  allreduce(buf: Float64Array, op: ReduceOp): void;
  /** As allreduce, but only `root` gets the result (in place); others' buffers are unchanged. */
  reduce(buf: Float64Array, op: ReduceOp, root: number): void;
  /**
   * Gathers each rank's `send` into `recv` on `root`, rank r's elements at offset
   * sum(counts[0..r)). `recv` and `counts` are only read on the root (may be null elsewhere).
   */
  gatherv(
    send: Float64Array,
    recv: Float64Array | null,
    counts: readonly number[] | null,
    root: number,
  ): void;
  /** Every rank gets every rank's `send`, concatenated in rank order (counts as in gatherv). */
  allgatherv(send: Float64Array, recv: Float64Array, counts: readonly number[]): void;
  /** Root's `send` split by `counts` (rank r gets its slice into `recv`). */
  scatterv(send: Float64Array | null, counts: readonly number[], recv: Float64Array, root: number): void;
  /** Point to point (not collective); `tag` >= 0. */
  send(buf: ArrayBufferView, dest: number, tag: number): void;
  /**
   * Receives one message of at most `buf.byteLength` bytes (a longer one is an error); `source`
   * or `tag` -1 accepts any. Returns who sent it, its tag and its size (refined from `void`: a
   * wildcard receive is useless without them, and the message may be shorter than the buffer).
   */
  recv(buf: ArrayBufferView, source: number, tag: number): RecvStatus;
  /** Ends the whole job with this exit code (MPI_Abort). */
  abort(code: number): never;
  /**
   * A distributed operation starts (`what` names it, e.g. "distributed tsmm (lm.dml:12:5)") / ends:
   * what the rank says if the job ends under it, and the span the watchdog times. Optional: a
   * communicator without failure reporting ignores them.
   */
  enter?(what: string): void;
  leave?(): void;
  /** Ends MPI in this process (once; further calls are no-ops). */
  finalize(): void;
}
