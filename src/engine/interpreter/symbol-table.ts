/**
 * Variables of one scope (the main program, or one function invocation).
 *
 * Buffer pool hooks: a table given a buffer pool (the run's, EngineResources.bufferPool) reports
 * every store, delete and matrix read to it; its clones report to the same pool. A slot may then hold a Spilled handle instead of a matrix (its
 * values are on disk); get() restores it, so callers only ever see values. Likewise a slot may
 * hold a DeviceMatrix (the value lives on a backend); get() brings it to the host.
 */
import type { Value } from '../data/values.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { Spilled, type BufferPool, type PoolTable } from '../bufferpool/buffer-pool.js';
import { DeviceMatrix } from '../backends/device-matrix.js';

export class SymbolTable implements PoolTable {
  private readonly vars = new Map<string, Value | Spilled | DeviceMatrix>();
  readonly poolSeq: number;

  /** `pool`: the run's buffer pool; without one nothing is tracked or spilled. */
  constructor(private readonly pool?: BufferPool) {
    this.poolSeq = pool?.nextTableSeq() ?? 0;
  }

  get(name: string): Value | undefined {
    const v = this.vars.get(name);
    // A value on a backend comes to the host once; the slot keeps the handle (both copies valid).
    if (v instanceof DeviceMatrix) return v.owner.hostOf(v);
    if (this.pool === undefined || v === undefined) return v as Value | undefined;
    if (v instanceof Spilled || v.dt === 'matrix') return this.pool.read(this, v);
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
  delete(name: string): void {
    const old = this.vars.get(name);
    this.vars.delete(name);
    if (old instanceof DeviceMatrix) old.owner.dropSlot(old);
    else this.pool?.removed(this, name, old);
  }
  /** A matrix's dims and nnz without restoring it when spilled (recompilation only needs sizes). */
  peekDims(name: string): { rows: number; cols: number; nnz: number } | undefined {
    const v = this.vars.get(name);
    if (v instanceof Spilled) return { rows: v.entry.rows, cols: v.entry.cols, nnz: v.entry.nnz };
    if (v instanceof DeviceMatrix) return { rows: v.rows, cols: v.cols, nnz: v.nnz };
    return v !== undefined && v.dt === 'matrix' ? { rows: v.rows, cols: v.cols, nnz: v.nnz } : undefined;
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
