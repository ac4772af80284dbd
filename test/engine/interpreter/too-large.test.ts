/**
 * A result that cannot fit is a located DML5013 naming the operation and the sizes, before the
 * allocation is tried where the plan knows the size, never DML5999 (issue 18, items 5 and 7).
 */
import { describe, expect, it } from 'vitest';
import { DmlRunError, Session } from '../../../src/api/index.js';

const GB = 1024 ** 3;

function failure(s: Session, script: string): { code: string; message: string; line: number | undefined } {
  try {
    s.run(script);
  } catch (e) {
    if (e instanceof DmlRunError) {
      const d = e.diagnostics[0]!;
      return { code: d.code, message: d.message, line: d.span?.line };
    }
    throw e;
  }
  throw new Error('the script did not fail');
}

describe('results too large for the memory budget', () => {
  it('a 20000x20000 dense matrix (3 GB) under a 1 GB budget is refused before it is allocated', () => {
    const s = new Session({ memory: GB, print: () => {} });
    const t0 = performance.now();
    const f = failure(s, 'n = 1\nX = matrix(1, rows=20000, cols=20000)\nprint(sum(X))');
    expect(f.code).toBe('DML5013');
    expect(f.message).toMatch(/20000x20000 result needs 3\.0 GB, more than the memory budget of 1\.0 GB/);
    expect(f.line).toBe(2);
    expect(performance.now() - t0).toBeLessThan(2000); // nothing was allocated or filled
  });

  it('a dense rand() larger than the budget is refused before generating it', () => {
    const s = new Session({ memory: 256 * 1024 * 1024, print: () => {} });
    const t0 = performance.now();
    const f = failure(s, 'noise = rand(rows=1000, cols=100000, pdf="normal", seed=7)\nprint(sum(noise))');
    expect(f.code).toBe('DML5013');
    expect(f.message).toMatch(
      /rand: the 1000x100000 result needs 762\.9 MB, more than the memory budget of 256\.0 MB/,
    );
    expect(performance.now() - t0).toBeLessThan(2000);
    // A sparse rand of the same shape fits.
    const r = s.run('S = rand(rows=1000, cols=100000, sparsity=0.001, seed=7)\nn = sum(S != 0)', {
      outputs: ['n'],
    });
    expect(r.scalar('n')).toBeGreaterThan(0);
  });

  it('table() whose size comes from the data is refused before it is built (1e9 x 1e9 from two cells)', () => {
    const s = new Session({ memory: GB, print: () => {} });
    const t0 = performance.now();
    const f = failure(s, 't = table(matrix(1e9, 1, 1), matrix(1e9, 1, 1))\nprint(sum(t))');
    expect(f.code).toBe('DML5013');
    expect(f.message).toMatch(
      /table: the 1000000000x1000000000 result needs 3\.7 GB, more than the memory budget of 1\.0 GB/,
    );
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(s.run('t = table(seq(1, 5), seq(1, 5))\nn = sum(t)', { outputs: ['n'] }).scalar('n')).toBe(5);
  });

  it('x %*% t(x) with 1e5 rows is DML5013 at its line, not an internal error', () => {
    const s = new Session({ print: () => {} });
    const f = failure(s, 'x = rand(rows=100000, cols=2, seed=1)\ny = x %*% t(x)\nprint(sum(y))');
    expect(f.code).toBe('DML5013');
    expect(f.line).toBe(2);
  });

  it('results within the budget still run', () => {
    const s = new Session({ memory: GB, print: () => {} });
    expect(s.run('X = matrix(1, rows=2000, cols=2000)\ny = sum(X)', { outputs: ['y'] }).scalar('y')).toBe(
      4e6,
    );
  });
});
