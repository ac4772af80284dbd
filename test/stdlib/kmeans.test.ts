import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocHeader } from '../../src/language/stdlib-docs.js';
import { readRef, runStdlib } from './helpers.js';

const stdlibDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../stdlib');

/**
 * Points whose label disagrees with R's after matching each of our clusters to the R cluster it
 * shares most points with (the contingency table's row maxima); 0 when the partitions are equal up
 * to a permutation of labels.
 */
function mismatches(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  const t = new Map<number, Map<number, number>>();
  a.forEach((x, i) => {
    const row = t.get(x) ?? new Map<number, number>();
    row.set(b[i]!, (row.get(b[i]!) ?? 0) + 1);
    t.set(x, row);
  });
  const matched = [...t.values()].map((row) => [...row.entries()].reduce((m, e) => (e[1] > m[1] ? e : m)));
  // the matching must be one-to-one, else it is not a permutation
  expect(new Set(matched.map((e) => e[0])).size).toBe(matched.length);
  return a.length - matched.reduce((s, e) => s + e[1], 0);
}

const col = (m: number[][]): number[] => m.map((r) => r[0]!);

describe('kmeans', () => {
  it("finds R's partition exactly when it reaches R's optimum (seed 3)", () => {
    const r = runStdlib(`
      X = read("kmeans_blobs/X.csv", format="csv")
      [C, Y] = kmeans(X=X, k=4, seed=3)
    `);
    expect(mismatches(col(r.matrix('Y')), col(readRef('kmeans_blobs', 'Y.csv')))).toBe(0);
  });

  it("reaches R's kmeans objective (best of 50 starts) within 1% and the same partition", () => {
    const r = runStdlib(`
      X = read("kmeans_blobs/X.csv", format="csv")
      [C, Y] = kmeans(X=X, k=4, runs=10, seed=11)
      D = -2 * (X %*% t(C)) + t(rowSums(C ^ 2))
      wcss = sum(X ^ 2) + sum(rowMins(D))
    `);
    const target = readRef('kmeans_blobs', 'wcss.csv')[0]![0]!;
    const wcss = r.scalar('wcss') as number;
    // the done-when target: within 1% of R's objective (never meaningfully below a local optimum R found with 50 starts)
    expect(wcss).toBeLessThanOrEqual(target * 1.01);
    expect(wcss).toBeGreaterThanOrEqual(target * (1 - 1e-9));
    // Lloyd's iterations stop at SystemDS's relative-WCSS rule and may settle one point away from
    // R's Hartigan-Wong optimum on these overlapping blobs: allow at most 1% of the points to differ.
    expect(mismatches(col(r.matrix('Y')), col(readRef('kmeans_blobs', 'Y.csv')))).toBeLessThanOrEqual(2);
    expect(r.matrix('C')).toHaveLength(4);
  });

  it("reaches R's objective within 1% on 8 unequal clusters in 6 dimensions (random seeds)", () => {
    const r = runStdlib(`
      X = read("kmeans_eight/X.csv", format="csv")
      w = matrix(0, 3, 1)
      for (i in 1:3) {
        [C, Y] = kmeans(X=X, k=8)
        D = -2 * (X %*% t(C)) + t(rowSums(C ^ 2))
        w[i, 1] = sum(X ^ 2) + sum(rowMins(D))
      }
    `);
    const target = readRef('kmeans_eight', 'wcss.csv')[0]![0]!;
    // each call (default 10 runs, seed -1) must land within 1% of R's best of 100 Hartigan-Wong starts
    for (const [w] of r.matrix('w')) {
      expect(w!).toBeLessThanOrEqual(target * 1.01);
      expect(w!).toBeGreaterThanOrEqual(target * (1 - 1e-9));
    }
  });

  it('is reproducible for a fixed seed and works with default arguments', () => {
    const r = runStdlib(`
      X = read("kmeans_blobs/X.csv", format="csv")
      [C1, Y1] = kmeans(X=X, k=3, seed=5)
      [C2, Y2] = kmeans(X=X, k=3, seed=5)
      same = sum(abs(C1 - C2)) == 0 & sum(Y1 != Y2) == 0
      [C3, Y3] = kmeans(X=X, k=2)
      k3 = max(Y3)
    `);
    expect(r.scalar('same')).toBe(true);
    expect(r.scalar('k3')).toBe(2);
  });

  it('rejects k larger than the number of rows with a clear message', () => {
    expect(() => runStdlib('X = matrix(1, 3, 2); [C, Y] = kmeans(X=X, k=5)')).toThrow(
      /k \(5\) exceeds the number of records \(3\)/,
    );
  });
});

describe('kmeansPredict', () => {
  it("assigns new points to R's centroids like R's nearest-centre rule", () => {
    const r = runStdlib(`
      C = read("kmeans_blobs/C.csv", format="csv")
      Y = kmeansPredict(X=read("kmeans_blobs/Xnew.csv", format="csv"), C=C)
    `);
    expect(col(r.matrix('Y'))).toEqual(col(readRef('kmeans_blobs', 'Ynew.csv')));
  });

  it('rejects mismatched columns', () => {
    expect(() => runStdlib('Y = kmeansPredict(X=matrix(1, 3, 2), C=matrix(1, 2, 3))')).toThrow(
      /X has 2 columns but the centroids C have 3/,
    );
  });
});

describe('doc headers of the clustering and factorisation family', () => {
  const files = [
    'kmeans',
    'kmeansPredict',
    'gmm',
    'gmmPredict',
    'dbscan',
    'pca',
    'pcaTransform',
    'pcaInverse',
    'als',
    'alsDS',
    'alsCG',
    'alsPredict',
  ];
  it.each(files)('%s: the header parses and lists the signature (names, order, defaults)', (name) => {
    const text = readFileSync(resolve(stdlibDir, `${name}.dml`), 'utf8');
    const doc = parseDocHeader(text, `stdlib/${name}.dml`);
    expect(doc.name).toBe(name);
    const sig = new RegExp(`^${name} = function\\(([^{]*?)\\)\\s*return \\(([^{]*?)\\)`, 'm').exec(text);
    expect(sig, 'function definition').not.toBeNull();
    const params = splitTop(sig![1]!).map((p) => {
      const m = /^\s*\S+\s+(\w+)\s*(?:=\s*([\s\S]+))?$/.exec(p)!;
      return [m[1], m[2] === undefined ? 'required' : m[2].replace(/\s+/g, '')];
    });
    expect(doc.inputs.map((p) => [p.name, p.default])).toEqual(params);
    const outs = splitTop(sig![2]!).map((p) => /(\w+)\s*$/.exec(p)![1]);
    expect(doc.outputs.map((p) => p.name)).toEqual(outs);
  });
});

/** Splits a parameter list at top-level commas (defaults like matrix(0, rows=0, cols=0) contain commas). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur);
  return out;
}
