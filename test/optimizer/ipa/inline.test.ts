import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/api/run.js';
import type { Hop } from '../../../src/optimizer/hop.js';
import type { CompiledProgram } from '../../../src/optimizer/index.js';
import type { ProgramBlock } from '../../../src/optimizer/plan.js';
import { compile, hopsText, runtimeText } from '../helpers.js';

/** Every HOP of the main program's basic blocks and computations. */
function mainHops(c: CompiledProgram): Hop[] {
  const out: Hop[] = [];
  const seen = new Set<Hop>();
  const visit = (h: Hop): void => {
    if (seen.has(h)) return;
    seen.add(h);
    h.inputs.forEach(visit);
    out.push(h);
  };
  const blocks = (bs: readonly ProgramBlock[]): void => {
    for (const b of bs) {
      if (b.kind === 'basic') b.hops?.roots.forEach(visit);
      else if (b.kind === 'if') {
        c.computationHops.get(b.predicate)?.forEach(visit);
        blocks(b.then);
        blocks(b.else);
      } else blocks(b.body);
    }
  };
  blocks(c.runtime.main);
  return out;
}

const fcalls = (c: CompiledProgram): string[] =>
  mainHops(c)
    .filter((h) => h.kind === 'fcall')
    .map((h) => h.fn!);

function printed(text: string, optLevel: 0 | 2 = 2): string[] {
  const out: string[] = [];
  runScript({ text, optLevel, print: (l) => out.push(l) });
  return out;
}

const TSMM = 'f = function(Matrix[Double] X) return (Matrix[Double] Y) { Y = t(X) %*% X }\n';

describe('inlining of small single-block functions', () => {
  it('splices a one-line function into the caller: tsmm in main, no call, function dropped', () => {
    const c = compile(TSMM + 'A = rand(rows=100, cols=10, seed=1)\nB = f(A)\nprint(sum(B))');
    expect(fcalls(c)).toEqual([]);
    expect(mainHops(c).some((h) => h.op === 'tsmm')).toBe(true);
    expect(mainHops(c).some((h) => h.op === 't')).toBe(false);
    expect(c.runtime.functions.has('f')).toBe(false);
    expect(c.rewritesFired).toContain('inline-functions');
    // The output's size is known in the caller: no split after the call.
    expect(c.runtime.main.filter((b) => b.kind === 'basic')).toHaveLength(1);
  });

  it('binds defaults and named arguments as the call boundary does', () => {
    const text =
      'f = function(Matrix[Double] X, Double a = 2, Integer k = 3) return (Matrix[Double] Y) { Y = X * a + k }\n' +
      'A = matrix(1, rows=2, cols=2)\nprint(sum(f(A)))\nprint(sum(f(k=1, X=A)))\nprint(sum(f(A, 0.5, k=0)))';
    expect(fcalls(compile(text))).toEqual([]);
    expect(printed(text)).toEqual(['20.0', '12.0', '2.0']);
  });

  it('binds the outputs of a multi-assignment to its targets', () => {
    const text =
      'g = function(Matrix[Double] X) return (Matrix[Double] S, Double m) { S = X + 1; m = sum(S) }\n' +
      'A = matrix(1, rows=2, cols=2)\n[B, s] = g(A)\nprint(sum(B) + " " + s)\n[C] = g(B)\nprint(sum(C))';
    expect(fcalls(compile(text))).toEqual([]);
    expect(printed(text)).toEqual(['8.0 8.0', '12.0']);
  });

  it('lets CSE merge the bodies of two identical calls', () => {
    const c = compile(
      'f = function(Matrix[Double] X) return (Double s) { s = sum(X %*% X) }\nA = rand(rows=5, cols=5, seed=1)\nprint(f(A) + f(A))',
    );
    expect(mainHops(c).filter((h) => h.op === '%*%')).toHaveLength(1);
  });

  it('inlines nested calls of inlinable functions', () => {
    const text =
      'sq = function(Double x) return (Double y) { y = x * x }\n' +
      'f = function(Double x) return (Double y) { y = sq(x) + sq(x + 1) }\nprint(f(2))';
    const c = compile(text);
    expect(fcalls(c)).toEqual([]);
    expect(c.runtime.functions.size).toBe(0);
    expect(printed(text)).toEqual(['13.0']);
  });

  it('keeps the function\u2019s own variables apart from the caller\u2019s', () => {
    const text =
      'h = function(Matrix[Double] X, Double y) return (Matrix[Double] Z) { t = X * y; X = t + 1; Z = X / y }\n' +
      'X = matrix(2, rows=1, cols=1)\ny = 4\nt = 10\nZ = h(X * 3, y - 2)\nprint(as.scalar(X) + " " + y + " " + t + " " + as.scalar(Z))';
    expect(fcalls(compile(text))).toEqual([]);
    expect(printed(text)).toEqual(['2.0 4 10 6.5']);
  });

  it('left indexing of a parameter changes a copy, never the caller\u2019s matrix', () => {
    const text =
      'f = function(Matrix[Double] X) return (Matrix[Double] Y) { Y = X; Y[1, 1] = 99; X[2, 2] = -1 }\n' +
      'A = matrix(1, rows=2, cols=2)\nB = f(A)\nprint(sum(A) + " " + sum(B))';
    expect(fcalls(compile(text))).toEqual([]);
    expect(printed(text)).toEqual(['4.0 102.0']);
    expect(printed(text, 0)).toEqual(['4.0 102.0']);
  });

  it('inlines calls in predicates and loop bounds', () => {
    const text =
      'lt = function(Double a, Double b) return (Boolean r) { r = a < b }\nsq = function(Integer n) return (Integer m) { m = n * n }\n' +
      'i = 0\nwhile (lt(i, 5)) { i = i + 1 }\ns = 0\nfor (j in 1:sq(3)) { s = s + j }\nprint(i + " " + s)';
    expect(runtimeText(text)).not.toMatch(/fcall|FUNCTION/);
    expect(printed(text)).toEqual(['5 45']);
  });

  it('widens an int argument to a Double parameter (as.double), as the call boundary does', () => {
    const text = 'f = function(Double a) return (Double b) { b = a }\nx = f(3)\nprint(x)';
    expect(fcalls(compile(text))).toEqual([]);
    expect(printed(text)).toEqual(['3.0']);
    // Not a literal: the widening runs as an as.double instruction.
    const run =
      'f = function(Double a) return (Double b) { b = a }\nn = as.integer(sum(rand(rows=3, cols=1, min=1, max=1)))\nprint(f(n))';
    expect(runtimeText(run)).toMatch(/as\.double/);
    expect(printed(run)).toEqual(['3.0']);
  });

  it('points runtime errors of inlined code at the function source', () => {
    const text =
      'f = function(Matrix[Double] A) return (Matrix[Double] C) {\n  C = A %*% A\n}\n' +
      'n = as.integer(sum(rand(rows=2, cols=1, min=1, max=1)))\nX = rand(rows=n, cols=3)\nprint(sum(f(X)))';
    expect(fcalls(compile(text))).toEqual([]);
    // Line 2, column 7: `A %*% A` in the function's body.
    expect(() => printed(text)).toThrow(/:2:7: error\[DML4001\]/);
  });
});

describe('calls that stay out of line', () => {
  const stays = (text: string, key: string): void => {
    const c = compile(text);
    expect(fcalls(c)).toContain(key);
    expect(c.runtime.functions.has(key)).toBe(true);
  };

  it('recursion', () => {
    stays(
      'fact = function(Integer n) return (Integer r) { if (n <= 1) { r = 1 } else { r = n * fact(n - 1) } }\nprint(fact(4))',
      'fact',
    );
    stays(
      'a = function(Integer n) return (Integer r) { r = b(n) }\nb = function(Integer n) return (Integer r) { r = a(n) }\nprint(a(1))',
      'a',
    );
  });

  it('control flow, side effects, randomness and order-dependent builtins', () => {
    stays(
      'f = function(Double x) return (Double y) { if (x > 0) { y = x } else { y = -x } }\nprint(f(2))',
      'f',
    );
    stays('f = function(Double x) return (Double y) { y = x\n print(y) }\nprint(f(2))', 'f');
    stays(
      'f = function(Double x) return (Matrix[Double] R) { R = rand(rows=2, cols=2) * x }\nprint(sum(f(2)))',
      'f',
    );
    stays('f = function(Double x) return (Double t) { t = time() + x }\nprint(f(2) > 0)', 'f');
    stays(
      'f = function(Matrix[Double] A) return (Matrix[Double] Q) { [Q, R] = qr(A) }\nprint(sum(f(diag(matrix(1, rows=2, cols=1)))))',
      'f',
    );
  });

  it('bodies larger than the limit', () => {
    const body = Array.from({ length: 11 }, (_, i) => `y = y + ${i}`).join('\n');
    stays(`f = function(Double x) return (Double y) {\ny = x\n${body}\n}\nprint(f(1))`, 'f');
  });

  it('arguments the call boundary would convert or reject, and unassigned outputs', () => {
    // An Integer parameter given a double: coerceToDeclared decides at run time.
    stays('f = function(Integer n) return (Integer m) { m = n + 1 }\nprint(f(2.0))', 'f');
    stays('f = function(Double x) return (Double y, Double z) { y = x }\n[a, b] = f(1)\nprint(a)', 'f');
  });

  it('at optlevel 0 and with the rule disabled', () => {
    const text = TSMM + 'A = rand(rows=10, cols=3, seed=1)\nprint(sum(f(A)))';
    expect(fcalls(compile(text, { optLevel: 0 }))).toEqual(['f']);
    expect(fcalls(compile(text, { disableRules: ['inline-functions'] }))).toEqual(['f']);
  });

  it('calls by name through eval (direct calls of the same function are inlined)', () => {
    const text =
      'f = function(Matrix[Double] X, Double s) return (Matrix[Double] Y) { Y = X * s }\n' +
      'A = matrix(1, rows=2, cols=2)\nprint(sum(eval("f", A, 3)))\nprint(sum(f(A, 2)))';
    const c = compile(text);
    expect(fcalls(c)).toEqual([]);
    expect(c.runtime.functions.has('f')).toBe(true);
    expect(printed(text)).toEqual(['12.0', '8.0']);
  });
});

describe('explain', () => {
  it('shows the inlined tsmm in the main program and no function', () => {
    const h = hopsText(TSMM + 'A = rand(rows=100, cols=10, seed=1)\nB = f(A)\nprint(sum(B))');
    expect(h).toMatch(/\btsmm\b/);
    expect(h).not.toMatch(/FUNCTION|FCall/);
  });
});
