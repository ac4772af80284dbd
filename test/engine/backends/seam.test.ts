/**
 * The backend seam end to end (issue 11's done-when): a test-only backend registered through the
 * public API is chosen by the planner for the ops it registers, receives its inputs by lazy moves,
 * keeps results until an op elsewhere needs them, and gives the same results as LOCAL.
 */
import { describe, expect, it } from 'vitest';
import { runScript, Session } from '../../../src/api/index.js';
import { defaultConfig, type TesseraConfig } from '../../../src/common/config.js';
import { TestBackend } from './test-backend.js';

const GPU_ON: TesseraConfig = { ...defaultConfig(), memoryBytes: 1 << 30, threads: 1, gpuMode: 'on' };

function run(text: string, backend: TestBackend, config: TesseraConfig = GPU_ON) {
  const printed: string[] = [];
  const r = runScript({ text, backends: [backend], config, stats: true, print: (l) => printed.push(l) });
  return { ...r, printed };
}

const CHAIN = `
X = rand(rows=200, cols=30, seed=1)
W = rand(rows=30, cols=5, seed=2)
Y = (X %*% W) * 2
s = sum(Y)
print(s)
`;

describe('a backend registered through the public seam', () => {
  it('is chosen by the planner for the ops it registers, and explain shows its instructions and moves', () => {
    const s = new Session({ backends: [new TestBackend()], config: GPU_ON });
    const plan = s.explain(CHAIN, 'runtime');
    expect(plan).toMatch(/CP rand rows=200/); // not registered: stays LOCAL
    expect(plan).toMatch(/GPU %\*% X W/);
    expect(plan).toMatch(/MOVE X LOCAL -> GPU\n.*MOVE W LOCAL -> GPU\n.*GPU %\*%/);
    expect(plan).toMatch(/GPU \* _t\d+ 2/);
    // The product's result is already there: no move before the multiply or the sum.
    expect(plan).not.toMatch(/MOVE _t\d+/);
    const hops = s.explain(CHAIN, 'hops');
    expect(hops).toMatch(/%\*% .* GPU\n/);
  });

  it('moves each input once, keeps results on the device, and brings back only what LOCAL needs', () => {
    const b = new TestBackend();
    const { printed, stats } = run(CHAIN, b);
    const local = run(CHAIN, new TestBackend(), { ...GPU_ON, gpuMode: 'off' });
    expect(printed).toEqual(local.printed);
    // Y comes back only at the end: runScript hands every variable to the caller.
    expect(b.log).toEqual(['upload 200x30', 'upload 30x5', '%*%', '*', 'sum', 'download 200x5']);
    const t = stats!.devices!.transfers;
    expect(t.get('LOCAL->GPU')).toEqual({ count: 2, bytes: (200 * 30 + 30 * 5) * 8 });
    expect(t.get('GPU->LOCAL')).toEqual({ count: 1, bytes: 200 * 5 * 8 });
    expect(stats!.devices!.ran.get('GPU %*%')).toBe(1);
    // -stats sets each backend op's measured time beside the cost model's estimate.
    const placed = stats!.placed.get('GPU %*%');
    expect(placed?.count).toBe(1);
    expect(placed!.estimatedMs).toBeGreaterThan(0);
    expect(placed!.ms).toBeGreaterThan(0);
    expect(b.usedBytes).toBe(0); // everything released when the run ended
    // Asking only for s: Y never leaves the device.
    const b2 = new TestBackend();
    const r = new Session({ backends: [b2], config: GPU_ON }).run(CHAIN, { outputs: ['s'] });
    expect(r.scalar('s')).toBe(Number(printed[0]));
    expect(b2.log.filter((l) => l.startsWith('download'))).toEqual([]);
  });

  it('a loop whose values stay on the device uploads its input once', () => {
    const b = new TestBackend();
    const { stats } = run(
      `X = rand(rows=50, cols=50, seed=3)
for (i in 1:3) { Y = X %*% X; print(sum(Y)); X = X / 2 }`,
      b,
    );
    // X goes up once; X / 2 makes the next X on the device, Y stays there for sum.
    expect(b.log.filter((l) => l.startsWith('upload'))).toEqual(['upload 50x50']);
    expect(stats!.devices!.ran.get('GPU %*%')).toBe(3);
  });

  it('a device value passed to a user function stays on the device, in and out', () => {
    const script = `
scale = function(matrix[double] A, double k) return (matrix[double] B) {
  # Two blocks: the function is called, not inlined.
  B = A
  if (k > 0) { B = (A %*% A) * k }
}
X = rand(rows=60, cols=60, seed=5)
Y = X %*% X
Z = scale(Y, 0.5)
s = sum(Z)
print(s)
`;
    const b = new TestBackend();
    const r = new Session({ backends: [b], config: { ...GPU_ON, threads: 1 } }).run(script, { outputs: ['s'] });
    const local = run(script, new TestBackend(), { ...GPU_ON, gpuMode: 'off' });
    expect(r.scalar('s')).toBe(Number(local.printed[0]));
    // X goes up once; Y goes into the function and B comes out of it without leaving the device.
    expect(b.log.filter((l) => l.startsWith('upload'))).toEqual(['upload 60x60']);
    expect(b.log.filter((l) => l.startsWith('download'))).toEqual([]);
    expect(b.log.filter((l) => l === '%*%')).toHaveLength(2);
    expect(b.usedBytes).toBe(0);
  });

  it('a value brought to the host for a LOCAL op keeps its device copy for the next device op', () => {
    const b = new TestBackend(1 << 30, ['%*%', '-']);
    run(
      `X = rand(rows=40, cols=40, seed=4)
Y = X %*% X
m = as.scalar(Y[1, 1])
Z = Y - X
print(m + sum(Z))`,
      b,
    );
    // Y is made on the device, downloaded once for the LOCAL indexing, and Y - X uses the copies
    // already there (one upload in all: X).
    expect(b.log.filter((l) => l.startsWith('upload'))).toEqual(['upload 40x40']);
    expect(b.log.filter((l) => l.startsWith('download'))[0]).toBe('download 40x40');
    expect(b.log).toContain('-');
  });

  it('results computed on the backend equal LOCAL exactly (matrices, aggregates, fused programs)', () => {
    const script = `
X = rand(rows=120, cols=17, min=-1, max=1, seed=7)
S = rand(rows=120, cols=17, sparsity=0.1, seed=8)
y = rand(rows=120, cols=1, seed=9)
A = t(X) %*% X + diag(matrix(1, rows=17, cols=1))
b = t(X) %*% y
w = solve(A, b)
r = y - X %*% w
Z = exp(X) / 2 + abs(S) * 3
print(toString(w))
print(sum(r^2))
print(sum(Z) + sum(rowSums(Z)) + sum(colMeans(S)))
print(toString(t(S) %*% X))
`;
    const b = new TestBackend();
    const dev = run(script, b);
    const local = run(script, new TestBackend(), { ...GPU_ON, gpuMode: 'off' });
    expect(dev.printed).toEqual(local.printed);
    expect(b.log.some((l) => l === '%*%' || l === 'tsmm')).toBe(true);
    expect(dev.stats!.devices!.ran.size).toBeGreaterThan(2);
  });

  it('the planner keeps ops that do not fit the device memory it describes LOCAL', () => {
    const b = new TestBackend(40 * 1024); // 40 KB: the 200x30 input (48 KB) does not fit
    const plan = new Session({ backends: [b], config: GPU_ON }).explain(CHAIN, 'runtime');
    expect(plan).toMatch(/CP %\*% X W/);
  });

  it('out of device memory at run time: frees cached copies, falls back to LOCAL, same results', () => {
    // The configuration promises 1 GB (the planner places the product there); the device has
    // 40 KB free when the run comes (other users of the device, say).
    const b = new TestBackend(40 * 1024);
    const config = { ...GPU_ON, gpu: { ...b.description, memoryBytes: 1 << 30 } };
    const { printed, stats } = run(CHAIN, b, config);
    const local = run(CHAIN, new TestBackend(), { ...GPU_ON, gpuMode: 'off' });
    expect(printed).toEqual(local.printed);
    const d = stats!.devices!;
    expect(d.declined.get('GPU %*%: out of device memory')).toBe(1);
    expect(d.ran.get('GPU *')).toBe(1); // the next op fits again
    expect(b.usedBytes).toBe(0);
  });

  it('two Sessions with different backends do not share device state', () => {
    const b1 = new TestBackend();
    const b2 = new TestBackend();
    const s1 = new Session({ backends: [b1], config: GPU_ON });
    const s2 = new Session({ config: GPU_ON });
    s1.run(CHAIN);
    s2.run(CHAIN);
    expect(b1.log).toContain('%*%');
    expect(b2.log).toEqual([]);
  });
});
