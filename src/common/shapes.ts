/**
 * Shape rules shared by analysis (compile-time diagnostics), size propagation (HOP dims) and the
 * engine's builtins (runtime checks), so that all three accept the same operands, give the same
 * result dims and fail with the same code and text.
 *
 * Dims of -1 are unknown. A rule only reports a mismatch it can prove (every value the unknown
 * dims could take would fail at run time), and only gives a result dim every valid value agrees on.
 */

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
 * One dimension of a broadcast with at least one side unknown: in every valid combination the two
 * sides are equal or one of them is 1, and the result takes the other; so a known side other than
 * 1 decides, and a known 1 leaves the result unknown.
 */
function unknownDim(x: number, y: number): number | 'mismatch' {
  if (x >= 0 && y >= 0) return x === y || y === 1 ? x : x === 1 ? y : 'mismatch';
  if (x < 0 && y < 0) return -1;
  const known = x < 0 ? y : x;
  return known !== 1 ? known : -1;
}

/**
 * The result of cell-wise `a op b` (arithmetic, comparisons, logical and bitwise operators,
 * n-ary min/max, log(X, base), ...): a scalar when both are scalars, else the matrix dims.
 */
export function cellwiseShape(op: string, a: OperandShape, b: OperandShape): ShapeOutcome {
  if (a === 'scalar') return { ok: true, shape: b === 'scalar' ? 'scalar' : { rows: b.rows, cols: b.cols } };
  if (b === 'scalar') return { ok: true, shape: { rows: a.rows, cols: a.cols } };
  if (a.rows >= 0 && a.cols >= 0 && b.rows >= 0 && b.cols >= 0) {
    const s = knownBroadcast(a, b);
    return s === undefined
      ? { ok: false, error: cellwiseMismatch(op, a, b) }
      : { ok: true, shape: { rows: s.rows, cols: s.cols } };
  }
  const rows = unknownDim(a.rows, b.rows);
  const cols = unknownDim(a.cols, b.cols);
  if (rows === 'mismatch' || cols === 'mismatch') return { ok: false, error: cellwiseMismatch(op, a, b) };
  return { ok: true, shape: { rows, cols } };
}

/**
 * The result of an operation whose matrix operands must all have the same dims, scalars being
 * broadcast (ifelse): the first matrix's dims, completed by the others where it has unknowns.
 */
export function sameShape(what: string, operands: readonly OperandShape[]): ShapeOutcome {
  const mats = operands.filter((o): o is MatrixShape => o !== 'scalar');
  if (mats.length === 0) return { ok: true, shape: 'scalar' };
  let rows = -1;
  let cols = -1;
  for (const m of mats) {
    if ((m.rows >= 0 && rows >= 0 && m.rows !== rows) || (m.cols >= 0 && cols >= 0 && m.cols !== cols)) {
      return {
        ok: false,
        error: {
          code: 'DML4001',
          message: `${what}: matrix arguments must have the same dimensions, got ${mats.map(describeShape).join(', ')}`,
        },
      };
    }
    if (rows < 0) rows = m.rows;
    if (cols < 0) cols = m.cols;
  }
  return { ok: true, shape: { rows, cols } };
}
