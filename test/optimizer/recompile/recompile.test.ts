import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/api/run.js';
import { compile } from '../helpers.js';
import { defaultConfig } from '../../../src/common/config.js';

function run(text: string, explainRecompile?: 'hops' | 'runtime') {
  const lines: string[] = [];
  const r = runScript({ text, print: (l) => lines.push(l), stats: true, explainRecompile, seed: 7 });
  return { out: lines.join('\n') + '\n', stats: r.stats!, result: r };
}

function csv(rows: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'recompile-'));
  const f = path.join(dir, 'X.csv');
  writeFileSync(f, Array.from({ length: rows }, (_, i) => `${i},1,2`).join('\n') + '\n');
  return f;
}

describe('block splitting after data-dependent ops', () => {
  it('splits after a user-function call whose result later statements read', () => {
    const c = compile('f = function(Double n) return (Matrix[Double] R) { R = matrix(n, rows=2, cols=2) }\nA = f(1)\nB = A %*% A\nprint(sum(B))', { disableRules: ['inline-functions'] });
    const basics = c.runtime.main.filter((b) => b.kind === 'basic');
    expect(basics.length).toBe(2);
    expect(c.marked.has(basics[1]!)).toBe(true);
  });

  it('splits after table() when later statements of the block read its result', () => {
    const c = compile('a = seq(1, 4)\nb = seq(1, 4)\nT = table(a, b)\nprint(sum(T))\nprint(nrow(T))');
    expect(c.runtime.main.filter((b) => b.kind === 'basic').length).toBe(2);
  });

  it('does not split when nothing later reads the result', () => {
    const c = compile('a = seq(1, 4)\nT = table(a, a)\nprint(sum(a))');
    expect(c.runtime.main.filter((b) => b.kind === 'basic').length).toBe(1);
  });

  it('splits inside loop bodies too', () => {
    const c = compile('s = 0\nfor (i in 1:2) { v = seq(1, i)\nR = removeEmpty(target=v, margin="rows")\ns = s + sum(R) }\nprint(s)');
    const loop = c.runtime.main.find((b) => b.kind === 'for');
    if (loop?.kind !== 'for') throw new Error('no loop');
    expect(loop.body.length).toBe(2);
  });
});

describe('marking', () => {
  it('marks blocks that read unknown sizes, not blocks whose sizes are all known', () => {
    const f = csv(4);
    const c = compile(`X = read("${f}", format="csv")\nY = X * 2\nprint(sum(Y))`);
    const basics = c.runtime.main.filter((b) => b.kind === 'basic');
    expect(basics.map((b) => c.marked.has(b))).toEqual([false, true]);
    const k = compile('X = rand(rows=3, cols=3)\nprint(sum(X %*% X))');
    expect(k.marked.size).toBe(0);
  });
});

describe('dynamic recompilation', () => {
  it('a CSV without .mtd, then multiplied: recompiled with the real sizes', () => {
    const f = csv(12);
    const r = run(`X = read("${f}", format="csv")\nW = matrix(1, rows=3, cols=4)\nY = X %*% W\nprint(sum(Y))`, 'hops');
    expect(r.stats.recompilations).toBe(1);
    expect(r.out).toMatch(/TRead X \[12,3,\d+\]/);
    expect(r.out).toMatch(/%\*% \(\d+,\d+\) \[12,4,-1\]/);
    expect(r.out).toContain(`${4 * (66 + 12 * 3)}.0\n`);
  });

  it('rand with a size from a function argument is recompiled per distinct size', () => {
    const r = run(
      'f = function(Integer n) return (Matrix[Double] R) { R = rand(rows=n, cols=2, min=1, max=1) }\n' +
        'a = f(3)\nb = f(3)\nc = f(5)\nprint(sum(a) + sum(b) + sum(c))',
      'hops',
    );
    expect(r.out).toContain('22.0\n');
    expect(r.out).toMatch(/rand .*\[3,2,-1\]/);
    expect(r.out).toMatch(/rand .*\[5,2,-1\]/);
    // f's body for n=3 and n=5, and the print block after the calls (their outputs' sizes).
    expect(r.stats.recompilations).toBe(3);
  });

  it('a loop body is recompiled once when its inputs keep their sizes, again when they change', () => {
    const f = csv(6);
    const same = run(`X = read("${f}", format="csv")\ns = 0\nfor (i in 1:5) { s = s + sum(X * i) }\nprint(s)`);
    expect(same.out).toContain(`${15 * 33}.0\n`);
    expect(same.stats.recompilations).toBe(1);
    const growing = run(`X = read("${f}", format="csv")\nfor (i in 1:4) { X = rbind(X, X[1, ]) }\nprint(nrow(X))`);
    expect(growing.out).toBe('10\n');
    // Four loop iterations, then the print after the loop (X's size is unknown there too).
    expect(growing.stats.recompilations).toBe(5);
  });

  it('dynamicRecompilation false runs the static plan, with the same results', () => {
    const f = csv(5);
    const text = `X = read("${f}", format="csv")\nprint(sum(X %*% t(X)))`;
    const lines: string[] = [];
    const r = runScript({
      text,
      print: (l) => lines.push(l),
      stats: true,
      config: { ...defaultConfig(), dynamicRecompilation: false },
    });
    expect(r.stats!.recompilations).toBe(0);
    expect(lines).toEqual(run(text).out.trimEnd().split('\n'));
  });

  it('prints recompiled instructions with explain recompile_runtime', () => {
    const f = csv(3);
    const r = run(`X = read("${f}", format="csv")\nprint(sum(X + 1))`, 'runtime');
    expect(r.out).toMatch(/^RECOMPILED GENERIC \(lines 2-2\)\n--CP .* X 1 -> _t\d+\n--CP print _t\d+/m);
    expect(r.out).toContain('21.0\n');
  });
});
