import { describe, expect, it } from 'vitest';
import { DmlRunError } from '../../../src/api/run.js';
import { printed, runDml } from '../../helpers/run.js';

describe('control flow', () => {
  it('runs if/else, else-if chains and while loops', () => {
    expect(
      printed(`
        x = 5
        if (x > 3) { print("big") } else { print("small") }
        if (x < 0) print("neg") else if (x == 5) print("five") else print("other")
        i = 0
        while (i < 3) { i = i + 1 }
        print(i)`),
    ).toEqual(['big', 'five', '3']);
  });

  it('counts for loops up, down and by seq increments; bounds are evaluated once', () => {
    expect(printed('s = ""; for (i in 1:4) s = s + i; print(s)')).toEqual(['1234']);
    expect(printed('s = ""; for (i in 4:1) s = s + i; print(s)')).toEqual(['4321']);
    expect(printed('s = 0; for (i in seq(0, 1, 0.25)) s = s + i; print(s)')).toEqual(['2.5']);
    expect(printed('n = 3; c = 0; for (i in 1:n) { n = 10; c = c + 1 }; print(c)')).toEqual(['3']);
  });

  it('rejects a seq increment of the wrong sign', () => {
    expect(() => printed('for (i in seq(1, 5, -1)) print(i)')).toThrow(DmlRunError);
  });
});

describe('functions', () => {
  it('supports defaults, named arguments, several outputs and recursion', () => {
    expect(
      printed(`
        f = function(Double a, Double b = 10) return (Double s, Double d) { s = a + b; d = a - b }
        fib = function(Integer n) return (Integer r) {
          if (n <= 1) { r = n } else { r = fib(n - 1) + fib(n - 2) }
        }
        [s, d] = f(1)
        print(s + " " + d)
        [s, d] = f(b=2, a=5)
        print(s + " " + d)
        print(fib(15))`),
    ).toEqual(['11.0 -9.0', '7.0 3.0', '610']);
  });

  it('passes matrices by value', () => {
    expect(
      printed(`
        g = function(Matrix[Double] X) return (Matrix[Double] Y) { X[1, 1] = 100; Y = X }
        A = matrix(1, rows=2, cols=2)
        B = g(A)
        print(as.scalar(A[1, 1]) + " " + as.scalar(B[1, 1]))`),
    ).toEqual(['1.0 100.0']);
  });

  it('calls functions by name with eval', () => {
    expect(printed('h = function(Double x) return (Double y) { y = 2 * x }\nprint(eval("h", 21))')).toEqual(['42.0']);
  });
});

describe('lists', () => {
  it('builds, indexes, appends and removes', () => {
    expect(
      printed(`
        L = list(a=1, b="two", c=matrix(3, rows=1, cols=1))
        print(as.scalar(L["b"]))
        print(length(L))
        L = append(L, 4)
        print(length(L))
        [L2, x] = remove(L, 1)
        print(as.scalar(x) + " " + length(L2))
        M = list(5, 6, 7)
        M[2] = 60
        print(as.scalar(M[2]))
        print(sum(as.matrix(M)))`),
    ).toEqual(['two', '3', '4', '1 3', '60', '72.0']);
  });
});

describe('indexing', () => {
  it('reads and writes cells, rows, columns and ranges', () => {
    expect(
      printed(`
        X = matrix(seq(1, 12), rows=3, cols=4)
        print(as.scalar(X[2, 3]))
        print(sum(X[2, ]))
        print(sum(X[, 4]))
        print(sum(X[2:3, 1:2]))
        X[1, ] = matrix(0, rows=1, cols=4)
        X[3, 4] = -1
        print(sum(X))`),
    ).toEqual(['7.0', '26.0', '24.0', '30.0', '55.0']);
  });

  it('reports out-of-bounds indexing at the expression', () => {
    try {
      printed('X = matrix(1, rows=2, cols=2)\ny = X[3, 1]');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DmlRunError);
      const d = (e as DmlRunError).diagnostics[0]!;
      expect(d.code).toBe('DML5001');
      expect(d.span?.line).toBe(2);
    }
  });
});

describe('parfor', () => {
  it('merges results written by left indexing', () => {
    expect(
      printed(`
        R = matrix(0, rows=5, cols=1)
        parfor (i in 1:5) { R[i, 1] = i * i }
        print(sum(R))`),
    ).toEqual(['55.0']);
  });
});

describe('exists', () => {
  it('tells whether a variable is defined', () => {
    expect(printed('x = 1\nif (TRUE) { y = exists(x) }\nprint(y)\nprint(exists("nope"))')).toEqual(['TRUE', 'FALSE']);
  });
});

describe('variables after a run', () => {
  it('returns the final globals', () => {
    const { result } = runDml('x = 3; y = x * 2');
    expect(result.variables.get('y')).toEqual({ dt: 'scalar', vt: 'int', value: 6 });
  });
});
