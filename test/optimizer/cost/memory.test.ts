import { describe, expect, it } from 'vitest';
import { formatBytes, matrixBytes, operationBytes } from '../../../src/optimizer/cost/memory.js';
import { flops, estimateSeconds } from '../../../src/optimizer/cost/time.js';
import { machineFrom } from '../../../src/optimizer/cost/machine.js';
import { defaultConfig, GB } from '../../../src/common/config.js';
import { written } from '../helpers.js';
import { compile } from '../helpers.js';

describe('memory estimates', () => {
  it('dense 8 bytes a cell; CSR below sparsity 0.4; dense when nnz is unknown; unknown dims are infinite', () => {
    expect(matrixBytes({ rows: 1000, cols: 1000, nnz: -1 })).toBe(8e6);
    expect(matrixBytes({ rows: 1000, cols: 1000, nnz: 500_000 })).toBe(8e6);
    expect(matrixBytes({ rows: 1000, cols: 1000, nnz: 1000 })).toBe(12 * 1000 + 4 * 1001);
    expect(matrixBytes({ rows: -1, cols: 10, nnz: -1 })).toBe(Infinity);
    expect(matrixBytes({ rows: 0, cols: 10, nnz: 0 })).toBe(0);
  });

  it('an operation holds its inputs and its output; shared inputs count once', () => {
    const c = compile(
      'X = rand(rows=100, cols=10, seed=1)\nW = rand(rows=10, cols=20, seed=2)\nY = X %*% W\nZ = X + X\nprint(sum(Y) + sum(Z))',
    );
    const y = written(c, 'Y');
    // X (8000) + W (1600) + output 100x20 (16000)
    expect(y.mem).toBe(8000 + 1600 + 16000);
    const z = written(c, 'Z');
    if (z.op === '+') expect(operationBytes(z)).toBe(8000 + 8000);
  });

  it('formats in human units', () => {
    expect(formatBytes(512)).toBe('512B');
    expect(formatBytes(8000)).toBe('7.8KB');
    expect(formatBytes(8e6)).toBe('7.6MB');
    expect(formatBytes(3 * GB)).toBe('3.0GB');
    expect(formatBytes(Infinity)).toBe('?');
    expect(formatBytes(undefined)).toBe('?');
  });
});

describe('time model', () => {
  it('prices matmul by 2mkn flops and transfers on the GPU', () => {
    const c = compile('A = rand(rows=200, cols=300, seed=1)\nB = rand(rows=300, cols=50, seed=2)\nC = A %*% B\nprint(sum(C))');
    const mm = written(c, 'C');
    expect(flops(mm)).toBe(2 * 200 * 300 * 50);
    const m = machineFrom({ ...defaultConfig(), blasGflops: 10, memoryBandwidthGBs: 10 });
    const local = estimateSeconds(mm, 'LOCAL', m);
    expect(local).toBeGreaterThan(0);
    expect(estimateSeconds(mm, 'GPU', m)).toBe(Infinity); // no GPU described
  });
});
