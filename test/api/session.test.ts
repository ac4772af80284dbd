import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Float64, makeVector, Table, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { asFrame, DmlRunError, FrameBlock, intScalar, Session } from '../../src/api/index.js';
import { tempDir } from '../engine/io/helpers.js';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DmlRunError) return e.diagnostics[0]!.code;
    throw e;
  }
  return 'no error';
}

describe('Session.run', () => {
  const s = new Session();
  it('binds number[][] and Float64Array inputs and returns declared outputs', () => {
    const r = s.run('Z = X %*% Y + k', {
      inputs: {
        X: [
          [1, 2],
          [3, 4],
        ],
        Y: { data: new Float64Array([1, 0, 0, 1]), rows: 2, cols: 2 },
        k: 10,
      },
      outputs: ['Z'],
    });
    expect(r.names()).toEqual(['Z']);
    expect(r.toArray('Z')).toEqual([
      [11, 12],
      [13, 14],
    ]);
    const m = r.matrix('Z');
    expect([m.rows, m.cols]).toEqual([2, 2]);
    expect(Array.from(m.data)).toEqual([11, 12, 13, 14]);
  });
  it('takes an Arrow table as a matrix (nulls as NaN) and returns Arrow tables', () => {
    const t = new Table({
      a: makeVector(new Float64Array([1, 2, 3])),
      b: vectorFromArray([4, null, 6], new Float64()),
    });
    const r = s.run('S = colSums(replace(target=X, pattern=0/0, replacement=0))\nn = sum(is.nan(X))', {
      inputs: { X: t },
      outputs: ['S', 'n'],
    });
    expect(r.scalar('n')).toBe(1);
    const out = r.toArrow('S', ['a', 'b']);
    expect(out.schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
    expect(out.getChild('b')!.get(0)).toBe(10);
    expect(r.toArrow('S').schema.fields.map((f) => f.name)).toEqual(['C1', 'C2']);
  });
  it('frames in and out keep their schema', () => {
    const t = new Table({ name: vectorFromArray(['x', 'y']), v: vectorFromArray([1.5, 2.5], new Float64()) });
    const r = s.run('G = F\nn = nrow(F)', { inputs: { F: t }, outputs: ['G', 'n'] });
    const g = r.frame('G');
    expect(g.schema).toEqual(['string', 'double']);
    expect(g.columnNames).toEqual(['name', 'v']);
    expect(r.toArray('G')).toEqual([
      ['x', 1.5],
      ['y', 2.5],
    ]);
    expect(r.toArrow('G').getChild('name')!.get(1)).toBe('y');
    // asFrame forces a frame even for numeric columns
    const r2 = s.run('n = ncol(F)', {
      inputs: { F: asFrame(new Table({ v: vectorFromArray([1, 2], new Float64()) })) },
    });
    expect(r2.scalar('n')).toBe(1);
  });
  it('scalars of every type, $args, and all variables without declared outputs', () => {
    const r = s.run('a = i + 1\nb = !flag\nc = name + "!"\nd = $p * 2', {
      inputs: { i: intScalar(41), flag: true, name: 'hi' },
      args: { p: 3 },
    });
    expect(r.scalar('a')).toBe(42);
    expect(r.scalar('b')).toBe(false);
    expect(r.scalar('c')).toBe('hi!');
    expect(r.number('d')).toBe(6);
    expect(r.has('i')).toBe(true);
  });
  it('read() of an input takes the bound value and write() of an output is skipped (JMLC)', () => {
    const dir = tempDir();
    const s2 = new Session({ cwd: dir });
    const r = s2.run(
      'X = read($X)\nB = X * 2\nwrite(B, $B, format="csv")\nwrite(X, "copy.csv", format="csv")',
      {
        inputs: { X: [[1, 2]] },
        outputs: ['B'],
      },
    );
    expect(r.toArray('B')).toEqual([[2, 4]]);
    expect(existsSync(join(dir, 'copy.csv'))).toBe(true);
  });
  it('collects printed lines', () => {
    const seen: string[] = [];
    const r = s.run('print("a")\nprint(1+1)', { print: (l) => seen.push(l) });
    expect(r.output).toEqual(['a', '2']);
    expect(seen).toEqual(['a', '2']);
  });
  it('same seed, same random numbers', () => {
    const s3 = new Session({ seed: 7 });
    const a = s3.run('R = rand(rows=2, cols=2)', { outputs: ['R'] }).toArray('R');
    const b = s3.run('R = rand(rows=2, cols=2)', { outputs: ['R'] }).toArray('R');
    expect(a).toEqual(b);
  });
  it('runs a script file', () => {
    const dir = tempDir();
    const s4 = new Session({ cwd: dir });
    writeFileSync(join(dir, 'sq.dml'), 'Y = X^2\n');
    expect(s4.run({ file: 'sq.dml' }, { inputs: { X: [[3]] }, outputs: ['Y'] }).scalar('Y')).toBe(9);
  });
});

describe('errors', () => {
  const s = new Session();
  it('compile errors carry diagnostics with spans', () => {
    try {
      s.run('x = 1\ny = zz + 1');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DmlRunError);
      const d = (e as DmlRunError).diagnostics[0]!;
      expect(d.code).toBe('DML2001');
      expect(d.span).toMatchObject({ line: 2, col: 5 });
      expect((e as DmlRunError).message).toContain("undefined variable 'zz'");
    }
  });
  it('runtime errors carry the failing expression span', () => {
    try {
      s.run('x = 1\nif (x > 0) { stop("boom") }', { inputs: {} });
      expect.unreachable();
    } catch (e) {
      const d = (e as DmlRunError).diagnostics[0]!;
      expect(d.code).toBe('DML5000');
      expect(d.message).toBe('boom');
      expect(d.span?.line).toBe(2);
    }
  });
  it('API misuse: unknown output, wrong result kind, bad input', () => {
    expect(codeOf(() => s.run('x = 1', { outputs: ['y'] }))).toBe('DML8002');
    expect(codeOf(() => s.run('x = 1', { inputs: { X: [[1, 2], [3]] } }))).toBe('DML8001');
    expect(codeOf(() => s.run('x = 1', { inputs: { 'my-var': 1 } }))).toBe('DML8001');
    expect(() => s.run('x = matrix(1, rows=1, cols=2)', { outputs: ['x'] }).toArrow('x', ['a', 'a'])).toThrow(
      /distinct/,
    );
    const r = s.run('x = 1', { outputs: ['x'] });
    expect(() => r.matrix('x')).toThrow(/not a matrix/);
    expect(() => r.value('nope')).toThrow(/no result named/);
  });
});

describe('prepared scripts', () => {
  const s = new Session();
  const score = 'X = read($X)\nw = read($w)\ny = X %*% w\nwrite(y, $y)';
  it('compiles once and executes with new inputs; missing inputs fail', () => {
    const p = s.prepare(score, { inputs: ['X', 'w'], outputs: ['y'] });
    const w = { data: Float64Array.from({ length: 10 }, (_, i) => i + 1), rows: 10, cols: 1 };
    for (let k = 0; k < 5; k++) {
      const X = { data: new Float64Array(10).fill(k), rows: 1, cols: 10 };
      expect(p.execute({ X, w }).scalar('y')).toBe(55 * k);
    }
    expect(codeOf(() => p.execute({ X: [[1]] }))).toBe('DML8006');
    expect(codeOf(() => p.execute({ X: [[1]], w: [[1]], extra: 1 }))).toBe('DML8001');
    expect(p.explain('runtime')).toContain('CP %*% X w -> y');
  });
  it('executions share no state (interleaved results stay separate)', async () => {
    const p = s.prepare('Y = X + 1\nfor (i in 1:10) { Y = Y + 0 }', { inputs: ['X'], outputs: ['Y'] });
    const rs = await Promise.all(
      Array.from({ length: 8 }, (_, k) => Promise.resolve().then(() => p.execute({ X: [[k]] }))),
    );
    expect(rs.map((r) => r.scalar('Y'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('an execution started inside another one (re-entrant) leaves both correct', () => {
    const p = s.prepare('s = 0\nfor (i in 1:3) {\n  s = s + sum(X)\n}', { inputs: ['X'], outputs: ['s'] });
    const inner: number[] = [];
    const outer = p.execute(
      { X: [[1, 2]] },
      {
        onProgress: (e) => {
          if (e.kind === 'iteration') inner.push(p.execute({ X: [[10 * e.iteration!]] }).number('s'));
        },
      },
    );
    expect(outer.number('s')).toBe(9);
    expect(inner).toEqual([30, 60, 90]);
  });
  it('an input of another kind compiles a second variant', () => {
    const p = s.prepare('n = nrow(X)', { inputs: ['X'], outputs: ['n'] });
    expect(p.execute({ X: [[1], [2]] }).scalar('n')).toBe(2);
    const f = new FrameBlock(['string'], ['a'], [['p', 'q', 'r']]);
    expect(p.execute({ X: f }).scalar('n')).toBe(3);
  });
  it('per-call overhead of a 1x10 scoring script', () => {
    const p = s.prepare('y = X %*% w', { inputs: ['X', 'w'], outputs: ['y'] });
    const w = { data: Float64Array.from({ length: 10 }, (_, i) => i), rows: 10, cols: 1 };
    const X = { data: new Float64Array(10).fill(1), rows: 1, cols: 10 };
    for (let i = 0; i < 200; i++) p.execute({ X, w });
    const n = 1000;
    const t0 = performance.now();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += p.execute({ X, w }).number('y');
    const perCall = (performance.now() - t0) / n;
    expect(sum).toBe(45 * n);
    console.log(`prepared 1x10 scoring: ${(perCall * 1000).toFixed(1)} us per execute (${n} calls)`);
    expect(perCall).toBeLessThan(5); // generous: the machine is shared; typical is far below 1 ms
  });
});

describe('cancellation, progress, explain, stats', () => {
  const s = new Session();
  it('an aborted signal cancels before and during a run', () => {
    const ac = new AbortController();
    ac.abort();
    expect(codeOf(() => s.run('x = 1', { signal: ac.signal }))).toBe('DML8003');
    const ac2 = new AbortController();
    let events = 0;
    const code = codeOf(() =>
      s.run('i = 0\nwhile (TRUE) {\n  i = i + 1\n  x = sqrt(i)\n}', {
        signal: ac2.signal,
        onProgress: () => {
          if (++events === 50) ac2.abort();
        },
      }),
    );
    expect(code).toBe('DML8003');
  });
  it('another thread cancels a running script through a shared cancelFlag', () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    // The worker sleeps 100 ms, then raises the flag while this thread is busy in the script.
    const w = new Worker(
      `const { workerData } = require('node:worker_threads');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
       Atomics.store(workerData, 0, 1);`,
      { eval: true, workerData: flag },
    );
    const t0 = performance.now();
    const code = codeOf(() =>
      s.run('i = 0\nwhile (TRUE) { i = i + 1 }', { cancelFlag: flag, timeoutMs: 20000 }),
    );
    expect(code).toBe('DML8003');
    expect(performance.now() - t0).toBeLessThan(15000);
    void w.terminate();
  });
  it('timeoutMs stops an endless loop', () => {
    expect(codeOf(() => s.run('i = 0\nwhile (TRUE) { i = i + 1 }', { timeoutMs: 50 }))).toBe('DML8004');
  });
  it('progress events name the statement lines', () => {
    const lines: number[] = [];
    s.run('a = 1 + 1\nfor (i in 1:3) {\n  b = sqrt(i)\n  c = b * 2\n}\nprint(c)', {
      onProgress: (e) => lines.push(e.span.line),
      print: () => {},
    });
    expect(lines.filter((l) => l === 3).length).toBe(3);
    expect(lines.at(-1)).toBe(6);
  });
  it('progress events report loop iterations', () => {
    const its: [string, number, number][] = [];
    s.run('s = 0\nfor (i in 1:4) {\n  s = s + i\n}\nj = 0\nwhile (j < 2) {\n  j = j + 1\n}', {
      onProgress: (e) => {
        if (e.kind === 'iteration') its.push([e.opcode, e.iteration!, e.span.line]);
      },
    });
    expect(its).toEqual([
      ['for', 1, 2],
      ['for', 2, 2],
      ['for', 3, 2],
      ['for', 4, 2],
      ['while', 1, 6],
      ['while', 2, 6],
    ]);
  });
  it('explain and stats are available programmatically', () => {
    const hops = s.explain('X = rand(rows=3, cols=3)\ny = sum(X %*% X)\nprint(y)', 'hops');
    expect(hops).toContain('%*% (2,2) [3,3,-1]');
    const r = s.run('X = rand(rows=3, cols=3)\ny = sum(X %*% X)', { stats: true, outputs: ['y'] });
    expect(r.stats!.instructions).toBeGreaterThan(0);
    expect([...r.stats!.ops.keys()]).toContain('%*%');
  });
});

describe('README example', () => {
  it('runs as written', () => {
    const session = new Session({ threads: 4 });
    const data = tableFromArrays({ x1: Float64Array.from([1, 2, 3, 4]), y: Float64Array.from([2, 4, 6, 8]) });
    const r = session.run('B = solve(t(X) %*% X, t(X) %*% y)', {
      inputs: { X: data.select(['x1']), y: data.select(['y']) },
      outputs: ['B'],
    });
    expect(r.toArrow('B').getChild('C1')!.get(0)).toBeCloseTo(2, 12);
    const scorer = session.prepare('X = read($X)\np = 1 / (1 + exp(-(X %*% w)))\nwrite(p, $p)', {
      inputs: ['X', 'w'],
      outputs: ['p'],
    });
    const p = scorer.execute({ X: [[1, 2, 3]], w: [[0.1], [0.2], [0.3]] }).number('p');
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-1.4)), 12);
  });
});

describe('Session memory budget and scratch directory', () => {
  it('spills live matrices beyond the budget to scratchDir and still returns correct results', async () => {
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { Session } = await import('../../src/api/index.js');
    const scratch = mkdtempSync(join(tmpdir(), 'session-scratch-'));
    const script = `A = rand(rows=400, cols=500, seed=1); B = A + 1; C = B * 2; D = C - A
s = sum(A) + sum(B) + sum(C) + sum(D)`;
    const small = new Session({ memory: 2_000_000, scratchDir: scratch }).run(script, { outputs: ['s'], stats: true });
    const big = new Session().run(script, { outputs: ['s'] });
    expect(small.number('s')).toBe(big.number('s'));
    expect(small.stats?.engine?.bufferPool.evictions ?? 0).toBeGreaterThan(0);
    expect(readdirSync(scratch)).toEqual([]);
  });
});
