import { describe, expect, it } from 'vitest';
import { fit, makeData } from '../../examples/embed-linear-regression.js';
import { scoreMany } from '../../examples/embed-prepared-scoring.js';

describe('examples/ (TypeScript programs using the API)', () => {
  it('embed-linear-regression: Arrow table in, coefficients back as an Arrow table', () => {
    const { coefficients, r2 } = fit(makeData());
    expect(coefficients.numRows).toBe(4);
    const est = Array.from(coefficients.getChild('estimate')!.toArray() as Float64Array);
    const truth = [2, -3, 0.5, 4];
    est.forEach((v, i) => expect(v).toBeCloseTo(truth[i]!, 2));
    expect(r2).toBeGreaterThan(0.9999);
  });
  it('embed-prepared-scoring: 1,000 executions of a prepared script', () => {
    const { scores, perCallMs } = scoreMany(1000);
    expect(scores.length).toBe(1000);
    // Row 0 is (j % 7) / 7 for j = 0..9, so the score is checkable by hand.
    let z = 0.1;
    for (let j = 0; j < 10; j++) z += ((j % 7) / 7) * (j % 2 === 0 ? 0.5 : -0.25);
    expect(scores[0]).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
    console.log(`embed-prepared-scoring: ${(perCallMs * 1000).toFixed(1)} us per call`);
    expect(perCallMs).toBeLessThan(5);
  });
});
