/** Building matrix blocks from the cells a reader found, and line iteration with error positions. */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock, SPARSITY_TURN_POINT } from '../data/matrix-block.js';
import { IO_ERR } from './formats.js';

/** Growable (i, j, v) arrays, 0-based. */
export class Cells {
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  v = new Float64Array(1024);
  n = 0;

  push(i: number, j: number, v: number): void {
    if (this.n === this.v.length) {
      const cap = this.n * 2;
      const gi = new Int32Array(cap);
      gi.set(this.i);
      this.i = gi;
      const gj = new Int32Array(cap);
      gj.set(this.j);
      this.j = gj;
      const gv = new Float64Array(cap);
      gv.set(this.v);
      this.v = gv;
    }
    this.i[this.n] = i;
    this.j[this.n] = j;
    this.v[this.n++] = v;
  }
}

/**
 * A block from cells; a cell given twice keeps its last value (as a reader setting cells would),
 * zeros are dropped, and the format follows the sparsity (SystemDS's examSparsity).
 */
export function assemble(rows: number, cols: number, c: Cells): MatrixBlock {
  const n = c.n;
  const cells = rows * cols;
  if (cells > 0 && n >= SPARSITY_TURN_POINT * cells) {
    const d = new Float64Array(cells);
    for (let k = 0; k < n; k++) d[c.i[k]! * cols + c.j[k]!] = c.v[k]!;
    return MatrixBlock.dense(rows, cols, d).examSparsity();
  }
  // Counting sort by row (stable), then order each row by column keeping the last duplicate.
  const start = new Int32Array(rows + 1);
  for (let k = 0; k < n; k++) start[c.i[k]! + 1]!++;
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!;
  const pos = start.slice(0, rows);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[pos[c.i[k]!]!++] = k;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(n);
  const values = new Float64Array(n);
  let w = 0;
  for (let r = 0; r < rows; r++) {
    const s = start[r]!;
    const e = start[r + 1]!;
    const seg = Array.from(order.subarray(s, e));
    let sorted = true;
    for (let t = 1; t < seg.length; t++) if (c.j[seg[t]!]! <= c.j[seg[t - 1]!]!) sorted = false;
    if (!sorted) seg.sort((a, b) => c.j[a]! - c.j[b]! || a - b);
    for (let t = 0; t < seg.length; t++) {
      const k = seg[t]!;
      if (t + 1 < seg.length && c.j[seg[t + 1]!] === c.j[k]) continue; // a later value wins
      if (c.v[k] === 0) continue;
      colIdx[w] = c.j[k]!;
      values[w++] = c.v[k]!;
    }
    rowPtr[r + 1] = w;
  }
  return MatrixBlock.sparse(rows, cols, {
    rowPtr,
    colIdx: colIdx.slice(0, w),
    values: values.slice(0, w),
  }).examSparsity();
}

/** Thrown for a malformed line: DML6002 naming file:line. */
export function malformed(file: string, line: number, message: string, span: Span): never {
  return fail(IO_ERR.malformed, `${file}:${line}: ${message}`, span);
}

/** Splits text into lines (LF or CRLF); a final newline does not make an extra line. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.endsWith('\r')) lines[k] = l.slice(0, -1);
  }
  return lines;
}

/** A text source: one file, or the part files of a directory, with names for error messages. */
export interface TextPart {
  readonly name: string;
  readonly text: string;
}
