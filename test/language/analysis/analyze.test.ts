import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../../src/common/diagnostics.js';
import type { Expr, Program, Statement } from '../../../src/language/ast.js';
import { analyzeWith } from '../../../src/language/analysis/analyze.js';
import type { AnalyzeOptions } from '../../../src/language/analysis/analyzed.js';
import type { ParseFn } from '../../../src/language/analysis/modules.js';
import {
  D, I, M, arg, assign, bin, bool, call, dbl, fn, forS, id, ifS, ifdef, index, int, multi, prog, setwd, source, sp, stmt, str,
  ty, whileS,
} from './ast-builders.js';

vi.mock('../../../src/common/builtins/catalogue.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/common/builtins/catalogue.js')>();
  const { FALLBACK } = await import('./fallback-catalogue.js');
  return {
    builtinSpec: (n: string) => real.builtinSpec(n) ?? FALLBACK.find((s) => s.name === n),
    builtinNames: () => [...new Set([...real.builtinNames(), ...FALLBACK.map((s) => s.name)])].sort(),
  };
});

function run(body: Statement[], options: AnalyzeOptions = {}, files: Record<string, Program> = {}) {
  const parse: ParseFn = (_text, file) => {
    const p = files[file];
    if (p === undefined) throw new Error(`test parse: no AST for ${file}`);
    return { program: p, diagnostics: [] };
  };
  return analyzeWith(prog(body), '', options, parse);
}
const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);

describe('$args and ifdef', () => {
  it('substitutes and types command-line arguments', () => {
    const args = new Map([['n', '10'], ['x', '2.5'], ['b', 'TRUE'], ['f', 'data/X.csv'], ['1', '-3'], ['e', '1e-3'], ['c', 'false']]);
    const r = run(
      [assign('n', arg('n')), assign('x', arg('x')), assign('b', arg('b')), assign('f', arg('f')), assign('p', arg('1')),
        assign('e', arg('e')), assign('c', arg('c'))],
      { args },
    );
    expect(r.diagnostics).toEqual([]);
    const values = r.main.map((s) => (s.kind === 'assign' ? s.value : undefined)) as Expr[];
    expect(values.map((v) => v.kind)).toEqual(['int', 'double', 'boolean', 'string', 'int', 'double', 'boolean']);
    expect(values.map((v) => ('value' in v ? v.value : undefined))).toEqual([10, 2.5, true, 'data/X.csv', -3, 0.001, false]);
    expect(r.types.get(values[0]!)).toEqual({ dataType: 'scalar', valueType: 'int' });
  });

  it('reports an undefined $x with its span (DML2004)', () => {
    const s = sp(3, 5, 6);
    const r = run([assign('n', arg('rows', s))]);
    expect(codes(r.diagnostics)).toEqual(['DML2004']);
    expect(r.diagnostics[0]!.span).toEqual(s);
    expect(r.diagnostics[0]!.message).toContain('$rows');
  });

  it('ifdef takes the argument when given, else the fallback', () => {
    const given = run([assign('n', ifdef(arg('n'), int(5)))], { args: new Map([['n', '7']]) });
    const absent = run([assign('n', ifdef(arg('n'), bin('+', int(5), int(1))))]);
    expect(given.diagnostics).toEqual([]);
    expect(absent.diagnostics).toEqual([]);
    const v1 = (given.main[0] as Extract<Statement, { kind: 'assign' }>).value;
    const v2 = (absent.main[0] as Extract<Statement, { kind: 'assign' }>).value;
    expect(v1).toMatchObject({ kind: 'int', value: 7 });
    expect(v2).toMatchObject({ kind: 'binary', op: '+' });
  });

  it('rejects ifdef outside an assignment right-hand side (DML3007)', () => {
    const bad = ifdef(arg('n'), int(5), sp(4, 9, 24));
    const r = run([assign('y', bin('+', bad, int(1)))]);
    expect(codes(r.diagnostics)).toEqual(['DML3007']);
    expect(r.diagnostics[0]!.span).toEqual(bad.span);
  });

  it('substitutes inside function bodies too', () => {
    const r = run([fn('f', [], [['y', I]], [assign('y', arg('k'))])], { args: new Map([['k', '4']]) });
    expect(r.diagnostics).toEqual([]);
    const body = r.functions.get('f')!.def.body[0] as Extract<Statement, { kind: 'assign' }>;
    expect(body.value).toMatchObject({ kind: 'int', value: 4 });
  });
});

describe('scopes', () => {
  it('reports an undefined variable with did-you-mean (DML2001)', () => {
    const use = id('countr', sp(2, 5, 10));
    const r = run([assign('counter', int(1)), assign('y', bin('+', use, int(1)))]);
    expect(codes(r.diagnostics)).toEqual(['DML2001']);
    expect(r.diagnostics[0]!.span).toEqual(use.span);
    expect(r.diagnostics[0]!.hint).toContain('counter');
  });

  it('reports an undefined name once, not again at later uses', () => {
    const r = run([ifS(bool(true), [assign('a', id('u'))]), assign('b', id('u')), assign('c', id('u'))]);
    expect(codes(r.diagnostics)).toEqual(['DML2001']);
  });

  it('does not report variables assigned before use', () => {
    const r = run([assign('x', int(1)), assign('y', bin('*', id('x'), int(2)))]);
    expect(r.diagnostics).toEqual([]);
  });

  it('warns (not errors) when a variable is assigned only on some paths (DML2005)', () => {
    const use = id('x', sp(9, 1, 1));
    const r = run([ifS(bool(true), [assign('x', int(1))]), assign('y', use)]);
    expect(codes(r.diagnostics)).toEqual(['DML2005']);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(r.diagnostics[0]!.span).toEqual(use.span);
  });

  it('a branch ending in stop() does not make variables maybe-defined', () => {
    const r = run([ifS(bool(true), [assign('x', int(1))], [stmt(call('stop', [str('bad')]))]), assign('y', id('x'))]);
    expect(r.diagnostics).toEqual([]);
  });

  it('a string given for a numeric scalar parameter is a type error (DML3001)', () => {
    const f = fn('f', [['n', I]], [['y', I]], [assign('y', id('n'))]);
    expect(codes(run([f, assign('k', call('f', [str('3')]))]).diagnostics)).toEqual(['DML3001']);
    expect(run([f, assign('k', call('f', [int(3)]))]).diagnostics).toEqual([]);
  });

  it('a variable assigned in both branches is defined', () => {
    const r = run([ifS(bool(true), [assign('x', int(1))], [assign('x', int(2))]), assign('y', id('x'))]);
    expect(r.diagnostics).toEqual([]);
  });

  it('loop variables are defined in the body and after the loop; loop-body assignments are maybe-defined', () => {
    const r = run([
      forS('i', int(1), int(3), [assign('s', id('i'))]),
      assign('j', id('i')),
      assign('t', id('s')),
    ]);
    expect(codes(r.diagnostics)).toEqual(['DML2005']);
  });

  it('a value carried around a loop is not an error', () => {
    const r = run([
      assign('s', int(0)),
      forS('i', int(1), int(3), [assign('s', bin('+', id('s'), id('i')))]),
      whileS(bin('>', id('s'), int(0)), [assign('s', bin('-', id('s'), int(1)))]),
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('globals are invisible inside functions; parameters are visible', () => {
    const g = id('G', sp(20, 3, 3));
    const r = run([
      assign('G', int(1)),
      fn('f', [['a', D]], [['y', D]], [assign('y', bin('+', id('a'), g))]),
    ]);
    expect(codes(r.diagnostics)).toEqual(['DML2001']);
    expect(r.diagnostics[0]!.span).toEqual(g.span);
  });

  it('warns about function outputs never assigned (DML2006)', () => {
    const r = run([fn('f', [['a', D]], [['y', D]], [assign('z', id('a'))])]);
    expect(codes(r.diagnostics)).toEqual(['DML2006']);
    expect(r.diagnostics[0]!.severity).toBe('warning');
  });

  it('exists(x) accepts an undefined variable', () => {
    const r = run([assign('e', call('exists', [id('nope')]))]);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('calls', () => {
  it('resolves builtins and user functions, including calls inside functions', () => {
    const inner = call('nrow', [id('X')]);
    const outer = call('f', [call('matrix', [int(0), int(3), int(2)])]);
    const r = run([
      fn('f', [['X', M]], [['n', I]], [assign('n', inner)]),
      assign('k', outer),
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.calls.get(inner)).toMatchObject({ kind: 'builtin', spec: { name: 'nrow' } });
    expect(r.calls.get(outer)).toEqual({ kind: 'function', key: 'f' });
    expect(r.types.get(outer)).toEqual({ dataType: 'scalar', valueType: 'int' });
    expect(r.main).toHaveLength(1);
    expect(r.functions.get('f')!.origin).toBe('script');
  });

  it('a user function shadows a builtin of the same name', () => {
    const c = call('nrow', [int(1)]);
    const r = run([fn('nrow', [['a', D]], [['y', D]], [assign('y', id('a'))]), assign('k', c)]);
    expect(r.diagnostics).toEqual([]);
    expect(r.calls.get(c)).toEqual({ kind: 'function', key: 'nrow' });
    expect(r.types.get(c)).toEqual({ dataType: 'scalar', valueType: 'double' });
  });

  it('reports an unknown function with did-you-mean (DML2002)', () => {
    const name = sp(5, 3, 7);
    const r = run([fn('myFunc', [], [['y', D]], [assign('y', dbl(1))]), assign('k', call('myFnc', [], { nameSpan: name }))]);
    expect(codes(r.diagnostics)).toEqual(['DML2002']);
    expect(r.diagnostics[0]!.span).toEqual(name);
    expect(r.diagnostics[0]!.hint).toContain('myFunc');
  });

  it('reports arity errors of builtins (DML3002) at the offending argument', () => {
    const extra = int(2, sp(6, 12, 12));
    const r = run([assign('X', call('matrix', [int(0), int(2), int(2)])), assign('n', call('nrow', [id('X'), extra]))]);
    expect(codes(r.diagnostics)).toEqual(['DML3002']);
    expect(r.diagnostics[0]!.span).toEqual(extra.span);
  });

  it('binds user-function arguments (DML3003): too many, unknown name, missing', () => {
    const f = fn('f', [['a', D], ['b', D, dbl(1)]], [['y', D]], [assign('y', bin('+', id('a'), id('b')))]);
    const ok1 = run([f, assign('k', call('f', [dbl(1)]))]);
    const ok2 = run([f, assign('k', call('f', [['b', dbl(2)], ['a', dbl(1)]]))]);
    expect(ok1.diagnostics).toEqual([]);
    expect(ok2.diagnostics).toEqual([]);
    const tooMany = run([f, assign('k', call('f', [dbl(1), dbl(2), dbl(3)]))]);
    const unknown = run([f, assign('k', call('f', [dbl(1), ['c', dbl(2)]]))]);
    const missing = run([f, assign('k', call('f', [['b', dbl(2)]]))]);
    for (const r of [tooMany, unknown, missing]) expect(codes(r.diagnostics)).toEqual(['DML3003']);
  });

  it('checks typed parameters where clearly wrong (DML3001)', () => {
    const f = fn('f', [['X', M]], [['y', D]], [assign('y', call('sum', [id('X')]))]);
    const bad = str('oops', sp(7, 7, 12));
    const r = run([f, assign('k', call('f', [bad]))]);
    expect(codes(r.diagnostics)).toEqual(['DML3001']);
    expect(r.diagnostics[0]!.span).toEqual(bad.span);
  });

  it('multi-assignment needs a multi-output function (DML3004)', () => {
    const f = fn('f', [], [['a', D], ['b', D]], [assign('a', dbl(1)), assign('b', dbl(2))]);
    const ok = run([f, multi(['x', 'y'], call('f')), assign('z', bin('+', id('x'), id('y')))]);
    expect(ok.diagnostics).toEqual([]);
    const tooMany = run([f, multi(['x', 'y', 'z'], call('f'))]);
    const single = run([assign('X', call('matrix', [int(0), int(2), int(2)])), multi(['a', 'b'], call('nrow', [id('X')]))]);
    const multiBuiltin = run([assign('X', call('matrix', [int(0), int(2), int(2)])), multi(['v', 'w'], call('eigen', [id('X')]))]);
    expect(codes(tooMany.diagnostics)).toEqual(['DML3004']);
    expect(run([f, multi(['x', 'y'], call('eval', [str('f')]))]).diagnostics).toEqual([]);
    expect(codes(single.diagnostics)).toEqual(['DML3004']);
    expect(multiBuiltin.diagnostics).toEqual([]);
    expect(multiBuiltin.types.get((multiBuiltin.main[1] as Extract<Statement, { kind: 'multiAssign' }>).targets[0]!)).toMatchObject({
      dataType: 'matrix',
    });
  });

  it('statement builtins cannot be used as values (DML3008)', () => {
    const r = run([assign('x', call('print', [str('a')]))]);
    expect(codes(r.diagnostics)).toEqual(['DML3008']);
  });

  it('stop/assert inside parfor are rejected (DML3006), but fine in for', () => {
    const c = call('stop', [str('no')], { span: sp(8, 3, 12) });
    const r = run([forS('i', int(1), int(3), [stmt(c)], true)]);
    expect(codes(r.diagnostics)).toEqual(['DML3006']);
    expect(r.diagnostics[0]!.span).toEqual(c.span);
    expect(run([forS('i', int(1), int(3), [stmt(call('stop', [str('no')]))])]).diagnostics).toEqual([]);
  });

  it('list builtins from the core group type-check', () => {
    const r = run([
      assign('L', call('list', [int(1), ['b', str('x')]])),
      assign('L2', call('append', [id('L'), int(3)])),
      multi(['L3', 'e'], call('remove', [id('L2'), int(1)])),
      assign('n', call('length', [id('L3')])),
      assign('t', call('typeof', [id('e')])),
      assign('s', call('as.scalar', [call('matrix', [int(1), int(1), int(1)])])),
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.types.get((r.main[5] as Extract<Statement, { kind: 'assign' }>).value)).toEqual({ dataType: 'scalar', valueType: 'double' });
  });
});

describe('types', () => {
  const valueOf = (s: Statement | undefined): Expr => (s as Extract<Statement, { kind: 'assign' }>).value;

  it('infers operator result types', () => {
    const r = run([
      assign('X', call('matrix', [int(0), int(2), int(2)])),
      assign('a', bin('+', int(1), int(2))),
      assign('b', bin('/', int(1), int(2))),
      assign('c', bin('+', int(1), dbl(2))),
      assign('d', bin('<', id('a'), id('c'))),
      assign('e', bin('*', id('X'), int(2))),
      assign('f', bin('+', str('n='), id('a'))),
      assign('g', bin('%/%', int(7), int(2))),
      assign('h', bin('^', int(2), int(2))),
      assign('k', bin('&', id('d'), bool(true))),
    ]);
    expect(r.diagnostics).toEqual([]);
    const got = r.main.slice(1).map((s) => r.types.get(valueOf(s)));
    expect(got.map((t) => (t!.dataType === 'scalar' ? t!.valueType : t!.dataType))).toEqual([
      'int', 'double', 'double', 'boolean', 'matrix', 'string', 'int', 'double', 'boolean',
    ]);
  });

  it('rejects && and || (DML3005) with the operator span', () => {
    const e = bin('&&', bool(true), bool(false), sp(11, 5, 17));
    const r = run([assign('x', e)]);
    expect(codes(r.diagnostics)).toEqual(['DML3005']);
    expect(r.diagnostics[0]!.span).toEqual(e.span);
    expect(r.diagnostics[0]!.message).toContain('use & (cell-wise/non-short-circuit) instead of &&');
  });

  it('rejects %*% on scalars and strings (DML3001)', () => {
    const e = bin('%*%', str('a'), int(2), sp(12, 1, 10));
    const r = run([assign('x', e)]);
    expect(codes(r.diagnostics)).toEqual(['DML3001']);
    expect(r.diagnostics[0]!.span).toEqual(e.span);
  });

  it('rejects a matrix as an if predicate (DML3001)', () => {
    const cond = id('X', sp(13, 5, 5));
    const r = run([assign('X', call('matrix', [int(0), int(2), int(2)])), ifS(cond, [])]);
    expect(codes(r.diagnostics)).toEqual(['DML3001']);
    expect(r.diagnostics[0]!.span).toEqual(cond.span);
  });

  it('types from user-function outputs and merges at if/else', () => {
    const r = run([
      fn('f', [], [['M', M]], [assign('M', call('matrix', [int(0), int(1), int(1)]))]),
      ifS(bool(true), [assign('x', int(1))], [assign('x', call('f'))]),
      assign('y', id('x')),
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.types.get(valueOf(r.main[1]))).toEqual({ dataType: 'unknown', valueType: 'unknown' });
  });

  it('reports dimension mismatches known from literal sizes (DML4001)', () => {
    const e = bin('+', call('matrix', [int(0), int(3), int(2)]), call('matrix', [int(0), int(2), int(2)]), sp(14, 1, 30));
    const r = run([assign('x', e)]);
    expect(codes(r.diagnostics)).toEqual(['DML4001']);
    expect(r.diagnostics[0]!.span).toEqual(e.span);
    const ok = run([
      assign('A', call('matrix', [int(0), int(3), int(2)])),
      assign('B', call('matrix', [int(0), int(2), int(4)])),
      assign('C', bin('%*%', id('A'), id('B'))),
      assign('D', bin('+', id('C'), call('matrix', [int(1), int(1), int(4)]))),
    ]);
    expect(ok.diagnostics).toEqual([]);
    const bad = run([
      assign('A', call('matrix', [int(0), int(3), int(2)])),
      assign('C', bin('%*%', id('A'), id('A'))),
    ]);
    expect(codes(bad.diagnostics)).toEqual(['DML4001']);
    const transposed = run([
      assign('A', call('matrix', [int(0), int(3), int(2)])),
      assign('C', bin('%*%', id('A'), call('t', [id('A')]))),
    ]);
    expect(transposed.diagnostics).toEqual([]);
  });
});

describe('all errors at once', () => {
  it('reports four independent errors', () => {
    const r = run([
      assign('a', bin('+', id('undefinedVar'), int(1))),
      assign('b', call('noSuchFunction', [int(1)])),
      assign('c', bin('||', bool(true), bool(false))),
      assign('d', arg('missing')),
      assign('e', bin('+', id('a'), id('b'))),
    ]);
    expect(codes(errors(r.diagnostics)).sort()).toEqual(['DML2001', 'DML2002', 'DML2004', 'DML3005']);
  });
});

describe('source() and namespaces', () => {
  function tmp(): string {
    return mkdtempSync(join(tmpdir(), 'tessera-analysis-'));
  }

  it('imports functions of a sourced file into its namespace', () => {
    const dir = tmp();
    const lib = join(dir, 'lib.dml');
    writeFileSync(lib, '# lib\n');
    const libAst = prog([fn('g', [['a', D]], [['y', D]], [assign('y', bin('*', id('a'), int(2)))])], lib);
    const c = call('g', [dbl(1)], { ns: 'L' });
    const r = run([source('lib.dml', 'L'), assign('k', c)], { cwd: dir }, { [lib]: libAst });
    expect(r.diagnostics).toEqual([]);
    expect(r.calls.get(c)).toEqual({ kind: 'function', key: 'L::g' });
    expect(r.functions.get('L::g')).toMatchObject({ namespace: 'L', origin: 'source', file: lib });
    expect(r.main).toHaveLength(1);
  });

  it('reports an unknown namespace (DML2003) and unknown function in a namespace (DML2002)', () => {
    const dir = tmp();
    const lib = join(dir, 'lib.dml');
    writeFileSync(lib, '');
    const libAst = prog([fn('g', [], [['y', D]], [assign('y', dbl(1))])], lib);
    const n1 = sp(30, 1, 2);
    const n2 = sp(31, 1, 4);
    const r = run(
      [source('lib.dml', 'L'), assign('a', call('g', [], { ns: 'X', nameSpan: n1 })), assign('b', call('h', [], { ns: 'L', nameSpan: n2 }))],
      { cwd: dir },
      { [lib]: libAst },
    );
    expect(codes(r.diagnostics)).toEqual(['DML2003', 'DML2002']);
    expect(r.diagnostics.map((d) => d.span)).toEqual([n1, n2]);
  });

  it('nested sources use the importing file\'s own namespaces; cycles terminate; setwd applies', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    const a = join(dir, 'sub', 'a.dml');
    const b = join(dir, 'sub', 'b.dml');
    writeFileSync(a, '');
    writeFileSync(b, '');
    const inner = call('h', [], { ns: 'B' });
    const aAst = prog([source('b.dml', 'B'), fn('f', [], [['y', D]], [assign('y', inner)])], a);
    // b sources a back (a cycle) under another name.
    const bAst = prog([source('a.dml', 'A'), fn('h', [], [['y', D]], [assign('y', dbl(2))])], b);
    const c = call('f', [], { ns: 'A' });
    const r = run([setwd('sub'), source('a.dml', 'A'), assign('k', c)], { cwd: dir }, { [a]: aAst, [b]: bAst });
    expect(r.diagnostics).toEqual([]);
    expect(r.calls.get(c)).toEqual({ kind: 'function', key: 'A::f' });
    expect(r.calls.get(inner)).toEqual({ kind: 'function', key: 'B::h' });
  });

  it('reports a missing sourced file (DML2008) and duplicate functions (DML2007)', () => {
    const dir = tmp();
    const s = source('nope.dml', 'N', sp(40, 1, 20));
    const r = run([s, fn('f', [], [], []), fn('f', [], [], [])], { cwd: dir });
    expect(codes(r.diagnostics).sort()).toEqual(['DML2007', 'DML2008']);
    expect(r.diagnostics.find((d) => d.code === 'DML2008')!.span).toEqual(s.span);
  });
});

describe('stdlib', () => {
  it('loads <stdlibDir>/<name>.dml on demand with origin stdlib, including its helpers and its own calls', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-stdlib-'));
    const path = join(dir, 'myAlgo.dml');
    writeFileSync(path, '');
    const helperCall = call('helper', [id('X')]);
    const ast = prog([
      fn('myAlgo', [['X', M], ['k', I, int(2)]], [['Y', M]], [assign('Y', helperCall)], sp(1, 1, 5, path)),
      fn('helper', [['X', M]], [['Z', M]], [assign('Z', bin('*', id('X'), int(2)))], sp(5, 1, 5, path)),
    ], path);
    const c = call('myAlgo', [call('matrix', [int(0), int(2), int(2)])]);
    const r = run([assign('B', c)], { stdlibDir: dir }, { [path]: ast });
    expect(r.diagnostics).toEqual([]);
    expect(r.calls.get(c)).toEqual({ kind: 'function', key: 'myAlgo' });
    expect(r.functions.get('myAlgo')!.origin).toBe('stdlib');
    expect(r.calls.get(helperCall)).toEqual({ kind: 'function', key: 'helper' });
    expect(r.types.get(c)).toMatchObject({ dataType: 'matrix' });
  });

  it('does not load stdlib files that are not referenced, and user functions win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-stdlib-'));
    const path = join(dir, 'myAlgo.dml');
    writeFileSync(path, '');
    const c = call('myAlgo', []);
    const r = run([fn('myAlgo', [], [['y', D]], [assign('y', dbl(1))]), assign('k', c)], { stdlibDir: dir }, {});
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.get('myAlgo')!.origin).toBe('script');
    expect(r.functions.size).toBe(1);
  });

  it('eval("name", ...) with a literal loads a stdlib function', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-stdlib-'));
    const path = join(dir, 'algo2.dml');
    writeFileSync(path, '');
    const ast = prog([fn('algo2', [['a', D]], [['y', D]], [assign('y', id('a'))])], path);
    const r = run([assign('k', call('eval', [str('algo2'), dbl(1)]))], { stdlibDir: dir }, { [path]: ast });
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.has('algo2')).toBe(true);
  });

  it('a string literal argument of a DML function call that names a stdlib function loads it (gridSearch(train="lm"))', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-stdlib-'));
    const path = join(dir, 'algo3.dml');
    writeFileSync(path, '');
    const ast = prog([fn('algo3', [['a', D]], [['y', D]], [assign('y', id('a'))])], path);
    const runner = fn('runner', [['f', ty('scalar', 'string')]], [['y', D]], [assign('y', call('eval', [id('f'), dbl(1)]))]);
    const r = run([runner, assign('k', call('runner', [str('algo3')])), assign('m', call('runner', [str('nosuch')]))], { stdlibDir: dir }, { [path]: ast });
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.get('algo3')?.origin).toBe('stdlib');
  });
});

describe('structure', () => {
  it('rejects function definitions below the top level (DML1006)', () => {
    const inner = fn('g', [], [], [], sp(50, 3, 3));
    const r = run([ifS(bool(true), [inner as Statement])]);
    expect(codes(r.diagnostics)).toEqual(['DML1006']);
    expect(r.diagnostics[0]!.span).toEqual(inner.nameSpan);
  });

  it('rejects external functions as not supported yet (DML9001)', () => {
    const ext = { ...fn('ext', [], [], [], sp(60, 1, 3)), external: true };
    const r = run([ext]);
    expect(codes(r.diagnostics)).toEqual(['DML9001']);
    expect(r.diagnostics[0]!.message).toContain('not supported yet');
  });

  it('resolves calls in parameter defaults, which may use earlier parameters', () => {
    const dflt = call('nrow', [id('X')]);
    const r = run([fn('f', [['X', M], ['n', I, dflt]], [['y', I]], [assign('y', id('n'))])]);
    expect(r.diagnostics).toEqual([]);
    expect(r.calls.get(dflt)).toMatchObject({ kind: 'builtin' });
  });

  it('left indexing needs an existing target', () => {
    const r = run([assign(index('X', int(1), int(1)), dbl(2))]);
    expect(codes(r.diagnostics)).toEqual(['DML2001']);
    const ok = run([assign('X', call('matrix', [int(0), int(2), int(2)])), assign(index('X', int(1), int(1)), dbl(2))]);
    expect(ok.diagnostics).toEqual([]);
  });

  it('+= needs a defined variable and keeps int arithmetic', () => {
    const r = run([assign('s', int(0)), assign('s', int(2), '+=')]);
    expect(r.diagnostics).toEqual([]);
    expect(codes(run([assign('s', int(2), '+=')]).diagnostics)).toEqual(['DML2001']);
  });
});

describe('warnings inside stdlib files', () => {
  it('are not shown to the script that calls the function; the script keeps its own', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { compileSource } = await import('../../../src/language/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'stdlib-'));
    writeFileSync(
      join(dir, 'halfDefined.dml'),
      'halfDefined = function(Double a) return (Double r) { if (a > 0) { q = 1 } r = q }\n',
    );
    const a = compileSource('if (1 > 2) { z = 1 }\nprint(z)\nprint(halfDefined(1))\n', 'main.dml', { stdlibDir: dir });
    const warnings = a.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.span?.file)).toEqual(['main.dml']);
  });
});
