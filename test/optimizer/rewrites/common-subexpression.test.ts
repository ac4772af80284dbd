import { describe, expect, it } from 'vitest';
import { blockHops, blockInstructions, compile } from '../helpers.js';

describe('common-subexpression elimination', () => {
  it('merges structurally equal subexpressions', () => {
    const c = compile('X = rand(rows=4, cols=4, seed=1)\nfor (i in 1:1) { a = sum(X * 2); b = sum(X * 2) }', {
      disableRules: ['fuse-cellwise'],
    });
    expect(c.rewritesFired).toContain('common-subexpression-elimination');
    const loop = c.runtime.main[1]!;
    if (loop.kind !== 'for') throw new Error('for expected');
    expect(blockInstructions(c, 0, loop.body)).toEqual(['CP * X 2 -> _t2', 'CP sum _t2 -> a', 'CP rmvar _t2', 'CP cpvar a -> b']);
  });

  it('does not merge different argument names, nondeterministic ops or function calls', () => {
    const src = `f = function(Double a) return (Double b) { b = a }
x = f(1)
y = f(1)
A = rand(rows=2, cols=2)
B = rand(rows=2, cols=2)
C = matrix(1, rows=2, cols=3)
D = matrix(1, rows=3, cols=2)`;
    const c = compile(src, { disableRules: ['inline-functions'] });
    const hops = blockHops(c);
    expect(hops.filter((h) => h.kind === 'fcall')).toHaveLength(2);
    expect(hops.filter((h) => h.op === 'rand')).toHaveLength(2);
    expect(hops.filter((h) => h.op === 'matrix')).toHaveLength(2);
  });

  it('is off at optLevel 0', () => {
    const c = compile('X = rand(rows=4, cols=4, seed=1)\nfor (i in 1:1) { a = sum(X * 2); b = sum(X * 2) }', { optLevel: 0 });
    const loop = c.runtime.main[1]!;
    if (loop.kind !== 'for') throw new Error('for expected');
    expect(blockInstructions(c, 0, loop.body).filter((i) => i.startsWith('CP sum'))).toHaveLength(2);
  });
});

describe('rule switches', () => {
  it('a rule can be disabled by name', () => {
    const src = 'x = 1 + 2\nif (FALSE) { print("no") }';
    const c = compile(src, { disableRules: ['constant-folding', 'remove-constant-branches'] });
    expect(c.rewritesFired).toEqual([]);
    expect(c.runtime.main.map((b) => b.kind)).toEqual(['basic', 'if']);
  });

  it('0.0 and -0.0 literals are not merged', () => {
    const c = compile('a = 1 / 0.0\nb = 1 / -0.0\nprint(a + " " + b)', { disableRules: ['constant-folding'] });
    expect(blockInstructions(c).filter((i) => i.startsWith('CP /'))).toEqual(['CP / 1 0.0 -> a', 'CP / 1 -0.0 -> b']);
  });
});
