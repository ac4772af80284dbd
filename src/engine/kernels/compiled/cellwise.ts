/**
 * Bindings of native/cellwise.c: dense cell-wise + - * / and comparisons over cache-resident
 * operands, returning the non-zero count with the cells. Undefined when the compiled kernels are
 * not available (or predate cellwise.c), or for an op they do not cover: the caller then runs its
 * TypeScript loop, which gives the same values.
 */
import { countCompiledCall, optionalCompiledFn } from './library.js';

const OP_CODES: ReadonlyMap<string, number> = new Map([
  ['+', 0],
  ['-', 1],
  ['*', 2],
  ['/', 3],
  ['>', 4],
  ['<', 5],
  ['>=', 6],
  ['<=', 7],
  ['==', 8],
  ['!=', 9],
]);

/** Below this many cells the ~80 ns koffi call costs more than the TypeScript loop saves. */
export const COMPILED_CELLWISE_MIN_CELLS = 2048;

type VV = (op: number, a: Float64Array, b: Float64Array, out: Float64Array, n: number) => number;
type VS = (op: number, a: Float64Array, s: number, out: Float64Array, n: number) => number;
type SV = (op: number, s: number, b: Float64Array, out: Float64Array, n: number) => number;

/**
 * out = a op b (either side may be a scalar) through the compiled loop; the number of non-zero
 * cells written, or undefined when the compiled path does not apply (nothing was written then).
 */
export function compiledBinary(
  op: string,
  a: Float64Array | number,
  b: Float64Array | number,
  out: Float64Array,
): number | undefined {
  const code = OP_CODES.get(op);
  const n = out.length;
  if (code === undefined || n < COMPILED_CELLWISE_MIN_CELLS) return undefined;
  let nnz: number | undefined;
  if (typeof a !== 'number' && typeof b !== 'number') {
    const f = optionalCompiledFn<VV>(
      'double tessera_binary_vv(int32_t op, const double *a, const double *b, double *out, int64_t n)',
    );
    nnz = f?.(code, a, b, out, n);
  } else if (typeof a !== 'number' && typeof b === 'number') {
    const f = optionalCompiledFn<VS>(
      'double tessera_binary_vs(int32_t op, const double *a, double s, double *out, int64_t n)',
    );
    nnz = f?.(code, a, b, out, n);
  } else if (typeof a === 'number' && typeof b !== 'number') {
    const f = optionalCompiledFn<SV>(
      'double tessera_binary_sv(int32_t op, double s, const double *b, double *out, int64_t n)',
    );
    nnz = f?.(code, a, b, out, n);
  }
  if (nnz === undefined || nnz < 0) return undefined;
  countCompiledCall();
  return nnz;
}
