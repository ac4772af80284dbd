// Hand-written NumPy and R equivalents of the stdlib algorithms the end-to-end rows call, so that
// every side does the same work: the same formulation (matrix products where the DML uses them), the
// same fixed iteration counts and the same stopping rules. Each is a literal port of the DML named
// in its comment; keep them in step when the stdlib changes.

// stdlib/lmCG.dml with icpt=0 (scale=1, shift=0, so lmCG_t/lmCG_tt are identities): conjugate
// gradient on (X'X + reg I) B = X'y, two matrix-vector products with X per iteration. `iters`
// iterations always run (the DML side is called with tol=0).
export const numpyLmCG = `
def lmcg(X, y, reg, iters):
    beta = np.zeros((X.shape[1], 1))
    r = X.T @ y
    d = r
    rr = float((r * r).sum())
    for _ in range(iters):
        q = X.T @ (X @ d) + reg * d
        alpha = rr / float((d * q).sum())
        beta = beta + alpha * d
        r = r - alpha * q
        rr_new = float((r * r).sum())
        d = r + (rr_new / rr) * d
        rr = rr_new
    return beta
`;

export const rLmCG = `
lmcg <- function(X, y, reg, iters) {
  beta <- matrix(0, ncol(X), 1)
  r <- crossprod(X, y)
  d <- r
  rr <- sum(r * r)
  for (i in seq_len(iters)) {
    q <- crossprod(X, X %*% d) + reg * d
    alpha <- rr / sum(d * q)
    beta <- beta + alpha * d
    r <- r - alpha * q
    rr_new <- sum(r * r)
    d <- r + (rr_new / rr) * d
    rr <- rr_new
  }
  beta
}
`;

// stdlib/l2svm.dml (intercept=FALSE, labels already -1/+1): nonlinear CG with a Newton line search.
// With epsilon=0 every outer iteration runs maxii Newton steps and all maxIterations run, so the
// work is fixed on every side.
export const numpyL2svm = `
def l2svm(X, Y, reg, max_iter, maxii, epsilon):
    w = np.zeros((X.shape[1], 1))
    Xw = np.zeros((X.shape[0], 1))
    g_old = X.T @ Y
    s = g_old
    it = 0
    more = True
    while more and it < max_iter:
        Xs = X @ s
        ws = reg * float((w * s).sum())
        ss = reg * float((s * s).sum())
        t = 0.0
        inner = True
        ii = 0
        while inner and ii < maxii:
            marg = 1 - Y * (Xw + t * Xs)
            act = marg > 0
            d1 = ws + t * ss - float((act * marg * Y * Xs).sum())
            d2 = ss + float((act * Xs * Xs).sum())
            t = t - d1 / d2
            inner = d1 * d1 / d2 >= epsilon
            ii += 1
        w = w + t * s
        Xw = Xw + t * Xs
        marg = 1 - Y * Xw
        marg = marg * (marg > 0)
        obj = 0.5 * float((marg * marg).sum()) + reg / 2 * float((w * w).sum())
        g_new = X.T @ (marg * Y) - reg * w
        more = (t * float((s * g_old).sum()) >= epsilon * obj) and float((s * s).sum()) != 0
        beta = float((g_new * g_new).sum()) / float((g_old * g_old).sum())
        s = beta * s + g_new
        g_old = g_new
        it += 1
    return w, it
`;

export const rL2svm = `
l2svm <- function(X, Y, reg, max_iter, maxii, epsilon) {
  w <- matrix(0, ncol(X), 1)
  Xw <- matrix(0, nrow(X), 1)
  g_old <- crossprod(X, Y)
  s <- g_old
  it <- 0
  more <- TRUE
  while (more && it < max_iter) {
    Xs <- X %*% s
    ws <- reg * sum(w * s)
    ss <- reg * sum(s * s)
    t <- 0
    inner <- TRUE
    ii <- 0
    while (inner && ii < maxii) {
      marg <- 1 - Y * (Xw + t * Xs)
      act <- marg > 0
      d1 <- ws + t * ss - sum(act * marg * Y * Xs)
      d2 <- ss + sum(act * Xs * Xs)
      t <- t - d1 / d2
      inner <- d1 * d1 / d2 >= epsilon
      ii <- ii + 1
    }
    w <- w + t * s
    Xw <- Xw + t * Xs
    marg <- 1 - Y * Xw
    marg <- marg * (marg > 0)
    obj <- 0.5 * sum(marg * marg) + reg / 2 * sum(w * w)
    g_new <- crossprod(X, marg * Y) - reg * w
    more <- (t * sum(s * g_old) >= epsilon * obj) && sum(s * s) != 0
    beta <- sum(g_new * g_new) / sum(g_old * g_old)
    s <- beta * s + g_new
    g_old <- g_new
    it <- it + 1
  }
  list(w = w, iter = it)
}
`;

// stdlib/kmeans.dml's Lloyd loop (kmeans_lloyd + kmeans_assign) in the same matrix formulation:
// distances through X %*% t(C), membership as a 0/1 matrix, centroids as t(P) %*% X. The stdlib
// seeds with k-means++ on a 50*k-row sample (negligible next to the iterations); this port picks k
// random rows. Runs exactly `iters` updates (the DML side gets eps=0 and max_iter=iters; it stops
// earlier only if the WCSS stops decreasing, which random data does not do in so few iterations).
export const numpyKmeans = `
def kmeans(X, k, iters):
    C = X[np.random.choice(X.shape[0], k, replace=False)]
    sum_xsq = float((X * X).sum())
    wcss = float('inf')
    for _ in range(iters):
        D = -2 * (X @ C.T) + (C * C).sum(axis=1)
        minD = D.min(axis=1, keepdims=True)
        wcss = max(0.0, sum_xsq + float(minD.sum()))
        P = (D <= minD).astype(np.float64)
        rs = P.sum(axis=1, keepdims=True)
        if float(rs.sum()) > X.shape[0]:
            P = P / rs
        counts = P.sum(axis=0)[:, None]
        sums = P.T @ X
        empty = (counts == 0).astype(np.float64)
        C = (sums + empty * C) / (counts + empty)
    D = -2 * (X @ C.T) + (C * C).sum(axis=1)
    return C, D.argmin(axis=1) + 1, wcss
`;

// R's own stats::kmeans(algorithm = "Lloyd") is the natural R baseline (compiled C, distances by
// direct loops rather than BLAS). It stops early when no point changes cluster; the row prints the
// iterations it ran.
export const rKmeans = `
km_run <- function(X, k, iters) {
  suppressWarnings(kmeans(X, centers = X[sample(nrow(X), k), ], iter.max = iters, algorithm = "Lloyd"))
}
`;

// stdlib/multiLogReg.dml with icpt=2: trust-region Newton with Steihaug conjugate gradient inside,
// on standardised features plus an intercept column. A literal port, so the outer and inner
// iteration rules are the same (tol=0: the outer loop runs maxi iterations unless the objective
// stops changing). R's nnet::multinom is not used: it fits by BFGS with different work per
// iteration, so its maxit would not mean the same thing.
export const numpyMultiLogReg = `
def multilogreg(X, Y, reg, maxi, maxii, tol):
    eta0, eta1, eta2, sigma1, sigma2, sigma3, psi = 0.0001, 0.25, 0.75, 0.25, 0.5, 4.0, 0.1
    N, p = X.shape
    mu = X.mean(axis=0)
    var = ((X * X).sum(axis=0) - N * mu * mu) / (N - 1)
    sc = 1 / np.sqrt(var * (var > 0) + (var <= 0))
    Xd = np.hstack([(X - mu) * sc, np.ones((N, 1))])
    D = p + 1
    k1 = int(Y.max())
    K = k1 - 1
    Yi = np.zeros((N, k1))
    Yi[np.arange(N), Y[:, 0].astype(np.int64) - 1] = 1
    YK = Yi[:, :K]
    lam = np.full((D, K), reg)
    lam[D - 1, :] = 0
    B = np.zeros((D, K))
    P = np.full((N, k1), 1 / k1)
    obj = N * np.log(k1)
    G = Xd.T @ (P[:, :K] - YK) + lam * B
    gnorm = np.sqrt((G * G).sum())
    gnorm0 = gnorm
    delta = 0.5 * np.sqrt(D) / np.sqrt((Xd * Xd).sum(axis=1)).max()
    it = 1
    cg_total = 0
    done = gnorm < tol or it > maxi
    while not done:
        S = np.zeros((D, K))
        R = -G
        V = R
        r2 = float((R * R).sum())
        cg = 0
        at_boundary = False
        cg_done = np.sqrt(r2) <= psi * gnorm
        while not cg_done:
            PK = P[:, :K]
            Q = PK * (Xd @ V)
            HV = Xd.T @ (Q - PK * Q.sum(axis=1, keepdims=True)) + lam * V
            a = r2 / float((V * HV).sum())
            S_new = S + a * V
            if float((S_new * S_new).sum()) <= delta ** 2:
                S = S_new
                R = R - a * HV
                r2_old = r2
                r2 = float((R * R).sum())
                V = R + (r2 / r2_old) * V
                cg_done = np.sqrt(r2) <= psi * gnorm
            else:
                sv = float((S * V).sum())
                vv = float((V * V).sum())
                ss = float((S * S).sum())
                disc = np.sqrt(sv ** 2 + vv * (delta ** 2 - ss))
                a = (delta ** 2 - ss) / (sv + disc) if sv >= 0 else (disc - sv) / vv
                S = S + a * V
                R = R - a * HV
                at_boundary = True
                cg_done = True
            cg += 1
            cg_done = cg_done or cg >= maxii
        cg_total += cg
        gs = float((S * G).sum())
        pred = -0.5 * (gs - float((S * R).sum()))
        B_new = B + S
        LT = np.hstack([Xd @ B_new, np.zeros((N, 1))])
        LT = LT - LT.max(axis=1, keepdims=True)
        E = np.exp(LT)
        rs = E.sum(axis=1, keepdims=True)
        P_new = E / rs
        obj_new = -float((Yi * LT).sum()) + float(np.log(rs).sum()) + 0.5 * float((lam * B_new * B_new).sum())
        actual = obj - obj_new
        rho = actual / pred
        snorm = np.sqrt(float((S * S).sum()))
        if it == 1:
            delta = min(delta, snorm)
        q = obj_new - obj - gs
        alpha = sigma3 if q <= 0 else max(sigma1, -0.5 * gs / q)
        if rho < eta0:
            delta = min(max(alpha, sigma1) * snorm, sigma2 * delta)
        elif rho < eta1:
            delta = max(sigma1 * delta, min(alpha * snorm, sigma2 * delta))
        elif rho < eta2:
            delta = max(sigma1 * delta, min(alpha * snorm, sigma3 * delta))
        else:
            delta = max(delta, min(alpha * snorm, sigma3 * delta))
        if rho > eta0:
            B = B_new
            P = P_new
            obj = obj_new
            G = Xd.T @ (P[:, :K] - YK) + lam * B
            gnorm = np.sqrt((G * G).sum())
        it += 1
        done = gnorm < tol * gnorm0 or it > maxi or (not at_boundary and abs(actual) < (abs(obj) + abs(obj_new)) * 1e-14)
    Bp = B[:p, :] * sc[:, None]
    return np.vstack([Bp, B[D - 1:D, :] - mu @ Bp]), it - 1, cg_total
`;

export const rMultiLogReg = `
row_max <- function(M) { m <- M[, 1]; for (j in seq_len(ncol(M))[-1]) m <- pmax(m, M[, j]); m }
multilogreg <- function(X, Y, reg, maxi, maxii, tol) {
  eta0 <- 0.0001; eta1 <- 0.25; eta2 <- 0.75; sigma1 <- 0.25; sigma2 <- 0.5; sigma3 <- 4.0; psi <- 0.1
  N <- nrow(X); p <- ncol(X)
  mu <- colMeans(X)
  v <- (colSums(X * X) - N * mu * mu) / (N - 1)
  sc <- 1 / sqrt(v * (v > 0) + (v <= 0))
  Xd <- cbind(sweep(sweep(X, 2, mu), 2, sc, "*"), 1)
  D <- p + 1
  k1 <- as.integer(max(Y)); K <- k1 - 1
  Yi <- matrix(0, N, k1); Yi[cbind(seq_len(N), as.integer(Y))] <- 1
  YK <- Yi[, 1:K, drop = FALSE]
  lam <- matrix(reg, D, K); lam[D, ] <- 0
  B <- matrix(0, D, K)
  P <- matrix(1 / k1, N, k1)
  obj <- N * log(k1)
  G <- crossprod(Xd, P[, 1:K, drop = FALSE] - YK) + lam * B
  gnorm <- sqrt(sum(G * G)); gnorm0 <- gnorm
  delta <- 0.5 * sqrt(D) / max(sqrt(rowSums(Xd * Xd)))
  it <- 1; cg_total <- 0
  done <- gnorm < tol || it > maxi
  while (!done) {
    S <- matrix(0, D, K); R <- -G; V <- R; r2 <- sum(R * R)
    cg <- 0; at_boundary <- FALSE
    cg_done <- sqrt(r2) <= psi * gnorm
    while (!cg_done) {
      PK <- P[, 1:K, drop = FALSE]
      Q <- PK * (Xd %*% V)
      HV <- crossprod(Xd, Q - PK * rowSums(Q)) + lam * V
      a <- r2 / sum(V * HV)
      S_new <- S + a * V
      if (sum(S_new * S_new) <= delta^2) {
        S <- S_new; R <- R - a * HV; r2_old <- r2; r2 <- sum(R * R)
        V <- R + (r2 / r2_old) * V
        cg_done <- sqrt(r2) <= psi * gnorm
      } else {
        sv <- sum(S * V); vv <- sum(V * V); ss <- sum(S * S)
        disc <- sqrt(sv^2 + vv * (delta^2 - ss))
        a <- if (sv >= 0) (delta^2 - ss) / (sv + disc) else (disc - sv) / vv
        S <- S + a * V; R <- R - a * HV
        at_boundary <- TRUE; cg_done <- TRUE
      }
      cg <- cg + 1
      cg_done <- cg_done || cg >= maxii
    }
    cg_total <- cg_total + cg
    gs <- sum(S * G)
    pred <- -0.5 * (gs - sum(S * R))
    B_new <- B + S
    LT <- cbind(Xd %*% B_new, 0)
    LT <- LT - row_max(LT)
    E <- exp(LT); rs <- rowSums(E); P_new <- E / rs
    obj_new <- -sum(Yi * LT) + sum(log(rs)) + 0.5 * sum(lam * B_new^2)
    actual <- obj - obj_new
    rho <- actual / pred
    snorm <- sqrt(sum(S * S))
    if (it == 1) delta <- min(delta, snorm)
    q <- obj_new - obj - gs
    alpha <- if (q <= 0) sigma3 else max(sigma1, -0.5 * gs / q)
    if (rho < eta0) delta <- min(max(alpha, sigma1) * snorm, sigma2 * delta)
    else if (rho < eta1) delta <- max(sigma1 * delta, min(alpha * snorm, sigma2 * delta))
    else if (rho < eta2) delta <- max(sigma1 * delta, min(alpha * snorm, sigma3 * delta))
    else delta <- max(delta, min(alpha * snorm, sigma3 * delta))
    if (rho > eta0) {
      B <- B_new; P <- P_new; obj <- obj_new
      G <- crossprod(Xd, P[, 1:K, drop = FALSE] - YK) + lam * B
      gnorm <- sqrt(sum(G * G))
    }
    it <- it + 1
    done <- gnorm < tol * gnorm0 || it > maxi ||
      (!at_boundary && abs(actual) < (abs(obj) + abs(obj_new)) * 1e-14)
  }
  Bp <- B[1:p, , drop = FALSE] * sc
  list(betas = rbind(Bp, B[D, ] - mu %*% Bp), iter = it - 1, cg = cg_total)
}
`;
