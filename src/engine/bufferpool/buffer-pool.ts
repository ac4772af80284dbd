/**
 * The buffer pool: a memory budget for the matrices held by symbol tables. When the bytes of live
 * matrices exceed the budget, the least recently used ones (never an explicitly pinned one or the
 * block being stored or restored; the running instruction's inputs only last) are written to the scratch directory in Tessera's binary
 * format (temporary name, then rename) and every symbol-table slot holding them is switched to a
 * Spilled handle; the next read of such a slot restores the block from disk.
 *
 * Blocks are immutable, so evicting never invalidates a reference a kernel already holds: the
 * memory is released once the last such reference is gone, and a spill file stays valid as long
 * as its block could be read again (re-evicting a restored block writes nothing).
 *
 * Liveness of function scopes: the interpreter drops a function's symbol table without telling
 * anyone. Tables are used in stack order (a caller's table is touched again only after its
 * callees returned), so touching a table releases every younger one; a released table that is
 * touched again (it was not dead after all) is simply registered again.
 *
 * The file format comes in as a SpillCodec (the run's resources give Tessera's binary format,
 * io/binary.ts), so the pool itself knows nothing of I/O.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocatedMatrix } from '../data/located.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { DmlError, diag } from '../../common/diagnostics.js';
import { BufferRecycler } from './recycler.js';

/** How spilled matrices are written and read back. */
export interface SpillCodec {
  /** The bytes of a block, in chunks written in order. */
  encode(block: MatrixBlock): Iterable<Uint8Array>;
  /** The block `encode` wrote (`file` names it in errors); either format, the pool converts. */
  decode(bytes: Buffer, file: string): MatrixBlock;
}

export interface BufferPoolOptions {
  /** Bytes of tracked matrices kept in memory. */
  readonly budgetBytes: number;
  /** Where the run's `tessera-spill-*` directory is made (default: the OS temp directory). */
  readonly scratchDir?: string;
  readonly codec: SpillCodec;
}

/** DML6007: spilling to the scratch directory failed (missing, read-only, full). */
export const SPILL_FAILED = 'DML6007';

/** Matrices smaller than this are not tracked (spilling them frees nothing worth a file). */
export const MIN_TRACKED_BYTES = 4096;

/** What a symbol-table slot holds while its matrix is on disk: a located value (DISK). */
export class Spilled implements LocatedMatrix {
  readonly dt = 'located' as const;
  readonly location = 'DISK' as const;
  constructor(
    readonly entry: PoolEntry,
    private readonly pool: BufferPool,
  ) {}
  get rows(): number {
    return this.entry.rows;
  }
  get cols(): number {
    return this.entry.cols;
  }
  get nnz(): number {
    return this.entry.nnz;
  }
  /** Restores the block from its spill file (the reading table told the pool it is in use). */
  toHost(): MatrixBlock {
    return this.pool.restoreHandle(this);
  }
}

/** A symbol table as the pool sees it. */
export interface PoolTable {
  /** Creation order (younger tables have larger numbers). */
  readonly poolSeq: number;
  /** Replaces the slot's content without calling back into the pool. */
  poolReplace(name: string, v: MatrixBlock | Spilled): void;
  /** Every slot holding a matrix or a Spilled handle (to register a table again). */
  poolSlots(): Iterable<[string, MatrixBlock | Spilled]>;
}

export interface PoolEntry {
  block: MatrixBlock | null;
  readonly handle: Spilled;
  readonly bytes: number;
  readonly wasSparse: boolean;
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  lastUse: number;
  pins: number;
  /** A file holding this block's values (written on first eviction). */
  file: string | null;
  /** Slots holding the block (or its handle). */
  readonly holders: Map<PoolTable, Set<string>>;
  /** Released tables that may still hold the handle: the file is kept until close(). */
  keepFile: boolean;
}

export interface BufferPoolStats {
  evictions: number;
  restores: number;
  bytesWritten: number;
  bytesRead: number;
  /** Most tracked bytes in memory after any store or restore (over budget only while pinned). */
  peakLiveBytes: number;
  budgetBytes: number;
  /** Dead result buffers given to new results (recycler.ts), and their bytes. */
  reused: number;
  reusedBytes: number;
}

export function matrixBytes(m: MatrixBlock): number {
  return m.isSparse ? m.nnz * 12 + (m.rows + 1) * 4 : m.rows * m.cols * 8;
}

export class BufferPool {
  readonly stats: BufferPoolStats;
  /** Dead result buffers kept for reuse: at most an eighth of the budget, and 1 GiB. */
  readonly recycler: BufferRecycler;
  private readonly entries = new Map<MatrixBlock, PoolEntry>();
  private live = 0;
  private clock = 0;
  private tableSeq = 0;
  private stack: PoolTable[] = [];
  private readonly released = new WeakSet<PoolTable>();
  /**
   * Matrices read since the last store: the inputs of the instruction running now. They are
   * evicted last (restoring one input evicts other blocks first) until an output is stored.
   */
  private readonly inUse = new Set<PoolEntry>();
  private dir: string | null = null;
  private fileSeq = 0;
  private closed = false;
  private readonly onExit = (): void => this.removeFiles();
  readonly budgetBytes: number;
  /** The directory the spill directory is made in. */
  readonly scratchRoot: string;
  private readonly codec: SpillCodec;

  constructor(options: BufferPoolOptions) {
    const budgetBytes = options.budgetBytes;
    this.budgetBytes = budgetBytes;
    this.scratchRoot = options.scratchDir ?? os.tmpdir();
    this.codec = options.codec;
    // TESSERA_RESULT_REUSE=off keeps nothing for reuse (a baseline for tests and debugging).
    const reuse = process.env.TESSERA_RESULT_REUSE?.trim() !== 'off';
    this.recycler = new BufferRecycler(reuse ? Math.min(budgetBytes / 8, 2 ** 30) : 0);
    const recycled = this.recycler.stats;
    this.stats = {
      evictions: 0,
      restores: 0,
      bytesWritten: 0,
      bytesRead: 0,
      peakLiveBytes: 0,
      budgetBytes,
      get reused() {
        return recycled.reused;
      },
      get reusedBytes() {
        return recycled.reusedBytes;
      },
    };
    process.on('exit', this.onExit);
  }

  get liveBytes(): number {
    return this.live;
  }

  nextTableSeq(): number {
    return ++this.tableSeq;
  }

  // ------------------------------------------------------------------ hooks from SymbolTable

  /** A table is being used: younger tables are dead (their function returned). */
  enter(t: PoolTable): void {
    const top = this.stack[this.stack.length - 1];
    if (top === t) return;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.poolSeq > t.poolSeq) {
      this.release(this.stack.pop()!);
    }
    if (this.stack[this.stack.length - 1] !== t) {
      this.stack.push(t);
      if (this.released.has(t)) {
        this.released.delete(t);
        for (const [name, v] of t.poolSlots()) this.hold(t, name, v);
      }
    }
  }

  /** Slot `name` of t now holds v (old is what it held). Evicts when over budget. */
  stored(t: PoolTable, name: string, old: unknown, v: unknown): void {
    if (this.closed) return;
    // Count the new holder before dropping the old one: X = X must not free X.
    this.recycler.stored(v);
    if (old !== undefined) this.recycler.dropped(old);
    this.enter(t);
    this.inUse.clear();
    if (old !== undefined) this.unhold(t, name, old);
    const e = this.hold(t, name, v);
    if (e !== undefined) this.evictIfNeeded(e);
    this.notePeak();
  }

  removed(t: PoolTable, name: string, old: unknown): void {
    if (this.closed) return;
    if (old !== undefined) this.recycler.dropped(old);
    this.enter(t);
    if (old !== undefined) this.unhold(t, name, old);
  }

  /** The matrix in slot `name` (restored from disk when spilled); marks it recently used. */
  read(t: PoolTable, v: MatrixBlock | Spilled): MatrixBlock {
    if (v instanceof Spilled) {
      if (!this.closed) this.enter(t);
      return this.restoreHandle(v);
    }
    if (this.closed) return v;
    this.enter(t);
    const e = this.entries.get(v);
    if (e !== undefined) {
      e.lastUse = ++this.clock;
      this.inUse.add(e);
    }
    return v;
  }

  /** A spilled slot's block, read back from disk (Spilled.toHost). */
  restoreHandle(h: Spilled): MatrixBlock {
    if (this.closed) throw new Error('internal error: a spilled matrix was read after its run ended');
    this.inUse.add(h.entry);
    return this.restore(h.entry);
  }

  pin(m: MatrixBlock): void {
    const e = this.entries.get(m);
    if (e) e.pins++;
  }

  unpin(m: MatrixBlock): void {
    const e = this.entries.get(m);
    if (e && e.pins > 0) e.pins--;
  }

  // ------------------------------------------------------------------ bookkeeping

  private hold(t: PoolTable, name: string, v: unknown): PoolEntry | undefined {
    let e: PoolEntry | undefined;
    if (v instanceof Spilled) e = v.entry;
    else if (isMatrix(v)) {
      e = this.entries.get(v);
      if (e === undefined) {
        const bytes = matrixBytes(v);
        if (bytes < MIN_TRACKED_BYTES) return undefined;
        e = {
          block: v,
          handle: undefined as unknown as Spilled,
          bytes,
          wasSparse: v.isSparse,
          rows: v.rows,
          cols: v.cols,
          nnz: v.nnz,
          lastUse: 0,
          pins: 0,
          file: null,
          holders: new Map(),
          keepFile: false,
        };
        (e as { handle: Spilled }).handle = new Spilled(e, this);
        this.entries.set(v, e);
        this.addLive(e.bytes);
      }
    } else return undefined;
    let names = e.holders.get(t);
    if (!names) e.holders.set(t, (names = new Set()));
    names.add(name);
    e.lastUse = ++this.clock;
    return e;
  }

  private unhold(t: PoolTable, name: string, v: unknown): void {
    const e = v instanceof Spilled ? v.entry : isMatrix(v) ? this.entries.get(v) : undefined;
    if (e === undefined) return;
    const names = e.holders.get(t);
    if (!names) return;
    names.delete(name);
    if (names.size === 0) e.holders.delete(t);
    if (e.holders.size === 0) this.drop(e);
  }

  private release(t: PoolTable): void {
    this.released.add(t);
    for (const [name, v] of t.poolSlots()) {
      if (v instanceof Spilled) v.entry.keepFile = true;
      this.unhold(t, name, v);
    }
  }

  /** No slot holds the block any more: it leaves the budget (and its file goes, unless kept). */
  private drop(e: PoolEntry): void {
    if (e.block !== null) {
      this.entries.delete(e.block);
      this.live -= e.bytes;
    }
    this.inUse.delete(e);
    if (e.file !== null && !e.keepFile) {
      rmSync(e.file, { force: true });
      e.file = null;
    }
  }

  private addLive(bytes: number): void {
    this.live += bytes;
  }

  /** Peak of tracked bytes once each store or restore has evicted what it had to. */
  private notePeak(): void {
    if (this.live > this.stats.peakLiveBytes) this.stats.peakLiveBytes = this.live;
  }

  // ------------------------------------------------------------------ eviction and restore

  /**
   * Evicts least recently used blocks until within budget. Inputs of the running instruction go
   * last (only when evicting everything else is not enough): a kernel holding one keeps it valid
   * anyway, and reads that are not instruction inputs (a recompilation looking up sizes) must not
   * pin the whole table.
   */
  private evictIfNeeded(keep: PoolEntry): void {
    if (this.live <= this.budgetBytes) return;
    const candidates = [...this.entries.values()]
      .filter((e) => e !== keep && e.pins === 0 && e.holders.size > 0)
      .sort((a, b) => Number(this.inUse.has(a)) - Number(this.inUse.has(b)) || a.lastUse - b.lastUse);
    for (const e of candidates) {
      if (this.live <= this.budgetBytes) break;
      this.evict(e);
    }
  }

  private evict(e: PoolEntry): void {
    const block = e.block!;
    if (e.file === null) {
      let tmp: string | undefined;
      try {
        const file = this.newFile();
        tmp = `${file}.tmp`;
        const fd = openSync(tmp, 'w');
        try {
          for (const chunk of this.codec.encode(block)) {
            let off = 0;
            while (off < chunk.byteLength) off += writeSync(fd, chunk, off, chunk.byteLength - off);
            this.stats.bytesWritten += chunk.byteLength;
          }
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, file);
        e.file = file;
      } catch (err) {
        if (tmp !== undefined) rmSync(tmp, { force: true });
        // A missing, read-only or full scratch directory is the configuration's problem, reported
        // as such (at the instruction whose memory need made the pool spill), not as DML5999.
        throw new DmlError([
          diag(
            SPILL_FAILED,
            `the memory budget is full and live matrices cannot be spilled to the scratch directory '${this.scratchRoot}': ${(err as Error).message}`,
            undefined,
            'set a writable scratch directory (config key scratch, Session scratchDir) or raise the memory budget',
          ),
        ]);
      }
    }
    for (const [t, names] of e.holders) for (const n of names) t.poolReplace(n, e.handle);
    this.entries.delete(block);
    e.block = null;
    this.live -= e.bytes;
    this.stats.evictions++;
  }

  private restore(e: PoolEntry): MatrixBlock {
    if (e.block !== null) return e.block;
    if (e.file === null) throw new Error('internal error: buffer pool lost the file of a spilled matrix');
    const buf = readFileSync(e.file);
    this.stats.bytesRead += buf.byteLength;
    let m = this.codec.decode(buf, e.file);
    // The file format picks dense or sparse by sparsity; give back the format that was stored.
    if (m.isSparse !== e.wasSparse) m = e.wasSparse ? m.toSparse() : m.toDense();
    e.block = m;
    this.entries.set(m, e);
    this.addLive(e.bytes);
    e.lastUse = ++this.clock;
    this.stats.restores++;
    for (const [t, names] of e.holders) for (const n of names) t.poolReplace(n, m);
    this.evictIfNeeded(e);
    this.notePeak();
    return m;
  }

  private newFile(): string {
    if (this.closed) throw new Error('internal error: buffer pool used after close');
    if (this.dir === null) this.dir = mkdtempSync(path.join(this.scratchRoot, 'tessera-spill-'));
    return path.join(this.dir, `m${++this.fileSeq}.bin`);
  }

  /** The scratch directory once something was spilled (tests). */
  get scratchDir(): string | null {
    return this.dir;
  }

  private removeFiles(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  /** Deletes every scratch file; the pool must not be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.recycler.close();
    this.removeFiles();
    process.off('exit', this.onExit);
    this.entries.clear();
    this.stack = [];
    this.inUse.clear();
    this.live = 0;
  }
}

function isMatrix(v: unknown): v is MatrixBlock {
  return typeof v === 'object' && v !== null && (v as { dt?: unknown }).dt === 'matrix';
}
