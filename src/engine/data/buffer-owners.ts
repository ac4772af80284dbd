/**
 * Who may reuse a large shared buffer once its matrix is dead (bufferpool/recycler.ts).
 *
 * A fresh 80 MB result costs the OS ~25 ms of page faults on this kind of machine, more than the
 * arithmetic that fills it; NumPy hides that by getting freed memory back from its allocator. The
 * engine can do the same only for buffers nothing else can still see. This registry is the proof:
 * a buffer qualifies when Tessera allocated it (never a caller's array), exactly one MatrixBlock
 * was ever built over it (views and re-wraps mark it shared), and it never went into a list or to
 * a parfor worker. Everything here is conservative: when in doubt a buffer is simply not reused
 * and the garbage collector frees it as before.
 *
 * A buffer is reused only by the run that allocated it (`allocatedBy`, the run's recycler): a
 * matrix one run returned to the application, then passed to another run (or another Session)
 * as an input, is never handed out again while the application still holds it.
 *
 * The maps below are module-level on purpose: they are facts about individual buffers, keyed by
 * the buffer (as a hidden field on it would be), weakly held, and true whichever run looks;
 * MatrixBlock's constructor records them without knowing any run. Nothing here is a setting.
 */

/**
 * Buffers from this size up are worth reusing (and tracked here): from 64 KB a fresh buffer is
 * page-faulted in (an 800 KB vector ~0.25 ms, more than the op that fills it in l2svm's line search).
 */
export const MIN_RECYCLED_BYTES = 1 << 16;

/** Buffers allocated by the engine itself for a run (kernels/parallel/shared-memory.ts), by that run's recycler. */
const allocatedBy = new WeakMap<ArrayBufferLike, object>();
/** The one block built over each allocated buffer. */
const owner = new WeakMap<ArrayBufferLike, object>();
/** Buffers seen by more than one block, or handed to something that may keep them. */
const escaped = new WeakSet<ArrayBufferLike>();

/** `buf` was allocated by the run whose recycler is `by`. */
export function noteAllocated(buf: ArrayBufferLike, by: object): void {
  allocatedBy.set(buf, by);
}

/** Called by every MatrixBlock built over dense data. */
export function noteDenseOwner(block: object, d: Float64Array): void {
  const buf = d.buffer;
  if (!allocatedBy.has(buf)) return;
  const o = owner.get(buf);
  if (o === undefined) owner.set(buf, block);
  else if (o !== block) escaped.add(buf);
}

/** `d` may be kept by something other than its block (a list, a worker): never reuse it. */
export function markEscaped(d: Float64Array | null): void {
  if (d !== null) escaped.add(d.buffer);
}

/**
 * The buffer behind `d` when `block` is its only possible holder and the run of recycler `by`
 * allocated it (see the file comment), else undefined. The caller must also know that no
 * symbol-table slot still holds `block`.
 */
export function soleOwnedBuffer(block: object, d: Float64Array, by: object): ArrayBufferLike | undefined {
  const buf = d.buffer;
  if (allocatedBy.get(buf) !== by || escaped.has(buf)) return undefined;
  if (owner.get(buf) !== block || d.byteOffset !== 0 || d.byteLength !== buf.byteLength) return undefined;
  return buf;
}

/** The buffer is being reused: the next block built over it becomes its owner. */
export function forgetOwner(buf: ArrayBufferLike): void {
  owner.delete(buf);
}
