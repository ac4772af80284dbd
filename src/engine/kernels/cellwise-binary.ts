/**
 * Cell-wise binary operations on matrices: matrix-matrix (same dims), matrix-scalar,
 * scalar-matrix, a row (1 x n) or column (m x 1) vector broadcast against m x n on either side,
 * and the outer form: an m x 1 column vector op a 1 x n row vector gives m x n.
 *
 * Sparse-safe fast path: when the op maps 0 op 0 to 0 and the full-shape operand is sparse, the
 * output is assembled as CSR without densifying that operand. Cells where the sparse side is zero
 * are still computed exactly (e.g. 0 * NaN is NaN), so dense and sparse inputs give identical values.
 */
import { fail } from '../../common/diagnostics.js';
import { binaryCellFn, type BinaryOp } from '../../common/scalar-ops.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { CsrBuilder } from './csr-builder.js';
import { denseFast } from './cellwise-dense-fast.js';
import { compiledBinary } from './compiled/cellwise.js';
import { evaluateCellProgram } from './fused/cell-program.js';
import { parallelBinary } from './parallel/ops.js';
import { allocDenseOverwritten } from './parallel/shared-memory.js';
import { kernelResources } from '../kernel-resources.js';

/** A matrix or a scalar (already converted to its double value). */
export type CellOperand = MatrixBlock | number;

type CellFn = (a: number, b: number) => number;

interface Shape {
  readonly rows: number;
  readonly cols: number;
}

/** The output shape of `a op b`, or DML4001 when the operands cannot be combined cell-wise. */
export function broadcastShape(op: string, a: CellOperand, b: CellOperand, span?: Span): Shape {
  if (typeof a === 'number' && typeof b === 'number') return { rows: 1, cols: 1 };
  if (typeof a === 'number') return b as MatrixBlock;
  if (typeof b === 'number') return a;
  if (a.rows === b.rows && a.cols === b.cols) return a;
  if ((b.rows === a.rows && b.cols === 1) || (b.rows === 1 && b.cols === a.cols)) return a;
  if ((a.rows === b.rows && a.cols === 1) || (a.rows === 1 && a.cols === b.cols)) return b;
  // Outer vector operation (SystemDS's OUTER_VECTOR_VECTOR): column vector op row vector.
  if (a.cols === 1 && b.rows === 1) return { rows: a.rows, cols: b.cols };
  return fail(
    'DML4001',
    `cell-wise '${op}': dimension mismatch between a ${a.rows}x${a.cols} and a ${b.rows}x${b.cols} matrix ` +
      '(operands must have the same dims, or one must be a matching row or column vector)',
    span,
  );
}

/** `a op b` cell-wise; at least one side should be a matrix (two scalars give a 1x1 matrix). */
export function cellwiseBinary(op: BinaryOp, a: CellOperand, b: CellOperand, span?: Span): MatrixBlock {
  const { rows: m, cols: n } = broadcastShape(op, a, b, span);
  // The run's thread settings, pool and recycler, once per call.
  const rt = kernelResources();
  // Large dense operands: row ranges on the worker pool (same per-cell code, identical values).
  const par = parallelBinary(rt, op, a, b, m, n);
  if (par !== undefined) return par;
  // Sparse op dense of the same shape, other than *: the result is dense anyway, so scatter the
  // sparse side into a temporary and take the dense loop (the sparse-safe path would build a CSR
  // cell by cell through a closure: P - Y with a one-hot Y ran 4 ms per 1e5x4).
  if (op !== '*' && op !== '&' && sparseAgainstDense(a, b, m, n))
    return cellwiseBinary(op, scatterDense(a as MatrixBlock), b, span);
  if (op !== '*' && op !== '&' && sparseAgainstDense(b, a, m, n))
    return cellwiseBinary(op, a, scatterDense(b as MatrixBlock), span);
  const da = denseSide(a, m, n);
  const db = denseSide(b, m, n);
  if (da !== undefined && db !== undefined) {
    const out = allocDenseOverwritten(rt, m * n);
    // Compiled loop (SIMD, counts the non-zeros as it goes) for mid-size operands; the
    // TypeScript loop below gives the same values.
    const nnz = compiledBinary(op, da, db, out);
    if (nnz !== undefined) return MatrixBlock.denseWithNnz(m, n, out, nnz).examSparsity();
    if (denseFast(op, da, db, out)) return MatrixBlock.dense(m, n, out).examSparsity();
  }
  // Dense broadcasts (X - rowMaxs(X), E / rowSums(E)) and ops without a fast loop (X ^ 2, X >= 0):
  // the fused cell-program generator's monomorphic loop (same scalar functions, same values)
  // instead of a per-cell closure over row views, which ran ~8 ns per cell.
  if (m * n >= PROGRAM_MIN_CELLS && isDenseSide(a) && isDenseSide(b)) {
    const r = evaluateCellProgram(`${op}($0,$1)`, [a, b], 'none', span);
    if (typeof r !== 'number') return r;
  }
  return cellwiseWith(binaryCellFn(op), op, a, b, span);
}

/** x is a sparse m x n matrix and y a dense m x n matrix. */
function sparseAgainstDense(x: CellOperand, y: CellOperand, m: number, n: number): boolean {
  return (
    typeof x !== 'number' &&
    typeof y !== 'number' &&
    x.isSparse &&
    !y.isSparse &&
    x.rows === m &&
    x.cols === n &&
    y.rows === m &&
    y.cols === n
  );
}

/** A dense copy of a sparse block (not cached on the block: that would double its memory). */
function scatterDense(x: MatrixBlock): MatrixBlock {
  const s = x.sparseData();
  const n = x.cols;
  const d = new Float64Array(x.rows * n);
  for (let i = 0; i < x.rows; i++)
    for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) d[i * n + s.colIdx[p]!] = s.values[p]!;
  return MatrixBlock.denseWithNnz(x.rows, n, d, x.nnz);
}

/** Below this many cells the generic loop's start-up is cheaper than a program cache lookup. */
const PROGRAM_MIN_CELLS = 1024;

function isDenseSide(x: CellOperand): boolean {
  return typeof x === 'number' || !x.isSparse;
}

/** Same as cellwiseBinary with an explicit cell function (used by n-ary min/max and tests). */
export function cellwiseWith(
  f: CellFn,
  op: string,
  a: CellOperand,
  b: CellOperand,
  span?: Span,
): MatrixBlock {
  const shape = broadcastShape(op, a, b, span);
  const m = shape.rows;
  const n = shape.cols;
  if (f(0, 0) === 0) {
    if (isFullSparse(a, m, n)) return sparseSafe(f, a as MatrixBlock, b, m, n);
    if (isFullSparse(b, m, n)) return sparseSafe((x, y) => f(y, x), b as MatrixBlock, a, m, n);
  }
  const out = allocDenseOverwritten(kernelResources(), m * n);
  const ra = rowProvider(a, m, n);
  const rb = rowProvider(b, m, n);
  for (let i = 0; i < m; i++) {
    const x = ra(i);
    const y = rb(i);
    const off = i * n;
    for (let j = 0; j < n; j++) out[off + j] = f(x[j]!, y[j]!);
  }
  return MatrixBlock.dense(m, n, out).examSparsity();
}

/** The dense array (or scalar) of an operand that needs no broadcasting, else undefined. */
function denseSide(x: CellOperand, m: number, n: number): Float64Array | number | undefined {
  if (typeof x === 'number') return x;
  if (x.isSparse || x.rows !== m || x.cols !== n) return undefined;
  return x.denseData();
}

function isFullSparse(x: CellOperand, m: number, n: number): boolean {
  return typeof x !== 'number' && x.isSparse && x.rows === m && x.cols === n;
}

/** Dense view of row i of an operand broadcast to m x n (buffers are reused between calls). */
function rowProvider(x: CellOperand, m: number, n: number): (i: number) => Float64Array {
  if (typeof x === 'number') {
    const row = new Float64Array(n).fill(x);
    return () => row;
  }
  if (x.rows === m && x.cols === n) {
    if (!x.isSparse) {
      const d = x.denseData();
      return (i) => d.subarray(i * n, (i + 1) * n);
    }
    const s = x.sparseData();
    const buf = new Float64Array(n);
    return (i) => {
      buf.fill(0);
      for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) buf[s.colIdx[p]!] = s.values[p]!;
      return buf;
    };
  }
  if (x.rows === 1 && x.cols === n) {
    const row = x.row(0);
    return () => row;
  }
  const buf = new Float64Array(n);
  return (i) => buf.fill(x.get(i, 0));
}

/**
 * f(s, o) where s is a sparse m x n block and f(0, 0) = 0. Only cells where s is stored, or where
 * f(0, o) is non-zero, are visited; when the other side is a scalar or vector whose every value
 * gives f(0, o) = 0 (X * 2, X != 0, X * rowvec), only s's stored cells are.
 */
function sparseSafe(f: CellFn, s: MatrixBlock, o: CellOperand, m: number, n: number): MatrixBlock {
  const sd = s.sparseData();
  if (typeof o !== 'number' && o.isSparse && o.rows === m && o.cols === n) return unionMerge(f, s, o);
  const out = new CsrBuilder(m, n, s.nnz);
  const otherFullDense = typeof o !== 'number' && o.rows === m && o.cols === n;
  let onlyStored = false;
  if (!otherFullDense) {
    const vals = typeof o === 'number' ? [o] : o.denseData();
    onlyStored = true;
    for (let k = 0; k < vals.length; k++) {
      if (f(0, vals[k]!) !== 0) {
        onlyStored = false;
        break;
      }
    }
  }
  const ro = rowProvider(o, m, n);
  for (let i = 0; i < m; i++) {
    const y = ro(i);
    const start = sd.rowPtr[i]!;
    const end = sd.rowPtr[i + 1]!;
    if (onlyStored) {
      for (let p = start; p < end; p++) {
        const j = sd.colIdx[p]!;
        out.push(j, f(sd.values[p]!, y[j]!));
      }
    } else {
      let p = start;
      for (let j = 0; j < n; j++) {
        let v = 0;
        if (p < end && sd.colIdx[p] === j) v = sd.values[p++]!;
        out.push(j, f(v, y[j]!));
      }
    }
    out.endRow();
  }
  return out.build();
}

/** Both sparse with the same dims: visit the union of stored cells (f(0, 0) = 0 elsewhere). */
function unionMerge(f: CellFn, a: MatrixBlock, b: MatrixBlock): MatrixBlock {
  const sa = a.sparseData();
  const sb = b.sparseData();
  const out = new CsrBuilder(a.rows, a.cols, a.nnz + b.nnz);
  for (let i = 0; i < a.rows; i++) {
    let p = sa.rowPtr[i]!;
    let q = sb.rowPtr[i]!;
    const pe = sa.rowPtr[i + 1]!;
    const qe = sb.rowPtr[i + 1]!;
    while (p < pe || q < qe) {
      const ja = p < pe ? sa.colIdx[p]! : Infinity;
      const jb = q < qe ? sb.colIdx[q]! : Infinity;
      if (ja === jb) out.push(ja, f(sa.values[p++]!, sb.values[q++]!));
      else if (ja < jb) out.push(ja, f(sa.values[p++]!, 0));
      else out.push(jb, f(0, sb.values[q++]!));
    }
    out.endRow();
  }
  return out.build();
}
