/**
 * A matrix whose value lives on a backend (a located value, data/located.ts, like the buffer
 * pool's Spilled): the result of an instruction that ran there, or a host value's copy. A
 * symbol-table slot holds it until an op elsewhere needs the value; then toHost() downloads it
 * once (the host copy is kept next to the device copy: values are immutable, so both stay valid).
 */
import type { LocatedMatrix } from '../data/located.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import type { DeviceData, DeviceExecType, ExecBackend } from './backend.js';

/** The run's device manager, as a handle needs it (devices.ts). */
export interface DeviceOwner {
  hostOf(d: DeviceMatrix): MatrixBlock;
  dropSlot(d: DeviceMatrix): void;
}

export class DeviceMatrix implements LocatedMatrix {
  readonly dt = 'located' as const;
  /** Slots holding this handle; its device bytes are released when the last one lets go. */
  slots = 0;
  /** The host copy, once downloaded. */
  host: MatrixBlock | null = null;
  lastUse = 0;

  constructor(
    readonly owner: DeviceOwner,
    readonly backend: ExecBackend,
    /** The backend's bytes (null once released after a download under memory pressure). */
    public data: DeviceData | null,
  ) {}

  get location(): DeviceExecType {
    return this.backend.exec;
  }
  toHost(): MatrixBlock {
    return this.owner.hostOf(this);
  }

  get rows(): number {
    return this.data?.rows ?? this.host!.rows;
  }
  get cols(): number {
    return this.data?.cols ?? this.host!.cols;
  }
  get nnz(): number {
    return this.data?.nnz ?? this.host!.nnz;
  }
}
