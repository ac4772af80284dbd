/**
 * What one rank holds of the distributed matrices: per matrix id, its layout, its global size,
 * and this rank's part (its row block, its column block, or the whole matrix when replicated).
 * Every rank has one store with the same ids: the driver names a matrix, every rank finds its
 * part under that name. Parts stay resident until the driver frees them (SystemDS's cached RDDs).
 */
import type { MatrixBlock } from '../../data/matrix-block.js';
import type { DistLayout } from '../ops/dist-op.js';

export interface StoredMatrix {
  readonly layout: DistLayout;
  readonly rows: number;
  readonly cols: number;
  /**
   * Non-zeros of the whole matrix as every rank knows it (shapes must agree across ranks): exact
   * for uploads and reduced results, an upper bound (rows x cols) for partitioned op results.
   */
  readonly nnz: number;
  /** This rank's part: rows [off[r], off[r+1]) of 'rows', those columns of 'cols', all of 'replicated'. */
  readonly part: MatrixBlock;
}

export class RankStore {
  private readonly parts = new Map<number, StoredMatrix>();

  put(id: number, m: StoredMatrix): void {
    if (this.parts.has(id)) throw new Error(`dist: matrix #${id} stored twice`);
    this.parts.set(id, m);
  }

  get(id: number): StoredMatrix {
    const m = this.parts.get(id);
    if (m === undefined) throw new Error(`dist: no matrix #${id} on this rank`);
    return m;
  }

  free(id: number): void {
    this.parts.delete(id);
  }

  get size(): number {
    return this.parts.size;
  }
}
