/**
 * The runtime plan: what the optimizer hands to the engine. Program blocks mirror SystemDS's
 * (basic / if / for / parfor / while / function); each basic block is a linear list of
 * instructions over named variables (user variables and compiler temporaries `_t<N>`).
 * The engine never sees the AST; it sees only this.
 */
import type { Span } from '../common/span.js';
import type { DataType, ValueType } from '../common/types.js';
import type { Binding } from '../common/builtins/bind.js';
import type { ExecType, HopDag } from './hop.js';

/** A scalar constant inside an instruction. */
export type LiteralValue =
  | { readonly vt: 'double'; readonly value: number }
  | { readonly vt: 'int'; readonly value: number }
  | { readonly vt: 'boolean'; readonly value: boolean }
  | { readonly vt: 'string'; readonly value: string };

export type Operand =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'lit'; readonly value: LiteralValue }
  /** An absent optional operand (empty index part). */
  | { readonly kind: 'none' };

/**
 * One instruction. `opcode` is:
 * - a DML builtin name (`sum`, `rand`, `print`, `write`, ...) or an operator (`+`, `%*%`, `u-`, `!`, ...):
 *   inputs are the call's arguments as written, with `argNames[i]` the name for named ones;
 * - `fcall`: user function `fn` (key "ns::name"; default namespace "name"), inputs are arguments
 *   with `argNames`, outputs are the function's outputs in order (possibly fewer than declared);
 * - `cpvar`: outputs[0] := inputs[0];
 * - `rmvar`: drop the variables named by inputs (memory release after last use);
 * - `rix`: right indexing, inputs [target, rl, ru, cl, cu] ('none' for absent parts);
 *   attrs.listIndex is true for the single-part form `L[i]` (no comma);
 * - `lix`: left indexing, inputs [target, source, rl, ru, cl, cu], attrs.listIndex as above.
 * Each instruction carries the span of the DML expression it came from, for runtime errors.
 */
export interface Instruction {
  readonly opcode: string;
  readonly inputs: readonly Operand[];
  readonly argNames?: readonly (string | undefined)[];
  /**
   * A builtin's arguments bound to its catalogue parameters (name -> input index), once, at
   * lowering: the engine and every backend read them from here instead of re-binding the call
   * each time it runs (absent for user functions and internal opcodes).
   */
  readonly bound?: Binding;
  readonly outputs: readonly string[];
  readonly fn?: string;
  readonly attrs?: Readonly<Record<string, string | number | boolean>>;
  readonly span: Span;
  /** Id of the HOP this instruction came from (for -explain and -stats). */
  readonly hopId?: number;
  /**
   * Where it runs, as the planner chose (absent: LOCAL). The engine runs it on that backend when
   * the backend's kernel supports the actual inputs, else on LOCAL (counted in -stats).
   */
  readonly exec?: ExecType;
  /**
   * Transfers the plan implies before this instruction: matrix inputs whose value was made (or,
   * for block inputs, lives) elsewhere. The engine moves data lazily and counts the moves it
   * really makes; these are what explain shows. Each value moves at most once per block and place.
   */
  readonly moves?: readonly PlannedMove[];
  /**
   * The cost model's time for this instruction on its exec type, in milliseconds (when known):
   * -stats sets it beside the measured time of instructions that ran on a backend.
   */
  readonly estimatedMs?: number;
  /**
   * The matrix result's size when the plan knows it (dims known at compile time or after
   * recompilation): the engine refuses, before running, a result larger than the memory budget.
   */
  readonly result?: { readonly rows: number; readonly cols: number; readonly bytes: number };
}

/** One planned transfer of a variable's value between locations. */
export interface PlannedMove {
  readonly name: string;
  readonly from: ExecType;
  readonly to: ExecType;
}

/** Instructions that compute one value (a predicate, a loop bound). */
export interface Computation {
  readonly instructions: readonly Instruction[];
  readonly result: Operand;
  readonly span: Span;
}

export interface ParforParams {
  readonly check: boolean;
  readonly par?: number;
  readonly mode: string;
  /** All parameters as written (name -> literal), for explain and the parfor optimizer. */
  readonly raw: Readonly<Record<string, string | number | boolean>>;
  /** Variables the body updates with `+=`: accumulating results (merged by adding deltas). */
  readonly accumulators?: readonly string[];
}

export type ProgramBlock =
  | {
      readonly kind: 'basic';
      readonly instructions: readonly Instruction[];
      /** The HOP DAG this block was lowered from (for -explain hops). */
      readonly hops?: HopDag;
      readonly span: Span;
    }
  | {
      readonly kind: 'if';
      readonly predicate: Computation;
      readonly then: readonly ProgramBlock[];
      readonly else: readonly ProgramBlock[];
      readonly span: Span;
    }
  | {
      readonly kind: 'for';
      readonly variable: string;
      readonly from: Computation;
      readonly to: Computation;
      /** Absent for `a:b` (step +1, or -1 when from > to). */
      readonly by?: Computation;
      /** True for `seq(...)`: a wrong-signed `by` is an error. */
      readonly isSeq: boolean;
      readonly parfor?: ParforParams;
      /** Variables the body writes that are live after the loop (parfor result variables). */
      readonly resultVars?: readonly string[];
      readonly body: readonly ProgramBlock[];
      readonly span: Span;
    }
  | {
      readonly kind: 'while';
      readonly predicate: Computation;
      readonly body: readonly ProgramBlock[];
      readonly span: Span;
    };

export interface FunctionParam {
  readonly name: string;
  readonly dataType: DataType;
  readonly valueType: ValueType;
  /** Computes the default when the argument is absent (evaluated in the function's scope). */
  readonly default?: Computation;
}

export interface RuntimeFunction {
  /** "ns::name", or just "name" in the default namespace. */
  readonly key: string;
  readonly name: string;
  readonly params: readonly FunctionParam[];
  readonly outputs: readonly {
    readonly name: string;
    readonly dataType: DataType;
    readonly valueType: ValueType;
  }[];
  readonly body: readonly ProgramBlock[];
  readonly span: Span;
}

export interface RuntimeProgram {
  readonly main: readonly ProgramBlock[];
  readonly functions: ReadonlyMap<string, RuntimeFunction>;
}
