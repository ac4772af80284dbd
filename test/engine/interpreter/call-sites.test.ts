import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../../src/common/diagnostics.js';
import { DmlRunError } from '../../../src/api/run.js';
import { runDml } from '../../helpers/run.js';

describe('runtime errors inside functions', () => {
  it('name every call site, innermost first', () => {
    const script = `inner = function(Double a) return (Double b) {
  if (a > 0) { stop("bad value " + a) }
  b = a
}
outer = function(Double a) return (Double b) {
  if (a > 0) { b = inner(a) } else { b = 0 }
}
x = outer(3)
`;
    try {
      runDml(script, { optLevel: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DmlRunError);
      const d = (e as DmlRunError).diagnostics[0]!;
      expect(d.span?.line).toBe(2);
      expect(d.calledFrom?.map((s) => s.line)).toEqual([6, 8]);
      const text = formatDiagnostics([d]);
      expect(text).toContain('= called from test.dml:6:');
      expect(text).toContain('= called from test.dml:8:5');
    }
  });
});
