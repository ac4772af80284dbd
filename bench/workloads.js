// The benchmark's workloads: each names the same computation three times, as DML (Tessera), NumPy
// and R. Every side runs `setup` once, then `op` REPEAT times in the same script or process and
// reports the best time; `use` (a scalar read from the op's result) is added to an accumulator
// after each timed region, so no side can drop or hoist the op as dead code. `info` (optional) reports
// the iterations a side actually ran: a NumPy/R expression printed after the loop, or for Tessera a
// function of the lines the script printed (the verbose stdlib calls' progress).
// Sizes and iteration counts are the same on every side; the data are the same shape and kind
// (uniform [0, 1) doubles, 1% sparse where sparse) but not the same values, except where a value
// changes the amount of work (multiLogReg's W).
import {
  numpyKmeans,
  numpyL2svm,
  numpyLmCG,
  numpyMultiLogReg,
  rKmeans,
  rL2svm,
  rLmCG,
  rMultiLogReg,
} from './ports.js';

/** Rows of the lm workloads (BENCH_LM_ROWS, default 1e6). */
export const LM_ROWS = Number(process.env.BENCH_LM_ROWS ?? 1e6);

// Fixed iteration counts of the end-to-end rows (printed in the row names).
const CG_ITERS = 20;
const SVM = { rows: 1e5, cols: 100, iters: 20, maxii: 20 };
const KM = { rows: 1e5, cols: 20, k: 10, iters: 20 };
const MLR = { rows: 1e5, cols: 50, classes: 5, maxi: 10, maxii: 20 };

// Progress lines of a verbose stdlib call: how many match, and the sum of a captured number.
const count = (lines, re) => lines.filter((l) => re.test(l)).length;
const sum = (lines, re) => lines.reduce((acc, l) => acc + Number(re.exec(l)?.[1] ?? 0), 0);

const exp = (n) => n.toExponential(0).replace('+', '');

function matmul(n) {
  return {
    name: `matmul ${n}`,
    tessera: {
      setup: `A = rand(rows=${n}, cols=${n}, seed=1); B = rand(rows=${n}, cols=${n}, seed=2)`,
      op: 'C = A %*% B',
      use: 'as.scalar(C[1, 1])',
    },
    numpy: {
      setup: `A = np.random.rand(${n}, ${n}); B = np.random.rand(${n}, ${n})`,
      op: 'C = A @ B',
      use: 'C[0, 0]',
    },
    r: {
      setup: `A <- matrix(runif(${n * n}), ${n}); B <- matrix(runif(${n * n}), ${n})`,
      op: 'C <- A %*% B',
      use: 'C[1, 1]',
    },
  };
}

function tsmm(rows, cols) {
  return {
    name: `tsmm ${exp(rows)}x${cols}`,
    tessera: {
      setup: `X = rand(rows=${rows}, cols=${cols}, seed=1)`,
      op: 'G = t(X) %*% X',
      use: 'as.scalar(G[1, 1])',
    },
    numpy: { setup: `X = np.random.rand(${rows}, ${cols})`, op: 'G = X.T @ X', use: 'G[0, 0]' },
    // crossprod is R's t(X) %*% X without the transpose copy (dsyrk), as NumPy and Tessera do.
    r: { setup: `X <- matrix(runif(${rows * cols}), ${rows})`, op: 'G <- crossprod(X)', use: 'G[1, 1]' },
  };
}

// Three 1e4 x 1e3 operands (1e7 cells each) for the element-wise rows.
const XYZ = {
  tessera:
    'X = rand(rows=10000, cols=1000, seed=1); Y = rand(rows=10000, cols=1000, seed=2); Z = rand(rows=10000, cols=1000, seed=3)',
  numpy: 'X = np.random.rand(10000, 1000); Y = np.random.rand(10000, 1000); Z = np.random.rand(10000, 1000)',
  r: 'X <- matrix(runif(1e7), 10000); Y <- matrix(runif(1e7), 10000); Z <- matrix(runif(1e7), 10000)',
};
const X1e4 = {
  tessera: 'X = rand(rows=10000, cols=1000, seed=1)',
  numpy: 'X = np.random.rand(10000, 1000)',
  r: 'X <- matrix(runif(1e7), 10000)',
};

export const workloads = [
  matmul(1000),
  matmul(2000),
  matmul(4000),
  tsmm(1e5, 100),
  tsmm(1e6, 10),
  {
    name: 'X*Y+Z 1e7',
    tessera: { setup: XYZ.tessera, op: 'R = X * Y + Z', use: 'as.scalar(R[1, 1])' },
    numpy: { setup: XYZ.numpy, op: 'R = X * Y + Z', use: 'R[0, 0]' },
    r: { setup: XYZ.r, op: 'R <- X * Y + Z', use: 'R[1, 1]' },
  },
  {
    // Tessera fuses this into one pass; NumPy and R materialise X*Y and then X*Y*Z.
    name: 'sum(X*Y*Z) 1e7',
    tessera: { setup: XYZ.tessera, op: 's = sum(X * Y * Z)', use: 's' },
    numpy: { setup: XYZ.numpy, op: 's = (X * Y * Z).sum()', use: 's' },
    r: { setup: XYZ.r, op: 's <- sum(X * Y * Z)', use: 's' },
  },
  // colSums/rowSums materialised and indexed: `sum(colSums(X))` is rewritten to `sum(X)` by the
  // optimizer (as in SystemDS), which would time a full sum instead of the row/column kernel.
  {
    name: 'colSums 1e4x1e3',
    tessera: { setup: X1e4.tessera, op: 'C = colSums(X)', use: 'as.scalar(C[1, 7])' },
    numpy: { setup: X1e4.numpy, op: 'C = X.sum(axis=0)', use: 'C[6]' },
    r: { setup: X1e4.r, op: 'C <- colSums(X)', use: 'C[7]' },
  },
  {
    name: 'rowSums 1e4x1e3',
    tessera: { setup: X1e4.tessera, op: 'R = rowSums(X)', use: 'as.scalar(R[7, 1])' },
    numpy: { setup: X1e4.numpy, op: 'R = X.sum(axis=1)', use: 'R[6]' },
    r: { setup: X1e4.r, op: 'R <- rowSums(X)', use: 'R[7]' },
  },
  {
    // Diagonally dominant so every side's LU is well conditioned.
    name: 'solve 1000',
    tessera: {
      setup:
        'A = rand(rows=1000, cols=1000, seed=1) + diag(matrix(1000, rows=1000, cols=1)); b = rand(rows=1000, cols=1, seed=2)',
      op: 'x = solve(A, b)',
      use: 'as.scalar(x[1, 1])',
    },
    numpy: {
      setup: 'A = np.random.rand(1000, 1000) + 1000 * np.eye(1000); b = np.random.rand(1000, 1)',
      op: 'x = np.linalg.solve(A, b)',
      use: 'x[0, 0]',
    },
    r: {
      setup: 'A <- matrix(runif(1e6), 1000) + diag(1000, 1000); b <- matrix(runif(1000), 1000)',
      op: 'x <- solve(A, b)',
      use: 'x[1, 1]',
    },
  },
  {
    // CSR (SciPy) and CSC (Matrix's dgCMatrix) hold the same 1e7 non-zeros; both sides multiply
    // sparse by dense without densifying.
    name: 'sparse 1e5x1e4 (1%) %*% 1e4x100',
    tessera: {
      setup:
        'S = rand(rows=100000, cols=10000, sparsity=0.01, seed=1); D = rand(rows=10000, cols=100, seed=2)',
      op: 'C = S %*% D',
      use: 'as.scalar(C[1, 1])',
    },
    numpy: {
      setup:
        'import scipy.sparse as sp\nS = sp.random(100000, 10000, density=0.01, format="csr", random_state=1); D = np.random.rand(10000, 100)',
      op: 'C = S @ D',
      use: 'C[0, 0]',
    },
    r: {
      setup:
        'suppressMessages(library(Matrix))\nS <- rsparsematrix(100000, 10000, density = 0.01, rand.x = runif); D <- matrix(runif(1e6), 10000)',
      op: 'C <- S %*% D',
      use: 'C[1, 1]',
    },
  },
  {
    name: `lm normal equations ${exp(LM_ROWS)}x100`,
    tessera: {
      setup: `X = rand(rows=${LM_ROWS}, cols=100, seed=1); y = rand(rows=${LM_ROWS}, cols=1, seed=2)`,
      op: 'B = solve(t(X) %*% X, t(X) %*% y)',
      use: 'as.scalar(B[1, 1])',
    },
    numpy: {
      setup: `X = np.random.rand(${LM_ROWS}, 100); y = np.random.rand(${LM_ROWS}, 1)`,
      op: 'B = np.linalg.solve(X.T @ X, X.T @ y)',
      use: 'B[0, 0]',
    },
    r: {
      setup: `X <- matrix(runif(${LM_ROWS * 100}), ${LM_ROWS}); y <- matrix(runif(${LM_ROWS}), ${LM_ROWS})`,
      op: 'B <- solve(crossprod(X), crossprod(X, y))',
      use: 'B[1, 1]',
    },
  },
  {
    // The stdlib's lmCG with tol=0 so all maxi iterations run; NumPy and R run the same CG by hand.
    name: `lm CG ${CG_ITERS} it ${exp(LM_ROWS)}x100`,
    tessera: {
      setup: `X = rand(rows=${LM_ROWS}, cols=100, seed=1); y = rand(rows=${LM_ROWS}, cols=1, seed=2)`,
      op: `B = lmCG(X=X, y=y, icpt=0, reg=1e-7, tol=0, maxi=${CG_ITERS}, verbose=FALSE)`,
      use: 'as.scalar(B[1, 1])',
    },
    numpy: {
      setup: `${numpyLmCG}\nX = np.random.rand(${LM_ROWS}, 100); y = np.random.rand(${LM_ROWS}, 1)`,
      op: `B = lmcg(X, y, 1e-7, ${CG_ITERS})`,
      use: 'B[0, 0]',
    },
    r: {
      setup: `${rLmCG}\nX <- matrix(runif(${LM_ROWS * 100}), ${LM_ROWS}); y <- matrix(runif(${LM_ROWS}), ${LM_ROWS})`,
      op: `B <- lmcg(X, y, 1e-7, ${CG_ITERS})`,
      use: 'B[1, 1]',
    },
  },
  {
    // Labels from a random hyperplane through the data's centre, so the problem is not trivial.
    // epsilon=0 fixes the work: all maxIterations outer steps, maxii Newton steps each.
    name: `l2svm ${exp(SVM.rows)}x${SVM.cols} ${SVM.iters}x${SVM.maxii} it`,
    tessera: {
      setup: `X = rand(rows=${SVM.rows}, cols=${SVM.cols}, seed=1); w0 = rand(rows=${SVM.cols}, cols=1, min=-1, max=1, seed=2)
Y = 2 * ((X - 0.5) %*% w0 > 0) - 1`,
      op: `w = l2svm(X=X, Y=Y, intercept=FALSE, epsilon=0, reg=1, maxIterations=${SVM.iters}, maxii=${SVM.maxii}, verbose=TRUE)`,
      use: 'as.scalar(w[1, 1])',
      info: (lines, repeat) => `${count(lines, /^l2svm iter /) / repeat} outer iterations`,
    },
    numpy: {
      setup: `${numpyL2svm}\nX = np.random.rand(${SVM.rows}, ${SVM.cols}); w0 = np.random.uniform(-1, 1, (${SVM.cols}, 1))
Y = 2.0 * ((X - 0.5) @ w0 > 0) - 1`,
      op: `w, iters = l2svm(X, Y, 1.0, ${SVM.iters}, ${SVM.maxii}, 0.0)`,
      use: 'w[0, 0]',
      info: 'f"{iters} outer iterations"',
    },
    r: {
      setup: `${rL2svm}\nX <- matrix(runif(${SVM.rows * SVM.cols}), ${SVM.rows}); w0 <- matrix(runif(${SVM.cols}, -1, 1))
Y <- 2 * ((X - 0.5) %*% w0 > 0) - 1`,
      op: `fit <- l2svm(X, Y, 1, ${SVM.iters}, ${SVM.maxii}, 0)`,
      use: 'fit$w[1, 1]',
      info: 'paste(fit$iter, "outer iterations")',
    },
  },
  {
    name: `kmeans ${exp(KM.rows)}x${KM.cols} k=${KM.k} ${KM.iters} it`,
    tessera: {
      setup: `X = rand(rows=${KM.rows}, cols=${KM.cols}, seed=1)`,
      op: `[C, Y] = kmeans(X=X, k=${KM.k}, runs=1, max_iter=${KM.iters}, eps=0, seed=7, is_verbose=TRUE)`,
      use: 'as.scalar(C[1, 1])',
      info: (lines) =>
        lines
          .find((l) => /^kmeans run 1: /.test(l))
          ?.replace(/^kmeans run 1: /, '')
          .replace(/, WCSS.*/, ''),
    },
    numpy: {
      setup: `${numpyKmeans}\nX = np.random.rand(${KM.rows}, ${KM.cols})`,
      op: `C, Y, wcss = kmeans(X, ${KM.k}, ${KM.iters})`,
      use: 'C[0, 0]',
      info: `"${KM.iters} iterations (a fixed loop)"`,
    },
    r: {
      setup: `${rKmeans}\nX <- matrix(runif(${KM.rows * KM.cols}), ${KM.rows})`,
      op: `km <- km_run(X, ${KM.k}, ${KM.iters})`,
      use: 'km$centers[1, 1]',
      // stats::kmeans's Lloyd reports iter.max + 1 when it ran all iter.max updates unconverged.
      info: `if (km$iter > ${KM.iters}) "all ${KM.iters} iterations" else paste("converged after", km$iter, "iterations")`,
    },
  },
  {
    // Labels 1..classes from a noisy linear model; tol=0 so only maxi (or a flat objective) ends the
    // trust-region Newton loop; maxii bounds the inner CG. The inner CG's step count depends on the
    // problem's conditioning, which a random W would change from side to side (38 against 94 CG
    // steps in one run), so W = sin(i * j) is the same matrix everywhere; with 1e5 random rows the
    // counts then agree closely (the notes print them).
    name: `multiLogReg ${exp(MLR.rows)}x${MLR.cols} ${MLR.classes} cl ${MLR.maxi} it`,
    tessera: {
      setup: `X = rand(rows=${MLR.rows}, cols=${MLR.cols}, seed=1); W = sin(seq(1, ${MLR.cols}) %*% t(seq(1, ${MLR.classes})))
Y = rowIndexMax(X %*% W + rand(rows=${MLR.rows}, cols=${MLR.classes}, seed=3))`,
      op: `B = multiLogReg(X=X, Y=Y, icpt=2, tol=0, reg=1, maxi=${MLR.maxi}, maxii=${MLR.maxii}, verbose=TRUE)`,
      use: 'as.scalar(B[1, 1])',
      info: (lines, repeat) =>
        `${count(lines, /: iteration \d+: /) / repeat} Newton iterations, ${sum(lines, /: (\d+) CG steps/) / repeat} CG steps`,
    },
    numpy: {
      setup: `${numpyMultiLogReg}\nX = np.random.rand(${MLR.rows}, ${MLR.cols}); W = np.sin(np.outer(np.arange(1, ${MLR.cols} + 1), np.arange(1, ${MLR.classes} + 1)))
Y = (np.argmax(X @ W + np.random.rand(${MLR.rows}, ${MLR.classes}), axis=1) + 1.0)[:, None]`,
      op: `B, iters, cg = multilogreg(X, Y, 1.0, ${MLR.maxi}, ${MLR.maxii}, 0.0)`,
      use: 'B[0, 0]',
      info: 'f"{iters} Newton iterations, {cg} CG steps"',
    },
    r: {
      setup: `${rMultiLogReg}\nX <- matrix(runif(${MLR.rows * MLR.cols}), ${MLR.rows}); W <- sin(outer(1:${MLR.cols}, 1:${MLR.classes}))
Y <- matrix(max.col(X %*% W + matrix(runif(${MLR.rows * MLR.classes}), ${MLR.rows}), ties.method = "first"))`,
      op: `fit <- multilogreg(X, Y, 1, ${MLR.maxi}, ${MLR.maxii}, 0)`,
      use: 'fit$betas[1, 1]',
      info: 'paste(fit$iter, "Newton iterations,", fit$cg, "CG steps")',
    },
  },
];
