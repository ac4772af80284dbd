import { describe, expect, it } from 'vitest';
import { needsMoreInput } from '../../../src/cli/repl/continuation.js';

describe('needsMoreInput', () => {
  it('is complete for balanced statements', () => {
    expect(needsMoreInput('x = 1')).toBe(false);
    expect(needsMoreInput('f = function(a) { return (a) }')).toBe(false);
    expect(needsMoreInput('print("(")')).toBe(false);
    expect(needsMoreInput('x = 1 # {')).toBe(false);
    expect(needsMoreInput('x = 1 /* ( */')).toBe(false);
  });
  it('continues while brackets, strings or block comments are open', () => {
    expect(needsMoreInput('for (i in 1:3) {')).toBe(true);
    expect(needsMoreInput('x = matrix(0,\n rows=3')).toBe(true);
    expect(needsMoreInput('/* comment')).toBe(true);
    expect(needsMoreInput('if (a) {\n  b = 1\n} else {')).toBe(true);
  });
  it('leaves a closing bracket too many to the parser', () => {
    expect(needsMoreInput('x = 1)')).toBe(false);
  });
});
