/** The results of one run or execution: declared outputs (or all variables), output lines, stats. */
import type { Table } from 'apache-arrow';
import { DmlError, diag, type Diagnostic } from '../common/diagnostics.js';
import type { FrameBlock, FrameCell, Value } from '../engine/data/values.js';
import type { RunStats } from '../engine/interpreter/stats.js';
import type { MachineDescription } from '../optimizer/cost/machine.js';
import { arrayOf, arrowOf, frameOf, matrixOf, scalarOf, type DenseMatrix } from './convert.js';
import { API_ERR } from './errors.js';

/**
 * What a run returns: the variables (declared outputs, or all of them), readable as DML values or
 * converted to TypeScript forms, plus printed lines, warnings, statistics and timing.
 */
export class RunResults {
  /**
   * @param variables the declared outputs, or every variable of the main program when the run
   *   declared none
   * @param output the lines the script printed (when the session collects them)
   * @param stats per-operator statistics, when requested with `stats: true`
   * @param warnings warnings from analysis
   * @param elapsedMs wall time of the execution (compilation excluded)
   * @param machine the machine the plan was priced for: memory, threads, and the local rates
   *   (from the configuration, else `dml calibrate`'s cache, else built-in defaults)
   */
  constructor(
    readonly variables: ReadonlyMap<string, Value>,
    readonly output: readonly string[],
    readonly stats: RunStats | undefined,
    readonly warnings: readonly Diagnostic[],
    readonly elapsedMs: number,
    readonly machine?: MachineDescription,
  ) {}

  /** Names of the returned variables. */
  names(): string[] {
    return [...this.variables.keys()];
  }

  /** Whether a variable of that name was returned. */
  has(name: string): boolean {
    return this.variables.has(name);
  }

  /** The raw DML value of a variable (MatrixBlock, FrameBlock, ListValue or scalar). */
  value(name: string): Value {
    const v = this.variables.get(name);
    if (v === undefined)
      throw new DmlError([
        diag(
          API_ERR.missingOutput,
          `no result named '${name}' (results: ${this.names().join(', ') || 'none'})`,
        ),
      ]);
    return v;
  }

  /** A matrix as `{rows, cols, data}` (row-major Float64Array, shared: do not mutate). */
  matrix(name: string): DenseMatrix {
    return matrixOf(name, this.value(name));
  }

  /** A matrix (one Float64 column per matrix column, C1..Cn or `columnNames`) or a frame as an Arrow table. */
  toArrow(name: string, columnNames?: readonly string[]): Table {
    return arrowOf(name, this.value(name), columnNames);
  }

  /** A matrix as rows of numbers; a frame as rows of cells. */
  toArray(name: string): number[][] | FrameCell[][] {
    return arrayOf(name, this.value(name));
  }

  /** A scalar as a number, boolean or string (a 1x1 matrix gives its cell). */
  scalar(name: string): number | boolean | string {
    return scalarOf(name, this.value(name));
  }

  /** A scalar that must be numeric. */
  number(name: string): number {
    const s = this.scalar(name);
    if (typeof s !== 'number')
      throw new DmlError([diag(API_ERR.wrongType, `result '${name}' is a ${typeof s}, not a number`)]);
    return s;
  }

  /** A frame (schema, column names, columns). */
  frame(name: string): FrameBlock {
    return frameOf(name, this.value(name));
  }
}
