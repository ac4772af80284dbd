import { describe, expect, it } from 'vitest';
import {
  compiledDescription,
  compiledKernels,
  optionalCompiledFn,
} from '../../../../src/engine/kernels/compiled/library.js';
import { withKernels } from '../compiled-helpers.js';

describe('compiled kernels library', () => {
  it('is built and loads wherever a C compiler is installed (always in CI)', () => {
    const k = compiledKernels();
    if (k === undefined) {
      // The suite must exercise the compiled paths in CI, where .ci/run's npm ci builds them.
      expect(process.env.CI, `compiled kernels missing in CI: ${compiledDescription()}`).toBeFalsy();
      console.log(`skipped: ${compiledDescription()}`);
      return;
    }
    expect(k.info).toMatch(/-O3/);
    expect(compiledDescription()).toMatch(/^compiled \(/);
    expect(optionalCompiledFn('int tessera_kernels_abi(void)')).toBeTypeOf('function');
  });

  it('TESSERA_KERNELS=js switches them off and says so', () => {
    withKernels('js', () => {
      expect(compiledKernels()).toBeUndefined();
      expect(optionalCompiledFn('int tessera_kernels_abi(void)')).toBeUndefined();
      expect(compiledDescription()).toBe('TypeScript only: disabled by TESSERA_KERNELS=js');
    });
  });

  it('a missing symbol (a build older than the kernel) gives undefined, not an error', () => {
    expect(optionalCompiledFn('int tessera_no_such_kernel(void)')).toBeUndefined();
  });
});
