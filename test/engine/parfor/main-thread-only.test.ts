/** Bodies with file I/O or eval stay on the main thread (path confinement, bound inputs). */
import { describe, expect, it } from 'vitest';
import { compileScript } from '../../../src/api/run.js';
import { needsMainThread } from '../../../src/engine/parfor/main-thread-only.js';

function loopOf(text: string): boolean {
  const { compiled } = compileScript({ text, file: 'm.dml' });
  const loop = compiled.runtime.main.find((b) => b.kind === 'for');
  if (!loop) throw new Error('no loop');
  return needsMainThread(loop, compiled.runtime);
}

describe('parfor bodies that need the main thread', () => {
  it('flags write and read, also inside called functions and nested blocks', () => {
    expect(loopOf('parfor (i in 1:4) { if (i > 2) { write(matrix(i, rows=1, cols=1), "out" + i) } }')).toBe(true);
    expect(
      loopOf(`f = function(string p) return (double s) { s = sum(read(p)) }
R = matrix(0, rows=4, cols=1)
parfor (i in 1:4) R[i, 1] = f("x" + i)
print(sum(R))`),
    ).toBe(true);
  });

  it('leaves pure computation to the workers', () => {
    expect(loopOf('R = matrix(0, rows=4, cols=1)\nparfor (i in 1:4) R[i, 1] = i * 2\nprint(sum(R))')).toBe(false);
  });
});
