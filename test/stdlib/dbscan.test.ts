import { describe, expect, it } from 'vitest';
import { readRef, runStdlib } from './helpers.js';

const col = (m: number[][]): number[] => m.map((r) => r[0]!);

/**
 * Expects two labelings to be the same partition with the same noise points (label 0 in both):
 * every non-zero label maps to exactly one label on the other side.
 */
function expectSameClusters(got: readonly number[], want: readonly number[]): void {
  expect(got.length).toBe(want.length);
  const fwd = new Map<number, number>();
  const back = new Map<number, number>();
  got.forEach((g, i) => {
    const w = want[i]!;
    expect(g === 0, `point ${i + 1} noise`).toBe(w === 0);
    if (g === 0) return;
    expect(fwd.get(g) ?? w, `point ${i + 1}: cluster ${g} maps to one R cluster`).toBe(w);
    expect(back.get(w) ?? g, `point ${i + 1}: R cluster ${w} maps to one cluster`).toBe(g);
    fwd.set(g, w);
    back.set(w, g);
  });
}

describe('dbscan', () => {
  it('finds the textbook DBSCAN clusters and noise (R reference) on separated blobs', () => {
    const r = runStdlib(`
      X = read("dbscan_blobs/X.csv", format="csv")
      [clusterMembers, clusterModel] = dbscan(X=X, eps=0.5, minPts=5)
      nm = nrow(clusterModel)
    `);
    const want = col(readRef('dbscan_blobs', 'labels.csv'));
    const got = col(r.matrix('clusterMembers'));
    expectSameClusters(got, want);
    // SystemDS labels a cluster by its largest member row number
    expect([...new Set(got)].sort((a, b) => a - b)).toEqual([0, 30, 60, 85]);
    expect(r.scalar('nm')).toBe(want.filter((v) => v !== 0).length);
  });

  it('matches R with border points and noise (border joins its lowest-numbered core neighbour)', () => {
    const r = runStdlib(`
      X = read("dbscan_mixed/X.csv", format="csv")
      [clusterMembers, clusterModel] = dbscan(X=X, eps=0.3, minPts=6)
    `);
    expectSameClusters(col(r.matrix('clusterMembers')), col(readRef('dbscan_mixed', 'labels.csv')));
  });

  it('gives all-noise and an empty model when no point is dense enough', () => {
    const r = runStdlib(`
      X = matrix("0 0 5 5 10 10", rows=3, cols=2)
      [M, Model] = dbscan(X=X, eps=1, minPts=2)
      s = sum(M)
      nm = nrow(Model)
    `);
    expect(r.scalar('s')).toBe(0);
    expect(r.scalar('nm')).toBe(0);
  });

  it('rejects a negative eps', () => {
    expect(() => runStdlib('[M, Model] = dbscan(X=matrix(1, 3, 2), eps=-1)')).toThrow(
      /eps must not be negative/,
    );
  });
});
