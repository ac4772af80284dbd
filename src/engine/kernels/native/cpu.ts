/**
 * CPU detection for OpenBLAS's kernel choice. Debian's OpenBLAS 0.3.21 does not recognise recent
 * Xeons and silently falls back to SSE3 ("Prescott") kernels, 5x slower. Reading the instruction
 * set flags from /proc/cpuinfo and setting OPENBLAS_CORETYPE before the library is loaded picks
 * the AVX-512 or AVX2 kernels instead. A value the user set is never overridden.
 */
import { readFileSync } from 'node:fs';

/** The OpenBLAS core type for the flags of this CPU, or undefined when none is worth forcing. */
export function coreTypeForFlags(flags: ReadonlySet<string>): string | undefined {
  if (flags.has('avx512f')) return 'SkylakeX';
  if (flags.has('avx2')) return 'Haswell';
  return undefined;
}

/** Instruction-set flags of the first CPU in /proc/cpuinfo (empty where that file does not exist). */
export function cpuFlags(cpuinfo?: string): Set<string> {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return new Set();
    }
  }
  const line = text.split('\n').find((l) => /^flags\s*:/.test(l));
  return new Set(
    line
      ? line
          .replace(/^flags\s*:/, '')
          .trim()
          .split(/\s+/)
      : [],
  );
}

/**
 * Sets OPENBLAS_CORETYPE in `env` unless already set; returns the value in effect and whether it
 * was chosen here. Must run before the library is loaded (OpenBLAS reads it in its constructor).
 */
export function applyCoreType(env: NodeJS.ProcessEnv = process.env): { coreType?: string; forced: boolean } {
  const user = env.OPENBLAS_CORETYPE;
  if (user !== undefined && user !== '') return { coreType: user, forced: false };
  const chosen = coreTypeForFlags(cpuFlags());
  if (chosen === undefined) return { forced: false };
  env.OPENBLAS_CORETYPE = chosen;
  return { coreType: chosen, forced: true };
}
