# Reference data and expected results for the stdlib classification family
# (l2svm, msvm, multiLogReg, naiveBayes, knn). Run from the repository root:
#   Rscript tools/stdlib-ref/classification.R
# Writes test/stdlib/ref/<case>/*.csv (no header, full precision).
suppressMessages({ library(nnet); library(class) })
options(digits = 17)
root <- "test/stdlib/ref"
w <- function(case, name, x) {
  d <- file.path(root, case)
  dir.create(d, recursive = TRUE, showWarnings = FALSE)
  x <- as.matrix(x)
  write.table(format(x, digits = 17, trim = TRUE), file.path(d, name), sep = ",",
              row.names = FALSE, col.names = FALSE, quote = FALSE)
}

# ---------------------------------------------------------------- L2-SVM
# Objective (squared hinge, L2 on all weights incl. the bias when intercept):
#   f(w) = 0.5 * sum(max(0, 1 - y * Xw)^2) + reg/2 * sum(w^2), y in {-1, +1}
l2svm_fit <- function(X, y, reg, intercept) {
  if (intercept) X <- cbind(X, 1)
  f <- function(w) { o <- pmax(0, 1 - y * (X %*% w)); 0.5 * sum(o^2) + reg / 2 * sum(w^2) }
  g <- function(w) { o <- pmax(0, 1 - y * (X %*% w)); -t(X) %*% (o * y) + reg * w }
  r <- optim(rep(0, ncol(X)), f, g, method = "BFGS",
             control = list(reltol = 1e-16, maxit = 10000))
  list(w = matrix(r$par, ncol = 1), obj = r$value)
}

set.seed(42)
n <- 200; p <- 4
X <- matrix(rnorm(n * p), n, p)
beta <- c(1.5, -2, 0.5, 1)
y01 <- as.numeric(X %*% beta + 0.3 + rnorm(n, sd = 1.2) > 0)
ypm <- 2 * y01 - 1
w("l2svm", "X.csv", X)
w("l2svm", "Y01.csv", y01)
w("l2svm", "Ypm.csv", ypm)
for (icpt in c(FALSE, TRUE)) {
  m <- l2svm_fit(X, ypm, reg = 1, intercept = icpt)
  tag <- if (icpt) "icpt" else "noicpt"
  w("l2svm", paste0("w_", tag, ".csv"), m$w)
  w("l2svm", paste0("obj_", tag, ".csv"), m$obj)
  raw <- if (icpt) X %*% m$w[1:p] + m$w[p + 1] else X %*% m$w
  w("l2svm", paste0("acc_", tag, ".csv"), mean((raw >= 0) == (ypm > 0)) * 100)
}
# R's logistic regression accuracy on the same data (the "equivalent classifier" target)
gl <- glm(y01 ~ X, family = binomial)
w("l2svm", "acc_glm.csv", mean((fitted(gl) > 0.5) == (y01 == 1)) * 100)

# ---------------------------------------------------------------- MSVM (one vs rest)
set.seed(7)
n <- 150; p <- 4; k <- 3
centers <- matrix(c(0, 0, 0, 0,  2, 1, -1, 0,  -1, 2, 1, 1), k, p, byrow = TRUE)
cls <- rep(1:k, each = n / k)
X <- centers[cls, ] + matrix(rnorm(n * p, sd = 1.1), n, p)
w("msvm", "X.csv", X)
w("msvm", "Y.csv", cls)
for (icpt in c(FALSE, TRUE)) {
  W <- sapply(1:k, function(c) l2svm_fit(X, 2 * (cls == c) - 1, reg = 1, intercept = icpt)$w)
  tag <- if (icpt) "icpt" else "noicpt"
  w("msvm", paste0("W_", tag, ".csv"), W)
  raw <- if (icpt) X %*% W[1:p, ] + matrix(W[p + 1, ], n, k, byrow = TRUE) else X %*% W
  w("msvm", paste0("YRaw_", tag, ".csv"), raw)
  w("msvm", paste0("Yhat_", tag, ".csv"), max.col(raw, ties.method = "first"))
}

# ---------------------------------------------------------------- multinomial logistic regression
# Objective as SystemDS: baseline = last category, B is D x K (K = #classes - 1),
#   f(B) = -sum(Y * LT) + sum(log(rowSums(exp(LT)))) + 0.5 * reg * sum(B[non-intercept rows]^2)
# with LT = cbind(Xs %*% B, 0); for icpt = 2 Xs holds standardized columns (sd with n - 1) and
# the betas are mapped back to the original scale afterwards.
mlr_fit <- function(X, y, icpt, reg) {
  N <- nrow(X); k <- max(y)
  Xs <- X
  if (icpt == 2) Xs <- scale(X, center = TRUE, scale = apply(X, 2, sd))
  if (icpt >= 1) Xs <- cbind(Xs, 1)
  D <- ncol(Xs); K <- k - 1
  Y <- outer(y, 1:k, "==") * 1
  lam <- matrix(reg, D, K); if (icpt >= 1) lam[D, ] <- 0
  fg <- function(b) {
    B <- matrix(b, D, K)
    LT <- cbind(Xs %*% B, 0); mx <- apply(LT, 1, max); LT <- LT - mx
    E <- exp(LT); P <- E / rowSums(E)
    list(f = -sum(Y * LT) + sum(log(rowSums(E))) + 0.5 * sum(lam * B^2),
         g = as.vector(t(Xs) %*% (P[, 1:K, drop = FALSE] - Y[, 1:K, drop = FALSE]) + lam * B), P = P)
  }
  b <- rep(0, D * K)
  # Newton with the exact Hessian (small problems): converges to machine precision
  for (it in 1:100) {
    cur <- fg(b); P <- cur$P
    H <- matrix(0, D * K, D * K)
    for (i in 1:N) {
      pi <- P[i, 1:K]; Wi <- diag(pi, K) - pi %*% t(pi)
      H <- H + kronecker(Wi, Xs[i, ] %*% t(Xs[i, ]))
    }
    H <- H + diag(as.vector(lam))
    step <- solve(H, cur$g)
    t <- 1
    while (fg(b - t * step)$f > cur$f + 1e-12 * abs(cur$f) && t > 1e-8) t <- t / 2
    b <- b - t * step
    if (sqrt(sum(cur$g^2)) < 1e-12) break
  }
  B <- matrix(b, D, K)
  if (icpt == 2) {
    s <- apply(X, 2, sd); mu <- colMeans(X); p <- ncol(X)
    Bo <- B
    Bo[1:p, ] <- B[1:p, ] / s
    Bo[D, ] <- B[D, ] - colSums(B[1:p, , drop = FALSE] * mu / s)
    B <- Bo
  }
  B
}
mlr_prob <- function(X, B) {
  p <- ncol(X)
  LT <- X %*% B[1:p, , drop = FALSE]
  if (nrow(B) > p) LT <- LT + matrix(B[p + 1, ], nrow(X), ncol(B), byrow = TRUE)
  E <- cbind(exp(LT), 1); E / rowSums(E)
}

set.seed(11)
n <- 240; p <- 3; k <- 3
cls <- sample(1:k, n, replace = TRUE)
mu <- matrix(c(0, 0, 0,  1.5, -0.5, 1,  -1, 1.5, 0.5), k, p, byrow = TRUE)
X <- mu[cls, ] + matrix(rnorm(n * p), n, p)
X[, 2] <- X[, 2] * 3 + 5   # different scales so icpt=2 matters
w("multiLogReg", "X.csv", X)
w("multiLogReg", "Y.csv", cls)
for (icpt in 0:2) {
  B <- mlr_fit(X, cls, icpt, reg = 1)
  w("multiLogReg", paste0("B_icpt", icpt, ".csv"), B)
  M <- mlr_prob(X, B)
  w("multiLogReg", paste0("M_icpt", icpt, ".csv"), M)
  w("multiLogReg", paste0("acc_icpt", icpt, ".csv"), mean(max.col(M, "first") == cls) * 100)
}
# Unregularized fit vs nnet::multinom: probabilities do not depend on the baseline choice
mn <- multinom(factor(cls) ~ X, trace = FALSE, abstol = 1e-14, reltol = 1e-15, maxit = 2000)
Pm <- fitted(mn)
w("multiLogReg", "M_multinom.csv", Pm)
w("multiLogReg", "acc_multinom.csv", mean(max.col(Pm, "first") == cls) * 100)
# Binary case vs glm(binomial): labels 1/2 (2 = baseline)
y2 <- as.numeric(X %*% c(0.8, -0.3, 0.6) + rnorm(n) > -0.5) + 1
w("multiLogReg", "Y2.csv", y2)
gl <- glm(I(y2 == 1) ~ X, family = binomial)
w("multiLogReg", "p1_glm.csv", fitted(gl))
w("multiLogReg", "acc_glm.csv", mean((fitted(gl) > 0.5) == (y2 == 1)) * 100)

# ---------------------------------------------------------------- naive Bayes (multinomial)
set.seed(5)
n <- 120; p <- 5; k <- 3
cls <- sample(1:k, n, replace = TRUE)
rates <- matrix(c(5, 1, 2, 3, 1,  1, 4, 2, 1, 3,  2, 2, 6, 1, 1), k, p, byrow = TRUE)
D <- matrix(rpois(n * p, rates[cls, ]), n, p)
Xt <- matrix(rpois(30 * p, rates[rep(1:k, 10), ]), 30, p)
w("naiveBayes", "D.csv", D)
w("naiveBayes", "C.csv", cls)
w("naiveBayes", "Xtest.csv", Xt)
for (lap in c(1, 0.5)) {
  counts <- t(sapply(1:k, function(c) colSums(D[cls == c, , drop = FALSE])))
  cc <- (counts + lap) / (rowSums(counts) + p * lap)
  prior <- as.vector(table(factor(cls, levels = 1:k))) / n
  raw <- Xt %*% t(log(cc)) + matrix(log(prior), nrow(Xt), k, byrow = TRUE)
  tag <- if (lap == 1) "lap1" else "lap05"
  w("naiveBayes", paste0("prior_", tag, ".csv"), prior)
  w("naiveBayes", paste0("cond_", tag, ".csv"), cc)
  w("naiveBayes", paste0("YRaw_", tag, ".csv"), raw)
  w("naiveBayes", paste0("Y_", tag, ".csv"), max.col(raw, "first"))
}

# ---------------------------------------------------------------- kNN
set.seed(3)
n <- 100; m <- 25; p <- 3
Xtr <- matrix(rnorm(n * p), n, p)
ytr <- as.numeric(Xtr[, 1] + Xtr[, 2]^2 - 1 + rnorm(n, sd = 0.5) > 0) + 1
Xte <- matrix(rnorm(m * p), m, p)
ycont <- Xtr[, 1] * 2 + Xtr[, 3] + rnorm(n, sd = 0.1)
w("knn", "Train.csv", Xtr)
w("knn", "Test.csv", Xte)
w("knn", "CL.csv", ytr)
w("knn", "CLcont.csv", ycont)
k <- 5
dist2 <- sapply(1:m, function(j) colSums((t(Xtr) - Xte[j, ])^2))   # n x m
NN <- t(apply(dist2, 2, function(d) order(d)[1:k]))
w("knn", "NNR_k5.csv", NN)
w("knn", "CL_class_k5.csv", as.numeric(as.character(knn(Xtr, Xte, factor(ytr), k = k))))
w("knn", "CL_mean_k5.csv", apply(NN, 1, function(r) mean(ycont[r])))
w("knn", "CL_median_k5.csv", apply(NN, 1, function(r) median(ycont[r])))
# transCont: each of Train and Test rescaled to [-1, 1] by its own column min/max (as SystemDS)
sc <- function(A) { mn <- apply(A, 2, min); mx <- apply(A, 2, max); 2 * sweep(sweep(A, 2, mn), 2, mx - mn, "/") - 1 }
Ttr <- sc(Xtr); Tte <- sc(Xte)
d2 <- sapply(1:m, function(j) colSums((t(Ttr) - Tte[j, ])^2))
w("knn", "NNR_trans_k5.csv", t(apply(d2, 2, function(d) order(d)[1:k])))
# feature importance (SystemDS's definition): for each feature f, drop it and sum over training
# rows the leave-one-out error of the k nearest other rows (share of neighbours with another
# class for categorical targets, mean squared difference for continuous ones)
loo_err <- function(Z, y, k, categorical) {
  Z <- as.matrix(Z)
  sapply(1:nrow(Z), function(i) {
    d <- colSums((t(Z) - Z[i, ])^2)
    nb <- order(d)[2:(k + 1)]
    if (categorical) mean(y[nb] != y[i]) else mean((y[nb] - y[i])^2)
  })
}
w("knn", "FI_class_k5.csv", t(sapply(1:p, function(f) sum(loo_err(Xtr[, -f], ytr, k, TRUE)))))
w("knn", "FI_cont_k5.csv", t(sapply(1:p, function(f) sum(loo_err(Xtr[, -f], ycont, k, FALSE)))))
cat("done\n")
