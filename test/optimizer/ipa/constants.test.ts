import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/api/run.js';
import type { OptimizerOptions } from '../../../src/optimizer/index.js';
import { compile, hopsText } from '../helpers.js';

/** The -explain hops text of function `name` (up to the next function or main). */
function functionPlan(text: string, name: string, options: OptimizerOptions = {}): string {
  const t = hopsText(text, options);
  const start = t.indexOf(`--FUNCTION ${name} `);
  if (start < 0) throw new Error(`no function ${name} in\n${t}`);
  const rest = t.slice(start + 1);
  const end = rest.search(/\n--(FUNCTION|MAIN PROGRAM)/);
  return rest.slice(0, end);
}

// Not inlinable (control flow), so it stays a function whose body shows the effect.
const P =
  'p = function(Matrix[Double] X, Integer mode = 0) return (Matrix[Double] Y) {\n' +
  '  if (mode == 1) { Y = X + 1 } else { Y = X * 2 }\n  print("p")\n}\n';

function printed(text: string, optLevel: 0 | 2 = 2): string[] {
  const out: string[] = [];
  runScript({ text, optLevel, print: (l) => out.push(l) });
  return out;
}

describe('constant propagation into functions', () => {
  it('compiles the body with a literal every call site passes: the dead branch is gone', () => {
    const text = P + 'A = matrix(1, rows=2, cols=2)\nB = p(A, 1)\nC = p(A + 1, 1)\nprint(sum(B) + sum(C))';
    const plan = functionPlan(text, 'p');
    expect(plan).not.toMatch(/\bIF\b/);
    expect(plan).toMatch(/\+ \(/);
    expect(plan).not.toMatch(/\* \(/);
    expect(compile(text).rewritesFired).toContain('ipa-constants');
    expect(printed(text)).toEqual(printed(text, 0));
  });

  it('uses a literal default for call sites that omit the argument', () => {
    const plan = functionPlan(
      P + 'A = matrix(1, rows=2, cols=2)\nprint(sum(p(A)))\nprint(sum(p(A, mode=0)))',
      'p',
    );
    expect(plan).not.toMatch(/\bIF\b/);
    expect(plan).toMatch(/\* \(/);
  });

  it('folds constant expressions at the call site first', () => {
    const plan = functionPlan(P + 'k = 3\nA = matrix(1, rows=2, cols=2)\nprint(sum(p(A, k - 2)))', 'p');
    expect(plan).not.toMatch(/\bIF\b/);
  });

  it('leaves the parameter alone when call sites disagree', () => {
    const plan = functionPlan(
      P + 'A = matrix(1, rows=2, cols=2)\nprint(sum(p(A, 1)))\nprint(sum(p(A, 2)))',
      'p',
    );
    expect(plan).toMatch(/\bIF\b/);
  });

  it('leaves a parameter the body assigns alone', () => {
    const text =
      'q = function(Integer mode) return (Integer r) {\n  mode = mode + 1\n  if (mode == 2) { r = 10 } else { r = 20 }\n  print(r)\n}\nprint(q(1))';
    expect(functionPlan(text, 'q')).toMatch(/\bIF\b/);
    expect(printed(text)).toEqual(['10', '10']);
  });

  it('propagates through a chain of calls (lm -> lmDS -> lmDS_check)', () => {
    const text =
      'X = rand(rows=20, cols=3, seed=1)\ny = rand(rows=20, cols=1, seed=2)\nB = lm(X=X, y=y, icpt=0, verbose=FALSE)\nprint(sum(B))';
    const lmDS = functionPlan(text, 'lmDS');
    expect(lmDS).not.toMatch(/\bIF\b/);
    expect(lmDS).not.toMatch(/cbind/);
    expect(lmDS).toMatch(/\btsmm\b/);
    expect(functionPlan(text, 'lm')).not.toMatch(/lmCG/);
    // With icpt = 1 the intercept column is there, the standardisation branch is not.
    const one = functionPlan(text.replace('icpt=0', 'icpt=1'), 'lmDS');
    expect(one).toMatch(/cbind/);
    expect(one).not.toMatch(/lmDS_scaling/);
    expect(printed(text)).toEqual(printed(text, 0));
  });

  it('is off with the rule disabled and at optlevel 0', () => {
    const text = P + 'A = matrix(1, rows=2, cols=2)\nprint(sum(p(A, 1)))';
    expect(functionPlan(text, 'p', { disableRules: ['ipa-constants'] })).toMatch(/\bIF\b/);
    expect(functionPlan(text, 'p', { optLevel: 0 })).toMatch(/\bIF\b/);
  });

  it('stays off when a function may be called by name', () => {
    const text = P + 'A = matrix(1, rows=2, cols=2)\nprint(sum(p(A, 1)))\nprint(sum(eval("p", A, 2)))';
    expect(functionPlan(text, 'p')).toMatch(/\bIF\b/);
    expect(printed(text)).toEqual(['p', '8.0', 'p', '8.0']);
  });

  it('widens an int literal for a Double parameter as the call boundary does', () => {
    const text =
      'r = function(Double a) return (Double b) {\n  if (a > 0) { b = a / 2 } else { b = a }\n  print(b)\n}\nx = r(3)';
    const plan = functionPlan(text, 'r');
    expect(plan).not.toMatch(/\bIF\b/);
    expect(plan).toMatch(/LiteralOp 1\.5 /);
    expect(printed(text)).toEqual(['1.5']);
  });
});
