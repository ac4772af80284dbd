# Reference results for the stdlib preprocessing, evaluation and statistics family (scale,
# normalize, split, splitBalanced, toOneHot, imputeBy*, winsorize, outlierBy*, confusionMatrix,
# getAccuracy, auc, f1Score, mse, rmse, mae, dist, cor, sigmoid, softmax, logSumExp, univar).
# Run from the repository root: Rscript tools/stdlib-ref/prep-eval.R
# Writes inputs and R's expected outputs (CSV, no header, full precision) under test/stdlib/ref/.
# Quantiles use type 1 (inverse empirical CDF), which is what SystemDS's quantile() computes.
options(digits = 17)
root <- "test/stdlib/ref"
put <- function(case, name, x) {
  d <- file.path(root, case)
  dir.create(d, showWarnings = FALSE, recursive = TRUE)
  x <- as.matrix(x)
  txt <- matrix(sprintf("%.17g", x), nrow(x), ncol(x))
  write.table(txt, file.path(d, name), sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
}
q1 <- function(x, p) unname(quantile(x, p, type = 1))

## scale / scaleApply: 30 x 4, the last column constant (scale factor replaced by 1) --------
set.seed(11)
X <- cbind(matrix(rnorm(30 * 3, mean = 5, sd = 3), 30, 3), 7)
put("prep_scale", "X.csv", X)
mu <- colMeans(X)
Xc <- sweep(X, 2, mu)
sf <- sqrt(colSums(Xc^2) / (nrow(X) - 1)); sf[sf == 0] <- 1
put("prep_scale", "out.csv", sweep(Xc, 2, sf, "/"))
put("prep_scale", "centering.csv", t(mu))
put("prep_scale", "scalefactor.csv", t(sf))
# center=FALSE: R's scale() divides by the root mean square sqrt(sum(x^2)/(n-1))
put("prep_scale", "out_nocenter.csv", scale(X, center = FALSE))
put("prep_scale", "out_noscale.csv", Xc)
Xnew <- matrix(rnorm(5 * 4), 5, 4)
put("prep_scale", "Xnew.csv", Xnew)
put("prep_scale", "applied.csv", sweep(sweep(Xnew, 2, mu), 2, sf, "/"))

## normalize / normalizeApply ---------------------------------------------------------------
mn <- apply(X, 2, min); mx <- apply(X, 2, max); rg <- mx - mn; rg[rg == 0] <- 1
put("prep_scale", "norm.csv", sweep(sweep(X, 2, mn), 2, rg, "/"))
put("prep_scale", "cmin.csv", t(mn)); put("prep_scale", "cmax.csv", t(mx))
put("prep_scale", "norm_applied.csv", sweep(sweep(Xnew, 2, mn), 2, rg, "/"))

## split (contiguous), splitBalanced, toOneHot -------------------------------------------------
set.seed(12)
n <- 30
Xs <- matrix(round(rnorm(n * 3), 3), n, 3)
ys <- matrix(sample(1:3, n, replace = TRUE), n, 1)
put("prep_split", "X.csv", Xs); put("prep_split", "y.csv", ys)
ntr <- floor(0.7 * n)
put("prep_split", "Xtrain.csv", Xs[1:ntr, ]); put("prep_split", "Xtest.csv", Xs[(ntr + 1):n, ])
put("prep_split", "ytrain.csv", ys[1:ntr, , drop = FALSE]); put("prep_split", "ytest.csv", ys[(ntr + 1):n, , drop = FALSE])
tr <- c(); te <- c()
for (k in sort(unique(ys[, 1]))) {
  idx <- which(ys[, 1] == k); m <- floor(length(idx) * 0.6)
  tr <- c(tr, idx[seq_len(m)]); te <- c(te, idx[setdiff(seq_along(idx), seq_len(m))])
}
put("prep_split", "bal_Xtrain.csv", Xs[tr, ]); put("prep_split", "bal_ytrain.csv", ys[tr, , drop = FALSE])
put("prep_split", "bal_Xtest.csv", Xs[te, ]); put("prep_split", "bal_ytest.csv", ys[te, , drop = FALSE])
oh <- matrix(0, n, 4); oh[cbind(1:n, ys[, 1])] <- 1
put("prep_split", "onehot4.csv", oh)

## imputeByMean / imputeByMedian / imputeByMode: 25 x 3, column 3 categorical -------------------
set.seed(13)
n <- 25
Xi <- cbind(round(rnorm(n, 10, 2), 2), round(rexp(n), 3), sample(1:4, n, replace = TRUE, prob = c(0.2, 0.4, 0.3, 0.1)))
miss <- cbind(sample(n, 4), sample(n, 5), sample(n, 3))
Xm <- Xi
for (j in 1:3) Xm[miss[seq_len(c(4, 5, 3)[j]), j], j] <- NaN
put("prep_impute", "X.csv", Xm)
mode1 <- function(x) { x <- x[!is.na(x) & x >= 1]; if (length(x) == 0) 1 else { t <- table(x); as.numeric(names(t)[which.max(t)]) } }
fill <- function(X, v) { for (j in seq_along(v)) X[is.na(X[, j]), j] <- v[j]; X }
vMean <- c(mean(Xm[, 1], na.rm = TRUE), mean(Xm[, 2], na.rm = TRUE), mode1(Xm[, 3]))
vMed <- c(median(Xm[, 1], na.rm = TRUE), median(Xm[, 2], na.rm = TRUE), mode1(Xm[, 3]))
put("prep_impute", "mean.csv", fill(Xm, vMean)); put("prep_impute", "mean_vec.csv", t(vMean))
put("prep_impute", "median.csv", fill(Xm, vMed)); put("prep_impute", "median_vec.csv", t(vMed))
Xcat <- cbind(Xm[, 3], sample(c(2, 2, 5, 5, 1), n, replace = TRUE)); Xcat[c(2, 9), 2] <- NaN
vMode <- c(mode1(Xcat[, 1]), mode1(Xcat[, 2]))
put("prep_impute", "Xcat.csv", Xcat)
put("prep_impute", "mode.csv", fill(Xcat, vMode)); put("prep_impute", "mode_vec.csv", t(vMode))

## winsorize, outlierByIQR, outlierBySd: 60 x 3 with planted outliers ---------------------------
set.seed(14)
n <- 60
Xo <- matrix(rnorm(n * 3), n, 3)
Xo[c(3, 17), 1] <- c(9, -7); Xo[40, 2] <- 12; Xo[c(5, 50, 51), 3] <- c(-6, 6.5, 30)
put("prep_outlier", "X.csv", Xo)
ql <- apply(Xo, 2, q1, 0.05); qu <- apply(Xo, 2, q1, 0.95)
put("prep_outlier", "wins.csv", pmin(pmax(Xo, matrix(ql, n, 3, byrow = TRUE)), matrix(qu, n, 3, byrow = TRUE)))
put("prep_outlier", "wins_lo.csv", t(ql)); put("prep_outlier", "wins_hi.csv", t(qu))
ql2 <- apply(Xo, 2, q1, 0.1); qu2 <- apply(Xo, 2, q1, 0.8)
put("prep_outlier", "wins_10_80.csv", pmin(pmax(Xo, matrix(ql2, n, 3, byrow = TRUE)), matrix(qu2, n, 3, byrow = TRUE)))
# Tukey fences on the observed values, repaired and recomputed until no outlier remains or the
# repair stops changing the data (or maxIter rounds ran).
iqrRepair <- function(X, k, method, maxIter) {
  rounds <- 0
  repeat {
    Q1 <- apply(X, 2, function(x) { x <- x[!is.na(x)]; if (length(x)) q1(x, 0.25) else 0 })
    Q3 <- apply(X, 2, function(x) { x <- x[!is.na(x)]; if (length(x)) q1(x, 0.75) else 0 })
    I <- Q3 - Q1
    lo <- matrix(Q1 - k * I, nrow(X), ncol(X), byrow = TRUE); hi <- matrix(Q3 + k * I, nrow(X), ncol(X), byrow = TRUE)
    out <- !is.na(X) & (X < lo | X > hi)
    if (sum(out) == 0) break
    before <- c(sum(X, na.rm = TRUE), sum(is.na(X)) + nrow(X))
    if (method == 0) X <- X[rowSums(out) == 0, , drop = FALSE]
    else if (method == 1) X[out] <- 0
    else X[out] <- NaN
    rounds <- rounds + 1
    if (all(before == c(sum(X, na.rm = TRUE), sum(is.na(X)) + nrow(X)))) break
    if (maxIter > 0 && rounds >= maxIter) break
  }
  list(Y = X, Q1 = Q1, Q3 = Q3, rounds = rounds)
}
r1 <- iqrRepair(Xo, 1.5, 1, 0)
put("prep_outlier", "iqr_zero.csv", r1$Y); put("prep_outlier", "iqr_zero_q1.csv", t(r1$Q1)); put("prep_outlier", "iqr_zero_q3.csv", t(r1$Q3))
put("prep_outlier", "iqr_nan1.csv", iqrRepair(Xo, 1.5, 2, 1)$Y)
put("prep_outlier", "iqr_del.csv", iqrRepair(Xo, 3, 0, 0)$Y)
sdRepair <- function(X, k, method, maxIter) {
  rounds <- 0
  repeat {
    mu <- apply(X, 2, function(x) mean(x[!is.na(x)])); s <- apply(X, 2, function(x) sd(x[!is.na(x)]))
    lo <- matrix(mu - k * s, nrow(X), ncol(X), byrow = TRUE); hi <- matrix(mu + k * s, nrow(X), ncol(X), byrow = TRUE)
    out <- !is.na(X) & (X < lo | X > hi)
    if (sum(out) == 0) break
    before <- c(sum(X, na.rm = TRUE), sum(is.na(X)) + nrow(X))
    if (method == 0) X <- X[rowSums(out) == 0, , drop = FALSE]
    else if (method == 1) X[out] <- 0
    else X[out] <- NaN
    rounds <- rounds + 1
    if (all(before == c(sum(X, na.rm = TRUE), sum(is.na(X)) + nrow(X)))) break
    if (maxIter > 0 && rounds >= maxIter) break
  }
  list(Y = X, mu = mu, sd = s)
}
s1 <- sdRepair(Xo, 2.5, 1, 0)
put("prep_outlier", "sd_zero.csv", s1$Y); put("prep_outlier", "sd_zero_mean.csv", t(s1$mu)); put("prep_outlier", "sd_zero_sd.csv", t(s1$sd))
put("prep_outlier", "sd_del1.csv", sdRepair(Xo, 3, 0, 1)$Y)

## confusionMatrix, getAccuracy, auc, f1Score ---------------------------------------------------
set.seed(21)
n <- 50
Y <- sample(1:3, n, replace = TRUE)
P <- ifelse(runif(n) < 0.7, Y, sample(1:4, n, replace = TRUE))
put("eval_class", "Y.csv", Y); put("eval_class", "P.csv", P)
K <- max(Y, P)
cs <- unclass(table(factor(P, levels = 1:K), factor(Y, levels = 1:K)))
put("eval_class", "csum.csv", cs)
put("eval_class", "cavg.csv", sweep(cs, 2, pmax(colSums(cs), 1), "/"))
put("eval_class", "acc.csv", 100 * mean(P == Y))
recall <- sapply(1:max(Y), function(k) if (any(Y == k)) mean(P[Y == k] == k) else 0)
put("eval_class", "acc_weighted.csv", 100 * mean(recall))
yb <- rbinom(n, 1, 0.4)
score <- round(plogis(2 * yb - 1 + rnorm(n)), 1) # rounded: many tied scores
put("eval_class", "yb.csv", yb); put("eval_class", "score.csv", score)
rk <- rank(score)
npos <- sum(yb == 1); nneg <- n - npos
put("eval_class", "auc.csv", (sum(rk[yb == 1]) - npos * (npos + 1) / 2) / (npos * nneg))
pb <- ifelse(score > 0.5, 1, 0)
# f1Score: labels 1/2 with class 1 positive; here positive = yb==1 mapped to label 1
Yf <- ifelse(yb == 1, 1, 2); Pf <- ifelse(pb == 1, 1, 2)
put("eval_class", "Yf.csv", Yf); put("eval_class", "Pf.csv", Pf)
tp <- sum(Pf == 1 & Yf == 1); fp <- sum(Pf == 1 & Yf == 2); fn <- sum(Pf == 2 & Yf == 1)
put("eval_class", "f1.csv", 2 * tp / (2 * tp + fp + fn))

## mse, rmse, mae with error quantiles -------------------------------------------------------------
set.seed(22)
A <- matrix(rnorm(40 * 2), 40, 2); B <- A + matrix(rnorm(40 * 2, sd = 0.3), 40, 2)
put("eval_reg", "A.csv", A); put("eval_reg", "B.csv", B)
p <- c(0.25, 0.5, 0.9)
put("eval_reg", "p.csv", p)
se <- as.vector((A - B)^2); ae <- as.vector(abs(A - B))
put("eval_reg", "mse.csv", mean(se)); put("eval_reg", "mse_q.csv", q1(se, p))
put("eval_reg", "rmse.csv", sqrt(mean(se))); put("eval_reg", "rmse_q.csv", sqrt(q1(se, p)))
put("eval_reg", "mae.csv", mean(ae)); put("eval_reg", "mae_q.csv", q1(ae, p))

## dist, cor, sigmoid, softmax, logSumExp --------------------------------------------------------
set.seed(31)
S <- matrix(rnorm(12 * 4), 12, 4) %*% matrix(c(1, 0.5, 0, 0, 0, 1, 0.3, 0, 0, 0, 1, -0.6, 0, 0, 0, 1), 4, 4)
put("stats_basic", "X.csv", S)
put("stats_basic", "dist.csv", as.matrix(dist(S)))
put("stats_basic", "cor.csv", cor(S))
put("stats_basic", "sigmoid.csv", plogis(S))
L <- S * 300 # large scores: the naive formulas overflow
put("stats_basic", "L.csv", L)
sm <- t(apply(L, 1, function(r) { e <- exp(r - max(r)); e / sum(e) }))
put("stats_basic", "softmax.csv", sm)
lse <- function(v) max(v) + log(sum(exp(v - max(v))))
put("stats_basic", "lse_none.csv", lse(L))
put("stats_basic", "lse_rows.csv", apply(L, 1, lse))
put("stats_basic", "lse_cols.csv", t(apply(L, 2, lse)))

## univar: 40 rows, two scale columns, one nominal, one ordinal --------------------------------------
set.seed(32)
n <- 40
U <- cbind(rnorm(n, 3, 2), rexp(n, 0.5), sample(1:5, n, replace = TRUE), sample(1:3, n, replace = TRUE))
U[, 1:2] <- round(U[, 1:2], 4)
put("stats_univar", "X.csv", U)
st <- matrix(0, 17, 4)
for (j in 1:2) {
  x <- U[, j]; m <- mean(x)
  mom <- function(k) mean((x - m)^k)
  v <- var(x); s <- sqrt(v)
  seg1 <- sqrt((6 / (n - 2)) * (n / (n + 1)) * ((n - 1) / (n + 3)))
  seg2 <- sqrt((4 / (n + 5)) * ((n^2 - 1) / (n - 3)) * seg1^2)
  sx <- sort(x)
  iqm <- mean(sx[(n / 4 + 1):(3 * n / 4)]) # n divisible by 4: the middle half exactly
  st[1:14, j] <- c(min(x), max(x), max(x) - min(x), m, v, s, s / sqrt(n), s / m,
                   mom(3) / s^3, mom(4) / s^4 - 3, seg1, seg2, median(x), iqm)
}
for (j in 3:4) {
  x <- U[, j]; t <- tabulate(x, nbins = max(x))
  st[15:17, j] <- c(max(x), which.max(t), sum(t == max(t)))
}
put("stats_univar", "stats.csv", st)

## gridSearch over lm's ridge parameter (and intercept), hold-out and cross-validated -----------------
# lm(reg=lambda) solves (X'X + lambda I) b = X'y, the intercept (last) not penalised.
set.seed(41)
n <- 60; p <- 4
Xg <- matrix(rnorm(n * p), n, p); Xg[, 4] <- Xg[, 3] + rnorm(n, sd = 0.05) # collinear: ridge helps
bg <- c(2, -1, 0.5, 0.5)
yg <- Xg %*% bg + 1 + rnorm(n, sd = 1.5)
Xv <- matrix(rnorm(40 * p), 40, p); Xv[, 4] <- Xv[, 3] + rnorm(40, sd = 0.05)
yv <- Xv %*% bg + 1 + rnorm(40, sd = 1.5)
put("grid_lm", "X.csv", Xg); put("grid_lm", "y.csv", yg); put("grid_lm", "Xv.csv", Xv); put("grid_lm", "yv.csv", yv)
ridge <- function(X, y, lambda, icpt) {
  if (icpt == 1) X <- cbind(X, 1)
  pen <- rep(lambda, ncol(X)); if (icpt == 1) pen[ncol(X)] <- 0
  solve(crossprod(X) + diag(pen, ncol(X)), crossprod(X, y))
}
vloss <- function(b) { X <- if (length(b) > p) cbind(Xv, 1) else Xv; sum((yv - X %*% b)^2) }
lambdas <- c(0.001, 0.1, 1, 10, 100)
icpts <- c(0, 1)
# combinations in gridSearch order: the last parameter (icpt) varies fastest
best <- NULL; bestLoss <- Inf; losses <- c()
for (l in lambdas) for (ic in icpts) {
  b <- ridge(Xg, yg, l, ic); ls <- vloss(b); losses <- c(losses, ls)
  if (ls < bestLoss) { bestLoss <- ls; best <- list(b = c(b, rep(0, p + 1 - length(b))), opt = c(l, ic)) }
}
put("grid_lm", "holdout_B.csv", best$b); put("grid_lm", "holdout_opt.csv", t(best$opt))
put("grid_lm", "holdout_losses.csv", losses)
# 5-fold contiguous cross-validation of lambda (no intercept), loss = sum of squared errors
k <- 5; fs <- ceiling(n / k)
cvB <- NULL; cvBest <- Inf; cvOpt <- NA
for (l in lambdas) {
  tot <- 0; bsum <- rep(0, p)
  for (f in 1:k) {
    te <- ((f - 1) * fs + 1):min(f * fs, n)
    b <- ridge(Xg[-te, ], yg[-te, , drop = FALSE], l, 0)
    bsum <- bsum + b
    tot <- tot + sum((yg[te] - Xg[te, ] %*% b)^2)
  }
  if (tot / k < cvBest) { cvBest <- tot / k; cvB <- bsum / k; cvOpt <- l }
}
put("grid_lm", "cv_B.csv", cvB); put("grid_lm", "cv_opt.csv", cvOpt)
