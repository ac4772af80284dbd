/** Messages between the main thread and a parfor worker (plain, structured-clone data). */
import type { Diagnostic } from '../../common/diagnostics.js';
import type { Instruction, ProgramBlock } from '../../optimizer/plan.js';
import type { LiveVar } from '../../optimizer/recompile/recompile-block.js';
import type { WireValue } from './codec.js';
import type { WireProgram } from './program-wire.js';

/** Control words shared by one parfor run: [finished workers, events (finishes + requests)]. */
export const CTRL_FINISHED = 0;
export const CTRL_EVENTS = 1;

export interface ParforTask {
  readonly kind: 'task';
  /** Programs are sent once per worker and cached there by id. */
  readonly programId: number;
  readonly program?: WireProgram;
  /** The parfor loop itself (its body runs for each value). */
  readonly loop: Extract<ProgramBlock, { kind: 'for' }>;
  /** Loop-variable values of this worker's iterations, in order. */
  readonly values: readonly WireValue[];
  /** Live input variables the body reads. */
  readonly inputs: readonly (readonly [string, WireValue])[];
  /** Variables to send back (result variables). */
  readonly results: readonly string[];
  readonly seed: number;
  readonly cwd: string;
  readonly ctrl: Int32Array;
  /** Counts the main thread's answers to this worker's recompile requests (it waits on it). */
  readonly answers: Int32Array;
  /** Whether the main thread recompiles blocks (dynamic recompilation is on). */
  readonly recompile: boolean;
  /** Whether to time the worker's instructions for -stats (sent back as WorkerOpStats). */
  readonly stats: boolean;
}

/** A worker's instruction counts and times per opcode, merged into the main thread's -stats. */
export type WorkerOpStats = readonly (readonly [opcode: string, count: number, ms: number])[];

/** What recompilation needs about a variable (as LiveVar in optimizer/recompile). */
export type WireLive = readonly (readonly [string, LiveVar])[];

/**
 * A worker asks the main thread to recompile a basic block for its live variables: plans then
 * match the sequential loop's exactly (same operators, same native calls, same rounding).
 */
export interface RecompileRequest {
  readonly kind: 'recompile';
  /** The block's id (assigned when the program was made plain data). */
  readonly rid: number;
  readonly live: WireLive;
}

export interface RecompileAnswer {
  /** The instructions to run, or null to run the block's own (not marked for recompilation). */
  readonly instructions: readonly Instruction[] | null;
  /**
   * What the answer depends on, as the main thread's recompile cache keys it: the dims of these
   * matrix/frame inputs and the values of these scalars. The worker reuses the answer while they
   * are the same, instead of asking again for every block it runs.
   */
  readonly keyMatrices?: readonly string[];
  readonly keyScalars?: readonly string[];
}

export type ParforReply =
  | {
      readonly kind: 'done';
      readonly prints: readonly string[];
      readonly results: readonly (readonly [string, WireValue])[];
      readonly ops?: WorkerOpStats;
    }
  | {
      readonly kind: 'error';
      readonly prints: readonly string[];
      readonly ops?: WorkerOpStats;
      readonly diagnostics?: readonly Diagnostic[];
      readonly message: string;
    };
