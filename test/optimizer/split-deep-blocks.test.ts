import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/language/index.js';
import { buildBlocks } from '../../src/optimizer/blocks.js';
import type { Hop } from '../../src/optimizer/hop.js';
import type { ProgramBlock } from '../../src/optimizer/plan.js';
import { MAX_DAG_DEPTH, splitDeepBlocks } from '../../src/optimizer/split-deep-blocks.js';
import { compile } from './helpers.js';

function blocksOf(src: string) {
  return buildBlocks(compileSource(src, 'test.dml').main);
}

/** Longest input path below the roots of a block's DAG (iterative: the test must not overflow either). */
function dagDepth(roots: readonly Hop[]): number {
  const depth = new Map<Hop, number>();
  const stack: { h: Hop; expanded: boolean }[] = roots.map((h) => ({ h, expanded: false }));
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (depth.has(top.h)) {
      stack.pop();
      continue;
    }
    if (!top.expanded) {
      top.expanded = true;
      for (const i of top.h.inputs) stack.push({ h: i, expanded: false });
      continue;
    }
    stack.pop();
    depth.set(top.h, 1 + Math.max(0, ...top.h.inputs.map((i) => depth.get(i) ?? 0)));
  }
  return Math.max(0, ...roots.map((r) => depth.get(r) ?? 0));
}

function basicBlocks(blocks: readonly ProgramBlock[]): Extract<ProgramBlock, { kind: 'basic' }>[] {
  return blocks.filter((b): b is Extract<ProgramBlock, { kind: 'basic' }> => b.kind === 'basic');
}

describe('basic blocks of bounded DAG depth', () => {
  it('leaves ordinary blocks alone', () => {
    const blocks = blocksOf('a = 1\nb = a + 2\nc = a * b\nprint(c)');
    expect(splitDeepBlocks(blocks)).toEqual(blocks);
  });

  it('cuts a chain of dependent statements where its depth passes the bound', () => {
    const blocks = blocksOf('x = 0\n' + 'x = x + 1\n'.repeat(10) + 'print(x)');
    const parts = splitDeepBlocks(blocks, () => 1, 4);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((b) => b.kind === 'basic')).toBe(true);
    const stmts = parts.flatMap((b) => (b.kind === 'basic' ? b.stmts : []));
    expect(stmts).toEqual(blocks.flatMap((b) => (b.kind === 'basic' ? b.stmts : [])));
  });

  it('independent statements do not add up', () => {
    const blocks = blocksOf(Array.from({ length: 50 }, (_, i) => `v${i} = ${i} + 1`).join('\n'));
    expect(splitDeepBlocks(blocks, () => 1, 4)).toHaveLength(1);
  });

  it('cuts inside loop and branch bodies too', () => {
    const blocks = blocksOf('x = 0\nfor (i in 1:2) {\n' + 'x = x + i\n'.repeat(10) + '}\nprint(x)');
    const loop = splitDeepBlocks(blocks, () => 1, 4).find((b) => b.kind === 'for');
    expect(loop?.kind === 'for' && loop.body.length).toBeGreaterThan(1);
  });

  it(`3,000 statements of x = x + 1 compile to DAGs at most ${MAX_DAG_DEPTH} deep`, () => {
    const c = compile('x = 0\n' + 'x = x + 1\n'.repeat(3000) + 'print(x)');
    const blocks = basicBlocks(c.runtime.main);
    expect(blocks.length).toBeGreaterThan(3000 / MAX_DAG_DEPTH);
    for (const b of blocks) expect(dagDepth(b.hops?.roots ?? [])).toBeLessThanOrEqual(MAX_DAG_DEPTH + 2);
  });

  it('counts the body of an inlined function call', () => {
    const src =
      'f = function(Double a) return (Double b) { b = ((a + 1) * 2 - 3) / 4 }\nx = 0\n' +
      'x = f(x)\n'.repeat(400) +
      'print(x)';
    const c = compile(src);
    for (const b of basicBlocks(c.runtime.main))
      expect(dagDepth(b.hops?.roots ?? [])).toBeLessThanOrEqual(MAX_DAG_DEPTH + 10);
  });

  it('calls nested in one expression stop being inlined before the DAG gets too deep', () => {
    const src =
      'f = function(Double a) return (Double b) { b = ((((a + 1) * 2 - 3) / 4 + 1) * 2 - 3) / 4 }\n' +
      `y = 1.5\nx = ${'f('.repeat(90)}y${')'.repeat(90)}\nprint(x)`;
    const c = compile(src);
    for (const b of basicBlocks(c.runtime.main))
      expect(dagDepth(b.hops?.roots ?? [])).toBeLessThanOrEqual(MAX_DAG_DEPTH + 100);
  });
});
