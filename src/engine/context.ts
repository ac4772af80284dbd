/**
 * What a builtin implementation may ask of the running program. The interpreter provides it;
 * tests provide a small one (test/helpers) to call builtins directly.
 */
import type { FileAccess } from '../common/file-access.js';
import type { Span } from '../common/span.js';
import type { Value } from './data/values.js';
import type { KernelResources } from './kernel-resources.js';

export interface ExecContext {
  /** Writes one line of program output (print). */
  print(line: string): void;
  /**
   * Every file access of the run: names resolve against the working dir, and a confined run
   * refuses paths outside its allowed directories (reads, writes, `.mtd`, part files).
   */
  readonly files: FileAccess;
  /** A fresh seed for rand/sample called with seed=-1 (deterministic under a fixed session seed). */
  nextSeed(): number;
  /** Calls a user-defined or stdlib function by name (for eval); returns its outputs. */
  callFunction(
    name: string,
    args: readonly Value[],
    argNames: readonly (string | undefined)[],
    span: Span,
  ): Value[];
  /** Degree of parallelism the engine may use. */
  readonly threads: number;
  /** The run's memory budget in bytes: data-dependent results larger than it are refused (DML5013). */
  readonly memoryBytes?: number;
  /**
   * The run's resources as kernels need them (thread settings, pool, recycler, counters: the
   * run's EngineResources); absent outside a run (tests calling builtins directly).
   */
  readonly resources?: KernelResources;
}
