import { describe, expect, it } from 'vitest';
import { basic, buildBlocks, type StatementBlock } from '../../src/optimizer/blocks.js';
import { analyzeLiveness, exprReads, stmtEffects, type LiveSets } from '../../src/optimizer/liveness.js';
import { compileSource } from '../../src/language/index.js';
import { parseProgram } from '../../src/language/parse.js';
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

  it("by default keeps the main program's variables at its end", () => {
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
    const c = compile('f = function(Double a) return (Double b) { t = a * 2; b = t + 1 }\nx = f(1)', {
      disableRules: ['inline-functions', 'ipa-constants'],
    });
    const f = c.runtime.functions.get('f')!;
    expect(blockInstructions(c, 0, f.body)).toEqual(['CP * a 2 -> _t1', 'CP + _t1 1 -> b', 'CP rmvar _t1']);
  });
});

/** The textbook algorithm (each loop iterated to its fixpoint), as a reference for the summaries. */
function naiveLiveness(
  blocks: readonly StatementBlock[],
  out: ReadonlySet<string>,
  sets: LiveSets,
): Set<string> {
  let live = new Set(out);
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    sets.set(b, live);
    switch (b.kind) {
      case 'basic': {
        const next = new Set(live);
        for (let k = b.stmts.length - 1; k >= 0; k--) {
          const { reads, writes } = stmtEffects(b.stmts[k]!);
          for (const w of writes) next.delete(w);
          for (const r of reads) next.add(r);
        }
        live = next;
        break;
      }
      case 'if': {
        const next = new Set([...naiveLiveness(b.then, live, sets), ...naiveLiveness(b.else, live, sets)]);
        exprReads(b.condition, next);
        live = next;
        break;
      }
      case 'for': {
        const v = b.stmt.variable.name;
        let bodyOut = new Set(live);
        for (;;) {
          const bodyIn = naiveLiveness(b.body, bodyOut, sets);
          bodyIn.delete(v);
          const next = new Set([...live, ...bodyIn]);
          if (next.size === bodyOut.size) break;
          bodyOut = next;
        }
        const next = new Set(bodyOut);
        next.delete(v);
        exprReads(b.stmt.iterable.from, next);
        exprReads(b.stmt.iterable.to, next);
        live = next;
        break;
      }
      case 'while': {
        let head = new Set(live);
        exprReads(b.condition, head);
        for (;;) {
          const next = new Set([...head, ...naiveLiveness(b.body, head, sets)]);
          if (next.size === head.size) break;
          head = next;
        }
        live = head;
        break;
      }
    }
  }
  return live;
}

describe('live-variable analysis: loops in one pass', () => {
  const programs = [
    'a = 1\nb = 2\nfor (i in 1:3) { c = a\nfor (j in 1:i) { d = c + b\nc = d } }\nprint(c)',
    'x = 0\ny = 1\nwhile (x < 3) { if (y > 0) { z = x } else { w = y }\nx = x + 1\nfor (k in 1:2) { y = z } }\nprint(y)',
    'p = 1\nq = 2\nr = 3\nfor (i in 1:2) { while (p < 2) { for (j in 1:2) { p = q\nq = r\nr = p + i } } }\nprint(p)',
    'm = 1\nfor (i in 1:2) { if (m > 0) { n = m } \nfor (j in 1:2) { for (k in 1:2) { m = n + k } } }\nprint(m + n)',
  ];
  it.each(programs)('records the same liveOut sets as iterating each loop to its fixpoint: %#', (src) => {
    const blocks = blocksOf(src);
    const fast: LiveSets = new Map();
    const slow: LiveSets = new Map();
    const inFast = analyzeLiveness(blocks, new Set(['x']), fast);
    const inSlow = naiveLiveness(blocks, new Set(['x']), slow);
    expect([...inFast].sort()).toEqual([...inSlow].sort());
    expect(fast.size).toBe(slow.size);
    for (const [b, s] of slow) expect([...fast.get(b)!].sort()).toEqual([...s].sort());
  });

  it('60 nested loops take one walk each (iterating them was 2^60 walks)', () => {
    let src = 's = 0\n';
    for (let k = 0; k < 60; k++) src += k % 2 === 0 ? `for (i${k} in 1:2) {\n` : `while (s < ${k}) {\n`;
    src += 's = s + 1\n' + '}\n'.repeat(60) + 'print(s)';
    // buildBlocks only: analysis of deeply nested loops is timed in test/reliability
    const blocks = buildBlocks(parseProgram(src, 'deep.dml').program.body);
    const t0 = performance.now();
    const sets: LiveSets = new Map();
    analyzeLiveness(blocks, new Set(), sets);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(sets.size).toBe(63); // s = 0, 60 loops, the innermost body, print
  });
});
