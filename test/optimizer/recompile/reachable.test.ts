import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/api/run.js';
import { compile } from '../helpers.js';

const FNS = `f = function(Double x) return (Double y) { y = g(x) + 1 }
g = function(Double x) return (Double y) { y = x * 2 }
unused = function(Double x) return (Double y) { y = x }
`;

describe('unused functions', () => {
  it('drops functions never called, keeps those called indirectly', () => {
    const c = compile(FNS + 'print(f(3))', { disableRules: ['inline-functions'] });
    expect([...c.runtime.functions.keys()].sort()).toEqual(['f', 'g']);
  });

  it('keeps every function when one may be called by name (eval)', () => {
    const c = compile(FNS + 'print(eval("unused", 3))');
    expect([...c.runtime.functions.keys()].sort()).toEqual(['f', 'g', 'unused']);
    const lines: string[] = [];
    runScript({ text: FNS + 'print(eval("unused", 3))', print: (l) => lines.push(l) });
    expect(lines).toEqual(['3.0']);
  });

  it('keepUnusedFunctions keeps them for embeddings', () => {
    const c = compile(FNS + 'print(1)', { keepUnusedFunctions: true });
    expect(c.runtime.functions.size).toBe(3);
  });
});
