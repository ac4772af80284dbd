import { describe, expect, it } from 'vitest';
import { engineLines, placedLines } from '../../../src/cli/stats-report.js';

describe('-stats engine lines', () => {
  it('report evictions, restores, bytes, reused buffers and worker use', () => {
    const lines = engineLines({
      bufferPool: {
        evictions: 8,
        restores: 5,
        bytesWritten: 6.4 * 1024 * 1024,
        bytesRead: 4 * 1024 * 1024,
        peakLiveBytes: 2.5 * 1024 * 1024,
        budgetBytes: 2 * 1024 * 1024,
        reused: 4,
        reusedBytes: 320 * 1024 * 1024,
      },
      threads: 2,
      parallelOps: 3,
      parallelJobs: 3,
      memoryBytes: 4 * 1024 * 1024,
      scratchDir: '/tmp',
      compiledCalls: 0,
      nativeCalls: 0,
    });
    expect(lines[0]).toBe(
      'Buffer pool (budget 2.0 MB):\tLOCAL->DISK 8 (6.4 MB written), DISK->LOCAL 5 (4.0 MB read), peak live 2.5 MB.',
    );
    expect(lines[1]).toBe('Result buffers reused:\t\t4 (320.0 MB).');
    expect(lines[2]).toBe('Worker threads:\t\t\t2 (3 parallel ops, 3 worker jobs).');
  });

  it('set each backend op measured beside the cost model, heaviest first', () => {
    const lines = placedLines(
      new Map([
        ['DIST +', { count: 2, ms: 3, estimatedMs: 1.5 }],
        ['DIST tsmm', { count: 1, ms: 12, estimatedMs: 10 }],
      ]),
    );
    expect(lines[0]).toBe('Backend instructions, measured / predicted:');
    expect(lines[1]).toMatch(/^ {2}DIST tsmm +x1 +0\.0120 s \/ 0\.0100 s \(1\.20x\)$/);
    expect(lines[2]).toMatch(/^ {2}DIST \+ +x2 +0\.0030 s \/ 0\.0015 s \(2\.00x\)$/);
  });
});
