/**
 * Variables of one scope (the main program, or one function invocation).
 *
 * A slot holds a host value or a located matrix (data/located.ts): a buffer pool Spilled handle
 * (its values are on disk) or a DeviceMatrix (it lives on a backend). get() brings a located
 * matrix to the host, so builtins only ever see host values; getRaw() hands an op placed on a
 * backend its device values as they are.
 *
 * Buffer pool hooks: a table given a buffer pool (the run's, EngineResources.bufferPool) reports
 * every store, delete and matrix read to it; its clones report to the same pool.
 */
import type { Value } from '../data/values.js';
import type { LocatedMatrix } from '../data/located.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { Spilled, type BufferPool, type PoolTable } from '../bufferpool/buffer-pool.js';
import { DeviceMatrix } from '../backends/device-matrix.js';

export class SymbolTable implements PoolTable {
  private readonly vars = new Map<string, Value | LocatedMatrix>();
  readonly poolSeq: number;

  /** `pool`: the run's buffer pool; without one nothing is tracked or spilled. */
  constructor(private readonly pool?: BufferPool) {
    this.poolSeq = pool?.nextTableSeq() ?? 0;
  }

  get(name: string): Value | undefined {
    const v = this.vars.get(name);
    if (v === undefined) return undefined;
    if (v.dt === 'located') {
      // Restored from disk (the slot then holds the block again) or downloaded once (the slot
      // keeps the device handle: both copies stay valid).
      this.pool?.enter(this);
      return v.toHost();
    }
    if (this.pool !== undefined && v.dt === 'matrix') return this.pool.read(this, v);
    return v;
  }
  set(name: string, v: Value): void {
    const old = this.vars.get(name);
    this.vars.set(name, v);
    if (old instanceof DeviceMatrix) old.owner.dropSlot(old);
    else this.pool?.stored(this, name, old, v);
  }
  /** Stores a value that lives on a backend (an instruction that ran there). */
  setDevice(name: string, d: DeviceMatrix): void {
    const old = this.vars.get(name);
    d.slots++;
    this.vars.set(name, d);
    if (old instanceof DeviceMatrix) old.owner.dropSlot(old);
    else if (old !== undefined) this.pool?.removed(this, name, old);
  }
  /**
   * What an instruction placed on a backend takes as an argument: the slot's value as it is
   * (a DeviceMatrix stays on its backend); spilled matrices are restored.
   */
  getRaw(name: string): Value | DeviceMatrix | undefined {
    const v = this.vars.get(name);
    return v instanceof DeviceMatrix ? v : this.get(name);
  }
  /** Where a slot's matrix is: LOCAL (on the host), or the location of its located value. */
  locationOf(name: string): 'LOCAL' | LocatedMatrix['location'] | undefined {
    const v = this.vars.get(name);
    if (v === undefined) return undefined;
    return v.dt === 'located' ? v.location : 'LOCAL';
  }
  delete(name: string): void {
    const old = this.vars.get(name);
    this.vars.delete(name);
    if (old instanceof DeviceMatrix) old.owner.dropSlot(old);
    else this.pool?.removed(this, name, old);
  }
  /**
   * The scope ends (a function returned): its slots let go of device values, so the backend can
   * free what no other slot holds. Host values need nothing (the buffer pool sees dead tables).
   */
  dropDeviceSlots(): void {
    for (const [k, v] of this.vars) {
      if (v instanceof DeviceMatrix) {
        this.vars.delete(k);
        v.owner.dropSlot(v);
      }
    }
  }
  /** A matrix's dims and nnz without restoring it when spilled (recompilation only needs sizes). */
  peekDims(name: string): { rows: number; cols: number; nnz: number } | undefined {
    const v = this.vars.get(name);
    return v !== undefined && (v.dt === 'matrix' || v.dt === 'located')
      ? { rows: v.rows, cols: v.cols, nnz: v.nnz }
      : undefined;
  }
  has(name: string): boolean {
    return this.vars.has(name);
  }
  names(): string[] {
    return [...this.vars.keys()];
  }
  /** Shallow copy: values are immutable, so this is a full by-value snapshot (parfor workers). */
  clone(): SymbolTable {
    const t = new SymbolTable(this.pool);
    for (const [k, v] of this.vars) {
      t.vars.set(k, v);
      if (v instanceof DeviceMatrix) v.slots++;
      else t.pool?.stored(t, k, undefined, v);
    }
    return t;
  }

  // ------------------------------------------------------------------ PoolTable (buffer pool only)

  poolReplace(name: string, v: MatrixBlock | Spilled): void {
    this.vars.set(name, v);
  }
  *poolSlots(): Iterable<[string, MatrixBlock | Spilled]> {
    for (const [k, v] of this.vars) if (v instanceof Spilled || v.dt === 'matrix') yield [k, v];
  }
}
