/**
 * The seam every non-local backend plugs into (GPU, DIST, and the test backend that proves it).
 *
 * A backend owns the bytes of the matrices it holds (`D`, its own handle type) and says, per op,
 * whether it can run a call on the inputs at hand (`supports`). The engine does the rest: it asks
 * the backend for an instruction the planner placed there, moves inputs to it lazily (each value
 * at most once while the backend keeps its copy), keeps results there until an op elsewhere needs
 * them, counts every move in -stats, and runs the LOCAL builtin instead when the backend declines.
 * Modelled on tfjs: kernels per (op, backend), data as handles whose bytes a backend moves on demand.
 */
import type { Binding } from '../../common/builtins/bind.js';
import type { GpuDescription } from '../../common/config.js';
import type { Span } from '../../common/span.js';
import type { Location } from '../data/located.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import type { ScalarValue } from '../data/values.js';

/** The exec types a backend can stand for (LOCAL is the engine itself): where its data lives. */
export type DeviceExecType = Exclude<Location, 'DISK'>;

/** What a backend's data handle must tell the engine. */
export interface DeviceData {
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  /** Bytes it occupies on the backend (memory accounting and -stats). */
  readonly bytes: number;
}

/** One argument as `supports` sees it: sizes of matrices, values of scalars. */
export type ArgShape =
  | { readonly kind: 'matrix'; readonly rows: number; readonly cols: number; readonly nnz: number }
  | { readonly kind: 'scalar'; readonly value: ScalarValue }
  /** A frame, a list, or an absent optional argument: backends decline these today. */
  | { readonly kind: 'other' };

/** One argument as `run` gets it: matrices already on the backend. */
export type BackendArg<D extends DeviceData> =
  { readonly kind: 'matrix'; readonly data: D } | { readonly kind: 'scalar'; readonly value: ScalarValue };

export interface BackendCall<A> {
  readonly args: readonly A[];
  /** Names written for named arguments (undefined for positional ones), as in the script. */
  readonly argNames: readonly (string | undefined)[];
  /** The arguments bound to the op's catalogue parameters at lowering (absent when the op has no catalogue entry). */
  readonly bound?: Binding;
  readonly span: Span;
}

export interface BackendKernel<D extends DeviceData> {
  /** True when this kernel can run the call on these inputs (types, sizes, argument names). */
  supports(call: BackendCall<ArgShape>): boolean;
  /** Runs the call; a matrix result stays on the backend. */
  run(call: BackendCall<BackendArg<D>>): D | ScalarValue;
}

/** Thrown by a backend that cannot hold more data: the engine frees cached copies and retries once. */
export class DeviceMemoryError extends Error {
  constructor(
    readonly backend: string,
    readonly requestedBytes: number,
  ) {
    super(`${backend}: out of device memory (${requestedBytes} bytes requested)`);
  }
}

export interface ExecBackend<D extends DeviceData = DeviceData> {
  /** The exec type the planner chooses it by. */
  readonly exec: DeviceExecType;
  /** A name for -stats and messages. */
  readonly name: string;
  /**
   * How the planner prices it (memory, rates, transfer bandwidth and latency) when the
   * configuration does not describe the device itself.
   */
  readonly description: GpuDescription;
  /** The ops (DML builtin names and operators, as in plan instructions) it has kernels for. */
  ops(): Iterable<string>;
  kernel(op: string): BackendKernel<D> | undefined;
  /** Host to backend (a copy the backend owns). May throw DeviceMemoryError. */
  upload(m: MatrixBlock): D;
  /** Backend to host. */
  download(d: D): MatrixBlock;
  /** The engine no longer needs this handle. */
  release(d: D): void;
  /** Lines of its own for -stats (e.g. time in collectives), when it has any. */
  statsLines?(): readonly string[];
}
