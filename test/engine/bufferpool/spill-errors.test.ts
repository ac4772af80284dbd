/**
 * A scratch directory that cannot take spill files is a clear DML6007 naming it, not DML5999
 * (issue 18, item 7); a run that never spills does not care.
 */
import { describe, expect, it } from 'vitest';
import { DmlRunError, Session } from '../../../src/api/index.js';

const SPILLS = `A = rand(rows=500, cols=500, seed=1)
B = rand(rows=500, cols=500, seed=2)
C = rand(rows=500, cols=500, seed=3)
D = A + B + C
x = 1
print(sum(A) + sum(B) + sum(C) + sum(D))`;

describe('spill errors', () => {
  it.each(['/nonexistent/tessera-scratch', '/proc'])('scratch directory %s: DML6007 naming it', (dir) => {
    const s = new Session({ memory: 3 * 1024 * 1024, scratchDir: dir, print: () => {} });
    let diag: { code: string; message: string } | undefined;
    try {
      s.run(SPILLS);
    } catch (e) {
      if (!(e instanceof DmlRunError)) throw e;
      diag = e.diagnostics[0];
    }
    expect(diag?.code).toBe('DML6007');
    expect(diag?.message).toContain(`scratch directory '${dir}'`);
  });

  it('a run that does not spill never touches the scratch directory', () => {
    const s = new Session({ scratchDir: '/nonexistent/tessera-scratch', print: () => {} });
    expect(s.run('x = sum(rand(rows=10, cols=10, seed=1)) > 0', { outputs: ['x'] }).scalar('x')).toBe(true);
  });
});
