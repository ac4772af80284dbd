/** Turns anything thrown while running an instruction into a DmlError pointing at its DML source. */
import { DmlError, diag } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { Value } from '../data/values.js';
import { describe, toBoolean } from '../builtins/args.js';
import { fail } from '../../common/diagnostics.js';
import { TOO_LARGE, TOO_LARGE_HINT } from '../result-limits.js';

export { checkResultFits, TOO_LARGE } from '../result-limits.js';

export function wrapRuntimeError(e: unknown, span: Span): unknown {
  if (e instanceof DmlError) {
    // Give span-less diagnostics the span of the instruction that failed.
    if (e.diagnostics.every((d) => d.span !== undefined)) return e;
    return new DmlError(e.diagnostics.map((d) => (d.span ? d : { ...d, span })));
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new DmlError(diag('DML5007', 'recursion too deep (JavaScript stack exhausted)', span));
  }
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'CancelledError')) return e;
  // A string over V8's limit (~512 MB): a text result too large to hold.
  if (e instanceof RangeError && /Invalid string length/i.test(e.message)) {
    return new DmlError(
      diag(
        TOO_LARGE,
        'the text this operation makes is too large (JavaScript strings hold at most ~512 MB)',
        span,
      ),
    );
  }
  // An allocation the JavaScript engine refused: a result too large for any buffer.
  if (
    e instanceof RangeError &&
    /typed array length|array buffer allocation|Array buffer allocation/i.test(e.message)
  ) {
    return new DmlError(
      diag(
        TOO_LARGE,
        `the result of this operation is too large to allocate (${e.message})`,
        span,
        TOO_LARGE_HINT,
      ),
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new DmlError(diag('DML5999', `runtime error: ${msg}`, span));
}

/** A predicate's truth value: boolean, non-zero number, or a 1x1 matrix (as SystemDS casts it). */
export function isTruthy(v: Value, span: Span): boolean {
  if (v.dt === 'matrix') {
    if (v.rows === 1 && v.cols === 1) return v.get(0, 0) !== 0;
    fail('DML3001', `a predicate must be a scalar, got a ${describe(v)}`, span);
  }
  return toBoolean(v, 'predicate', span);
}
