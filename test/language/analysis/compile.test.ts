/** Analysis through the real parser: compileSource on DML text and on files. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../../src/common/diagnostics.js';
import type { Statement } from '../../../src/language/ast.js';
import { compileSource } from '../../../src/language/index.js';

vi.mock('../../../src/common/builtins/catalogue.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/common/builtins/catalogue.js')>();
  const { FALLBACK } = await import('./fallback-catalogue.js');
  return {
    builtinSpec: (n: string) => real.builtinSpec(n) ?? FALLBACK.find((s) => s.name === n),
    builtinNames: () => [...new Set([...real.builtinNames(), ...FALLBACK.map((s) => s.name)])].sort(),
  };
});

const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const where = (d: Diagnostic) => `${d.code}@${d.span?.line}:${d.span?.col}`;

describe('compileSource', () => {
  it('accepts a clean script without diagnostics', () => {
    const r = compileSource(
      [
        'scale2 = function(Matrix[Double] X, Double f = 2.0) return (Matrix[Double] Y, Integer n) {',
        '  Y = X * f',
        '  n = nrow(X)',
        '}',
        'A = matrix(1, 4, 3)',
        '[B, n] = scale2(A, f=3)',
        's = 0',
        'for (i in 1:n) {',
        '  s = s + i',
        '}',
        'if (s > 3 & n == 4) {',
        '  print("s=" + s)',
        '} else {',
        '  print("small")',
        '}',
        'L = list(a=1, b="two")',
        'L2 = append(L, 3)',
        'print(length(L2))',
      ].join('\n'),
      'main.dml',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.main).toHaveLength(8);
    expect(r.functions.get('scale2')!.origin).toBe('script');
  });

  it('reports four independent errors at their positions, in source order', () => {
    const r = compileSource(
      ['x = y + 1', 'z = nrw(x)', 'if (TRUE && FALSE) { q = 1 }', 'w = $undefinedArg'].join('\n'),
      'main.dml',
    );
    expect(errors(r.diagnostics).map(where)).toEqual(['DML2001@1:5', 'DML2002@2:5', 'DML3005@3:5', 'DML2004@4:5']);
    expect(r.diagnostics.find((d) => d.code === 'DML2002')!.hint).toContain('nrow');
  });

  it('puts parse diagnostics first', () => {
    const r = compileSource('x = undefinedVar\ny = (1 + \n', 'main.dml');
    expect(r.diagnostics[0]!.code.startsWith('DML1')).toBe(true);
  });

  it('substitutes $args with typed literals', () => {
    const r = compileSource('a = $1\nb = $rate\nc = $flag\nd = $name\ne = ifdef($k, 7)\n', 'main.dml', {
      args: new Map([['1', '42'], ['rate', '0.5'], ['flag', 'TRUE'], ['name', 'x.csv']]),
    });
    expect(r.diagnostics).toEqual([]);
    const kinds = r.main.map((s) => (s as Extract<Statement, { kind: 'assign' }>).value.kind);
    expect(kinds).toEqual(['int', 'double', 'boolean', 'string', 'int']);
  });

  it('follows source() through real files, with per-file namespaces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-src-'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'util.dml'), [
      'source("math.dml") as m',
      'double2 = function(Double a) return (Double b) { b = m::times(a, 2) }',
    ].join('\n'));
    writeFileSync(join(dir, 'lib', 'math.dml'), 'times = function(Double a, Double k) return (Double c) { c = a * k }\n');
    const r = compileSource('source("lib/util.dml") as u\nx = u::double2(3)\ny = u::tripl(1)\n', join(dir, 'main.dml'), { cwd: dir });
    expect(r.diagnostics.map(where)).toEqual(['DML2002@3:5']);
    expect([...r.functions.keys()].sort()).toEqual(['m::times', 'u::double2']);
    expect(r.sources.has(join(dir, 'lib', 'util.dml'))).toBe(true);
  });

  it('resolves stdlib functions from a stdlib directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-stdlib-'));
    writeFileSync(join(dir, 'addOne.dml'), 'addOne = function(Matrix[Double] X) return (Matrix[Double] Y) { Y = X + 1 }\n');
    const r = compileSource('Z = addOne(matrix(0, 2, 2))\nprint(sum(Z))\n', 'main.dml', { stdlibDir: dir });
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.get('addOne')!.origin).toBe('stdlib');
  });

  it('parfor options: enum words are not variables, expressions are analyzed', () => {
    const r = compileSource('X = matrix(0, 4, 2)\nparfor (i in 1:4, check=0, mode=LOCAL, par=nrow(X)) {\n  X[i, 1] = i\n}\n', 'main.dml');
    expect(r.diagnostics).toEqual([]);
    expect([...r.calls.keys()].map((c) => c.name).sort()).toEqual(['matrix', 'nrow']);
  });

  it('reports stop() inside parfor and a matrix if predicate', () => {
    const r = compileSource('X = matrix(0, 2, 2)\nif (X) { print("m") }\nparfor (i in 1:2) {\n  stop("no")\n}\n', 'main.dml');
    expect(r.diagnostics.map(where)).toEqual(['DML3001@2:5', 'DML3006@4:3']);
  });
});
