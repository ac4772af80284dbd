/** Row-by-row CSR assembly for kernels whose output is sparse-safe (zeros dropped as they come). */
import { MatrixBlock } from '../data/matrix-block.js';

export class CsrBuilder {
  private readonly rowPtr: Int32Array;
  private colIdx: Int32Array;
  private values: Float64Array;
  private n = 0;
  private row = 0;

  constructor(
    private readonly rows: number,
    private readonly cols: number,
    capacity = 16,
  ) {
    this.rowPtr = new Int32Array(rows + 1);
    this.colIdx = new Int32Array(Math.max(16, capacity));
    this.values = new Float64Array(Math.max(16, capacity));
  }

  /** Appends cell (current row, j) unless v is zero; columns must ascend within a row. */
  push(j: number, v: number): void {
    if (v === 0) return;
    if (this.n === this.values.length) this.grow();
    this.colIdx[this.n] = j;
    this.values[this.n++] = v;
  }

  /** Closes the current row. */
  endRow(): void {
    this.rowPtr[++this.row] = this.n;
  }

  build(): MatrixBlock {
    while (this.row < this.rows) this.endRow();
    return MatrixBlock.sparse(this.rows, this.cols, {
      rowPtr: this.rowPtr,
      colIdx: this.colIdx.slice(0, this.n),
      values: this.values.slice(0, this.n),
    }).examSparsity();
  }

  private grow(): void {
    const c = new Int32Array(this.colIdx.length * 2);
    c.set(this.colIdx);
    this.colIdx = c;
    const v = new Float64Array(this.values.length * 2);
    v.set(this.values);
    this.values = v;
  }
}
