/** parfor dependency analysis (check=1): what it rejects, with the variable and line, and what it accepts. */
import { describe, expect, it } from 'vitest';
import { compileScript, DmlRunError } from '../../../src/api/run.js';
import { accumulatorsIn } from '../../../src/optimizer/parfor/accumulators.js';
import { compileSource } from '../../../src/language/index.js';

function compileError(text: string): { code: string; message: string; line: number | undefined } | undefined {
  try {
    compileScript({ text, file: 'dep.dml' });
    return undefined;
  } catch (e) {
    if (!(e instanceof DmlRunError)) throw e;
    const d = e.diagnostics[0]!;
    return { code: d.code, message: d.message, line: d.span?.line };
  }
}

describe('parfor dependency analysis', () => {
  it('rejects scalar accumulation with =, naming the variable and line', () => {
    const e = compileError(`s = 0
parfor (i in 1:10) {
  s = s + i
}
print(s)`);
    expect(e?.code).toBe('DML3010');
    expect(e?.message).toContain("'s'");
    expect(e?.line).toBe(3);
  });

  it('accepts the same accumulation written with +=', () => {
    expect(compileError('s = 0\nparfor (i in 1:10) s += i\nprint(s)')).toBeUndefined();
  });

  it('rejects a left-indexed write at an index that does not depend on the loop variable', () => {
    const e = compileError(`R = matrix(0, rows=2, cols=2)
parfor (i in 1:10) {
  R[1, 1] = i
}
print(sum(R))`);
    expect(e?.code).toBe('DML3010');
    expect(e?.message).toContain("'R'");
    expect(e?.message).toContain("'i'");
    expect(e?.line).toBe(3);
  });

  it('accepts indices that depend on the loop variable, directly or through other variables', () => {
    expect(
      compileError(`R = matrix(0, rows=20, cols=3)
parfor (i in 1:10) {
  r = 2 * i
  R[r, ] = matrix(i, rows=1, cols=3)
  R[r - 1, 2] = i
}
print(sum(R))`),
    ).toBeUndefined();
  });

  it("rejects reading another iteration's result", () => {
    const e = compileError(`R = matrix(0, rows=10, cols=1)
parfor (i in 2:10) {
  R[i, 1] = sum(R) + i
}
print(sum(R))`);
    expect(e?.code).toBe('DML3010');
    expect(e?.message).toContain("'R'");
  });

  it('rejects a variable read before it is assigned in the iteration (carried across iterations)', () => {
    const e = compileError(`x = 1
R = matrix(0, rows=10, cols=1)
parfor (i in 1:10) {
  R[i, 1] = x
  x = i
}
print(sum(R))`);
    expect(e?.code).toBe('DML3010');
    expect(e?.message).toContain("'x'");
    expect(e?.line).toBe(4);
  });

  it('accepts iteration-private variables, nested loops, conditionals and function calls', () => {
    expect(
      compileError(`f = function(double a) return (double b) { b = a * 2 }
R = matrix(0, rows=10, cols=1)
parfor (i in 1:10) {
  t = 0
  for (j in 1:i) t = t + f(j)
  if (i > 5) { u = t } else { u = -t }
  R[i, 1] = u
}
print(sum(R))`),
    ).toBeUndefined();
  });

  it('treats a write under a condition on the loop variable as depending on it', () => {
    expect(
      compileError(`R = matrix(0, rows=10, cols=1)
parfor (i in 1:10) {
  if (i %% 2 == 0) { k = i } else { k = 11 - i }
  R[k, 1] = i
}
print(sum(R))`),
    ).toBeUndefined();
  });

  it('check=0 skips the analysis', () => {
    expect(compileError('s = 0\nparfor (i in 1:10, check=0) s = s + i\nprint(s)')).toBeUndefined();
  });

  it('finds += targets in the AST', () => {
    const a = compileSource('s = 0\nM = matrix(0, rows=2, cols=2)\nparfor (i in 1:3) { s += i\nif (i > 1) { M[1, 1] += i } }', 'x.dml', {
      args: new Map(),
      cwd: process.cwd(),
    });
    const loop = a.main.find((s) => s.kind === 'for');
    expect(loop && loop.kind === 'for' ? accumulatorsIn(loop.body) : []).toEqual(['M', 's']);
  });
});
