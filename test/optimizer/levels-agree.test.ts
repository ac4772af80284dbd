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
