/** The path naming in `dml --version` and -stats. */
import { describe, expect, it } from 'vitest';
import { versionText } from '../../../../src/cli/version.js';
import { nativeBlas, nativeDescription } from '../../../../src/engine/kernels/native/state.js';

describe('BLAS path description', () => {
  it('--version names the library (or why there is none)', () => {
    const text = versionText();
    expect(text).toMatch(/^BLAS\/LAPACK: (native .+ via .+|TypeScript kernels \(.+\))$/m);
    if (nativeBlas()) expect(nativeDescription()).toMatch(/^native /);
  });
});
