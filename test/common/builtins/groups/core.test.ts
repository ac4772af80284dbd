import { describe, expect, it } from 'vitest';
import { bindArguments } from '../../../../src/common/builtins/bind.js';
import { builtinSpec } from '../../../../src/common/builtins/catalogue.js';
import { T } from '../../../../src/common/builtins/spec.js';

const spec = (name: string) => {
  const s = builtinSpec(name);
  if (s === undefined) throw new Error(`no spec for ${name}`);
  return s;
};

describe('core builtin specs', () => {
  it('has every core builtin in the catalogue', () => {
    for (const n of ['as.scalar', 'as.matrix', 'as.frame', 'as.list', 'as.double', 'as.integer', 'as.logical', 'as.boolean',
      'castAsScalar', 'nrow', 'ncol', 'length', 'list', 'append', 'remove', 'exists', 'typeof', 'time', 'eval', 'evalList']) {
      expect(builtinSpec(n)?.name).toBe(n);
    }
    expect(builtinSpec('ifdef')).toBeUndefined();
  });

  it('types casts and shape queries', () => {
    expect(spec('as.scalar').returns(new Map([['target', T.matrix]]))).toEqual([T.double]);
    expect(spec('as.scalar').returns(new Map([['target', T.list]]))).toEqual([T.scalar('unknown')]);
    expect(spec('as.integer').returns(new Map())).toEqual([T.int]);
    expect(spec('as.boolean').returns(new Map())).toEqual([T.boolean]);
    expect(spec('nrow').returns(new Map())).toEqual([T.int]);
    expect(spec('typeof').returns(new Map())).toEqual([T.string]);
    expect(spec('time').nondeterministic).toBe(true);
    expect(spec('append').returns(new Map([['target', T.list]]))).toEqual([T.list]);
    expect(spec('append').returns(new Map([['target', T.matrix]]))).toEqual([T.matrix]);
  });

  it('binds list(...) with positional and named entries, and eval with a function name first', () => {
    const l = bindArguments(spec('list'), [undefined, 'b', undefined]);
    expect(l.ok && [...l.binding.variadic]).toEqual([0, 2]);
    expect(l.ok && [...l.binding.extraNamed]).toEqual([['b', 1]]);
    const e = bindArguments(spec('eval'), [undefined, undefined, 'X']);
    expect(e.ok && e.binding.byParam.get('fname')).toBe(0);
    expect(bindArguments(spec('eval'), []).ok).toBe(false);
  });

  it('remove returns two outputs', () => {
    expect(spec('remove').outputs).toBe(2);
    expect(spec('remove').returns(new Map())).toHaveLength(2);
    expect(bindArguments(spec('nrow'), [undefined, undefined]).ok).toBe(false);
  });
});
