import { describe, expect, it } from 'vitest';
import { basic, buildBlocks } from '../../src/optimizer/blocks.js';
import { analyzeLiveness, type LiveSets } from '../../src/optimizer/liveness.js';
import { compileSource } from '../../src/language/index.js';
import { blockInstructions, compile } from './helpers.js';

function blocksOf(src: string) {
  return buildBlocks(compileSource(src, 'test.dml').main);
}

describe('live-variable analysis', () => {
  it('computes liveIn and liveOut of straight-line blocks and branches', () => {
    const blocks = blocksOf('a = 1\nb = a + 1\nif (b > 0) { c = b } else { c = 2 }\nprint(c)');
    const sets: LiveSets = new Map();
    const liveIn = analyzeLiveness(blocks, new Set(), sets);
    expect([...liveIn]).toEqual([]);
    expect([...sets.get(blocks[0]!)!].sort()).toEqual(['b']);
    expect([...sets.get(blocks[1]!)!].sort()).toEqual(['c']);
  });

  it('keeps loop-carried variables live around the loop', () => {
    const blocks = blocksOf('s = 0\nk = 7\nfor (i in 1:3) { print(s); s = s + i; k = 1 }');
    const sets: LiveSets = new Map();
    analyzeLiveness(blocks, new Set(), sets);
    // s is read in the next iteration; k is never read.
    expect([...sets.get(blocks[0]!)!].sort()).toEqual(['s']);
    const loop = blocks[1]!;
    if (loop.kind !== 'for') throw new Error('for expected');
    expect([...sets.get(loop.body[0]!)!].sort()).toEqual(['s']);
  });

  it('while loops iterate to a fixpoint (a variable read in the predicate)', () => {
    const blocks = blocksOf('i = 0\nwhile (i < 3) { j = i\ni = j + 1 }');
    const sets: LiveSets = new Map();
    analyzeLiveness(blocks, new Set(), sets);
    expect([...sets.get(blocks[0]!)!]).toEqual(['i']);
  });

  it('an empty basic block has liveOut = liveIn', () => {
    const b = basic([], false);
    const sets: LiveSets = new Map();
    expect([...analyzeLiveness([b], new Set(['x']), sets)]).toEqual(['x']);
  });
});

describe('dead transient writes are dropped', () => {
  it('drops an assignment nobody reads afterwards', () => {
    const c = compile('x = 1\ny = 2\nfor (i in 1:2) { print(y) }', { liveOut: [] });
    expect(blockInstructions(c)).toEqual(['CP cpvar 2 -> y']);
  });

  it('keeps loop-carried variables and live-outs', () => {
    const c = compile('s = 0\nfor (i in 1:3) { s = s + i; tmp = s * 2 }\nprint(s)', { liveOut: [] });
    const loop = c.runtime.main[1]!;
    if (loop.kind !== 'for') throw new Error('for expected');
    expect(blockInstructions(c, 0, loop.body)).toEqual(['CP + s i -> s']);
    expect(loop.resultVars).toEqual(['s']);
  });

  it('by default keeps the main program\'s variables at its end', () => {
    const c = compile('x = 1\ny = x + 1');
    expect(blockInstructions(c)).toEqual(['CP cpvar 1 -> x', 'CP cpvar 2 -> y']);
  });

  it('never drops side effects or function calls of dead assignments', () => {
    const src = `f = function(Double a) return (Double b) { b = a; print("called") }
x = f(1)
print("done")`;
    const c = compile(src, { liveOut: [] });
    expect(blockInstructions(c)).toEqual(['CP fcall f 1 -> _t1', 'CP rmvar _t1', 'CP print "done"']);
  });

  it('function outputs are live at the end of the body', () => {
    const c = compile('f = function(Double a) return (Double b) { t = a * 2; b = t + 1 }\nx = f(1)', { disableRules: ['inline-functions', 'ipa-constants'] });
    const f = c.runtime.functions.get('f')!;
    expect(blockInstructions(c, 0, f.body)).toEqual(['CP * a 2 -> _t1', 'CP + _t1 1 -> b', 'CP rmvar _t1']);
  });
});
