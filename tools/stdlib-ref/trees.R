# Reference results for the stdlib decision tree family (decisionTree, randomForest) from R's
# rpart. Run from the repository root: Rscript tools/stdlib-ref/trees.R
# Writes header-less CSVs under test/stdlib/ref/tree_*/ (inputs: binned features X*, labels y*;
# outputs: rpart's predictions and accuracies / mean squared errors).
#
# Parameter mapping: SystemDS's decisionTree(max_depth=d, min_leaf=l, min_split=s) grows leaves
# down to depth d-1 (root depth 1) = rpart maxdepth d-2 (rpart's root has depth 0); min_leaf is
# rpart's minbucket, min_split its minsplit. cp=0 and xval=0 turn off rpart's pruning, as the
# DML trees are not pruned. Features are integers, so rpart's cut "x < k+0.5" equals "x <= k".
suppressMessages(library(rpart))
options(digits = 17)
out <- function(case, name, x) {
  d <- file.path("test/stdlib/ref", case)
  dir.create(d, showWarnings = FALSE, recursive = TRUE)
  x <- as.matrix(x)
  write.table(format(x, digits = 17, trim = TRUE), file.path(d, name), sep = ",",
              row.names = FALSE, col.names = FALSE, quote = FALSE)
}
fit_class <- function(X, y, depth, leaf, split, crit) {
  d <- data.frame(X, y = factor(y))
  rpart(y ~ ., data = d, method = "class", parms = list(split = crit),
        control = rpart.control(maxdepth = depth - 2, minbucket = leaf, minsplit = split,
                                cp = 0, xval = 0))
}
pred_class <- function(fit, X) as.numeric(as.character(predict(fit, data.frame(X), type = "class")))

# ---- iris, each feature binned into 10 equal-width bins 1..10 (as examples/trees-family.dml)
X <- as.matrix(iris[, 1:4])
Xb <- apply(X, 2, function(x) pmin(floor((x - min(x)) / (max(x) - min(x)) * 10) + 1, 10))
y <- as.numeric(iris$Species)
set.seed(11)
tr <- sort(sample(150, 100))
te <- setdiff(1:150, tr)
out("tree_iris", "Xtrain.csv", Xb[tr, ]); out("tree_iris", "ytrain.csv", y[tr])
out("tree_iris", "Xtest.csv", Xb[te, ]); out("tree_iris", "ytest.csv", y[te])
for (crit in c("gini", "information")) {
  fit <- fit_class(Xb[tr, ], y[tr], depth = 6, leaf = 5, split = 10, crit = crit)
  ptr <- pred_class(fit, Xb[tr, ]); pte <- pred_class(fit, Xb[te, ])
  tag <- if (crit == "gini") "gini" else "entropy"
  out("tree_iris", paste0("yhat_train_", tag, ".csv"), ptr)
  out("tree_iris", paste0("yhat_test_", tag, ".csv"), pte)
  out("tree_iris", paste0("acc_", tag, ".csv"),
      cbind(mean(ptr == y[tr]) * 100, mean(pte == y[te]) * 100))
}

# ---- generated: 6 integer features 1..8, 3 classes from a rule on x1, x3, x2 plus 10% noise
set.seed(23)
n <- 400
X <- matrix(sample(1:8, n * 6, replace = TRUE), n, 6)
y <- ifelse(X[, 1] <= 3, 1, ifelse(X[, 3] >= 6, 2, ifelse(X[, 2] <= 4, 3, 1)))
noise <- runif(n) < 0.1
y[noise] <- sample(1:3, sum(noise), replace = TRUE)
tr <- 1:300; te <- 301:400
out("tree_gen", "Xtrain.csv", X[tr, ]); out("tree_gen", "ytrain.csv", y[tr])
out("tree_gen", "Xtest.csv", X[te, ]); out("tree_gen", "ytest.csv", y[te])
for (crit in c("gini", "information")) {
  fit <- fit_class(X[tr, ], y[tr], depth = 7, leaf = 8, split = 20, crit = crit)
  ptr <- pred_class(fit, X[tr, ]); pte <- pred_class(fit, X[te, ])
  tag <- if (crit == "gini") "gini" else "entropy"
  out("tree_gen", paste0("yhat_train_", tag, ".csv"), ptr)
  out("tree_gen", paste0("yhat_test_", tag, ".csv"), pte)
  out("tree_gen", paste0("acc_", tag, ".csv"),
      cbind(mean(ptr == y[tr]) * 100, mean(pte == y[te]) * 100))
}

# ---- regression: y = 2 x1 + 5 [x2 > 4] - x4 + noise, anova tree (variance reduction)
set.seed(31)
n <- 300
X <- matrix(sample(1:10, n * 4, replace = TRUE), n, 4)
y <- 2 * X[, 1] + 5 * (X[, 2] > 4) - X[, 4] + rnorm(n, sd = 1.5)
tr <- 1:200; te <- 201:300
out("tree_reg", "Xtrain.csv", X[tr, ]); out("tree_reg", "ytrain.csv", y[tr])
out("tree_reg", "Xtest.csv", X[te, ]); out("tree_reg", "ytest.csv", y[te])
fit <- rpart(y ~ ., data = data.frame(X[tr, ], y = y[tr]), method = "anova",
             control = rpart.control(maxdepth = 5 - 2, minbucket = 10, minsplit = 20, cp = 0, xval = 0))
ptr <- predict(fit, data.frame(X[tr, ])); pte <- predict(fit, data.frame(X[te, ]))
out("tree_reg", "yhat_train.csv", ptr)
out("tree_reg", "yhat_test.csv", pte)
out("tree_reg", "mse.csv", cbind(mean((ptr - y[tr])^2), mean((pte - y[te])^2)))

# ---- forest: 8 integer features 1..10, label from an additive score on four of them (hard for
# one axis-aligned tree, easier for an ensemble). References: rpart's single tree, and bagged
# rpart trees (100 trees, each on a random 70% of the rows without replacement, majority vote;
# rpart has no per-node feature sampling, so this is the closest R-only ensemble).
set.seed(47)
n <- 500
X <- matrix(sample(1:10, n * 8, replace = TRUE), n, 8)
score <- X[, 1] + X[, 2] + X[, 3] - X[, 4] + rnorm(n, sd = 2)
y <- ifelse(score > 12, 2, 1)
tr <- 1:350; te <- 351:500
out("forest_add", "Xtrain.csv", X[tr, ]); out("forest_add", "ytrain.csv", y[tr])
out("forest_add", "Xtest.csv", X[te, ]); out("forest_add", "ytest.csv", y[te])
fit <- fit_class(X[tr, ], y[tr], depth = 8, leaf = 5, split = 10, crit = "gini")
acc_tree <- mean(pred_class(fit, X[te, ]) == y[te]) * 100
votes <- sapply(1:100, function(b) {
  s <- sample(tr, round(0.7 * length(tr)))
  f <- fit_class(X[s, ], y[s], depth = 8, leaf = 5, split = 10, crit = "gini")
  pred_class(f, X[te, ])
})
bag <- ifelse(rowMeans(votes == 2) > 0.5, 2, 1)
acc_bag <- mean(bag == y[te]) * 100
out("forest_add", "acc.csv", cbind(acc_tree, acc_bag))
