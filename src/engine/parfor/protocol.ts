/** Messages between the main thread and a parfor worker (plain, structured-clone data). */
import type { Diagnostic } from '../../common/diagnostics.js';
import type { ProgramBlock } from '../../optimizer/plan.js';
import type { WireValue } from './codec.js';
import type { WireProgram } from './program-wire.js';

/** Control words shared by one parfor run: [finished workers]. */
export const CTRL_FINISHED = 0;

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
}

export type ParforReply =
  | {
      readonly kind: 'done';
      readonly prints: readonly string[];
      readonly results: readonly (readonly [string, WireValue])[];
    }
  | { readonly kind: 'error'; readonly prints: readonly string[]; readonly diagnostics?: readonly Diagnostic[]; readonly message: string };
