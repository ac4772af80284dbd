/**
 * High-level operators (HOPs): one DAG per basic block, as in SystemDS. Size propagation,
 * rewrites and (later) execution-type selection work on these; lowering turns them into
 * runtime instructions (plan.ts).
 */
import type { Span } from '../common/span.js';
import type { DataType, Dims, ValueType } from '../common/types.js';
import type { LiteralValue } from './plan.js';

/** Where an op runs. Only LOCAL exists until the GPU and DIST backends arrive. */
export type ExecType = 'LOCAL' | 'GPU' | 'DIST';

export type HopKind =
  | 'literal' // value
  | 'tread' // read of a variable live at block entry (name)
  | 'twrite' // write of a live-out variable (name); inputs[0] is the value
  | 'op' // builtin or operator (op = DML name or operator symbol); argNames as written
  | 'fcall' // user function call (fn); outputs = names of the variables it assigns
  | 'rix' // right indexing: inputs [target, rl, ru, cl, cu] (absent parts are 'none' hops)
  | 'lix' // left indexing: inputs [target, source, rl, ru, cl, cu]
  | 'none'; // absent optional operand

export interface Hop {
  readonly id: number;
  readonly kind: HopKind;
  readonly op: string;
  readonly inputs: readonly Hop[];
  readonly argNames?: readonly (string | undefined)[];
  readonly dataType: DataType;
  readonly valueType: ValueType;
  readonly dims: Dims;
  readonly value?: LiteralValue;
  readonly name?: string;
  readonly fn?: string;
  readonly outputs?: readonly string[];
  readonly attrs?: Readonly<Record<string, string | number | boolean>>;
  /** read() with a literal file name: what its `.mtd` says, looked up once when the HOP is made. */
  readonly fileFacts?: ReadFacts;
  /** Estimated memory in bytes (inputs + intermediates + output); set by the cost model. */
  readonly mem?: number;
  readonly exec?: ExecType;
  /** Estimated run time in seconds on its exec type (transfers of its inputs included); set by the cost model. */
  readonly seconds?: number;
  readonly span: Span;
}

/** What a file's `.mtd` says about it at compile time (absent fields: not said). */
export interface ReadFacts {
  readonly dataType?: string;
  readonly valueType?: string;
  readonly rows?: number;
  readonly cols?: number;
  readonly nnz?: number;
}

/**
 * Looks up the `.mtd` of a file a script names, through the run's file access (its working
 * directory and confinement); undefined when there is none or it cannot be read (the reader
 * reports that at run time).
 */
export type ReadFactsLookup = (file: string) => ReadFacts | undefined;

/** A basic block's DAG: its roots in statement order (twrites and side-effect ops). */
export interface HopDag {
  readonly roots: readonly Hop[];
}
