/**
 * A matrix value whose bytes are not a host MatrixBlock in its slot: spilled to the scratch
 * directory by the buffer pool (DISK), or resident on a backend (GPU, DIST). One abstraction for
 * every place a value can live: a symbol-table slot holds either a host value or a located one,
 * reading the slot for a LOCAL op brings a located one to the host (restore or download, each
 * counted in -stats), and an op placed on a backend takes it as it is. Builtins never see one.
 */
import type { MatrixBlock } from './matrix-block.js';

/** Where a located matrix's bytes are. LOCAL (the host heap) is what a MatrixBlock is. */
export type Location = 'DISK' | 'GPU' | 'DIST';

export interface LocatedMatrix {
  readonly dt: 'located';
  readonly location: Location;
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  /**
   * The value on the host: restored from disk or downloaded from the backend, once (the host
   * copy then serves later reads; values are immutable, so both copies stay valid).
   */
  toHost(): MatrixBlock;
}
