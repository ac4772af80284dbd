import { describe, expect, it } from 'vitest';
import { builtinSpec } from '../../../src/common/builtins/catalogue.js';
import { formatBuiltinHelp, helpFor, parseCommand } from '../../../src/cli/repl/commands.js';

const noUser = { userFunction: () => undefined, userFunctions: () => [] };

describe('parseCommand', () => {
  it('reads the commands and their arguments', () => {
    expect(parseCommand(':help')).toEqual({ kind: 'help' });
    expect(parseCommand(':help lm')).toEqual({ kind: 'help', name: 'lm' });
    expect(parseCommand(':vars')).toEqual({ kind: 'vars' });
    expect(parseCommand(':explain Y = t(X)')).toEqual({ kind: 'explain', level: 'hops', text: 'Y = t(X)' });
    expect(parseCommand(':explain runtime Y = t(X)')).toEqual({
      kind: 'explain',
      level: 'runtime',
      text: 'Y = t(X)',
    });
    expect(parseCommand(':load "a b.dml"')).toEqual({ kind: 'load', file: 'a b.dml' });
    expect(parseCommand(':quit')).toEqual({ kind: 'quit' });
    expect(parseCommand(':q')).toEqual({ kind: 'quit' });
  });
  it('explains mistakes', () => {
    expect(parseCommand(':load')).toEqual({ kind: 'unknown', message: 'usage: :load file.dml' });
    expect(parseCommand(':explain').kind).toBe('unknown');
    const c = parseCommand(':varz');
    expect(c.kind === 'unknown' && c.message).toMatch(/unknown command ':varz' \(did you mean :vars\?\)/);
  });
});

describe('help', () => {
  it('answers stdlib functions from their doc header', () => {
    const h = helpFor('lm', noUser);
    expect(h).toMatch(/^lm: /);
    expect(h).toMatch(/INPUT:/);
    expect(h).toMatch(/OUTPUT:\n\s+B\s+Matrix\[Double\]/);
  });
  it('answers builtins from the catalogue: parameters with defaults and the result', () => {
    const h = formatBuiltinHelp(builtinSpec('rand')!);
    expect(h.split('\n')[0]).toBe(
      'rand(rows, cols, min=0, max=1, sparsity=1, seed=-1, pdf="uniform"|"normal"|"poisson", lambda=1)  (builtin)',
    );
    expect(h).toMatch(/Returns: matrix/);
    expect(helpFor('seq', noUser)).toMatch(/^seq\(from, to, \[incr\]\)/);
    expect(helpFor('print', noUser)).toMatch(/Returns: nothing \(a statement\)/);
  });
  it('answers session functions and suggests near names', () => {
    const user = {
      userFunction: (n: string) => (n === 'f' ? 'f = function(Double a) return (Double b)' : undefined),
      userFunctions: () => ['f'],
    };
    expect(helpFor('f', user)).toMatch(/^f = function/);
    expect(helpFor('rowSumz', noUser)).toMatch(/no help for 'rowSumz'.*did you mean rowSums\?/);
  });
});
