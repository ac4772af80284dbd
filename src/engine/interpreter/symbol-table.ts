/**
 * Variables of one scope (the main program, or one function invocation).
 *
 * Buffer pool hooks: a table created while a run's buffer pool is active reports every store,
 * delete and matrix read to it. A slot may then hold a Spilled handle instead of a matrix (its
 * values are on disk); get() restores it, so callers only ever see values.
 */
import type { Value } from '../data/values.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { Spilled, type BufferPool, type PoolTable } from '../bufferpool/buffer-pool.js';
import { activeBufferPool } from '../bufferpool/runtime.js';

export class SymbolTable implements PoolTable {
  private readonly vars = new Map<string, Value | Spilled>();
  private readonly pool: BufferPool | undefined = activeBufferPool();
  readonly poolSeq: number = this.pool?.nextTableSeq() ?? 0;

  get(name: string): Value | undefined {
    const v = this.vars.get(name);
    if (this.pool === undefined || v === undefined) return v as Value | undefined;
    if (v instanceof Spilled || v.dt === 'matrix') return this.pool.read(this, v);
    return v;
  }
  set(name: string, v: Value): void {
    const old = this.vars.get(name);
    this.vars.set(name, v);
    this.pool?.stored(this, name, old, v);
  }
  delete(name: string): void {
    const old = this.vars.get(name);
    this.vars.delete(name);
    this.pool?.removed(this, name, old);
  }
  /** A matrix's dims and nnz without restoring it when spilled (recompilation only needs sizes). */
  peekDims(name: string): { rows: number; cols: number; nnz: number } | undefined {
    const v = this.vars.get(name);
    if (v instanceof Spilled) return { rows: v.entry.rows, cols: v.entry.cols, nnz: v.entry.nnz };
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
    const t = new SymbolTable();
    for (const [k, v] of this.vars) {
      t.vars.set(k, v);
      t.pool?.stored(t, k, undefined, v);
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
