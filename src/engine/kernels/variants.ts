/**
 * Local kernel variants: the implementations of one op on this machine (TypeScript, compiled C
 * split over threads, compiled C, native BLAS), listed in preference order in one table per op.
 * The op's kernel is the first variant of its table that supports the call, so the choice among
 * them is made in one place, and a test can run the same cases against every variant directly.
 */
import type { KernelResources } from '../kernel-resources.js';

export interface KernelVariant<I, R> {
  /** Short name, e.g. 'typescript', 'compiled', 'compiled-threads', 'blas'. */
  readonly name: string;
  /**
   * Why this variant cannot run in this process (its library is not built, not installed or
   * disabled), or undefined when it can. May load the library.
   */
  unavailable(): string | undefined;
  /**
   * Whether run() computes these inputs correctly when called directly, whatever their size (the
   * cases a variant test may give it). Says nothing of the library: see unavailable().
   */
  accepts(inputs: I): boolean;
  /**
   * Whether the op's kernel picks this variant for these inputs (size thresholds, the library
   * being available, threads): implies accepts(). Checks sizes before loading anything.
   */
  supports(inputs: I, rt: KernelResources): boolean;
  /** Runs the variant (counting its compiled or native call for -stats). */
  run(inputs: I, rt: KernelResources): R;
}

/** The first variant of `variants` that supports the inputs; the last should support everything. */
export function pickVariant<I, R>(
  variants: readonly KernelVariant<I, R>[],
  inputs: I,
  rt: KernelResources,
): KernelVariant<I, R> {
  for (const v of variants) if (v.supports(inputs, rt)) return v;
  throw new Error(
    `internal: no kernel variant (of ${variants.map((v) => v.name).join(', ')}) supports the call`,
  );
}

/** Runs the first variant that supports the inputs. */
export function runFirstVariant<I, R>(
  variants: readonly KernelVariant<I, R>[],
  inputs: I,
  rt: KernelResources,
): R {
  return pickVariant(variants, inputs, rt).run(inputs, rt);
}

/** The TypeScript variant of an op: runs every input, the reference the others are tested against. */
export function typeScriptVariant<I, R>(run: (inputs: I) => R): KernelVariant<I, R> {
  return {
    name: 'typescript',
    unavailable: () => undefined,
    accepts: () => true,
    supports: () => true,
    run: (inputs) => run(inputs),
  };
}
