import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { bool, dbl, str, type Value } from '../../../src/engine/data/values.js';
import { callBuiltin } from '../../helpers/builtins.js';

/** Reference values from SciPy 1.17 (scipy.stats norm/t/f/chi2/expon cdf, sf and ppf), which agree with R. */
type Case = [string, number, Record<string, number | boolean | string>, number];
const CASES: Case[] = [
  ['pnorm', 1.96, {}, 0.9750021048517795],
  ['pnorm', -8, {}, 6.22096057427174e-16],
  ['pnorm', 3, { mean: 1, sd: 2 }, 0.8413447460685429],
  ['pnorm', 10, { 'lower.tail': false }, 7.61985302416047e-24],
  ['qnorm', 0.975, {}, 1.959963984540054],
  ['qnorm', 1e-10, {}, -6.361340902404056],
  ['qnorm', 0.3, { mean: 5, sd: 2 }, 3.951198974583918],
  ['pt', 2.5, { df: 5 }, 0.9727549503288119],
  ['pt', 2.5, { df: 5, 'lower.tail': false }, 0.02724504967118813],
  ['qt', 0.975, { df: 10 }, 2.228138851986274],
  ['qt', 0.01, { df: 3.5 }, -4.0607113593000825],
  ['pf', 3, { df1: 4, df2: 10 }, 0.9276767777118597],
  ['pf', 30, { df1: 4, df2: 10, 'lower.tail': false }, 1.5123863405409252e-5],
  ['qf', 0.95, { df1: 4, df2: 10 }, 3.4780496907652294],
  ['pchisq', 3.84, { df: 1 }, 0.9499564787512949],
  ['pchisq', 100, { df: 5, 'lower.tail': false }, 5.285148360943219e-20],
  ['qchisq', 0.95, { df: 7 }, 14.067140449340169],
  ['qchisq', 0.001, { df: 2.5 }, 0.008815875243366968],
  ['pexp', 2, { rate: 0.5 }, 0.6321205588285577],
  ['pexp', 2, { rate: 0.5, 'lower.tail': false }, 0.36787944117144233],
  ['qexp', 0.9, { rate: 3 }, 0.7675283643313486],
  ['cdf', 1.96, { dist: 'normal' }, 0.9750021048517795],
  ['cdf', 2.5, { dist: 't', df: 5, 'lower.tail': false }, 0.02724504967118813],
  ['cdf', 3, { dist: 'f', df1: 4, df2: 10 }, 0.9276767777118597],
  ['cdf', 3.84, { dist: 'chisq', df: 1 }, 0.9499564787512949],
  ['cdf', 2, { dist: 'exp', rate: 0.5 }, 0.6321205588285577],
  ['icdf', 0.975, { dist: 'normal' }, 1.959963984540054],
  ['icdf', 0.975, { dist: 't', df: 10 }, 2.228138851986274],
  ['icdf', 0.95, { dist: 'f', df1: 4, df2: 10 }, 3.4780496907652294],
  ['icdf', 0.95, { dist: 'chisq', df: 7 }, 14.067140449340169],
  ['icdf', 0.9, { dist: 'exp', rate: 3 }, 0.7675283643313486],
];

function toValue(v: number | boolean | string): Value {
  return typeof v === 'number' ? dbl(v) : typeof v === 'boolean' ? bool(v) : str(v);
}

function call(name: string, target: Value, named: Record<string, number | boolean | string>): Value {
  const names = Object.keys(named);
  return callBuiltin(name, [target, ...names.map((k) => toValue(named[k]!))], ['target', ...names]) as Value;
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e.diagnostics[0]!.code;
    throw e;
  }
  return undefined;
}

describe('distribution builtins', () => {
  it.each(CASES)('%s(%s, %o) matches the reference to 1e-12 relative', (name, x, named, want) => {
    const got = call(name, dbl(x), named);
    expect(got.dt).toBe('scalar');
    const v = (got as { value: number }).value;
    expect(Math.abs(v - want) / Math.abs(want)).toBeLessThan(1e-12);
  });

  it('works cell-wise on a matrix target', () => {
    const got = call('pnorm', MatrixBlock.fromRows([[0, 1.96]]), {}) as MatrixBlock;
    expect(got.get(0, 0)).toBe(0.5);
    expect(got.get(0, 1)).toBeCloseTo(0.9750021048517795, 15);
  });

  it('takes positional parameters in catalogue order', () => {
    const v = callBuiltin('pt', [dbl(2.5), dbl(5)]) as { value: number };
    expect(v.value).toBeCloseTo(0.9727549503288119, 14);
  });

  it('rejects bad parameters and unknown distributions', () => {
    expect(code(() => call('pnorm', dbl(1), { sd: 0 }))).toBe('DML5001');
    expect(code(() => call('qnorm', dbl(1.5), {}))).toBe('DML5001');
    expect(code(() => call('cdf', dbl(1), { dist: 'gamma' }))).toBe('DML5001');
    expect(code(() => call('pt', dbl(1), {}))).toBe('DML3002');
  });
});
