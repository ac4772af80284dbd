import { describe, expect, it } from 'vitest';
import { hopsText } from '../helpers.js';

const F = 'f = function(Matrix[Double] M) return (Double r) { r = sum(M %*% t(M)) }\n';

// These functions would be inlined (test/optimizer/ipa/inline.test.ts): keep them out of line here.
function functionPlan(text: string): string {
  const t = hopsText(text, { disableRules: ['inline-functions'] });
  return t.slice(t.indexOf('FUNCTION f'), t.indexOf('MAIN PROGRAM'));
}

describe('inter-procedural size propagation', () => {
  it('compiles a function with the dims all its call sites agree on', () => {
    const p = functionPlan(F + 'X = rand(rows=4, cols=3, seed=1)\nprint(f(X))\nprint(f(X + 1))');
    expect(p).toMatch(/TRead M \[4,3,/);
  });

  it('keeps parameters unknown when call sites disagree', () => {
    const p = functionPlan(F + 'X = rand(rows=4, cols=3, seed=1)\nprint(f(X))\nprint(f(t(X)))');
    expect(p).toMatch(/TRead M \[-1,-1,-1\]/);
  });

  it('propagates through a chain of calls, callers first', () => {
    const text =
      'g = function(Matrix[Double] A) return (Double s) { s = f(A) }\n' + F + 'X = rand(rows=5, cols=2, seed=1)\nprint(g(X))';
    expect(functionPlan(text)).toMatch(/TRead M \[5,2,/);
  });

  it('leaves recursive functions alone', () => {
    const text =
      'f = function(Matrix[Double] M, Integer n) return (Double r) { if (n > 0) { r = f(M, n - 1) } else { r = sum(M) } }\n' +
      'X = rand(rows=4, cols=3, seed=1)\nprint(f(X, 2))';
    expect(functionPlan(text)).toMatch(/TRead M \[-1,-1,-1\]/);
  });
});

describe('size errors found only with call-site or run-time sizes', () => {
  it('a function guarded by its own stop() reports its own message', async () => {
    const { runScript } = await import('../../../src/api/run.js');
    const text =
      'g = function(Matrix[Double] A, Matrix[Double] B) return (Matrix[Double] C) {\n' +
      '  if (ncol(A) != nrow(B)) stop("g: A has " + ncol(A) + " columns, B has " + nrow(B) + " rows")\n' +
      '  C = A %*% B\n}\n' +
      'X = matrix(1, rows=2, cols=2)\nY = matrix(1, rows=3, cols=1)\nprint(sum(g(X, Y)))';
    expect(() => runScript({ text, print: () => undefined })).toThrow(/g: A has 2 columns, B has 3 rows/);
  });

  it('a recompiled block still runs its statements before the failing one', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { runScript } = await import('../../../src/api/run.js');
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'ipa-')), 'X.csv');
    writeFileSync(f, '1,2\n3,4\n');
    const lines: string[] = [];
    const text = `X = read("${f}", format="csv")\nprint("before")\nY = X %*% matrix(1, rows=3, cols=1)\nprint(sum(Y))`;
    expect(() => runScript({ text, print: (l) => lines.push(l) })).toThrow(/%\*%/);
    expect(lines).toEqual(['before']);
  });
});
