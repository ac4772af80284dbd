/**
 * Shape rules shared by analysis (compile-time diagnostics), size propagation (HOP dims) and the
 * engine's builtins (runtime checks), so that all three give the same result dims and fail with
 * the same code and text.
 *
 * Dims of -1 are unknown. A rule only reports a mismatch it can prove, and only gives a result dim
 * every valid value of the unknowns agrees on.
 *
 * The phase: at run time (`'run'`) the operands are checked exactly. At compile time
 * (`'compile'`) the op may sit in a branch that never runs for these sizes (SystemDS's own test
 * scripts branch on nrow(B) == 1 and keep ifelse(A, B, s) for a 1x1 B in the other branch), so
 * only a conflict no vector orientation could resolve is an error there: one dimension differing
 * with neither side 1. Operands that only their orientation rules out (a 1x1 matrix against an
 * m x n one, a row vector against a column vector) compile, with dimension-wise dims, and fail
 * when they run, with the same message. (SystemDS splits it the same way: validation allows a
 * 1 in either dimension, LibMatrixBincell checks the exact forms.)
 */

export type RulePhase = 'compile' | 'run';

/** Rows and columns of a matrix operand (-1 = unknown). */
export interface MatrixShape {
  readonly rows: number;
  readonly cols: number;
}

/** A scalar operand, or a matrix. */
export type OperandShape = 'scalar' | MatrixShape;

/** A size error: the diagnostic code and message every phase reports for it. */
export interface ShapeError {
  readonly code: string;
  readonly message: string;
}

export type ShapeOutcome =
  { readonly ok: true; readonly shape: OperandShape } | { readonly ok: false; readonly error: ShapeError };

const dim = (n: number): string => (n < 0 ? '?' : String(n));

/** `3x4`, or `?x4` when the rows are unknown. */
export function describeShape(s: MatrixShape): string {
  return `${dim(s.rows)}x${dim(s.cols)}`;
}

/** The message of a cell-wise dimension mismatch (DML4001), at compile time and at run time. */
export function cellwiseMismatch(op: string, a: MatrixShape, b: MatrixShape): ShapeError {
  return {
    code: 'DML4001',
    message:
      `cell-wise '${op}': dimension mismatch between a ${describeShape(a)} and a ${describeShape(b)} matrix ` +
      '(operands must have the same dims, or one must be a matching row or column vector)',
  };
}

/**
 * Cell-wise `a op b` on known dims: the same dims; a column vector (m x 1) or row vector (1 x n)
 * against m x n on either side; or the outer form, m x 1 op 1 x n. Undefined when they do not
 * combine (SystemDS's LibMatrixBincell.isValidDimensionsBinary, with vectors on either side).
 */
function knownBroadcast(a: MatrixShape, b: MatrixShape): MatrixShape | undefined {
  if (a.rows === b.rows && a.cols === b.cols) return a;
  if ((b.rows === a.rows && b.cols === 1) || (b.rows === 1 && b.cols === a.cols)) return a;
  if ((a.rows === b.rows && a.cols === 1) || (a.rows === 1 && a.cols === b.cols)) return b;
  if (a.cols === 1 && b.rows === 1) return { rows: a.rows, cols: b.cols };
  return undefined;
}

/**
 * One dimension of a broadcast, dimension-wise: in every valid combination the two sides are equal
 * or one of them is 1, and the result takes the other. Two known sides otherwise differ: a
 * conflict. With one side unknown, a known side other than 1 decides; a known 1 leaves it unknown.
 */
function broadcastDim(x: number, y: number): number | 'conflict' {
  if (x >= 0 && y >= 0) return x === y || y === 1 ? x : x === 1 ? y : 'conflict';
  if (x < 0 && y < 0) return -1;
  const known = x < 0 ? y : x;
  return known !== 1 ? known : -1;
}

/**
 * The result of cell-wise `a op b` (arithmetic, comparisons, logical and bitwise operators,
 * n-ary min/max, log(X, base), ...): a scalar when both are scalars, else the matrix dims.
 */
export function cellwiseShape(
  op: string,
  a: OperandShape,
  b: OperandShape,
  phase: RulePhase = 'run',
): ShapeOutcome {
  if (a === 'scalar') return { ok: true, shape: b === 'scalar' ? 'scalar' : { rows: b.rows, cols: b.cols } };
  if (b === 'scalar') return { ok: true, shape: { rows: a.rows, cols: a.cols } };
  if (phase === 'run' && a.rows >= 0 && a.cols >= 0 && b.rows >= 0 && b.cols >= 0) {
    const s = knownBroadcast(a, b);
    return s === undefined
      ? { ok: false, error: cellwiseMismatch(op, a, b) }
      : { ok: true, shape: { rows: s.rows, cols: s.cols } };
  }
  const rows = broadcastDim(a.rows, b.rows);
  const cols = broadcastDim(a.cols, b.cols);
  if (rows === 'conflict' || cols === 'conflict') return { ok: false, error: cellwiseMismatch(op, a, b) };
  return { ok: true, shape: { rows, cols } };
}

/**
 * The result of an operation whose matrix operands must all have the same dims, scalars being
 * broadcast (ifelse): those dims, known where any operand knows them. At compile time a 1 against
 * another size is left to the run (see RulePhase), with the other size as the result's.
 */
export function sameShape(
  what: string,
  operands: readonly OperandShape[],
  phase: RulePhase = 'run',
): ShapeOutcome {
  const mats = operands.filter((o): o is MatrixShape => o !== 'scalar');
  if (mats.length === 0) return { ok: true, shape: 'scalar' };
  const mismatch: ShapeOutcome = {
    ok: false,
    error: {
      code: 'DML4001',
      message: `${what}: matrix arguments must have the same dimensions, got ${mats.map(describeShape).join(', ')}`,
    },
  };
  const fold = (xs: readonly number[]): number | 'conflict' => {
    let d = -1;
    for (const x of xs) {
      if (x < 0 || x === d) continue;
      if (d < 0) d = x;
      else if (phase === 'run') return 'conflict';
      else if (x !== 1) {
        if (d !== 1) return 'conflict';
        d = x;
      }
    }
    return d;
  };
  const rows = fold(mats.map((m) => m.rows));
  const cols = fold(mats.map((m) => m.cols));
  if (rows === 'conflict' || cols === 'conflict') return mismatch;
  return { ok: true, shape: { rows, cols } };
}
