import { describe, expect, it } from 'vitest';
import { compile } from '../helpers.js';

describe('constant predicates remove dead branches', () => {
  it('drops if (FALSE) and keeps the else branch, merging the basic blocks around it', () => {
    const c = compile('x = 1\nif (FALSE) { x = 2 } else { x = 3 }\nif (1 > 0) { y = x }\nprint(y)');
    expect(c.rewritesFired).toContain('remove-constant-branches');
    expect(c.runtime.main).toHaveLength(1);
    const b = c.runtime.main[0]!;
    expect(b.kind).toBe('basic');
    if (b.kind !== 'basic') return;
    expect(b.instructions.map((i) => i.opcode)).toEqual(['print', 'cpvar', 'cpvar']);
  });

  it('keeps branches whose predicate is not constant, and all branches at optLevel 0', () => {
    const c = compile('x = 1\nfor (i in 1:2) { x = x + 1 }\nif (x > 2) { print("big") }');
    expect(c.runtime.main.map((b) => b.kind)).toEqual(['basic', 'for', 'if']);
    expect(c.rewritesFired).not.toContain('remove-constant-branches');
    expect(compile('if (FALSE) { print("no") }', { optLevel: 0 }).runtime.main.map((b) => b.kind)).toEqual(['if']);
  });

  it('removes nested dead branches inside loops and functions', () => {
    const c = compile(`f = function(Double a) return (Double b) { b = a; if (TRUE) { b = a + 1 } }
for (i in 1:2) { if (FALSE) { print("no") } else { print(i) } }
z = f(1)`);
    const loop = c.runtime.main[0]!;
    if (loop.kind !== 'for') throw new Error('for expected');
    expect(loop.body.map((b) => b.kind)).toEqual(['basic']);
    expect(c.runtime.functions.get('f')!.body.map((b) => b.kind)).toEqual(['basic']);
  });
});
