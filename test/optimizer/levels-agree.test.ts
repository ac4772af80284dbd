/** Rewrites never change results: the same scripts print the same at optLevel 0 and 2. */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/api/run.js';

function printed(text: string, optLevel: 0 | 2): string[] {
  const out: string[] = [];
  runScript({ text, optLevel, print: (l) => out.push(l), seed: 11 });
  return out;
}

const SCRIPTS: Record<string, string> = {
  arithmetic: 'a = 7\nb = 2\nprint(a / b)\nprint(a %/% b)\nprint(-a %% b)\nprint(2 ^ 10)\nprint(1 + 2 * 3 - 4)\nprint("x" + 1.5 + TRUE)\nprint(1 / 0)\nprint(-1 / 0)',
  comparisons: 'print(1 < 2)\nprint(2 == 2.0)\nprint(!(3 > 4) & TRUE)\nprint("a" + (1 != 1))',
  cse: 'X = matrix(seq(1, 6), rows=2, cols=3)\ns1 = sum(X * 2)\ns2 = sum(X * 2)\nprint(s1 + s2)\nprint(nrow(X) * ncol(X))',
  branches: 'x = 1\nif (FALSE) { x = 2 } else { x = 3 }\nif (2 > 1) { x = x + 10 }\nprint(x)',
  loops: 's = 0\nfor (i in 1:5) { s = s + i * 2 }\nk = 0\nwhile (k < 4) { k = k + 1 }\nfor (j in seq(5, 1, -2)) { s = s - j }\nprint(s + k)',
  swap: 'a = 1\nb = 2\nfor (i in 1:3) { t = a; a = b; b = t }\nprint(a + " " + b)',
  functions: 'f = function(Double x, Double y = 1 + 1) return (Double s, Double p) { s = x + y; p = x * y }\n[u, v] = f(3)\nw = f(2, y=5)\nprint(u + " " + v + " " + w)',
  indexing: 'X = matrix(0, rows=3, cols=3)\nfor (i in 1:3) { X[i, i] = i }\nX[1, ] = X[3, ] + 1\nprint(sum(X))\nprint(as.scalar(X[1, 3]))',
  // Rewrites (docs/optimizer.md): fused ops, tsmm, mmchain (also with sizes unknown in loops).
  rewrites:
    'X = rand(rows=30, cols=6, seed=1)\nY = rand(rows=30, cols=6, seed=2)\nv = rand(rows=6, cols=1, seed=3)\nw = rand(rows=30, cols=1, seed=4)\n' +
    'print(sum(X * Y * 3))\nprint(toString(rowSums(X ^ 2)))\nprint(toString(colSums(X * log(Y + 1) - Y)))\n' +
    'print(toString(t(X) %*% X))\nprint(toString(X %*% t(X)))\nprint(toString(t(X) %*% (w * (X %*% v))))\n' +
    'print(sum(w ^ 2))\nprint(sum(X ^ 2))\nprint(trace(t(X) %*% Y))\nprint(toString(colSums(X * w)))\nprint(toString(1 / (1 + exp(-X))))',
  // Narrow fused programs run as one flat row; their sums use the unfused sum's kernel.
  'narrow-fused':
    'a = rand(rows=5000, cols=1, min=-1, max=1, seed=1)\nb = rand(rows=5000, cols=1, seed=2)\nM = rand(rows=700, cols=3, seed=3)\n' +
    'print(sum(a * b * (a > 0.3)))\nprint(sum(M * M + 1))\nr = (1 - a * b) * (a < 0)\nprint(sum(r))\nprint(toString(r[4990:5000, ]))',
  'loop-mmchain':
    'X = rand(rows=20, cols=4, seed=1)\np = rand(rows=4, cols=1, seed=2)\nP = rand(rows=4, cols=3, seed=5)\n' +
    'for (i in 1:3) { q = t(X) %*% (X %*% p); p = q / sum(q); Q = t(X) %*% (X %*% P); P = Q / sum(Q) }\nprint(toString(p))\nprint(toString(P))',
  // A loop body recompiled with a known-empty input must not reuse that plan once it is non-empty.
  'empty-then-filled':
    'n = as.integer(sum(seq(1, 4)))\nX = rand(rows=n, cols=3, seed=1)\nw = matrix(0, rows=3, cols=1)\n' +
    'for (i in 1:3) { s = sum(X %*% w) + sum(w * w); w = w + 1; print(s) }',
  // `+ 0` on a string is concatenation, not a no-op (the sum is known to be 0 after recompilation).
  'string-plus-known-zero':
    'k = 1\nif (k == 2) { Z = matrix(1, rows=3, cols=1) } else { Z = matrix(0, rows=3, cols=1) }\nprint("k=" + k + " s=" + sum(Z))',
  // Inter-procedural analysis (docs/optimizer.md): inlined functions, constants into functions.
  'inline-defaults-named':
    'f = function(Matrix[Double] X, Double a = 2, Integer k = 3) return (Matrix[Double] Y) { Y = t(X) %*% X * a + k }\n' +
    'A = matrix(seq(1, 6), rows=3, cols=2)\nprint(toString(f(A)))\nprint(toString(f(A, k=1)))\nprint(toString(f(k=2, X=A, a=0.5)))\nprint(sum(f(A) - f(A, 2, 3)))',
  'inline-multi-output':
    'g = function(Matrix[Double] X, Integer n) return (Matrix[Double] S, Double m, Integer c) { S = X + n; m = mean(S); c = ncol(X) * n }\n' +
    'A = matrix(seq(1, 6), rows=2, cols=3)\n[B, mu, cnt] = g(A, 2)\nprint(toString(B))\nprint(mu + " " + cnt)\n[C, nu] = g(B, 1)\nprint(sum(C) + " " + nu)',
  'recursion-not-inlined':
    'fact = function(Integer n) return (Integer r) { if (n <= 1) { r = 1 } else { r = n * fact(n - 1) } }\n' +
    'sq = function(Double x) return (Double y) { y = x * x }\nprint(fact(6))\nprint(sq(fact(3)))',
  'parameter-shadows-caller':
    'h = function(Matrix[Double] X, Double y) return (Matrix[Double] Z) { t = X * y; X = t + 1; Z = X / y }\n' +
    'X = matrix(2, rows=2, cols=2)\ny = 4\nt = 10\nZ = h(X * 3, y - 2)\nprint(sum(X) + " " + y + " " + t + " " + sum(Z))\n' +
    'X = h(X, y)\nprint(sum(X))',
  'eval-called':
    'f = function(Matrix[Double] X, Double s) return (Matrix[Double] Y) { Y = X * s + 1 }\n' +
    'A = matrix(seq(1, 4), rows=2, cols=2)\nprint(sum(eval("f", A, 3)))\nprint(sum(f(A, 3)))\nprint(sum(eval("f", list(A, 2))))',
  'inline-in-predicates':
    'lt = function(Double a, Double b) return (Boolean r) { r = a < b }\nsq = function(Integer n) return (Integer m) { m = n * n }\n' +
    'i = 0\nwhile (lt(i, 5)) { i = i + 1 }\ns = 0\nfor (j in 1:sq(3)) { s = s + j }\nif (lt(s, 50)) { print("small " + s) } else { print("big " + s) }\nprint(i)',
  'constants-into-functions':
    'p = function(Matrix[Double] X, Integer mode) return (Matrix[Double] Y) { if (mode == 1) { Y = X + 1 } else { Y = X * 2 }\n print("mode " + mode) }\n' +
    'A = matrix(seq(1, 4), rows=2, cols=2)\nB = p(A, 1)\nC = p(A + 1, 1)\nprint(sum(B) + sum(C))\n' +
    'B2 = lm(X=rand(rows=10, cols=2, seed=3), y=rand(rows=10, cols=1, seed=4), icpt=1, verbose=FALSE)\nprint(toString(B2))',
};

describe('optLevel 0 and 2 agree', () => {
  for (const [name, text] of Object.entries(SCRIPTS)) {
    it(name, () => {
      const o2 = printed(text, 2);
      expect(o2.length).toBeGreaterThan(0);
      expect(printed(text, 0)).toEqual(o2);
    });
  }
});
