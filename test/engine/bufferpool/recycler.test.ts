import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/common/config.js';
import { markEscaped, noteAllocated } from '../../../src/engine/data/buffer-owners.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { BufferRecycler, MIN_RECYCLED_BYTES } from '../../../src/engine/bufferpool/recycler.js';
import { sharedF64 } from '../../../src/engine/kernels/parallel/shared-memory.js';
import { shutdownPool } from '../../../src/engine/threads/pool.js';
import { runDml } from '../../helpers/run.js';

afterAll(async () => {
  await shutdownPool();
});

const CELLS = MIN_RECYCLED_BYTES / 8 + 1024;
/** A block over a buffer that the run of recycler `r` allocated (as its kernels' results are). */
function big(r: BufferRecycler): MatrixBlock {
  const d = sharedF64(CELLS);
  noteAllocated(d.buffer, r);
  return MatrixBlock.dense(1, CELLS, d);
}

describe('BufferRecycler', () => {
  it('reuses the buffer of a block whose last slot was dropped', () => {
    const r = new BufferRecycler(2 ** 30);
    const b = big(r);
    r.stored(b);
    r.dropped(b);
    const buf = r.take(CELLS * 8, true);
    expect(buf).toBe(b.peekDense()!.buffer);
    expect(r.take(CELLS * 8, true)).toBeUndefined();
    expect(r.stats.reused).toBe(1);
  });

  it('keeps a block that another slot still holds (X = X, B = A)', () => {
    const r = new BufferRecycler(2 ** 30);
    const b = big(r);
    r.stored(b);
    r.stored(b);
    r.dropped(b);
    expect(r.take(CELLS * 8, true)).toBeUndefined();
    r.dropped(b);
    expect(r.take(CELLS * 8, true)).toBeDefined();
  });

  it('never reuses a buffer seen by two blocks, marked escaped, not engine-allocated, allocated by another run, or untracked', () => {
    const r = new BufferRecycler(2 ** 30);
    const shared = big(r);
    MatrixBlock.dense(CELLS, 1, shared.peekDense()!); // a view (reshape) over the same buffer
    const escaped = big(r);
    markEscaped(escaped.peekDense());
    const foreign = MatrixBlock.dense(1, CELLS, new Float64Array(new SharedArrayBuffer(CELLS * 8)));
    // A result of another run (say, returned to the application and passed in again).
    const otherRun = big(new BufferRecycler(2 ** 30));
    const untracked = big(r);
    for (const b of [shared, escaped, foreign, otherRun]) {
      r.stored(b);
      r.dropped(b);
    }
    r.dropped(untracked);
    expect(r.take(CELLS * 8, true)).toBeUndefined();
  });

  it('bounds what it keeps and forgets everything when closed', () => {
    const r = new BufferRecycler(CELLS * 8 * 2);
    for (let k = 0; k < 3; k++) {
      const b = big(r);
      r.stored(b);
      r.dropped(b);
    }
    expect(r.take(CELLS * 8, true)).toBeDefined();
    expect(r.take(CELLS * 8, true)).toBeDefined();
    expect(r.take(CELLS * 8, true)).toBeUndefined();
    const b = big(r);
    r.stored(b);
    r.dropped(b);
    r.close();
    expect(r.take(CELLS * 8, true)).toBeUndefined();
  });
});

// 1100x1000 doubles = 8.8 MB: above the reuse threshold and the thread split (2^20 cells).
// Each of A1..A4 has exactly one other holder (an alias, a list, a reshaped view, parfor
// workers); each is then overwritten, and the loops allocate same-sized results that would take
// (distinct expressions: common-subexpression elimination would make them one block)
// a wrongly freed buffer and overwrite the values still visible through that holder.
const SCRIPT = `
X = rand(rows=1100, cols=1000, seed=1)
Y = rand(rows=1100, cols=1000, seed=2)
Z = rand(rows=1100, cols=1000, seed=3)
A1 = X * Y + Z * 2
A2 = X * Y + Z * 3
A3 = X * Y + Z * 4
A4 = X * Y + Z * 5
k1 = sum(A1)
k2 = sum(A2)
k3 = sum(A3)
B = A1
L = list(A2, 7)
V = matrix(A3, rows=2200, cols=500)
parfor (k in 1:2) {
  print("p" + k + " " + sum(A4 * k))
}
A1 = X * Z + Y * 2
A2 = X * Z + Y * 3
A3 = X * Z + Y * 4
A4 = X * Z + Y * 5
for (i in 1:5) {
  W = X * Y + Z * i
  W2 = exp(X + Y * i)
  W3 = t(W2)
}
for (i in 1:3) {
  W = X * Y - Z * i
}
print(sum(B))
print(sum(as.matrix(L[1])))
print(sum(V))
print(k1)
print(k2)
print(k3)
print(sum(W))
print(sum(W2) + sum(W3))
print(sum(A1) + sum(A2) + sum(A3) + sum(A4))
`;

describe('result buffers reused within a script run', () => {
  it('loops reuse dead results and every live value (aliases, lists, views, parfor inputs) is intact', () => {
    const cfg = (threads: number): Parameters<typeof runDml>[1] => ({
      config: { ...defaultConfig(), threads },
      stats: true,
    });
    process.env.TESSERA_RESULT_REUSE = 'off';
    let one: ReturnType<typeof runDml>;
    try {
      one = runDml(SCRIPT, cfg(1));
    } finally {
      delete process.env.TESSERA_RESULT_REUSE;
    }
    const two = runDml(SCRIPT, cfg(2));
    const oneReusing = runDml(SCRIPT, cfg(1));
    expect(one.result.stats!.engine!.bufferPool.reused).toBe(0);
    // Shared buffers on two threads, ordinary ones on one: both kinds are reused.
    expect(two.result.stats!.engine!.bufferPool.reused).toBeGreaterThan(3);
    expect(oneReusing.result.stats!.engine!.bufferPool.reused).toBeGreaterThan(3);
    expect(oneReusing.out).toEqual(one.out);
    // Same values as single-threaded (no reuse) up to the parallel sums' merge order.
    expect(two.out.length).toBe(one.out.length);
    two.out.forEach((line, i) => {
      const a = Number(line.replace(/^p\d /, ''));
      const b = Number(one.out[i]!.replace(/^p\d /, ''));
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.abs(b));
    });
    const [b, l, v, k1, k2, k3] = two.out.slice(-9).map(Number);
    expect(b).toBeCloseTo(k1!, 6);
    expect(l).toBeCloseTo(k2!, 6);
    expect(v).toBeCloseTo(k3!, 6);
  });
});
