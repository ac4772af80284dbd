/**
 * A deadline and a cancel stop any script within a bounded time and leave the Session usable
 * (issue 18, item 4): loops whose body compiles to nothing, and parfor loops running on workers.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { DmlRunError, Session } from '../../src/api/index.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlRunError) return e.diagnostics[0]!.code;
    throw e;
  }
  return 'no error';
}

/** Sets flag[0] = 1 from another thread after `ms` (the run blocks this thread's event loop). */
function raiseLater(flag: Int32Array, ms: number): Worker {
  return new Worker(
    `const { workerData } = require('node:worker_threads');
     setTimeout(() => { Atomics.store(workerData, 0, 1); Atomics.notify(workerData, 0); }, ${ms});`,
    { eval: true, workerData: flag },
  );
}

const stillWorks = (s: Session): void => {
  expect(s.run('x = sum(seq(1, 10))', { outputs: ['x'] }).scalar('x')).toBe(55);
};

describe('deadlines and cancellation stop any script', () => {
  it.each([
    ['while (TRUE) { }', 'while (TRUE) { }'],
    ['a for loop with an empty body', 'for (i in 1:1000000000) { }'],
    ['nested empty loops', 'while (TRUE) { for (i in 1:10) { } }'],
    ['an empty loop inside a function', 'f = function() return (Double y) { while (TRUE) { } y = 1 }\nz = f()'],
  ])('timeoutMs stops %s', (_what, script) => {
    const s = new Session({ print: () => {} });
    const t0 = performance.now();
    expect(codeOf(() => s.run(script, { timeoutMs: 200 }))).toBe('DML8004');
    expect(performance.now() - t0).toBeLessThan(5000);
    stillWorks(s);
  });

  it('compilation counts toward the deadline: a run whose compile took longer stops before running', () => {
    const s = new Session({ print: () => {} });
    let message = '';
    try {
      s.run('x = 1\nprint(x)', { timeoutMs: 0 });
    } catch (e) {
      if (!(e instanceof DmlRunError)) throw e;
      expect(e.diagnostics[0]!.code).toBe('DML8004');
      message = e.diagnostics[0]!.message;
    }
    expect(message).toContain('compiling it already did');
    stillWorks(s);
  });

  it('the cancel flag stops while (TRUE) { } (as the REPL Ctrl-C does)', async () => {
    const s = new Session({ print: () => {} });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const w = raiseLater(flag, 150);
    await new Promise((r) => w.once('online', r));
    expect(codeOf(() => s.run('while (TRUE) { }', { cancelFlag: flag }))).toBe('DML8003');
    await w.terminate();
    stillWorks(s);
  });

  it('timeoutMs stops a parfor whose iterations run on worker threads, and the Session stays usable', () => {
    const s = new Session({ print: () => {}, threads: 2 });
    const t0 = performance.now();
    const script = `R = matrix(0, rows=4, cols=1)
parfor (i in 1:4, par=2) {
  k = 0
  while (k >= 0) { k = k + 1 }
  R[i, 1] = k
}
print(sum(R))`;
    expect(codeOf(() => s.run(script, { timeoutMs: 500 }))).toBe('DML8004');
    expect(performance.now() - t0).toBeLessThan(3000);
    stillWorks(s);
    const r = s.run('R = matrix(0, rows=4, cols=1)\nparfor (i in 1:4, par=2) { R[i, 1] = i }\ny = sum(R)', {
      outputs: ['y'],
    });
    expect(r.scalar('y')).toBe(10);
  });
});

describe('application callbacks', () => {
  it('an onProgress callback that throws stops the run with DML8007 naming it, and the Session stays usable', () => {
    const s = new Session({ print: () => {} });
    let message = '';
    try {
      s.run('x = 1\ny = x + 1\nprint(y)', {
        onProgress: () => {
          throw new Error('the UI went away');
        },
      });
    } catch (e) {
      if (!(e instanceof DmlRunError)) throw e;
      expect(e.diagnostics[0]!.code).toBe('DML8007');
      message = e.diagnostics[0]!.message;
    }
    expect(message).toContain('the onProgress callback threw: the UI went away');
    stillWorks(s);
  });
});
