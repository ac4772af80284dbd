# Reference results for the clustering and factorisation stdlib family (kmeans, gmm, dbscan, pca,
# als). Run from the repository root: Rscript tools/stdlib-ref/clustering.R
# Writes inputs and R's expected outputs as header-less CSV under test/stdlib/ref/<case>/.
options(digits = 17)
out <- function(case, name, x) {
  d <- file.path("test/stdlib/ref", case)
  dir.create(d, showWarnings = FALSE, recursive = TRUE)
  x <- as.matrix(x)
  write.table(format(x, digits = 17, trim = TRUE), file.path(d, name), sep = ",",
              row.names = FALSE, col.names = FALSE, quote = FALSE)
}

# ---- kmeans: 4 overlapping blobs in 3 dimensions; R's best of 50 starts is the target objective
set.seed(101)
centers <- matrix(c(0, 0, 0,  4, 0, 1,  0, 4, 2,  4, 4, -1), ncol = 3, byrow = TRUE)
X <- do.call(rbind, lapply(1:4, function(i) sweep(matrix(rnorm(60 * 3, sd = 1.1), ncol = 3), 2, centers[i, ], "+")))
km <- kmeans(X, centers = 4, nstart = 50, iter.max = 200)
out("kmeans_blobs", "X.csv", X)
out("kmeans_blobs", "C.csv", km$centers)
out("kmeans_blobs", "Y.csv", km$cluster)
out("kmeans_blobs", "wcss.csv", km$tot.withinss)
# kmeansPredict: nearest of R's centres for new points
Xn <- matrix(runif(40 * 3, -2, 6), ncol = 3)
d2 <- sapply(1:4, function(k) rowSums(sweep(Xn, 2, km$centers[k, ], "-")^2))
out("kmeans_blobs", "Xnew.csv", Xn)
out("kmeans_blobs", "Ynew.csv", max.col(-d2, ties.method = "first"))

# a harder case: 8 clusters of unequal size and spread in 6 dimensions (more local optima)
set.seed(111)
cen8 <- matrix(runif(8 * 6, -6, 6), ncol = 6)
sizes <- c(100, 80, 70, 60, 60, 50, 40, 40)
X8 <- do.call(rbind, lapply(1:8, function(i) sweep(matrix(rnorm(sizes[i] * 6, sd = runif(1, 0.8, 2)), ncol = 6), 2, cen8[i, ], "+")))
X8 <- round(X8, 6)
km8 <- kmeans(X8, centers = 8, nstart = 100, iter.max = 200)
out("kmeans_eight", "X.csv", X8)
out("kmeans_eight", "wcss.csv", km8$tot.withinss)

# ---- pca: correlated 5-column data; prcomp with and without scaling
set.seed(202)
Z <- matrix(rnorm(120 * 5), ncol = 5)
A <- matrix(c(2, 0.5, 0, 0, 0,  0.3, 1, 0.2, 0, 0,  0, 0.4, 0.8, 0.1, 0,
              0.2, 0, 0, 0.5, 0.1,  0, 0, 0.3, 0, 0.2), ncol = 5, byrow = TRUE)
P <- Z %*% A + matrix(rep(c(10, -3, 0.5, 7, 2), each = 120), ncol = 5)
p1 <- prcomp(P, center = TRUE, scale. = TRUE)
out("pca_scaled", "X.csv", P)
out("pca_scaled", "M.csv", p1$rotation[, 1:2])
out("pca_scaled", "Xout.csv", p1$x[, 1:2])
out("pca_scaled", "center.csv", t(p1$center))
out("pca_scaled", "scale.csv", t(p1$scale))
out("pca_scaled", "Xrec.csv", sweep(sweep(p1$x[, 1:2] %*% t(p1$rotation[, 1:2]), 2, p1$scale, "*"), 2, p1$center, "+"))
p2 <- prcomp(P, center = TRUE, scale. = FALSE)
out("pca_centered", "M.csv", p2$rotation[, 1:3])
out("pca_centered", "Xout.csv", p2$x[, 1:3])

# ---- dbscan: textbook algorithm (Ester et al. 1996); a non-core point joins the cluster of its
# lowest-numbered core neighbour (SystemDS's rule), noise is 0
dbscan_ref <- function(X, eps, minPts) {
  n <- nrow(X)
  D <- as.matrix(dist(X))
  N <- D <= eps
  core <- rowSums(N) >= minPts
  lab <- rep(0, n)
  cl <- 0
  for (i in which(core)) {
    if (lab[i] != 0) next
    cl <- cl + 1
    queue <- i
    lab[i] <- cl
    while (length(queue) > 0) {
      p <- queue[1]; queue <- queue[-1]
      for (q in which(N[p, ] & core)) if (lab[q] == 0) { lab[q] <- cl; queue <- c(queue, q) }
    }
  }
  for (i in which(!core)) {
    cn <- which(N[i, ] & core)
    if (length(cn) > 0) lab[i] <- lab[cn[1]]
  }
  lab
}
set.seed(303)
B <- rbind(matrix(rnorm(60, sd = 0.25), ncol = 2),
           sweep(matrix(rnorm(60, sd = 0.25), ncol = 2), 2, c(3, 3), "+"),
           sweep(matrix(rnorm(50, sd = 0.2), ncol = 2), 2, c(0, 3), "+"),
           matrix(c(6, -2, -3, 5, 1.5, 1.5, 6, 6), ncol = 2, byrow = TRUE))
out("dbscan_blobs", "X.csv", B)
out("dbscan_blobs", "labels.csv", dbscan_ref(B, 0.5, 5))

# a harder case: loose blobs and uniform background, so there are border points and noise
set.seed(313)
B2 <- rbind(sweep(matrix(rnorm(160, sd = 0.45), ncol = 2), 2, c(0, 0), "+"),
            sweep(matrix(rnorm(120, sd = 0.45), ncol = 2), 2, c(1.8, 0.6), "+"),
            matrix(runif(60, -2, 4), ncol = 2))
lab2 <- dbscan_ref(B2, 0.3, 6)
out("dbscan_mixed", "X.csv", B2)
out("dbscan_mixed", "labels.csv", lab2)

# ---- gmm: 3 well-separated Gaussian blobs with different covariances; EM for the full-covariance
# model (VVV) started from the true labels, iterated to convergence (reg_covar 1e-6 on diagonals)
set.seed(404)
mk <- function(n, m, S) sweep(matrix(rnorm(n * 2), ncol = 2) %*% chol(S), 2, m, "+")
G <- rbind(mk(100, c(0, 0), matrix(c(1, 0.6, 0.6, 1), 2)),
           mk(80, c(8, 1), matrix(c(0.5, 0, 0, 2), 2)),
           mk(70, c(3, 9), matrix(c(1.5, -0.7, -0.7, 1), 2)))
truth <- rep(1:3, c(100, 80, 70))
# covariance of each component for the four models (reg_covar added to the diagonal)
covs <- function(X, R, mu, nk, model, reg) {
  k <- ncol(R); d <- ncol(X); n <- nrow(X)
  S <- lapply(1:k, function(j) { D <- sweep(X, 2, mu[j, ]); t(D * R[, j]) %*% D / nk[j] })
  if (model == "EEE") { T <- Reduce(`+`, lapply(1:k, function(j) S[[j]] * nk[j])) / sum(nk); S <- rep(list(T), k) }
  if (model == "VVI") S <- lapply(S, function(M) diag(diag(M), d))
  if (model == "VII") S <- lapply(S, function(M) diag(mean(diag(M)), d))
  lapply(S, function(M) M + diag(reg, d))
}
em <- function(X, lab, k, model, reg = 1e-6, iters = 1000) {
  n <- nrow(X); d <- ncol(X)
  R <- outer(lab, 1:k, "==") * 1
  ll_old <- -Inf
  for (it in 1:iters) {
    nk <- colSums(R) + 1e-15
    w <- nk / n
    mu <- t(R) %*% X / nk
    S <- covs(X, R, mu, nk, model, reg)
    logp <- sapply(1:k, function(j) {
      L <- chol(S[[j]]); D <- sweep(X, 2, mu[j, ])
      y <- forwardsolve(t(L), t(D))
      -0.5 * (d * log(2 * pi) + colSums(y^2)) - sum(log(diag(L))) + log(w[j])
    })
    mx <- apply(logp, 1, max)
    lse <- mx + log(rowSums(exp(logp - mx)))
    R <- exp(logp - lse)
    ll <- mean(lse)
    if (abs(ll - ll_old) < 1e-12) break
    ll_old <- ll
  }
  list(mu = mu, w = w, ll = ll, labels = max.col(logp, ties.method = "first"))
}
fit <- em(G, truth, 3, "VVV")
df <- 3 * 2 * 3 / 2 + 2 * 3 + 3 - 1
out("gmm_blobs", "X.csv", G)
out("gmm_blobs", "mu.csv", fit$mu)
out("gmm_blobs", "weight.csv", t(fit$w))
out("gmm_blobs", "labels.csv", fit$labels)
out("gmm_blobs", "bic.csv", -2 * fit$ll * nrow(G) + df * log(nrow(G)))
# the constrained models: BIC with SystemDS's parameter counts (n = 250, k = 3, d = 2)
dfs <- c(EEE = 3 + 6 + 2, VVI = 6 + 6 + 2, VII = 3 + 6 + 2)
for (m in names(dfs)) {
  f <- em(G, truth, 3, m)
  out("gmm_blobs", paste0("bic_", m, ".csv"), -2 * f$ll * nrow(G) + dfs[[m]] * log(nrow(G)))
}

# ---- als: a rank-3 40x30 matrix plus small noise; the best rank-3 fit (truncated SVD, Eckart-Young)
# bounds the squared error any rank-3 factorisation can reach
set.seed(505)
U0 <- matrix(runif(40 * 3, 0.5, 2), ncol = 3)
V0 <- matrix(runif(3 * 30, 0.5, 2), nrow = 3)
Xa <- U0 %*% V0 + matrix(rnorm(40 * 30, sd = 0.01), ncol = 30)
s <- svd(Xa)
Xr <- s$u[, 1:3] %*% diag(s$d[1:3]) %*% t(s$v[, 1:3])
out("als_lowrank", "X.csv", Xa)
out("als_lowrank", "err.csv", sum((Xa - Xr)^2))
# the noiseless matrix and a copy with a quarter of the entries missing (0 = not observed, as ALS
# reads it): a rank-3 fit of the observed entries should predict the missing ones
out("als_lowrank", "Xtrue.csv", U0 %*% V0)
mask <- matrix(runif(40 * 30) > 0.25, ncol = 30)
out("als_lowrank", "Xmasked.csv", Xa * mask)
