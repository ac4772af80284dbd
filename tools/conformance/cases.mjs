// Every conformance case: where its script comes from, the inputs it gets (mirroring the SystemDS
// Java test that runs it, at smaller sizes), the arguments, and which outputs are compared.
import { mat } from './matrices.mjs';

const S = 'src/test/scripts/functions/';
const J = 'src/test/java/org/apache/sysds/test/functions/';

/** The common `-args input("A") rows cols output("B")` shape of the aggregate/unary tests. */
function aRowsColsB(dir, src, test, rows, cols, min, max, sparsity, seed = 7, tol) {
  return {
    dir, source: S + src, test: J + test,
    inputs: [mat('A', rows, cols, min, max, sparsity, seed)],
    args: ['{in}/A', String(rows), String(cols), '{out}/B'],
    outputs: [{ name: 'B', type: 'matrix', ...(tol ? { tol } : {}) }],
  };
}

export const CASES = [
  // ---- aggregates (FullAggregateTest, FullColAggregateTest, FullRowAggregateTest ...) ----
  aRowsColsB('aggregate/all_sum', 'aggregate/AllSum.dml', 'aggregate/FullAggregateTest.java', 31, 17, -0.05, 1, 0.7),
  aRowsColsB('aggregate/all_sum_sparse', 'aggregate/AllSum.dml', 'aggregate/FullAggregateTest.java', 31, 17, -0.05, 1, 0.1, 8),
  aRowsColsB('aggregate/all_mean', 'aggregate/AllMean.dml', 'aggregate/FullAggregateTest.java', 29, 13, -0.05, 1, 0.7),
  aRowsColsB('aggregate/all_max', 'aggregate/AllMax.dml', 'aggregate/FullAggregateTest.java', 29, 13, -0.05, 1, 0.7),
  aRowsColsB('aggregate/all_max_sparse', 'aggregate/AllMax.dml', 'aggregate/FullAggregateTest.java', 29, 13, -1, -0.05, 0.1, 9),
  aRowsColsB('aggregate/all_prod', 'aggregate/AllProd.dml', 'aggregate/FullAggregateTest.java', 6, 5, 0.5, 1.5, 1),
  aRowsColsB('aggregate/col_sums', 'aggregate/ColSums.dml', 'aggregate/FullColAggregateTest.java', 37, 23, -0.05, 1, 0.7),
  aRowsColsB('aggregate/col_sums_sparse', 'aggregate/ColSums.dml', 'aggregate/FullColAggregateTest.java', 37, 23, -0.05, 1, 0.1, 10),
  aRowsColsB('aggregate/col_means', 'aggregate/ColMeans.dml', 'aggregate/FullColAggregateTest.java', 37, 23, -0.05, 1, 0.7),
  aRowsColsB('aggregate/col_maxs', 'aggregate/ColMaxs.dml', 'aggregate/FullColAggregateTest.java', 37, 23, -0.05, 1, 0.7),
  aRowsColsB('aggregate/col_maxs_vector', 'aggregate/ColMaxs.dml', 'aggregate/FullColAggregateTest.java', 37, 1, -1, -0.05, 0.1, 11),
  aRowsColsB('aggregate/row_sums', 'aggregate/RowSums.dml', 'aggregate/FullRowAggregateTest.java', 37, 23, -0.05, 1, 0.7),
  aRowsColsB('aggregate/row_mins', 'aggregate/RowMins.dml', 'aggregate/FullRowAggregateTest.java', 37, 23, -0.05, 1, 0.7),
  aRowsColsB('aggregate/row_mins_sparse', 'aggregate/RowMins.dml', 'aggregate/FullRowAggregateTest.java', 37, 23, -1, 1, 0.1, 12),
  aRowsColsB('aggregate/row_index_max', 'aggregate/RowIndexMaxs.dml', 'aggregate/FullRowAggregateTest.java', 37, 23, -0.05, 1, 0.7),
  {
    dir: 'aggregate/variance', source: S + 'aggregate/Variance.dml', test: J + 'aggregate/VarianceTest.java',
    inputs: [mat('X', 40, 30, -1, 1, 0.8, 21)], args: ['{in}/X', '{out}/variance'],
    outputs: [{ name: 'variance', type: 'matrix' }],
  },
  {
    dir: 'aggregate/col_vars', source: S + 'aggregate/ColVariances.dml', test: J + 'aggregate/ColVariancesTest.java',
    inputs: [mat('X', 40, 30, -1, 1, 0.8, 22)], args: ['{in}/X', '{out}/colVariances'],
    outputs: [{ name: 'colVariances', type: 'matrix' }],
  },
];

/** `-args input(A) rows cols input(B) rows cols output(C)` (FullMatrixCellwiseOperationTest, FullMatrixMultiplicationTest). */
function abDims(dir, src, test, a, b) {
  return {
    dir, source: S + src, test: J + test, inputs: [a, b],
    args: ['{in}/A', String(a.rows), String(a.cols), '{in}/B', String(b.rows), String(b.cols), '{out}/C'],
    outputs: [{ name: 'C', type: 'matrix' }],
  };
}
/** `-args input(A) input(B) output(C)`, dims from the .mtd files. */
function abNoDims(dir, src, test, a, b, extra = {}) {
  return {
    dir, source: S + src, test: J + test, inputs: [a, b],
    args: ['{in}/A', '{in}/B', '{out}/C'], outputs: [{ name: 'C', type: 'matrix' }], ...extra,
  };
}
/** `-args input(A) output(B)` with A read through its .mtd (unary/matrix tests). */
function inOut(dir, src, test, a, outName, extra = {}) {
  return {
    dir, source: S + src, test: J + test, inputs: [a],
    args: [`{in}/${a.name}`, `{out}/${outName}`], outputs: [{ name: outName, type: 'matrix' }], ...extra,
  };
}

CASES.push(
  // ---- binary: matrix-matrix, broadcasting, %/% and %%, comparisons, min/max, matmult ----
  abDims('binary/matrix_add', 'binary/matrix_full_cellwise/FullMatrixCellwiseOperation_Addition.dml',
    'binary/matrix_full_cellwise/FullMatrixMatrixCellwiseOperationTest.java', mat('A', 23, 17, 0, 1, 0.7, 7), mat('B', 23, 17, 0, 1, 0.1, 3)),
  abNoDims('binary/matrix_colvector_div', 'binary/matrix_full_cellwise/FullMatrixVectorColCellwiseOperation_Division.dml',
    'binary/matrix_full_cellwise/FullMatrixVectorColCellwiseOperationTest.java', mat('A', 23, 17, -1, 1, 0.7, 7), mat('B', 23, 1, 0.5, 2, 1, 3)),
  abNoDims('binary/matrix_rowvector_minus', 'binary/matrix_full_cellwise/FullMatrixVectorRowCellwiseOperation_Substraction.dml',
    'binary/matrix_full_cellwise/FullMatrixVectorRowCellwiseOperationTest.java', mat('A', 23, 17, -1, 1, 0.7, 7), mat('B', 1, 17, -1, 1, 0.5, 3)),
  // FullIntegerDivisionTest uses values in [1, 100]: SystemDS truncates %/% toward zero while R
  // floors, so negative operands would make the R twin disagree with SystemDS itself. Zeros (sparse
  // inputs) give x/0 = Inf and 0/0 = NaN, which R's writeMM records as 1e308.
  ...[['intdiv', 'IntegerDivision_div', 0.7, 31], ['intdiv_sparse', 'IntegerDivision_div', 0.1, 33],
    ['mod', 'IntegerDivision_mod', 0.7, 35], ['mod_sparse', 'IntegerDivision_mod', 0.1, 37]].map(([n, f, sp, seed]) =>
    abNoDims(`binary/${n}`, `binary/matrix_full_other/${f}.dml`, 'binary/matrix_full_other/FullIntegerDivisionTest.java',
      mat('A', 19, 11, 1, 100, sp, seed), mat('B', 19, 11, 1, 100, sp, seed + 1))),
  ...[['gt', 0], ['eq', 2], ['le', 5]].map(([n, t]) => ({
    dir: `binary/ppred_matrix_${n}`, source: S + 'binary/matrix_full_other/PPredMatrixTest.dml', test: J + 'binary/matrix_full_other/FullPPredMatrixTest.java',
    inputs: [mat('A', 21, 13, 0, 3, 0.8, 41 + t, { round: true }), mat('B', 21, 13, 0, 3, 0.8, 51 + t, { round: true })],
    args: ['{in}/A', '{in}/B', String(t), '{out}/C'], rargs: ['{in}/', String(t), '{expected}/'],
    outputs: [{ name: 'C', type: 'matrix' }],
  })),
  ...[['gt', 0, '0.5'], ['ne', 3, '0'], ['ge', 4, '-0.25']].map(([n, t, k]) => ({
    dir: `binary/ppred_scalar_right_${n}`, source: S + 'binary/matrix_full_other/PPredScalarRightTest.dml', test: J + 'binary/matrix_full_other/FullPPredScalarRightTest.java',
    inputs: [mat('A', 21, 13, -1, 1, 0.5, 61 + t)],
    args: ['{in}/A', String(t), k, '{out}/B'], rargs: ['{in}/', String(t), k, '{expected}/'],
    outputs: [{ name: 'B', type: 'matrix' }],
  })),
  abDims('binary/matmult', 'binary/matrix_full_other/FullMatrixMultiplication.dml', 'binary/matrix_full_other/FullMatrixMultiplicationTest.java',
    mat('A', 23, 31, -1, 1, 0.7, 71), mat('B', 31, 9, -1, 1, 0.7, 72)),
  abDims('binary/matmult_sparse', 'binary/matrix_full_other/FullMatrixMultiplication.dml', 'binary/matrix_full_other/FullMatrixMultiplicationTest.java',
    mat('A', 23, 31, -1, 1, 0.1, 73), mat('B', 31, 9, -1, 1, 0.1, 74)),
  ...[['min', 1], ['max', 0]].map(([n, f]) => ({
    dir: `binary/${n}_pair`, source: S + 'binary/matrix_full_other/FullMinMaxComparison1.dml', test: J + 'binary/matrix_full_other/FullMinMaxComparisonTest.java',
    inputs: [mat('A', 21, 13, -1, 1, 0.7, 81 + f), mat('B', 21, 13, -1, 1, 0.7, 83 + f)],
    args: ['{in}/A', '{in}/B', String(f), '{out}/C'], rargs: ['{in}/', String(f), '{expected}/'],
    outputs: [{ name: 'C', type: 'matrix' }],
  })),

  // ---- unary math (unary/matrix tests) ----
  inOut('unary/cumsum', 'unary/matrix/Cumsum.dml', 'unary/matrix/FullCumsumTest.java', mat('A', 27, 9, -1, 1, 0.7, 91), 'B'),
  inOut('unary/cumsum_sparse', 'unary/matrix/Cumsum.dml', 'unary/matrix/FullCumsumTest.java', mat('A', 27, 9, -1, 1, 0.1, 92), 'B'),
  inOut('unary/cumprod', 'unary/matrix/Cumprod.dml', 'unary/matrix/FullCumprodTest.java', mat('A', 27, 9, 0.8, 1.2, 1, 93), 'B'),
  inOut('unary/sigmoid', 'unary/matrix/Sigmoid.dml', 'unary/matrix/FullSigmoidTest.java', mat('A', 27, 9, -5, 5, 0.7, 94), 'B'),
  inOut('unary/floor', 'unary/matrix/Floor.dml', 'unary/matrix/RoundTest.java', mat('math', 27, 9, -10, 10, 0.7, 95), 'R'),
  inOut('unary/sign', 'unary/matrix/Sign1.dml', 'unary/matrix/FullSignTest.java', mat('A', 27, 9, -1, 1, 0.5, 96), 'B'),
  {
    dir: 'unary/minus', source: S + 'unary/matrix/Minus.dml', test: J + 'unary/matrix/MinusTest.java',
    inputs: [mat('X', 27, 9, -1, 1, 0.7, 97)], args: ['{in}/X', '27', '9', '{out}/Y'], outputs: [{ name: 'Y', type: 'matrix' }],
  },
);

/** Scripts whose stored source has CR characters on some lines that the source reader strips. */
const CR_NOTE = 'script.dml differs from the SystemDS file only in line endings: the source has CRLF on some lines, stored here with LF.';

CASES.push(
  // ---- reorg ----
  {
    dir: 'reorg/transpose', source: S + 'reorg/Transpose.dml', test: J + 'reorg/FullTransposeTest.java',
    inputs: [mat('X', 23, 17, -1, 1, 0.7, 101)], args: ['{in}/X', '23', '17', '{out}/Y'], outputs: [{ name: 'Y', type: 'matrix' }],
  },
  {
    dir: 'reorg/transpose_sparse', source: S + 'reorg/Transpose.dml', test: J + 'reorg/FullTransposeTest.java',
    inputs: [mat('X', 23, 17, -1, 1, 0.05, 102)], args: ['{in}/X', '23', '17', '{out}/Y'], outputs: [{ name: 'Y', type: 'matrix' }],
  },
  inOut('reorg/rev', 'reorg/Reverse1.dml', 'reorg/FullReverseTest.java', mat('A', 23, 7, -1, 1, 0.7, 103), 'B'),
  inOut('reorg/rev_vector', 'reorg/Reverse1.dml', 'reorg/FullReverseTest.java', mat('A', 41, 1, -1, 1, 0.5, 104), 'B'),
  {
    dir: 'reorg/diag_v2m', source: S + 'reorg/DiagV2MTest.dml', test: J + 'reorg/DiagV2MTest.java', notes: CR_NOTE,
    inputs: [mat('A', 19, 1, -1, 1, 1, 105)], args: ['{in}/A', '19', '{out}/C'], outputs: [{ name: 'C', type: 'matrix' }],
  },
  ...[
    ['order_asc_values', 3, 'FALSE', 'FALSE', 1],
    ['order_desc_values', 2, 'TRUE', 'FALSE', 1],
    ['order_asc_index', 1, 'FALSE', 'TRUE', 1],
    ['order_desc_index', 4, 'TRUE', 'TRUE', 1],
  ].map(([n, by, desc, ix, sp], k) => ({
    dir: `reorg/${n}`, source: S + 'reorg/Order.dml', test: J + 'reorg/FullOrderTest.java', notes: CR_NOTE,
    inputs: [mat('A', 31, 5, -1, 1, sp, 111 + k)],
    args: ['{in}/A', String(by), desc, ix, '{out}/B'], rargs: ['{in}/', String(by), desc, ix, '{expected}/'],
    outputs: [{ name: 'B', type: 'matrix' }],
  })),
  {
    dir: 'reorg/reshape', source: S + 'reorg/MatrixReshape1.dml', test: J + 'reorg/MatrixReshapeTest.java',
    inputs: [mat('X', 12, 10, -1, 1, 0.7, 121)], args: ['{in}/X', '12', '10', '8', '15', '{out}/Y'],
    rargs: ['{in}/', '8', '15', '{expected}/'], outputs: [{ name: 'Y', type: 'matrix' }],
  },
  {
    dir: 'reorg/reshape_to_vector', source: S + 'reorg/MatrixReshape1.dml', test: J + 'reorg/MatrixReshapeTest.java',
    inputs: [mat('X', 12, 10, -1, 1, 0.3, 122)], args: ['{in}/X', '12', '10', '1', '120', '{out}/Y'],
    rargs: ['{in}/', '1', '120', '{expected}/'], outputs: [{ name: 'Y', type: 'matrix' }],
  },

  // ---- indexing ----
  ...[['right_matrix', 5, 19, 3, 11, 0.7], ['right_matrix_single_row', 7, 7, 2, 14, 0.7], ['right_matrix_sparse', 10, 30, 1, 4, 0.1]].map(
    ([n, rl, ru, cl, cu, sp], k) => ({
      dir: `indexing/${n}`, source: S + 'indexing/RightIndexingMatrixTest.dml', test: J + 'indexing/RightIndexingMatrixTest.java',
      inputs: [mat('A', 37, 17, -1, 1, sp, 131 + k)],
      args: ['{in}/A', '37', '17', String(rl), String(ru), String(cl), String(cu), '{out}/B', '{out}/C', '{out}/D'],
      rargs: ['{in}/', String(rl), String(ru), String(cl), String(cu), '{expected}/'],
      outputs: ['B', 'C', 'D'].map((name) => ({ name, type: 'matrix' })),
    })),
  ...[['left_matrix', 5, 19, 3, 11, 0.7, 0.7], ['left_matrix_sparse_into_dense', 2, 30, 4, 8, 0.9, 0.05]].map(
    ([n, rl, ru, cl, cu, spA, spB], k) => {
      const rows = 37, cols = 17;
      return {
        dir: `indexing/${n}`, source: S + 'indexing/LeftIndexingTest.dml', test: J + 'indexing/LeftIndexingTest.java',
        inputs: [
          mat('A', rows, cols, -1, 1, spA, 141 + k),
          mat('B', ru - rl + 1, cu - cl + 1, 2, 3, spB, 143 + k),
          mat('C', ru, cols - cl + 1, 4, 5, spB, 145 + k),
          mat('D', rows, cu - cl + 1, 6, 7, spB, 147 + k),
        ],
        args: ['{in}/A', String(rows), String(cols), String(rl), String(ru), String(cl), String(cu), '{out}/AB', '{out}/AC', '{out}/AD',
          '{in}/B', '{in}/C', '{in}/D', String(ru - rl + 1), String(cu - cl + 1), String(cols - cl + 1)],
        rargs: ['{in}/', String(rl), String(ru), String(cl), String(cu), '{expected}/'],
        outputs: ['AB', 'AC', 'AD'].map((name) => ({ name, type: 'matrix' })),
      };
    }),
  {
    dir: 'indexing/left_scalar', source: S + 'indexing/LeftIndexingScalarTest.dml', test: J + 'indexing/LeftIndexingScalarTest.java', notes: CR_NOTE,
    inputs: [mat('A', 1050, 1050, -1, 1, 0.0005, 151)], args: ['{in}/A', '1050', '1050', '{out}/A'], outputs: [{ name: 'A', type: 'matrix' }],
  },
);

/** A column vector holding every value 1..k at least once (so R's table() has all k columns). */
const allValues = (name, rows, k, seed) => ({
  name, rows, cols: 1, seed,
  fn: (i, _j, rand) => (i < k ? i + 1 : 1 + Math.floor(rand() * k)),
});
/** Integer matrix in 1..k with zeros, every row non-empty and every value present (CTableRowHist's R twin relies on that). */
const rowHistInput = (name, rows, cols, k, seed) => ({
  name, rows, cols, seed,
  fn: (i, j, rand) => (j === 0 ? 1 + ((i % k + k) % k) : j === 1 ? 0 : rand() < 0.5 ? 0 : 1 + Math.floor(rand() * k)),
});

CASES.push(
  // ---- ternary: ifelse, table/ctable ----
  {
    dir: 'ternary/ifelse_mmm', source: S + 'ternary/TernaryIfElse.dml', test: J + 'ternary/TernaryIfElseTest.java',
    inputs: [mat('A', 17, 13, 1, 1, 0.5, 161), mat('B', 17, 13, -1, 1, 0.7, 162), mat('C', 17, 13, -1, 1, 0.7, 163)],
    args: ['{in}/A', '{in}/B', '{in}/C', '{out}/R'], outputs: [{ name: 'R', type: 'matrix' }],
  },
  {
    dir: 'ternary/ifelse_msm', source: S + 'ternary/TernaryIfElse.dml', test: J + 'ternary/TernaryIfElseTest.java',
    inputs: [mat('A', 17, 13, 1, 1, 0.5, 164), mat('B', 1, 1, 7, 7, 1, 165), mat('C', 17, 13, -1, 1, 0.3, 166)],
    args: ['{in}/A', '{in}/B', '{in}/C', '{out}/R'], outputs: [{ name: 'R', type: 'matrix' }],
  },
  {
    dir: 'ternary/ctable_rowhist', source: S + 'ternary/CTableRowHist.dml', test: J + 'ternary/CTableRowHistTest.java',
    inputs: [rowHistInput('A', 23, 9, 6, 171)], args: ['{in}/A', '{out}/B'], outputs: [{ name: 'B', type: 'matrix' }],
  },
  {
    dir: 'ternary/ctable_seq_left', source: S + 'ternary/CTableSequenceLeft.dml', test: J + 'ternary/CTableSequenceTest.java',
    inputs: [allValues('A', 40, 7, 172)], args: ['{in}/A', '40', '1', '0', '{out}/B'], outputs: [{ name: 'B', type: 'matrix' }],
  },
  {
    dir: 'ternary/ctable_seq_left_agg', source: S + 'ternary/CTableSequenceLeft.dml', test: J + 'ternary/CTableSequenceTest.java',
    inputs: [allValues('A', 40, 5, 173)], args: ['{in}/A', '40', '1', '1', '{out}/B'], outputs: [{ name: 'B', type: 'matrix' }],
  },

  // ---- append ----
  {
    dir: 'append/cbind', source: S + 'append/AppendMatrixTest.dml', test: J + 'append/AppendMatrixTest.java',
    inputs: [mat('A', 23, 11, -1, 1, 0.7, 181), mat('B', 23, 7, -1, 1, 0.7, 182)],
    args: ['{in}/A', '23', '11', '{in}/B', '7', '{out}/C'], outputs: [{ name: 'C', type: 'matrix' }],
  },
  {
    dir: 'append/cbind_sparse', source: S + 'append/AppendMatrixTest.dml', test: J + 'append/AppendMatrixTest.java',
    inputs: [mat('A', 23, 11, -1, 1, 0.05, 183), mat('B', 23, 1, -1, 1, 0.5, 184)],
    args: ['{in}/A', '23', '11', '{in}/B', '1', '{out}/C'], outputs: [{ name: 'C', type: 'matrix' }],
  },
  abNoDims('append/rbind', 'append/RBindMatrixTest.dml', 'append/RBindCBindMatrixTest.java',
    mat('A', 13, 11, -1, 1, 0.7, 185), mat('B', 7, 11, -1, 1, 0.2, 186)),

  // ---- n-ary ----
  ...[['min', 'TRUE'], ['max', 'FALSE']].map(([n, flag], k) => ({
    dir: `nary/${n}`, source: S + 'nary/NaryMinMax.dml', test: J + 'nary/NaryMinMaxTest.java',
    inputs: [mat('A', 19, 11, -10, 10, 0.8, 191 + k), mat('B', 19, 11, -10, 10, 0.8, 193 + k), mat('C', 19, 11, -10, 10, 0.8, 195 + k)],
    args: ['{in}/A', '{in}/B', '{in}/C', flag, '{out}/R'], rargs: ['{in}/', flag, '{expected}/'],
    outputs: [{ name: 'R', type: 'matrix' }],
  })),
  {
    dir: 'nary/rbind', source: S + 'nary/NaryRbind.dml', test: J + 'nary/NaryRbindTest.java',
    inputs: [mat('A', 9, 11, -1, 1, 0.7, 197), mat('B', 4, 11, -1, 1, 0.7, 198), mat('C', 13, 11, -1, 1, 0.1, 199)],
    args: ['{in}/A', '{in}/B', '{in}/C', '{out}/R'], outputs: [{ name: 'R', type: 'matrix' }],
  },
  {
    dir: 'nary/list_cbind', source: S + 'nary/NaryListCbind.dml', test: J + 'nary/NaryListCbindTest.java',
    inputs: [mat('A', 9, 3, -1, 1, 0.7, 200), mat('B', 9, 5, -1, 1, 0.7, 201), mat('C', 9, 1, -1, 1, 0.7, 202)],
    args: ['{in}/A', '{in}/B', '{in}/C', '{out}/R'], outputs: [{ name: 'R', type: 'matrix' }],
  },
);

CASES.push(
  // ---- lists (functions/misc List*; ListAndIndexingTest / ListAsMatrixTest) ----
  ...['unnamed', 'named', 'unnamed_rix', 'as_matrix'].map((n) => {
    const file = { unnamed: 'ListUnnamed', named: 'ListNamed', unnamed_rix: 'ListUnnamedRix', as_matrix: 'ListAsMatrix' }[n];
    return {
      dir: `lists/${n}`, source: S + `misc/${file}.dml`, test: J + 'misc/ListAndIndexingTest.java',
      ...(n === 'named' ? { rsource: S + 'misc/ListUnnamed.R', notes: 'ListNamed has no R twin; ListUnnamed.R computes the same value (sum of the 5th entry, matrix(5,3,3)).' } : {}),
      args: ['{out}/R'], rargs: ['{expected}/'], outputs: [{ name: 'R', type: 'matrix' }],
    };
  }),

  // ---- user functions ----
  {
    dir: 'functions/scalar_function', source: S + 'misc/ScalarFunctionTest1.dml', test: J + 'misc/FunctionPotpourriTest.java',
    args: ['{out}/R'], rargs: ['{expected}/'], outputs: [{ name: 'R', type: 'matrix' }],
  },
  {
    dir: 'functions/recursion_factorial', source: S + 'misc/IPAUnknownRecursion.dml', test: J + 'misc/IPAUnknownRecursionTest.java',
    args: ['7', '{out}/R'], rargs: ['7', '{expected}/'], outputs: [{ name: 'R', type: 'matrix' }],
    notes: 'Uses the deprecated castAsScalar() (alias of as.scalar) inside print.',
  },

  // ---- removeEmpty on an all-zero matrix ----
  ...[['remove_empty_zero', 'TRUE'], ['remove_empty_zero_noret', 'FALSE']].map(([n, eret]) => ({
    dir: `reorg/${n}`, source: S + 'misc/ZeroMatrix_RemoveEmpty.dml', test: J + 'misc/ZeroMatrixTest.java',
    args: ['13', eret, '{out}/R'], rargs: ['13', eret, '{expected}/'], outputs: [{ name: 'R', type: 'matrix' }],
  })),
);

CASES.push(
  // ---- parfor: result merge (ParForNaNResultMergeTest, ParForFunctionSerializationTest, ParForColwiseResultMergeTest ...) ----
  {
    dir: 'parfor/funct', source: S + 'parfor/parfor_funct.dml', test: J + 'parfor/misc/ParForFunctionSerializationTest.java',
    inputs: [mat('V', 20, 11, 0, 1, 0.7, 211)], args: ['{in}/V', '20', '11', '{out}/R'],
    outputs: [{ name: 'R', type: 'matrix', expected: 'Rout' }],
    notes: 'mode=REMOTE_SPARK: an engine without Spark runs the parfor body locally; the result must not change.',
  },
  ...[['nan_merge1', 'parfor_NaN1'], ['nan_merge2', 'parfor_NaN2']].map(([n, f]) => ({
    dir: `parfor/${n}`, source: S + `parfor/${f}.dml`, test: J + 'parfor/misc/ParForNaNResultMergeTest.java',
    args: ['12', '5', '{out}/R'], rargs: ['12', '5', '{expected}/'], outputs: [{ name: 'R', type: 'matrix' }],
  })),
  {
    dir: 'parfor/resultmerge_cols', source: S + 'parfor/parfor_pr_resultmerge1a.dml', test: J + 'parfor/misc/ParForColwiseResultMergeTest.java',
    inputs: [mat('V', 20, 15, 0, 1, 0.7, 212)], args: ['{in}/V', '20', '15', '{out}/R'],
    outputs: [{ name: 'R', type: 'matrix', expected: 'Rout' }],
  },
  {
    dir: 'parfor/repeated_opt', source: S + 'parfor/parfor_repeatedopt1.dml', test: J + 'parfor/misc/ParForRepeatedOptimizationTest.java', notes: CR_NOTE,
    inputs: [mat('V', 20, 9, 0, 1, 0.7, 213)], args: ['{in}/V', '20', '9', '{out}/R'], outputs: [{ name: 'R', type: 'matrix' }],
  },
);

/** Regression data: y = X %*% b + noise, with fixed b, so the solvers have a well-posed problem. */
function regression(rows, cols, seed, sparsity = 1) {
  const X = mat('X', rows, cols, -1, 1, sparsity, seed);
  const b = Array.from({ length: cols }, (_, j) => ((j % 5) - 2) * 0.75 + 0.1);
  const noise = { name: 'y', rows, cols: 1, seed: seed + 1 };
  return { X, b, noise };
}
/** Materialises y from X (deterministically, through the same PRNG as X) at generation time. */
import { materialise } from './matrices.mjs';
function regressionInputs(xName, yName, rows, cols, seed, sparsity, labels = false) {
  const { X, b } = regression(rows, cols, seed, sparsity);
  const xm = materialise(X);
  const y = {
    name: yName, rows, cols: 1, seed: seed + 1,
    fn: (i, _j, rand) => {
      let v = 0.5;
      for (let j = 0; j < cols; j++) v += xm.data[i * cols + j] * b[j];
      v += (rand() - 0.5) * 0.2;
      return labels ? (v > 0 ? 1 : -1) : v;
    },
  };
  return [{ ...X, name: xName }, y];
}

CASES.push(
  // ---- applications: linear regression (direct solve and CG), L2SVM ----
  ...[['linreg_ds', 0, '0'], ['linreg_ds_icpt_reg', 1, '0.001']].map(([n, icpt, lambda], k) => ({
    dir: `applications/${n}`, source: S + 'gdfo/LinregDS.dml', test: J + 'gdfo/GDFOLinregDSTest.java', notes: CR_NOTE,
    inputs: regressionInputs('X', 'y', 120, 12, 301 + 10 * k, 1),
    args: ['{in}/X', '{in}/y', String(icpt), lambda, '{out}/B'], rargs: ['{in}/', String(icpt), lambda, '{expected}/'],
    outputs: [{ name: 'B', type: 'matrix', tol: 1e-8 }],
  })),
  {
    dir: 'applications/linreg_cg', source: 'src/test/scripts/applications/linear_regression/LinearRegression.dml',
    test: 'src/test/java/org/apache/sysds/test/applications/LinearRegressionTest.java',
    inputs: regressionInputs('v', 'y', 50, 30, 321, 0.8),
    args: ['{in}/v', '{in}/y', '0.00000001', '{out}/w'], rargs: ['{in}/', '0.00000001', '{expected}/'],
    outputs: [{ name: 'w', type: 'matrix', tol: 1e-8 }],
  },
  ...[['linreg_cg_icpt', 1, 0.7], ['linreg_cg_sparse', 0, 0.1]].map(([n, icpt, sp], k) => ({
    dir: `applications/${n}`, source: S + 'gdfo/LinregCG.dml', test: J + 'gdfo/GDFOLinregCGTest.java',
    inputs: regressionInputs('X', 'y', 150, 17, 331 + 10 * k, sp),
    args: ['{in}/X', '{in}/y', String(icpt), '0.000001', '10', '{out}/w'], rargs: ['{in}/', String(icpt), '0.000001', '10', '{expected}/'],
    outputs: [{ name: 'w', type: 'matrix', tol: 1e-7 }],
  })),
  ...[['l2svm', 0, 0.9], ['l2svm_icpt_sparse', 1, 0.2]].map(([n, icpt, sp], k) => ({
    dir: `applications/${n}`, source: 'src/test/scripts/applications/l2svm/L2SVM.dml',
    test: 'src/test/java/org/apache/sysds/test/applications/L2SVMTest.java',
    inputs: regressionInputs('X', 'Y', 200, 15, 351 + 10 * k, sp, true),
    nvargs: { X: '{in}/X', Y: '{in}/Y', icpt: String(icpt), tol: '0.000000001', reg: '1', maxiter: '100', model: '{out}/w', Log: '{out}/Log' },
    rargs: ['{in}/', String(icpt), '0.000000001', '1', '100', '{expected}/'],
    outputs: [{ name: 'w', type: 'matrix', tol: 1e-6 }],
    notes: 'Iterative (CG with inner Newton line search): compared with a 1e-6 relative tolerance. The Log output is not compared.',
  })),
);

CASES.push(
  // ---- data generation: seq (functions/data/Sequence; SequenceTest) ----
  ...[['seq', '1', '100', '3'], ['seq_desc', '50', '-7', '-4'], ['seq_fractional', '-1.5', '2.3', '0.1']].map(([n, from, to, incr]) => ({
    dir: `datagen/${n}`, source: S + 'data/Sequence.dml', test: J + 'data/SequenceTest.java',
    args: [from, to, incr, '{out}/A'], rargs: [from, to, incr, '{expected}/'],
    outputs: [{ name: 'A', type: 'matrix' }],
  })),
);

CASES.push(
  // ---- user functions: multi-return, named arguments, defaults (misc/FunPotpourri*, ScalarFunctionTest2) ----
  {
    dir: 'functions/scalar_function_var', source: S + 'misc/ScalarFunctionTest2.dml', test: J + 'misc/FunctionPotpourriTest.java',
    args: ['{out}/R'], rargs: ['{expected}/'], outputs: [{ name: 'R', type: 'matrix' }],
  },
  {
    dir: 'functions/named_args_multi_return', source: S + 'misc/FunPotpourriNamedArgsMulti.dml', test: J + 'misc/FunctionPotpourriTest.java',
    args: ['FALSE'], outputs: [],
    stdout: [{ prefix: 'out:  ', rexpr: 'sum(matrix(1, 300, 500) %*% matrix(2, 500, 200) + 7)' }],
    notes: 'No R twin: the script prints its result; the expected value is computed by the R expression in stdout[].rexpr.',
  },
  {
    dir: 'functions/default_arg_scalar', source: S + 'misc/FunPotpourriDefaultArgScalar.dml', test: J + 'misc/FunctionPotpourriTest.java',
    outputs: [], stdoutExcludes: ['ERROR'],
    notes: 'Self-checking script (no R twin): it prints ERROR when the call with a defaulted argument differs from the explicit one.',
  },
  {
    dir: 'functions/subset_return', source: S + 'misc/FunPotpourriSubsetReturn.dml', test: J + 'misc/FunctionPotpourriTest.java',
    outputs: [], stdout: [{ prefix: 'out:  ', rexpr: '0' }],
    notes: 'Self-checking script (no R twin): assigning the first of two return values twice must give identical results.',
  },
);

CASES.push(
  // ---- more aggregates: sd, rowSds, rowIndexMin, colProds, sum of squares, trace ----
  {
    dir: 'aggregate/std_dev', source: S + 'aggregate/StdDev.dml', test: J + 'aggregate/StdDevTest.java',
    inputs: [mat('X', 40, 30, -1, 1, 0.8, 401)], args: ['{in}/X', '{out}/stdDev'], outputs: [{ name: 'stdDev', type: 'matrix' }],
  },
  {
    dir: 'aggregate/row_sds', source: S + 'aggregate/RowStdDevs.dml', test: J + 'aggregate/RowStdDevsTest.java',
    inputs: [mat('X', 40, 30, -1, 1, 0.3, 402)], args: ['{in}/X', '{out}/rowStdDevs'], outputs: [{ name: 'rowStdDevs', type: 'matrix' }],
  },
  aRowsColsB('aggregate/row_index_min', 'aggregate/RowIndexMins.dml', 'aggregate/FullRowAggregateTest.java', 37, 23, -1, 1, 0.7, 403),
  {
    dir: 'aggregate/col_prods', source: S + 'aggregate/ColProds.dml', test: J + 'aggregate/RowColProdsAggregateTest.java',
    inputs: [mat('A', 12, 9, 0.5, 1.5, 0.9, 404)], args: ['{in}/A', '{out}/B'], outputs: [{ name: 'B', type: 'matrix' }],
  },
  {
    dir: 'aggregate/sum_sq', source: S + 'aggregate/SumSq.dml', test: J + 'aggregate/SumSqTest.java',
    inputs: [mat('X', 40, 30, -1, 1, 0.5, 405)], args: ['{in}/X', '{out}/sumSq'], outputs: [{ name: 'sumSq', type: 'matrix' }],
  },
  aRowsColsB('aggregate/trace', 'aggregate/DiagSum.dml', 'aggregate/TraceTest.java', 25, 25, -1, 1, 0.7, 406),
);

CASES.push(
  // ---- more unary: cummax, ceil, round, A*(1-A), A*(A>0), det ----
  inOut('unary/cummax', 'unary/matrix/Cummax.dml', 'unary/matrix/FullCummaxTest.java', mat('A', 27, 9, -1, 1, 0.7, 501), 'B'),
  inOut('unary/ceil', 'unary/matrix/Ceil.dml', 'unary/matrix/RoundTest.java', mat('math', 27, 9, -10, 10, 0.7, 502), 'R'),
  inOut('unary/round', 'unary/matrix/RoundTest.dml', 'unary/matrix/RoundTest.java', mat('math', 27, 9, -10, 10, 0.7, 503), 'R',
    { notes: 'Random values never sit exactly on .5, where R (half to even) and SystemDS (half up) differ.' }),
  inOut('unary/sprop', 'unary/matrix/SProp.dml', 'unary/matrix/FullSPropTest.java', mat('A', 27, 9, 0, 1, 0.7, 504), 'B'),
  inOut('unary/selpos', 'unary/matrix/SelPos.dml', 'unary/matrix/FullSelectPosTest.java', mat('A', 27, 9, -1, 1, 0.7, 505), 'B'),
  {
    dir: 'unary/det', source: S + 'unary/matrix/DetTest.dml', test: J + 'unary/matrix/DetTest.java',
    inputs: [mat('A', 8, 8, -1, 1, 1, 506)], args: ['{in}/A', '{out}/d'], outputs: [{ name: 'd', type: 'scalar', tol: 1e-9 }],
  },
);

CASES.push(
  // ---- data generation: matrix(x, rows, cols) row fill (RandVarMinMax1), seq with two arguments ----
  {
    dir: 'datagen/matrix_row_fill', source: S + 'data/RandVarMinMax1.dml', rsource: S + 'data/RandVarMinMax.R', test: J + 'data/RandVarMinMaxTest.java',
    args: ['17', '6', '{out}/R'], rargs: ['17', '6', '{expected}/'], outputs: [{ name: 'R', type: 'matrix' }],
  },
  ...[['seq_2args', '3', '42'], ['seq_2args_desc', '10', '-5']].map(([n, from, to]) => ({
    dir: `datagen/${n}`, source: S + 'data/Sequence2inputs.dml', test: J + 'data/SequenceTest.java',
    args: [from, to, '{out}/A'], rargs: [from, to, '{expected}/'], outputs: [{ name: 'A', type: 'matrix' }],
  })),
);

CASES.push(
  // ---- more binary: scalar-left comparison, power, comparison operators (not ppred) ----
  {
    dir: 'binary/ppred_scalar_left_lt', source: S + 'binary/matrix_full_other/PPredScalarLeftTest.dml', test: J + 'binary/matrix_full_other/FullPPredScalarLeftTest.java',
    inputs: [mat('A', 21, 13, -1, 1, 0.5, 601)], args: ['{in}/A', '1', '0.3', '{out}/B'], rargs: ['{in}/', '1', '0.3', '{expected}/'],
    outputs: [{ name: 'B', type: 'matrix' }],
  },
  abNoDims('binary/power', 'binary/matrix_full_other/FullPower.dml', 'binary/matrix_full_other/FullPowerTest.java',
    mat('A', 19, 11, 0, 3, 1, 602), mat('B', 19, 11, -2, 3, 1, 603)),
  abNoDims('binary/power_sparse', 'binary/matrix_full_other/FullPower.dml', 'binary/matrix_full_other/FullPowerTest.java',
    mat('A', 19, 11, 0, 3, 0.3, 604), mat('B', 19, 11, 0.5, 3, 0.3, 605),
    { notes: '0^0 = 1 and 0^b = 0 for b > 0 (sparse inputs), as in R and Java Math.pow.' }),
  ...[['logical_matrix_ne', 3], ['logical_matrix_lt', 1]].map(([n, t], k) => ({
    dir: `binary/${n}`, source: S + 'binary/matrix_full_other/LogicalMatrixTest.dml', test: J + 'binary/matrix_full_other/FullLogicalMatrixTest.java',
    inputs: [mat('A', 21, 13, 0, 3, 0.6, 611 + k, { round: true }), mat('B', 21, 13, 0, 3, 0.6, 621 + k, { round: true })],
    args: ['{in}/A', '{in}/B', String(t), '{out}/C'], rargs: ['{in}/', String(t), '{expected}/'],
    outputs: [{ name: 'C', type: 'matrix' }],
  })),
);
