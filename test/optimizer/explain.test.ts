import { describe, expect, it } from 'vitest';
import { hopsText, runtimeText } from './helpers.js';

const LINREG = `X = rand(rows=100, cols=10, seed=3)
y = rand(rows=100, cols=1, seed=4)
A = t(X) %*% X + diag(matrix(0.001, rows=10, cols=1))
b = t(X) %*% y
beta = solve(A, b)
print("loss: " + sum((X %*% beta - y)^2))`;

const CONTROL = `f = function(Matrix[Double] M, Double s = 2) return (Double r) {
  r = sum(M) * s
}
X = matrix(1, rows=3, cols=3)
total = 0
for (i in 1:nrow(X)) {
  if (i %% 2 == 0) { total = total + f(X[i, ]) } else { total = total - 1 }
}
k = 0
while (k < 3) { k = k + 1 }
parfor (j in 1:3, par=2) { X[j, j] = j }
print(total + k + sum(X))`;

describe('explain', () => {
  it('hops of a straight-line script', () => {
    expect(hopsText(LINREG)).toMatchInlineSnapshot(`
      "PROGRAM
      --MAIN PROGRAM
      ----GENERIC (lines 1-6)
      ------(1) LiteralOp "loss: " [0,0,-1] 0B SCALAR.STRING LOCAL
      ------(2) LiteralOp 100 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(3) LiteralOp 10 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(4) LiteralOp 3 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(5) rand (2,3,4) [rows,cols,seed] [100,10,-1] 7.8KB MATRIX.DOUBLE LOCAL
      ------(6) LiteralOp TRUE [0,0,-1] 0B SCALAR.BOOLEAN LOCAL
      ------(7) tsmm (5,6) [10,10,-1] 8.6KB MATRIX.DOUBLE LOCAL
      ------(8) LiteralOp 0.001 [0,0,-1] 0B SCALAR.DOUBLE LOCAL
      ------(9) LiteralOp 1 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(10) matrix (8,3,9) [_,rows,cols] [10,1,10] 80B MATRIX.DOUBLE LOCAL
      ------(11) diag (10) [10,10,-1] 880B MATRIX.DOUBLE LOCAL
      ------(12) + (7,11) [10,10,-1] 2.3KB MATRIX.DOUBLE LOCAL
      ------(13) LiteralOp 4 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(14) rand (2,9,13) [rows,cols,seed] [100,1,-1] 800B MATRIX.DOUBLE LOCAL
      ------(15) t (14) [1,100,-1] 1.6KB MATRIX.DOUBLE LOCAL
      ------(16) %*% (15,5) [1,10,-1] 8.7KB MATRIX.DOUBLE LOCAL
      ------(17) t (16) [10,1,-1] 160B MATRIX.DOUBLE LOCAL
      ------(18) solve (12,17) [10,1,-1] 1.7KB MATRIX.DOUBLE LOCAL
      ------(19) %*% (5,18) [100,1,-1] 8.7KB MATRIX.DOUBLE LOCAL
      ------(20) - (19,14) [100,1,-1] 2.3KB MATRIX.DOUBLE LOCAL
      ------(21) tsmm (20,6) [1,1,-1] 808B MATRIX.DOUBLE LOCAL
      ------(22) as.scalar (21) [0,0,-1] 8B SCALAR.DOUBLE LOCAL
      ------(23) + (1,22) [0,0,-1] 0B SCALAR.STRING LOCAL
      ------(24) print (23) [-1,-1,-1] 0B UNKNOWN.UNKNOWN LOCAL
      ------(25) TWrite X (5) [100,10,-1] 7.8KB MATRIX.DOUBLE LOCAL
      ------(26) TWrite y (14) [100,1,-1] 800B MATRIX.DOUBLE LOCAL
      ------(27) TWrite A (12) [10,10,-1] 800B MATRIX.DOUBLE LOCAL
      ------(28) TWrite b (17) [10,1,-1] 80B MATRIX.DOUBLE LOCAL
      ------(29) TWrite beta (18) [10,1,-1] 80B MATRIX.DOUBLE LOCAL
      "
    `);
  });

  it('runtime of a straight-line script', () => {
    expect(runtimeText(LINREG)).toMatchInlineSnapshot(`
      "PROGRAM
      --MAIN PROGRAM
      ----GENERIC (lines 1-6)
      ------CP rand rows=100 cols=10 seed=3 -> X
      ------CP tsmm X TRUE -> _t2
      ------CP matrix 0.001 rows=10 cols=1 -> _t3
      ------CP diag _t3 -> _t4
      ------CP rmvar _t3
      ------CP + _t2 _t4 -> A
      ------CP rmvar _t2 _t4
      ------CP rand rows=100 cols=1 seed=4 -> y
      ------CP t y -> _t7
      ------CP %*% _t7 X -> _t8
      ------CP rmvar _t7
      ------CP t _t8 -> b
      ------CP rmvar _t8
      ------CP solve A b -> beta
      ------CP %*% X beta -> _t11
      ------CP - _t11 y -> _t12
      ------CP rmvar _t11
      ------CP tsmm _t12 TRUE -> _t13
      ------CP rmvar _t12
      ------CP as.scalar _t13 -> _t14
      ------CP rmvar _t13
      ------CP + "loss: " _t14 -> _t15
      ------CP rmvar _t14
      ------CP print _t15
      ------CP rmvar _t15
      "
    `);
  });

  it('hops with functions and control flow', () => {
    expect(hopsText(CONTROL, { disableRules: ['inline-functions', 'ipa-constants'] })).toMatchInlineSnapshot(`
      "PROGRAM
      --FUNCTION f (lines 1-3)
      ----DEFAULT s
      ------(1) LiteralOp 2 [0,0,-1] 0B SCALAR.INT LOCAL
      ----GENERIC (lines 2-2)
      ------(2) TRead M [-1,-1,-1] ? MATRIX.DOUBLE LOCAL
      ------(3) sum (2) [0,0,-1] ? SCALAR.DOUBLE LOCAL
      ------(4) TRead s [0,0,-1] 0B SCALAR.DOUBLE LOCAL
      ------(5) * (3,4) [0,0,-1] 0B SCALAR.DOUBLE LOCAL
      ------(6) TWrite r (5) [0,0,-1] 0B SCALAR.DOUBLE LOCAL
      --MAIN PROGRAM
      ----GENERIC (lines 4-5)
      ------(7) LiteralOp 1 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(8) LiteralOp 3 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(9) matrix (7,8,8) [_,rows,cols] [3,3,9] 72B MATRIX.DOUBLE LOCAL
      ------(10) TWrite X (9) [3,3,9] 72B MATRIX.DOUBLE LOCAL
      ------(11) LiteralOp 0 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(12) TWrite total (11) [0,0,-1] 0B SCALAR.INT LOCAL
      ----FOR i (lines 6-8)
      ------FROM
      --------(13) LiteralOp 1 [0,0,-1] 0B SCALAR.INT LOCAL
      ------TO
      --------(14) LiteralOp 3 [0,0,-1] 0B SCALAR.INT LOCAL
      ------IF (lines 7-7)
      --------PREDICATE
      ----------(15) TRead i [0,0,-1] 0B SCALAR.INT LOCAL
      ----------(16) LiteralOp 2 [0,0,-1] 0B SCALAR.INT LOCAL
      ----------(17) %% (15,16) [0,0,-1] 0B SCALAR.INT LOCAL
      ----------(18) LiteralOp 0 [0,0,-1] 0B SCALAR.INT LOCAL
      ----------(19) == (17,18) [0,0,-1] 0B SCALAR.BOOLEAN LOCAL
      --------GENERIC (lines 7-7)
      ----------(20) TRead X [3,3,9] 72B MATRIX.DOUBLE LOCAL
      ----------(21) TRead i [0,0,-1] 0B SCALAR.INT LOCAL
      ----------(22) none [-1,-1,-1] 0B UNKNOWN.UNKNOWN LOCAL
      ----------(23) rix (20,21,21,22,22) [-1,3,-1] ? MATRIX.DOUBLE LOCAL
      ----------(24) FCall f (23) [0,0,-1] ? SCALAR.DOUBLE LOCAL
      ----------(25) TRead total [0,0,-1] 0B SCALAR.UNKNOWN LOCAL
      ----------(26) + (25,24) [0,0,-1] 0B SCALAR.DOUBLE LOCAL
      ----------(27) TWrite total (26) [0,0,-1] 0B SCALAR.DOUBLE LOCAL
      ------ELSE
      --------GENERIC (lines 7-7)
      ----------(28) TRead total [0,0,-1] 0B SCALAR.UNKNOWN LOCAL
      ----------(29) LiteralOp 1 [0,0,-1] 0B SCALAR.INT LOCAL
      ----------(30) - (28,29) [0,0,-1] 0B SCALAR.UNKNOWN LOCAL
      ----------(31) TWrite total (30) [0,0,-1] 0B SCALAR.UNKNOWN LOCAL
      ----GENERIC (lines 9-9)
      ------(32) LiteralOp 0 [0,0,-1] 0B SCALAR.INT LOCAL
      ------(33) TWrite k (32) [0,0,-1] 0B SCALAR.INT LOCAL
      ----WHILE (lines 10-10)
      ------PREDICATE
      --------(34) TRead k [0,0,-1] 0B SCALAR.INT LOCAL
      --------(35) LiteralOp 3 [0,0,-1] 0B SCALAR.INT LOCAL
      --------(36) < (34,35) [0,0,-1] 0B SCALAR.BOOLEAN LOCAL
      ------GENERIC (lines 10-10)
      --------(37) TRead k [0,0,-1] 0B SCALAR.INT LOCAL
      --------(38) LiteralOp 1 [0,0,-1] 0B SCALAR.INT LOCAL
      --------(39) + (37,38) [0,0,-1] 0B SCALAR.INT LOCAL
      --------(40) TWrite k (39) [0,0,-1] 0B SCALAR.INT LOCAL
      ----PARFOR j (lines 11-11)
      ------FROM
      --------(41) LiteralOp 1 [0,0,-1] 0B SCALAR.INT LOCAL
      ------TO
      --------(42) LiteralOp 3 [0,0,-1] 0B SCALAR.INT LOCAL
      ------GENERIC (lines 11-11)
      --------(43) TRead X [-1,-1,-1] ? MATRIX.DOUBLE LOCAL
      --------(44) TRead j [0,0,-1] 0B SCALAR.INT LOCAL
      --------(45) lix (43,44,44,44,44,44) [-1,-1,-1] ? MATRIX.DOUBLE LOCAL
      --------(46) TWrite X (45) [-1,-1,-1] ? MATRIX.DOUBLE LOCAL
      ----GENERIC (lines 12-12)
      ------(47) TRead total [0,0,-1] 0B SCALAR.UNKNOWN LOCAL
      ------(48) TRead k [0,0,-1] 0B SCALAR.INT LOCAL
      ------(49) + (47,48) [0,0,-1] 0B SCALAR.UNKNOWN LOCAL
      ------(50) TRead X [-1,-1,-1] ? MATRIX.DOUBLE LOCAL
      ------(51) sum (50) [0,0,-1] ? SCALAR.DOUBLE LOCAL
      ------(52) + (49,51) [0,0,-1] 0B SCALAR.DOUBLE LOCAL
      ------(53) print (52) [-1,-1,-1] 0B UNKNOWN.UNKNOWN LOCAL
      "
    `);
  });

  it('runtime with functions and control flow', () => {
    expect(runtimeText(CONTROL, { disableRules: ['inline-functions', 'ipa-constants'] })).toMatchInlineSnapshot(`
      "PROGRAM
      --FUNCTION f (M, s) -> (r) (lines 1-3)
      ----DEFAULT s 2
      ----GENERIC (lines 2-2)
      ------CP sum M -> _t1
      ------CP * _t1 s -> r
      ------CP rmvar _t1
      --MAIN PROGRAM
      ----GENERIC (lines 4-5)
      ------CP matrix 1 rows=3 cols=3 -> X
      ------CP cpvar 0 -> total
      ----FOR i results=total (lines 6-8)
      ------FROM 1
      ------TO 3
      ------IF (lines 7-7)
      --------PREDICATE _t5
      ----------CP %% i 2 -> _t4
      ----------CP == _t4 0 -> _t5
      ----------CP rmvar _t4
      --------GENERIC (lines 7-7)
      ----------CP rix X i i _ _ -> _t6
      ----------CP fcall f _t6 -> _t7
      ----------CP rmvar _t6
      ----------CP + total _t7 -> total
      ----------CP rmvar _t7
      ------ELSE
      --------GENERIC (lines 7-7)
      ----------CP - total 1 -> total
      ----GENERIC (lines 9-9)
      ------CP cpvar 0 -> k
      ----WHILE (lines 10-10)
      ------PREDICATE _t10
      --------CP < k 3 -> _t10
      ------GENERIC (lines 10-10)
      --------CP + k 1 -> k
      ----PARFOR j par=2 results=X (lines 11-11)
      ------FROM 1
      ------TO 3
      ------GENERIC (lines 11-11)
      --------CP lix X j j j j j -> X
      ----GENERIC (lines 12-12)
      ------CP + total k -> _t13
      ------CP sum X -> _t14
      ------CP + _t13 _t14 -> _t15
      ------CP rmvar _t13 _t14
      ------CP print _t15
      ------CP rmvar _t15
      "
    `);
  });

  it('is deterministic', () => {
    expect(hopsText(CONTROL)).toBe(hopsText(CONTROL));
    expect(runtimeText(CONTROL, { optLevel: 0 })).toBe(runtimeText(CONTROL, { optLevel: 0 }));
  });
});
