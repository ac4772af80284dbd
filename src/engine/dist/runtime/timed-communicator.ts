/**
 * A Communicator that times every call on this rank (for -stats: how much of a distributed run
 * rank 0 spent inside collectives, waiting for the others included) and counts the bytes it sent
 * or received. The calls pass straight through.
 */
import type { Communicator, RecvStatus, ReduceOp } from '../communicator.js';

export interface CollectiveStat {
  count: number;
  ms: number;
  bytes: number;
}

export class TimedCommunicator implements Communicator {
  readonly calls = new Map<string, CollectiveStat>();

  constructor(private readonly inner: Communicator) {}

  get rank(): number {
    return this.inner.rank;
  }
  get size(): number {
    return this.inner.size;
  }

  private timed<T>(name: string, bytes: number, call: () => T): T {
    const t0 = performance.now();
    try {
      return call();
    } finally {
      let s = this.calls.get(name);
      if (!s) this.calls.set(name, (s = { count: 0, ms: 0, bytes: 0 }));
      s.count++;
      s.ms += performance.now() - t0;
      s.bytes += bytes;
    }
  }

  barrier(): void {
    this.timed('barrier', 0, () => this.inner.barrier());
  }
  bcast(buf: ArrayBufferView, root: number): void {
    this.timed('bcast', buf.byteLength, () => this.inner.bcast(buf, root));
  }
  allreduce(buf: Float64Array, op: ReduceOp): void {
    this.timed('allreduce', buf.byteLength, () => this.inner.allreduce(buf, op));
  }
  reduce(buf: Float64Array, op: ReduceOp, root: number): void {
    this.timed('reduce', buf.byteLength, () => this.inner.reduce(buf, op, root));
  }
  gatherv(
    send: Float64Array,
    recv: Float64Array | null,
    counts: readonly number[] | null,
    root: number,
  ): void {
    this.timed('gatherv', recv?.byteLength ?? send.byteLength, () =>
      this.inner.gatherv(send, recv, counts, root),
    );
  }
  allgatherv(send: Float64Array, recv: Float64Array, counts: readonly number[]): void {
    this.timed('allgatherv', recv.byteLength, () => this.inner.allgatherv(send, recv, counts));
  }
  scatterv(send: Float64Array | null, counts: readonly number[], recv: Float64Array, root: number): void {
    this.timed('scatterv', send?.byteLength ?? recv.byteLength, () =>
      this.inner.scatterv(send, counts, recv, root),
    );
  }
  send(buf: ArrayBufferView, dest: number, tag: number): void {
    this.timed('send', buf.byteLength, () => this.inner.send(buf, dest, tag));
  }
  recv(buf: ArrayBufferView, source: number, tag: number): RecvStatus {
    return this.timed('recv', buf.byteLength, () => this.inner.recv(buf, source, tag));
  }
  enter(what: string): void {
    this.inner.enter?.(what);
  }
  leave(): void {
    this.inner.leave?.();
  }
  abort(code: number): never {
    return this.inner.abort(code);
  }
  finalize(): void {
    this.inner.finalize();
  }
}
