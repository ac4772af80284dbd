# Reference results for the stdlib regression family (lm, lmDS, lmCG, lmPredict, glm, glmPredict,
# cvlm, steplm). Run from the repository root: Rscript tools/stdlib-ref/regression.R
# Writes inputs and R's expected outputs (CSV, no header, full precision) under test/stdlib/ref/.
options(digits = 17)
root <- "test/stdlib/ref"
put <- function(case, name, x) {
  d <- file.path(root, case)
  dir.create(d, showWarnings = FALSE, recursive = TRUE)
  x <- as.matrix(x)
  txt <- matrix(sprintf("%.17g", x), nrow(x), ncol(x))
  write.table(txt, file.path(d, name), sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
}
# R reports the intercept first; SystemDS puts it last.
icptLast <- function(b) c(b[-1], b[1])

## lm: 80 x 5 with noise, intercept 3 -------------------------------------------------------
set.seed(101)
n <- 80; m <- 5
X <- matrix(rnorm(n * m), n, m) %*% diag(c(1, 2, 0.5, 3, 1)) + matrix(rep(c(0, 1, -2, 5, 0), each = n), n, m)
beta <- c(1.5, -2, 0.7, 0.25, 4)
y <- X %*% beta + 3 + rnorm(n, sd = 0.5)
put("lm", "X.csv", X); put("lm", "y.csv", y)
put("lm", "B0.csv", coef(lm(y ~ X - 1)))
fit1 <- lm(y ~ X)
put("lm", "B1.csv", icptLast(coef(fit1)))
Xt <- matrix(rnorm(20 * m), 20, m)
put("lm", "Xtest.csv", Xt)
put("lm", "yhat1.csv", predict(fit1, newdata = list(X = Xt)))
put("lm", "yhat0.csv", Xt %*% coef(lm(y ~ X - 1)))

## glm: one case per family/link ------------------------------------------------------------
set.seed(202)
n <- 200
Z <- matrix(rnorm(n * 3), n, 3)
put("glm", "X.csv", Z)
glmCase <- function(name, y, fam, icpt = TRUE) {
  put("glm", paste0(name, "_y.csv"), y)
  f <- if (icpt) glm(y ~ Z, family = fam, control = glm.control(epsilon = 1e-14, maxit = 100))
       else glm(y ~ Z - 1, family = fam, control = glm.control(epsilon = 1e-14, maxit = 100))
  b <- if (icpt) icptLast(coef(f)) else coef(f)
  put("glm", paste0(name, "_B.csv"), b)
  put("glm", paste0(name, "_mu.csv"), fitted(f))
}
eta <- 0.5 + Z %*% c(1, -0.8, 0.4)
glmCase("binomial_logit", rbinom(n, 1, plogis(eta)), binomial("logit"))
glmCase("binomial_probit", rbinom(n, 1, pnorm(eta)), binomial("probit"))
glmCase("binomial_cloglog", rbinom(n, 1, 1 - exp(-exp(0.3 * eta))), binomial("cloglog"))
etaP <- 0.8 + Z %*% c(0.3, -0.2, 0.25)
glmCase("poisson_log", rpois(n, exp(etaP)), poisson("log"))
glmCase("poisson_sqrt", rpois(n, (2 + Z %*% c(0.3, -0.2, 0.25))^2), poisson("sqrt"))
muG <- exp(1 + Z %*% c(0.2, -0.3, 0.1))
glmCase("gamma_log", rgamma(n, shape = 5, rate = 5 / muG), Gamma("log"))
muI <- 1 / (1 + 0.1 * abs(Z[, 1]) + 0.2 * abs(Z[, 2]))
glmCase("gamma_inverse", rgamma(n, shape = 8, rate = 8 / muI), Gamma("inverse"))
glmCase("gaussian_identity", 2 + Z %*% c(1, 2, -1) + rnorm(n), gaussian(), icpt = FALSE)
glmCase("gaussian_log", exp(1 + Z %*% c(0.2, 0.1, -0.1)) + rnorm(n, sd = 0.1), gaussian("log"))
# Binomial counts: two-column (successes, failures) response
trials <- sample(1:10, n, replace = TRUE)
succ <- rbinom(n, trials, plogis(eta))
Yc <- cbind(succ, trials - succ)
put("glm", "binomial_counts_y.csv", Yc)
fc <- glm(Yc ~ Z, family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
put("glm", "binomial_counts_B.csv", icptLast(coef(fc)))
# Inverse Gaussian (canonical link 1/mu^2), drawn by Michael, Schucany and Haas (1976).
rinvgauss <- function(mu, lambda) {
  v <- rnorm(length(mu))^2
  x <- mu + mu^2 * v / (2 * lambda) - mu / (2 * lambda) * sqrt(4 * mu * lambda * v + mu^2 * v^2)
  ifelse(runif(length(mu)) <= mu / (mu + x), x, mu^2 / x)
}
muIG <- 1 / sqrt(2 + Z %*% c(0.3, -0.2, 0.1))
glmCase("invgauss_canonical", rinvgauss(muIG, 4), inverse.gaussian())
glmCase("binomial_cauchit", rbinom(n, 1, pcauchy(eta)), binomial("cauchit"))
glmCase("poisson_identity", rpois(n, 6 + Z %*% c(1, -0.5, 0.8)), poisson("identity"))

## cvlm: k-fold CV with SystemDS's contiguous folds (rows (i-1)*lim+1 .. i*lim, lim = floor(n/k)) ----
set.seed(303)
n <- 53; m <- 3; k <- 5
X <- matrix(runif(n * m, -2, 2), n, m)
y <- X %*% c(2, -1, 0.5) + 1 + rnorm(n, sd = 0.3)
put("cvlm", "X.csv", X); put("cvlm", "y.csv", y)
lim <- floor(n / k)
pred <- y
allbeta <- matrix(0, k, m + 1)
for (i in 1:k) {
  test <- ((i - 1) * lim + 1):(i * lim)
  # The last fold trains only on the rows before it (rows after k*lim are never a test fold).
  train <- if (i == k) 1:((i - 1) * lim) else setdiff(1:n, test)
  f <- lm(y[train] ~ X[train, ])
  pred[test] <- cbind(X[test, ], 1) %*% icptLast(coef(f))
  allbeta[i, ] <- icptLast(coef(f))
}
put("cvlm", "pred.csv", pred); put("cvlm", "allbeta.csv", allbeta)

## steplm: forward selection by AIC = 2 p + n log(RSS / n), stop when the drop < 0.001 |AIC| ----
set.seed(404)
n <- 100; m <- 6
X <- matrix(rnorm(n * m), n, m)
y <- 3 * X[, 4] - 2 * X[, 2] + 0.8 * X[, 6] + 1 + rnorm(n, sd = 0.5)
put("steplm", "X.csv", X); put("steplm", "y.csv", y)
aicOf <- function(cols) {
  f <- if (length(cols) == 0) lm(y ~ 1) else lm(y ~ X[, cols, drop = FALSE])
  extractAIC(f)[2]
}
sel <- integer(0)
best <- aicOf(sel)
repeat {
  cand <- setdiff(1:m, sel)
  if (length(cand) == 0) break
  aics <- sapply(cand, function(j) aicOf(c(sel, j)))
  j <- which.min(aics)
  if (!(aics[j] < best && best - aics[j] > abs(0.001 * best))) break
  sel <- c(sel, cand[j]); best <- aics[j]
}
f <- lm(y ~ X[, sel, drop = FALSE])
B <- numeric(m + 1)
B[sel] <- coef(f)[-1]
B[m + 1] <- coef(f)[1]
put("steplm", "S.csv", t(c(sel, m + 1)))
put("steplm", "B.csv", B)
cat("steplm selected:", sel, "\n")
# Without intercept: the empty model is y ~ 0 and every model is y ~ X[, sel] - 1.
aicOf0 <- function(cols) {
  f <- if (length(cols) == 0) lm(y ~ 0) else lm(y ~ X[, cols, drop = FALSE] - 1)
  extractAIC(f)[2]
}
sel0 <- integer(0)
best <- aicOf0(sel0)
repeat {
  cand <- setdiff(1:m, sel0)
  if (length(cand) == 0) break
  aics <- sapply(cand, function(j) aicOf0(c(sel0, j)))
  j <- which.min(aics)
  if (!(aics[j] < best && best - aics[j] > abs(0.001 * best))) break
  sel0 <- c(sel0, cand[j]); best <- aics[j]
}
B0 <- numeric(m)
B0[sel0] <- coef(lm(y ~ X[, sel0, drop = FALSE] - 1))
put("steplm", "S_noicpt.csv", t(sel0))
put("steplm", "B_noicpt.csv", B0)
cat("steplm (no intercept) selected:", sel0, "\n")

## mtcars for the example ------------------------------------------------------------------
dir.create("examples/data", showWarnings = FALSE)
write.csv(mtcars, "examples/data/mtcars.csv", row.names = FALSE, quote = FALSE)
f <- lm(mpg ~ wt + hp, data = mtcars)
cat("mtcars lm(mpg ~ wt + hp):", format(coef(f), digits = 10), "\n")
