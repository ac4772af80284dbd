/** The parfor optimizer's choices: degree of parallelism, and staying sequential when workers do not pay. */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { degreeOfParallelism } from '../../../src/engine/parfor/execute.js';
import { poolSize } from '../../../src/engine/parfor/pool.js';
import type { ProgramBlock } from '../../../src/optimizer/plan.js';
import { runDml } from '../../helpers/run.js';

type ForBlock = Extract<ProgramBlock, { kind: 'for' }>;
const lit = { instructions: [], result: { kind: 'lit', value: { vt: 'int', value: 1 } }, span: NO_SPAN } as const;
const loop = (par?: number): ForBlock => ({
  kind: 'for',
  variable: 'i',
  from: lit,
  to: lit,
  isSeq: false,
  parfor: { check: true, par, mode: 'LOCAL', raw: {} },
  body: [],
  span: NO_SPAN,
});

describe('parfor optimizer', () => {
  const cores = os.availableParallelism();
  it('uses par=, else the cores, capped by the iteration count', () => {
    expect(degreeOfParallelism(loop(3), 100, 0)).toBe(3);
    expect(degreeOfParallelism(loop(), 100, 0)).toBe(cores);
    expect(degreeOfParallelism(loop(8), 2, 0)).toBe(2);
    expect(degreeOfParallelism(loop(1), 100, 0)).toBe(1);
  });

  it('caps the workers by the memory budget (each holds a copy of the results)', () => {
    expect(degreeOfParallelism(loop(8), 100, 100e6, 400e6)).toBe(3);
    expect(degreeOfParallelism(loop(8), 100, 1e9, 400e6)).toBe(1);
  });

  it('keeps cheap loops, par=1 and opt=NONE on the main thread (no worker started)', () => {
    const saved = process.env.TESSERA_PARFOR;
    delete process.env.TESSERA_PARFOR;
    try {
      // 10 trivial iterations: parallel only if each took over ~17 ms (the probe's threshold is
      // 120 ms for the rest with a cold pool); with 100 a loaded CI machine once crossed it.
      const { out } = runDml(`R = matrix(0, rows=10, cols=1)
parfor (i in 1:10) R[i, 1] = i * i
s = 0
parfor (i in 1:50, par=1) s += i
parfor (i in 1:50, opt=NONE) s += i
print(sum(R) + " " + s)`);
      expect(out).toEqual(['385.0 2550']);
      expect(poolSize()).toBe(0);
    } finally {
      if (saved !== undefined) process.env.TESSERA_PARFOR = saved;
    }
  });
});
