/**
 * Reuse of dead result buffers within a run, so that a loop producing a same-sized large result
 * every iteration (X*Y+Z, a gradient, a distance matrix) stops paying the OS for fresh pages:
 * on this machine kind faulting in 80 MB costs ~25 ms, three times the cell-wise loop itself.
 *
 * Both shared (thread-pool) and ordinary buffers are reused, each only for its own kind.
 *
 * A matrix is dead when the last symbol-table slot holding it is overwritten or removed (rmvar)
 * and data/buffer-owners.ts proves nothing else can see its buffer. Slots are counted here, not
 * with the buffer pool's holder sets: those are also emptied when a function's table is presumed
 * dead, which is a guess; here only explicit stores and deletes count down, so a block that
 * reached a silently dropped table (a function's, a parfor clone's) is never reused.
 *
 * Reused buffers hold old values: they only go to kernels that overwrite every cell
 * (kernels/parallel/shared-memory.ts allocDenseOverwritten). The free list is bounded and emptied
 * at the end of the run, so memory held for reuse never outlives the run or exceeds the cap.
 * Each run has its own recycler (in its EngineResources), and a recycler reuses only buffers its
 * own run allocated (data/buffer-owners.ts).
 */
import type { MatrixBlock } from '../data/matrix-block.js';
import { forgetOwner, MIN_RECYCLED_BYTES, soleOwnedBuffer } from '../data/buffer-owners.js';
import type { ResultRecycler } from '../kernel-resources.js';

export { MIN_RECYCLED_BYTES };
/** At most this many buffers wait for reuse (oldest dropped first). */
const MAX_FREE = 16;

export interface RecyclerStats {
  /** Buffers handed back to a new result, and their bytes. */
  reused: number;
  reusedBytes: number;
}

export class BufferRecycler implements ResultRecycler {
  readonly stats: RecyclerStats = { reused: 0, reusedBytes: 0 };
  private readonly slots = new WeakMap<MatrixBlock, number>();
  private free: ArrayBufferLike[] = [];
  private freeBytes = 0;
  private closed = false;

  constructor(readonly capBytes: number) {}

  /** A slot now holds v. */
  stored(v: unknown): void {
    if (isMatrix(v)) this.slots.set(v, (this.slots.get(v) ?? 0) + 1);
  }

  /** A slot that held v was overwritten or deleted. */
  dropped(v: unknown): void {
    if (!isMatrix(v)) return;
    const c = this.slots.get(v);
    // Untracked (stored before the run, or put back by the buffer pool's restore): leave it.
    if (c === undefined) return;
    if (c > 1) {
      this.slots.set(v, c - 1);
      return;
    }
    this.slots.delete(v);
    const d = v.peekDense();
    if (this.closed || d === null || d.byteLength < MIN_RECYCLED_BYTES || d.byteLength > this.capBytes)
      return;
    const buf = soleOwnedBuffer(v, d, this);
    if (buf === undefined) return;
    forgetOwner(buf);
    this.free.push(buf);
    this.freeBytes += buf.byteLength;
    while (this.free.length > MAX_FREE || this.freeBytes > this.capBytes)
      this.freeBytes -= this.free.shift()!.byteLength;
  }

  /** A dead buffer of exactly `bytes` bytes (old contents), shared or not as asked, or undefined. */
  take(bytes: number, shared: boolean): ArrayBufferLike | undefined {
    for (let k = this.free.length - 1; k >= 0; k--) {
      const buf = this.free[k]!;
      if (buf.byteLength !== bytes || buf instanceof SharedArrayBuffer !== shared) continue;
      this.free.splice(k, 1);
      this.freeBytes -= bytes;
      this.stats.reused++;
      this.stats.reusedBytes += bytes;
      return buf;
    }
    return undefined;
  }

  /** The run ended: let the garbage collector have everything. */
  close(): void {
    this.closed = true;
    this.free = [];
    this.freeBytes = 0;
  }
}

function isMatrix(v: unknown): v is MatrixBlock {
  return typeof v === 'object' && v !== null && (v as { dt?: unknown }).dt === 'matrix';
}
