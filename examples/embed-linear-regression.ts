/**
 * Linear regression on an Apache Arrow table from TypeScript: the features and the label go in
 * as Arrow columns, a DML script solves the (ridge-regularised) normal equations, and the
 * coefficients come back as an Arrow table.
 *
 * Run by test/examples/api-examples.test.ts (vitest transpiles it). It imports the package by
 * its name, 'tessera', exactly as an application does (the built dist/, through package.json's
 * exports).
 */
import { Float64, makeVector, Table } from 'apache-arrow';
import { Session } from 'tessera';

/** lm by normal equations, written inline (no stdlib needed): B = (X'X + lambda*I) \ X'y, intercept last. */
export const LM_SCRIPT = `
X = read($X)
y = read($y)
lambda = ifdef($lambda, 0.000001)
n = nrow(X)
X1 = cbind(X, matrix(1, rows=n, cols=1))
A = t(X1) %*% X1 + diag(matrix(lambda, rows=ncol(X1), cols=1))
b = t(X1) %*% y
B = solve(A, b)
R2 = 1 - sum((y - X1 %*% B)^2) / sum((y - mean(y))^2)
write(B, $B)
`;

/** A synthetic data set: y = 2*x1 - 3*x2 + 0.5*x3 + 4 + small noise. */
export function makeData(n = 500, seed = 1): Table {
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const x3 = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x1[i] = rnd() * 10;
    x2[i] = rnd() * 5;
    x3[i] = rnd() - 0.5;
    y[i] = 2 * x1[i]! - 3 * x2[i]! + 0.5 * x3[i]! + 4 + (rnd() - 0.5) * 0.01;
  }
  return new Table({ x1: makeVector(x1), x2: makeVector(x2), x3: makeVector(x3), y: makeVector(y) });
}

/** Fits the model; returns the coefficients (x1, x2, x3, intercept) as an Arrow table and R². */
export function fit(data: Table): { coefficients: Table; r2: number } {
  const session = new Session();
  const result = session.run(LM_SCRIPT, {
    inputs: {
      X: data.select(['x1', 'x2', 'x3']), // three Float64 columns -> a 500x3 matrix
      y: data.select(['y']), // one Float64 column -> a 500x1 matrix, not copied
    },
    outputs: ['B', 'R2'],
  });
  const B = result.matrix('B');
  const coefficients = new Table({
    term: makeVector(Float64Array.from([1, 2, 3, 0])), // 0 = intercept
    estimate: makeVector(new Float64Array(B.data)),
  });
  // The same table straight from the result: one Float64 column named as asked.
  const direct = result.toArrow('B', ['estimate']);
  if (direct.getChild('estimate')!.type.toString() !== new Float64().toString())
    throw new Error('unexpected type');
  return { coefficients, r2: result.number('R2') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { coefficients, r2 } = fit(makeData());
  console.log(coefficients.toString());
  console.log(`R^2 = ${r2.toFixed(6)}`);
}
