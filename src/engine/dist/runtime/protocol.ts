/**
 * The driver's commands to the worker ranks: a small JSON descriptor broadcast from rank 0 (its
 * length first, then its bytes), after which every rank takes part in the collectives the command
 * implies, in the same order. Matrices travel in those collectives, never in a descriptor.
 */
import type { ScalarValue } from '../../data/values.js';
import type { ArgShape } from '../../backends/backend.js';
import type { Communicator } from '../communicator.js';

/** One argument of a distributed op: a stored matrix (by id) or a scalar every rank gets. */
export type WireArg =
  { readonly kind: 'matrix'; readonly id: number } | { readonly kind: 'scalar'; readonly value: ScalarValue };

export type Command =
  /** A host matrix enters: scattered by rows, or broadcast whole ('replicated'). */
  | {
      readonly kind: 'put';
      readonly id: number;
      readonly rows: number;
      readonly cols: number;
      readonly nnz: number;
      readonly layout: 'rows' | 'replicated';
      /** Keep the parts sparse (the host matrix was): kernels take the path LOCAL's would. */
      readonly sparse: boolean;
    }
  /** A matrix goes to the driver (gathered unless replicated). */
  | { readonly kind: 'get'; readonly id: number }
  | { readonly kind: 'free'; readonly id: number }
  /** Runs a distributed op; a matrix result is stored under `out`. */
  | {
      readonly kind: 'run';
      readonly opcode: string;
      readonly args: readonly WireArg[];
      /** The driver's view of the arguments: every rank plans from these, so all plan alike. */
      readonly shapes: readonly ArgShape[];
      readonly argNames: readonly (string | null)[];
      readonly out: number;
      /** The script position of the instruction ("lm.dml:12:5"), for failure messages. */
      readonly at: string;
    }
  /** The job ends: workers leave their loop and finalize. */
  | { readonly kind: 'exit' };

/** JSON has no NaN, Infinity or -0: scalars carry them as tagged strings. */
function replacer(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
    return { $num: Object.is(v, -0) ? '-0' : String(v) };
  return v;
}

function reviver(_key: string, v: unknown): unknown {
  if (typeof v === 'object' && v !== null && '$num' in v) return Number((v as { $num: string }).$num);
  return v;
}

/**
 * Commands travel in one broadcast of a fixed-size frame (its first 4 bytes the payload's length)
 * when they fit, which almost all do; a longer one sends the rest in a second broadcast. Two
 * broadcasts per command (length, then bytes) cost a measurable part of a small op's time.
 */
const FRAME_BYTES = 2048;
const HEADER_BYTES = 4;

/** Rank 0: sends a command to every rank. */
export function sendCommand(comm: Communicator, cmd: Command): void {
  const bytes = new TextEncoder().encode(JSON.stringify(cmd, replacer));
  const frame = new Uint8Array(FRAME_BYTES);
  new DataView(frame.buffer).setUint32(0, bytes.length, true);
  const inFrame = Math.min(bytes.length, FRAME_BYTES - HEADER_BYTES);
  frame.set(bytes.subarray(0, inFrame), HEADER_BYTES);
  comm.bcast(frame, 0);
  if (inFrame < bytes.length) comm.bcast(bytes.subarray(inFrame), 0);
}

/** Ranks 1..P-1: the next command from rank 0 (blocks until it comes). */
export function receiveCommand(comm: Communicator): Command {
  const frame = new Uint8Array(FRAME_BYTES);
  comm.bcast(frame, 0);
  const length = new DataView(frame.buffer).getUint32(0, true);
  const inFrame = Math.min(length, FRAME_BYTES - HEADER_BYTES);
  let bytes = frame.subarray(HEADER_BYTES, HEADER_BYTES + inFrame);
  if (inFrame < length) {
    const all = new Uint8Array(length);
    all.set(bytes);
    const rest = all.subarray(inFrame);
    comm.bcast(rest, 0);
    bytes = all;
  }
  return JSON.parse(new TextDecoder().decode(bytes), reviver) as Command;
}
