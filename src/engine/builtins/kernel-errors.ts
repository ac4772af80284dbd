/** Attaches the call's source span to DmlErrors that kernels raise without one. */
import { DmlError } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';

export function atSpan<R>(span: Span, fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DmlError && e.diagnostics.some((d) => d.span === undefined)) {
      throw new DmlError(e.diagnostics.map((d) => (d.span === undefined ? { ...d, span } : d)));
    }
    throw e;
  }
}
