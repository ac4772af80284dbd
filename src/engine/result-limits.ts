/**
 * Results that cannot fit: DML5013 names the operation and the sizes. Checked before an operation
 * runs where the plan knows its result's size (the interpreter), and by kernels whose result size
 * depends on the data (table()) once they know it, before they allocate.
 */
import { fail } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';

/** DML5013: an operation whose result cannot fit the memory budget (or any buffer). */
export const TOO_LARGE = 'DML5013';
export const TOO_LARGE_HINT =
  'raise the memory budget (-config memory / Session memory) or work on smaller blocks';

const GiB = 1024 ** 3;
const size = (bytes: number): string =>
  bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/**
 * Refuses, before it runs, an operation whose result alone exceeds the memory budget (the buffer
 * pool can spill what is live, but a single result must fit), naming the operation and sizes.
 */
export function checkResultFits(
  what: string,
  rows: number,
  cols: number,
  bytes: number,
  budget: number | undefined,
  span: Span | undefined,
): void {
  if (budget === undefined || !(bytes > budget)) return;
  fail(
    TOO_LARGE,
    `${what}: the ${rows}x${cols} result needs ${size(bytes)}, more than the memory budget of ${size(budget)}`,
    span,
    TOO_LARGE_HINT,
  );
}
