/**
 * MatrixBlock: an FP64 matrix held either dense (row-major Float64Array) or sparse (CSR).
 * The format is a storage choice only; every kernel must give the same values for both.
 * SystemDS picks sparse when sparsity < 0.4 (and more than one column); `examSparsity()` asks the
 * same rule (prefersSparse, src/common/sparsity.ts) as the optimizer's memory estimate.
 */
import { prefersSparse } from '../../common/sparsity.js';
import { noteDenseOwner } from './buffer-owners.js';

export { SPARSITY_TURN_POINT } from '../../common/sparsity.js';

/** Below this the engine never registers a buffer for reuse (buffer-owners.ts): skip the lookup. */
const OWNED_MIN_CELLS = 8192;

export interface CsrData {
  /** rows + 1 offsets into colIdx/values. */
  readonly rowPtr: Int32Array;
  /** Column indices, ascending within each row. */
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

export class MatrixBlock {
  readonly dt = 'matrix' as const;
  readonly rows: number;
  readonly cols: number;
  private _dense: Float64Array | null;
  private _sparse: CsrData | null;
  private _nnz: number;

  private constructor(
    rows: number,
    cols: number,
    dense: Float64Array | null,
    sparse: CsrData | null,
    nnz: number,
  ) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`invalid matrix dimensions ${rows}x${cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this._dense = dense;
    this._sparse = sparse;
    this._nnz = nnz;
    // The result-buffer recycler must know every block built over a buffer the engine allocated.
    if (dense !== null && dense.length >= OWNED_MIN_CELLS) noteDenseOwner(this, dense);
  }

  // ------------------------------------------------------------ construction

  /** Dense block over `data` (row-major, length rows*cols; not copied). nnz is counted. */
  static dense(rows: number, cols: number, data?: Float64Array): MatrixBlock {
    const d = data ?? new Float64Array(rows * cols);
    if (d.length !== rows * cols) throw new RangeError(`dense data length ${d.length} != ${rows}x${cols}`);
    return new MatrixBlock(rows, cols, d, null, data ? countNnz(d) : 0);
  }

  /**
   * Dense block over `data` whose non-zero count the producer already knows (a parallel kernel
   * counts its own cells): saves the counting pass over a large result. `nnz` must be exact.
   */
  static denseWithNnz(rows: number, cols: number, data: Float64Array, nnz: number): MatrixBlock {
    if (data.length !== rows * cols)
      throw new RangeError(`dense data length ${data.length} != ${rows}x${cols}`);
    return new MatrixBlock(rows, cols, data, null, nnz);
  }

  /** All-zero matrix (stored sparse when that is smaller). */
  static zeros(rows: number, cols: number): MatrixBlock {
    if (rows * cols > 1 && cols > 1) {
      return MatrixBlock.sparse(rows, cols, {
        rowPtr: new Int32Array(rows + 1),
        colIdx: new Int32Array(0),
        values: new Float64Array(0),
      });
    }
    return new MatrixBlock(rows, cols, new Float64Array(rows * cols), null, 0);
  }

  /** Matrix filled with one value. */
  static filled(rows: number, cols: number, value: number): MatrixBlock {
    if (value === 0) return MatrixBlock.zeros(rows, cols);
    const d = new Float64Array(rows * cols);
    d.fill(value);
    return new MatrixBlock(rows, cols, d, null, Number.isNaN(value) || value !== 0 ? rows * cols : 0);
  }

  static scalar(value: number): MatrixBlock {
    return MatrixBlock.dense(1, 1, Float64Array.of(value));
  }

  /** Sparse CSR block (arrays are not copied; explicit zeros are allowed but not counted in nnz). */
  static sparse(rows: number, cols: number, csr: CsrData): MatrixBlock {
    if (csr.rowPtr.length !== rows + 1)
      throw new RangeError(`rowPtr length ${csr.rowPtr.length} != rows+1 (${rows + 1})`);
    return new MatrixBlock(rows, cols, null, csr, countNnz(csr.values.subarray(0, csr.rowPtr[rows])));
  }

  /** From nested arrays (tests and small literals). */
  static fromRows(data: readonly (readonly number[])[]): MatrixBlock {
    const rows = data.length;
    const cols = rows === 0 ? 0 : data[0]!.length;
    const d = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const r = data[i]!;
      if (r.length !== cols) throw new RangeError('ragged rows');
      for (let j = 0; j < cols; j++) d[i * cols + j] = r[j]!;
    }
    return MatrixBlock.dense(rows, cols, d);
  }

  /** Builds from (i, j, v) triples, 0-based; duplicate cells are summed. */
  static fromTriples(
    rows: number,
    cols: number,
    is: ArrayLike<number>,
    js: ArrayLike<number>,
    vs: ArrayLike<number>,
  ): MatrixBlock {
    const n = vs.length;
    const counts = new Int32Array(rows + 1);
    for (let k = 0; k < n; k++) counts[is[k]! + 1]!++;
    for (let i = 0; i < rows; i++) counts[i + 1]! += counts[i]!;
    const colIdx = new Int32Array(n);
    const values = new Float64Array(n);
    const pos = counts.slice(0, rows);
    for (let k = 0; k < n; k++) {
      const p = pos[is[k]!]!++;
      colIdx[p] = js[k]!;
      values[p] = vs[k]!;
    }
    // Sort each row by column and merge duplicates.
    const outPtr = new Int32Array(rows + 1);
    let w = 0;
    for (let i = 0; i < rows; i++) {
      const s = counts[i]!;
      const e = counts[i + 1]!;
      const order = Array.from({ length: e - s }, (_, t) => s + t).sort((a, b) => colIdx[a]! - colIdx[b]!);
      const cs: number[] = [];
      const xs: number[] = [];
      for (const p of order) {
        if (cs.length > 0 && cs[cs.length - 1] === colIdx[p]) xs[xs.length - 1]! += values[p]!;
        else {
          cs.push(colIdx[p]!);
          xs.push(values[p]!);
        }
      }
      for (let t = 0; t < cs.length; t++) {
        colIdx[w] = cs[t]!;
        values[w] = xs[t]!;
        w++;
      }
      outPtr[i + 1] = w;
    }
    const m = MatrixBlock.sparse(rows, cols, {
      rowPtr: outPtr,
      colIdx: colIdx.slice(0, w),
      values: values.slice(0, w),
    });
    return m.examSparsity();
  }

  // ------------------------------------------------------------ properties

  get isSparse(): boolean {
    return this._sparse !== null;
  }

  /** Number of non-zero cells (NaN counts as non-zero). */
  get nnz(): number {
    return this._nnz;
  }

  get length(): number {
    return this.rows * this.cols;
  }

  get sparsity(): number {
    const n = this.rows * this.cols;
    return n === 0 ? 0 : this._nnz / n;
  }

  /** Dense row-major data; converts (and caches) a sparse block. Do not mutate unless you own the block. */
  denseData(): Float64Array {
    if (this._dense === null) {
      const d = new Float64Array(this.rows * this.cols);
      const s = this._sparse!;
      for (let i = 0; i < this.rows; i++) {
        for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) d[i * this.cols + s.colIdx[p]!] = s.values[p]!;
      }
      this._dense = d;
    }
    return this._dense;
  }

  /** The dense array when the block holds one, without converting a sparse block (null then). */
  peekDense(): Float64Array | null {
    return this._dense;
  }

  /** CSR data; converts (and caches) a dense block. */
  sparseData(): CsrData {
    if (this._sparse === null) this._sparse = denseToCsr(this.rows, this.cols, this._dense!, this._nnz);
    return this._sparse;
  }

  /** Cell (i, j), 0-based. O(1) dense, O(log nnz(row)) sparse. */
  get(i: number, j: number): number {
    if (this._dense !== null) return this._dense[i * this.cols + j]!;
    const s = this._sparse!;
    let lo = s.rowPtr[i]!;
    let hi = s.rowPtr[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = s.colIdx[mid]!;
      if (c === j) return s.values[mid]!;
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** The single value of a 1x1 matrix. */
  scalarValue(): number {
    if (this.rows !== 1 || this.cols !== 1)
      throw new RangeError(`not a 1x1 matrix: ${this.rows}x${this.cols}`);
    return this.get(0, 0);
  }

  /** Dense copy of row i. */
  row(i: number): Float64Array {
    if (this._dense !== null) return this._dense.slice(i * this.cols, (i + 1) * this.cols);
    const out = new Float64Array(this.cols);
    const s = this._sparse!;
    for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++) out[s.colIdx[p]!] = s.values[p]!;
    return out;
  }

  // ------------------------------------------------------------ format

  /** Returns a block in the format SystemDS would pick for its sparsity (this one if already right). */
  examSparsity(): MatrixBlock {
    const wantSparse = prefersSparse(this.rows, this.cols, this.nnz);
    if (wantSparse && !this.isSparse) return MatrixBlock.sparse(this.rows, this.cols, this.sparseData());
    if (!wantSparse && this.isSparse) return MatrixBlock.dense(this.rows, this.cols, this.denseData());
    return this;
  }

  /** A dense-format block with the same values. */
  toDense(): MatrixBlock {
    return this.isSparse ? MatrixBlock.dense(this.rows, this.cols, this.denseData()) : this;
  }

  /** A sparse-format block with the same values. */
  toSparse(): MatrixBlock {
    return this.isSparse ? this : MatrixBlock.sparse(this.rows, this.cols, this.sparseData());
  }

  /** Deep copy (dense or sparse as now). */
  copy(): MatrixBlock {
    if (this._dense !== null) return MatrixBlock.dense(this.rows, this.cols, this._dense.slice());
    const s = this._sparse!;
    return MatrixBlock.sparse(this.rows, this.cols, {
      rowPtr: s.rowPtr.slice(),
      colIdx: s.colIdx.slice(),
      values: s.values.slice(),
    });
  }

  /** Nested arrays (tests, printing of small matrices). */
  toArrays(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }

  /** Calls fn(i, j, v) for every non-zero cell in row-major order. */
  forEachNonZero(fn: (i: number, j: number, v: number) => void): void {
    if (this._sparse !== null) {
      const s = this._sparse;
      for (let i = 0; i < this.rows; i++) {
        for (let p = s.rowPtr[i]!; p < s.rowPtr[i + 1]!; p++)
          if (s.values[p] !== 0) fn(i, s.colIdx[p]!, s.values[p]!);
      }
      return;
    }
    const d = this._dense!;
    for (let i = 0, k = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++, k++) if (d[k] !== 0) fn(i, j, d[k]!);
    }
  }
}

// Branch-free counting and compaction: results of comparisons are 0/1 at random, where a branch
// per cell mispredicts often (the CSR build of a 10%-dense 1e6-cell result took 2x as long).
function countNnz(d: ArrayLike<number>): number {
  let n = 0;
  for (let k = 0; k < d.length; k++) n += Number(d[k] !== 0);
  return n;
}

function denseToCsr(rows: number, cols: number, d: Float64Array, known?: number): CsrData {
  const nnz = known ?? countNnz(d);
  const rowPtr = new Int32Array(rows + 1);
  // One slot of slack: every cell is written at position w, which advances only past non-zeros.
  const colIdx = new Int32Array(nnz + 1);
  const values = new Float64Array(nnz + 1);
  let w = 0;
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const v = d[k]!;
      colIdx[w] = j;
      values[w] = v;
      w += Number(v !== 0);
    }
    rowPtr[i + 1] = w;
  }
  return { rowPtr, colIdx: colIdx.subarray(0, nnz), values: values.subarray(0, nnz) };
}
