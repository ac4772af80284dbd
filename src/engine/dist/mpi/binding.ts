/**
 * The Communicator over MPI_COMM_WORLD, through Tessera's MPI binding (library.ts). initMpi()
 * starts MPI once per process (MPI_Init cannot run twice, not even after MPI_Finalize) and hands
 * out the same communicator afterwards.
 *
 * Every call blocks the Node event loop until MPI returns, and all of them must come from the
 * main thread (MPI runs at thread level FUNNELED). An MPI error becomes an MpiError carrying
 * MPI_Error_string's text; sizes MPI cannot take, and buffers smaller than the counts say (MPI
 * would read or write past them), are refused before MPI sees them.
 */
import { isMainThread } from 'node:worker_threads';
import type { Communicator, RecvStatus, ReduceOp } from '../communicator.js';
import { checkCount, countLayout, type CountLayout } from './counts.js';
import { mpiLibrary, mpiUnavailable, type MpiFunctions } from './library.js';

export { mpiDescription, mpiLibrary, mpiUnavailable } from './library.js';

/** An MPI call that failed: `code` is MPI's error code (negative: one of the binding's own). */
export class MpiError extends Error {
  constructor(
    readonly call: string,
    readonly code: number,
    text: string,
  ) {
    super(`${call} failed: ${text} (MPI error ${code})`);
    this.name = 'MpiError';
  }
}

/** The thread levels MPI_Init_thread can grant. */
const THREAD_LEVELS = ['single', 'funneled', 'serialized', 'multiple'] as const;
export type ThreadLevel = (typeof THREAD_LEVELS)[number];

/** The C binding's codes for the reductions. */
const OPS: Readonly<Record<ReduceOp, number>> = { sum: 0, min: 1, max: 2, prod: 3 };

function bytesOf(view: ArrayBufferView): Uint8Array {
  return view instanceof Uint8Array ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export class MpiCommunicator implements Communicator {
  readonly rank: number;
  readonly size: number;

  constructor(
    private readonly fns: MpiFunctions,
    /** The thread level MPI granted (FUNNELED asked for). */
    readonly threadLevel: ThreadLevel,
    /** Whether libmpi was made RTLD_GLOBAL before MPI_Init (see native/mpi/tessera_mpi.c). */
    readonly libmpiGlobal: boolean,
  ) {
    const out = new Int32Array(1);
    this.check('MPI_Comm_rank', fns.rank(out));
    this.rank = out[0]!;
    this.check('MPI_Comm_size', fns.size(out));
    this.size = out[0]!;
  }

  private check(call: string, rc: number): void {
    if (rc !== 0) throw new MpiError(call, rc, this.fns.errorText(rc));
  }

  /** Seconds since an arbitrary time in the past (MPI_Wtime). */
  wtime(): number {
    return this.fns.wtime();
  }

  /** This host's name as MPI knows it (MPI_Get_processor_name). */
  processorName(): string {
    const out = new Uint8Array(256);
    this.check('MPI_Get_processor_name', this.fns.processorName(out, out.length));
    return Buffer.from(out.subarray(0, out.indexOf(0))).toString('utf8');
  }

  barrier(): void {
    this.check('MPI_Barrier', this.fns.barrier());
  }

  bcast(buf: ArrayBufferView, root: number): void {
    this.check('MPI_Bcast', this.fns.bcast(bytesOf(buf), buf.byteLength, root));
  }

  allreduce(buf: Float64Array, op: ReduceOp): void {
    this.check('MPI_Allreduce', this.fns.allreduce(buf, buf.length, OPS[op]));
  }

  reduce(buf: Float64Array, op: ReduceOp, root: number): void {
    this.check('MPI_Reduce', this.fns.reduce(buf, buf.length, OPS[op], root));
  }

  /** The counts laid out for MPI, checked against this rank's own `send` length. */
  private layout(counts: readonly number[], own: number, what: string): CountLayout {
    const layout = countLayout(counts, this.size, what);
    if (layout.counts[this.rank] !== own)
      throw new RangeError(
        `${what}: rank ${this.rank} sends ${own} elements, its count says ${layout.counts[this.rank]}`,
      );
    return layout;
  }

  /**
   * Only the root can see a total over 2^31-1 when the others pass no counts: it refuses, and the
   * others' sends go unanswered. Like any error inside a collective, the job cannot go on.
   */
  gatherv(
    send: Float64Array,
    recv: Float64Array | null,
    counts: readonly number[] | null,
    root: number,
  ): void {
    checkCount(send.length, 'gatherv');
    const layout = counts === null ? undefined : this.layout(counts, send.length, 'gatherv');
    if (this.rank !== root) {
      this.check('MPI_Gatherv', this.fns.gatherv(send, send.length, null, null, null, root));
    } else if (layout === undefined) {
      throw new RangeError('gatherv: the root needs the counts');
    } else if (recv === null || recv.length < layout.total) {
      throw new RangeError(
        `gatherv: the root's receive buffer holds ${recv?.length ?? 0} of ${layout.total} elements`,
      );
    } else {
      this.check(
        'MPI_Gatherv',
        this.fns.gatherv(send, send.length, recv, layout.counts, layout.displs, root),
      );
    }
  }

  allgatherv(send: Float64Array, recv: Float64Array, counts: readonly number[]): void {
    const layout = this.layout(counts, send.length, 'allgatherv');
    if (recv.length < layout.total)
      throw new RangeError(`allgatherv: the receive buffer holds ${recv.length} of ${layout.total} elements`);
    this.check('MPI_Allgatherv', this.fns.allgatherv(send, send.length, recv, layout.counts, layout.displs));
  }

  scatterv(send: Float64Array | null, counts: readonly number[], recv: Float64Array, root: number): void {
    const layout = countLayout(counts, this.size, 'scatterv');
    const mine = layout.counts[this.rank]!;
    if (recv.length < mine)
      throw new RangeError(
        `scatterv: rank ${this.rank}'s receive buffer holds ${recv.length} of ${mine} elements`,
      );
    if (this.rank === root && (send === null || send.length < layout.total))
      throw new RangeError(
        `scatterv: the root's send buffer holds ${send?.length ?? 0} of ${layout.total} elements`,
      );
    this.check(
      'MPI_Scatterv',
      this.fns.scatterv(this.rank === root ? send : null, layout.counts, layout.displs, recv, mine, root),
    );
  }

  send(buf: ArrayBufferView, dest: number, tag: number): void {
    this.check('MPI_Send', this.fns.send(bytesOf(buf), buf.byteLength, dest, tag));
  }

  recv(buf: ArrayBufferView, source: number, tag: number): RecvStatus {
    const info = new Float64Array(3);
    this.check('MPI_Recv', this.fns.recv(bytesOf(buf), buf.byteLength, source, tag, info));
    return { source: info[0]!, tag: info[1]!, bytes: info[2]! };
  }

  /**
   * From now on, a rank the launcher ends (another rank died) says which operation it was in,
   * and an operation without progress for `watchdogSeconds` (0: never) ends the job, named.
   */
  installFailureHandlers(who: string, watchdogSeconds: number): void {
    const rc = this.fns.installFailureHandlers(who, Math.max(0, Math.floor(watchdogSeconds)));
    if (rc !== 0) throw new MpiError('sigaction', rc, 'cannot install the failure handlers');
  }

  enter(what: string): void {
    this.fns.enter(what);
  }

  leave(): void {
    this.fns.leave();
  }

  abort(code: number): never {
    this.fns.abort(code);
    // MPI_Abort does not return in Open MPI or MPICH; should one, the job must still end.
    process.exit(code);
  }

  finalize(): void {
    this.check('MPI_Finalize', this.fns.finalize());
  }
}

/** The communicator once MPI is started: MPI_Init runs once per process. */
let world: MpiCommunicator | undefined;

/**
 * At exit, a rank still in MPI finalizes when it exits with 0 (a rank that exits without
 * MPI_Finalize fails the whole job). With another code it does not: MPI_Finalize waits for the
 * other ranks, which may be blocked in a collective waiting for this one, and the job would hang
 * instead of failing. Exiting unfinalized with the code makes mpirun (and Hydra) end the job with
 * it. MPI_Abort would end it sooner, but Open MPI then drops the output the rank had not yet
 * forwarded, typically the error that made it exit (seen with 4.1.4). Under srun, other ranks
 * are only killed with --kill-on-bad-exit.
 */
function onExit(fns: MpiFunctions, code: number): void {
  if (code === 0 && fns.state() === 1) fns.finalize();
}

/**
 * Starts MPI in this process (MPI_Init_thread, FUNNELED) and returns MPI_COMM_WORLD; later calls
 * return the same communicator. Throws when MPI cannot be used (mpiUnavailable's reason), off the
 * main thread, or after MPI was finalized.
 */
export function initMpi(): MpiCommunicator {
  if (world !== undefined) return world;
  if (!isMainThread) throw new Error('MPI can only be used from the main thread (thread level FUNNELED)');
  const lib = mpiLibrary();
  if (lib === undefined) throw new Error(`MPI is unavailable: ${mpiUnavailable()}`);
  const provided = new Int32Array(1);
  const promoted = new Int32Array(1);
  const rc = lib.fns.init(provided, promoted);
  if (rc !== 0) throw new MpiError('MPI_Init_thread', rc, lib.fns.errorText(rc));
  process.on('exit', (code) => onExit(lib.fns, code));
  world = new MpiCommunicator(lib.fns, THREAD_LEVELS[provided[0]!] ?? 'single', promoted[0] === 1);
  return world;
}
