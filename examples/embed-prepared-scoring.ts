/**
 * A prepared scoring script called in a loop: compiled once with declared inputs and outputs,
 * then executed for each incoming 1x10 feature row (SystemDS JMLC style). The script's
 * `read($X)` / `write(p, $p)` are replaced by in-memory bindings, so the same script also runs
 * from the command line on files.
 *
 * Run by test/examples/api-examples.test.ts (vitest transpiles it). It imports the package by
 * its name, 'tessera', exactly as an application does (the built dist/, through package.json's
 * exports).
 */
import { Session } from 'tessera';

/** Logistic scoring of one row: p = sigmoid(X %*% w + b). */
export const SCORING_SCRIPT = `
X = read($X)
w = read($w)
b = read($b, data_type="scalar", value_type="double")
p = 1 / (1 + exp(-(X %*% w + b)))
write(p, $p)
`;

/** Scores `rows` random rows; returns the scores and the mean time per call in milliseconds. */
export function scoreMany(rows = 1000): { scores: Float64Array; perCallMs: number } {
  const session = new Session();
  const scorer = session.prepare(SCORING_SCRIPT, { inputs: ['X', 'w', 'b'], outputs: ['p'] });
  const w = {
    data: Float64Array.from({ length: 10 }, (_, j) => (j % 2 === 0 ? 0.5 : -0.25)),
    rows: 10,
    cols: 1,
  };
  const scores = new Float64Array(rows);
  const X = { data: new Float64Array(10), rows: 1, cols: 10 };
  const t0 = performance.now();
  for (let i = 0; i < rows; i++) {
    // A new input each call (the data array is bound, not copied: fill a fresh one per call).
    const row = { ...X, data: Float64Array.from({ length: 10 }, (_, j) => ((i + j) % 7) / 7) };
    scores[i] = scorer.execute({ X: row, w, b: 0.1 }).number('p');
  }
  return { scores, perCallMs: (performance.now() - t0) / rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { scores, perCallMs } = scoreMany();
  console.log(`first scores: ${Array.from(scores.slice(0, 5), (s) => s.toFixed(4)).join(' ')}`);
  console.log(`${(perCallMs * 1000).toFixed(1)} us per prepared execution`);
}
