import { describe, expect, it } from 'vitest';
import { applyCoreType, coreTypeForFlags, cpuFlags } from '../../../../src/engine/kernels/native/cpu.js';

describe('CPU detection for OPENBLAS_CORETYPE', () => {
  it('maps instruction-set flags to OpenBLAS core types', () => {
    expect(coreTypeForFlags(cpuFlags('processor: 0\nflags\t\t: fpu sse avx2 avx512f\n'))).toBe('SkylakeX');
    expect(coreTypeForFlags(cpuFlags('flags : fpu avx avx2 fma\n'))).toBe('Haswell');
    expect(coreTypeForFlags(cpuFlags('flags : fpu sse2\n'))).toBeUndefined();
    expect(cpuFlags('no flags line').size).toBe(0);
  });

  it('never overrides a value the user set', () => {
    const env: NodeJS.ProcessEnv = { OPENBLAS_CORETYPE: 'Haswell' };
    expect(applyCoreType(env)).toEqual({ coreType: 'Haswell', forced: false });
    expect(env.OPENBLAS_CORETYPE).toBe('Haswell');
    const fresh: NodeJS.ProcessEnv = {};
    const r = applyCoreType(fresh);
    expect(fresh.OPENBLAS_CORETYPE).toBe(r.coreType);
  });
});
