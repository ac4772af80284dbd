import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../src/common/builtins/bind.js';
import { builtinNames, builtinSpec } from '../../src/common/builtins/catalogue.js';
import { T } from '../../src/common/builtins/spec.js';

describe('catalogue: operators, cell-wise math, aggregates', () => {
  it('has every name once (the catalogue throws on duplicates at load)', () => {
    const names = builtinNames();
    for (const n of ['+', '%/%', 'u-', '!', 'abs', 'log', 'is.na', 'bitwAnd', 'xor', 'sum', 'rowIndexMax', 'quantile', 'cumsum', 'rowcumsum', 'min', 'max', 'cov', 'moment']) {
      expect(names).toContain(n);
    }
  });

  it('result types', () => {
    const ret = (name: string, args: [string, typeof T.matrix][]) => builtinSpec(name)!.returns(new Map(args));
    expect(ret('+', [['e1', T.int], ['e2', T.int]])).toEqual([T.int]);
    expect(ret('+', [['e1', T.string], ['e2', T.double]])).toEqual([T.string]);
    expect(ret('/', [['e1', T.int], ['e2', T.int]])).toEqual([T.double]);
    expect(ret('<', [['e1', T.matrix], ['e2', T.int]])).toEqual([T.matrix]);
    expect(ret('abs', [['target', T.int]])).toEqual([T.double]);
    expect(ret('is.nan', [['target', T.double]])).toEqual([T.boolean]);
    expect(ret('min', [['inputs', T.matrix]])).toEqual([T.double]);
    expect(ret('quantile', [['target', T.matrix], ['weights', T.matrix]])).toEqual([T.matrix]);
    expect(ret('quantile', [['target', T.matrix], ['weights', T.matrix], ['p', T.double]])).toEqual([T.double]);
  });

  it('binds log(x, base) and quantile(X, W, p)', () => {
    const r = bindArguments(builtinSpec('log')!, [undefined, undefined]);
    expect(r.ok).toBe(true);
    const q = bindArguments(builtinSpec('quantile')!, [undefined, undefined, undefined]);
    expect(q.ok && q.binding.byParam.get('p')).toBe(2);
  });
});
