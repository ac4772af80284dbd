/**
 * Fused cell-wise programs: an expression tree over leaves (matrices, row/column vectors,
 * scalars) in the prefix text the optimizer's fuse-cellwise rule writes, e.g.
 * `+(*($0,log($1)),$2)`. Compiled once per call into closures and evaluated per output cell, with
 * no intermediate matrices. Cell functions are the shared scalar semantics (scalar-ops.ts), so
 * each cell equals what the unfused ops compute.
 */
import { fail } from '../../../common/diagnostics.js';
import {
  binaryCellFn,
  isBinaryOp,
  isUnaryOp,
  unaryCellFn,
} from '../../../common/scalar-ops.js';
import type { Span } from '../../../common/span.js';
import { MatrixBlock } from '../../data/matrix-block.js';

export type CellTree =
  | { readonly kind: 'leaf'; readonly index: number }
  | { readonly kind: 'op'; readonly op: string; readonly args: readonly CellTree[] };

/** A leaf value: a matrix or a number. */
export type CellLeaf = MatrixBlock | number;

/** Cell (i, j) of the output, as a function. */
type CellFn = (i: number, j: number) => number;

export function parseCellProgram(text: string): CellTree {
  let p = 0;
  const bad = (): never => {
    throw new Error(`internal: malformed fused cell program '${text}' at ${p}`);
  };
  const node = (): CellTree => {
    if (text[p] === '$') {
      let q = p + 1;
      while (q < text.length && text[q]! >= '0' && text[q]! <= '9') q++;
      if (q === p + 1) bad();
      const index = Number(text.slice(p + 1, q));
      p = q;
      return { kind: 'leaf', index };
    }
    const open = text.indexOf('(', p);
    if (open <= p) bad();
    const op = text.slice(p, open);
    p = open + 1;
    const args: CellTree[] = [];
    for (;;) {
      args.push(node());
      const c = text[p++];
      if (c === ')') break;
      if (c !== ',') bad();
    }
    return { kind: 'op', op, args };
  };
  const t = node();
  if (p !== text.length) bad();
  return t;
}

/** Output dims: the largest rows and cols among matrix leaves (the engine's broadcasting). */
export function cellOutputDims(leaves: readonly CellLeaf[]): { rows: number; cols: number } {
  let rows = -1;
  let cols = -1;
  for (const l of leaves) {
    if (typeof l === 'number') continue;
    rows = Math.max(rows, l.rows);
    cols = Math.max(cols, l.cols);
  }
  if (rows < 0) throw new Error('internal: fused cell program without a matrix leaf');
  return { rows, cols };
}

function leafFn(l: CellLeaf, rows: number, cols: number, span: Span | undefined): CellFn {
  if (typeof l === 'number') return () => l;
  const d = l.denseData();
  if (l.rows === rows && l.cols === cols) return (i, j) => d[i * cols + j]!;
  if (l.rows === rows && l.cols === 1) return (i) => d[i]!;
  if (l.rows === 1 && l.cols === cols) return (_i, j) => d[j]!;
  return fail(
    'DML4001',
    `fused cell-wise operation: a ${l.rows}x${l.cols} operand does not match the ${rows}x${cols} result`,
    span,
  );
}

export function compileCellProgram(
  tree: CellTree,
  leaves: readonly CellLeaf[],
  rows: number,
  cols: number,
  span?: Span,
): CellFn {
  const fns = leaves.map((l) => leafFn(l, rows, cols, span));
  const build = (t: CellTree): CellFn => {
    if (t.kind === 'leaf') {
      const f = fns[t.index];
      if (f === undefined) throw new Error(`internal: fused program leaf $${t.index} is missing`);
      return f;
    }
    if (t.args.length === 2 && isBinaryOp(t.op)) {
      const g = binaryCellFn(t.op);
      const a = build(t.args[0]!);
      const b = build(t.args[1]!);
      switch (t.op) {
        // The common arithmetic inline: same IEEE result as the scalar functions.
        case '+':
          return (i, j) => a(i, j) + b(i, j);
        case '-':
          return (i, j) => a(i, j) - b(i, j);
        case '*':
          return (i, j) => a(i, j) * b(i, j);
        case '/':
          return (i, j) => a(i, j) / b(i, j);
        default:
          return (i, j) => g(a(i, j), b(i, j));
      }
    }
    if (t.args.length === 1 && isUnaryOp(t.op)) {
      const g = unaryCellFn(t.op);
      const a = build(t.args[0]!);
      return (i, j) => g(a(i, j));
    }
    throw new Error(`internal: fused program op '${t.op}' with ${t.args.length} operand(s)`);
  };
  return build(tree);
}

export type CellAggregate = 'none' | 'sum' | 'rowSums' | 'colSums';

/** Kahan step (as the engine's KahanSum): returns [sum, correction]. */
function kahan(sum: number, c: number, v: number): [number, number] {
  if (!Number.isFinite(v) || !Number.isFinite(sum)) return [sum + v, c];
  const y = v - c;
  const t = sum + y;
  return [t, t - sum - y];
}

/** Evaluates a fused program over its leaves, with an optional sum/rowSums/colSums. */
export function evaluateCellProgram(
  program: string,
  leaves: readonly CellLeaf[],
  agg: CellAggregate,
  span?: Span,
): MatrixBlock | number {
  const { rows, cols } = cellOutputDims(leaves);
  const f = compileCellProgram(parseCellProgram(program), leaves, rows, cols, span);
  switch (agg) {
    case 'none': {
      const out = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        const off = i * cols;
        for (let j = 0; j < cols; j++) out[off + j] = f(i, j);
      }
      return MatrixBlock.dense(rows, cols, out).examSparsity();
    }
    case 'sum': {
      let s = 0;
      let c = 0;
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) [s, c] = kahan(s, c, f(i, j));
      return s;
    }
    case 'rowSums': {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let s = 0;
        let c = 0;
        for (let j = 0; j < cols; j++) [s, c] = kahan(s, c, f(i, j));
        out[i] = s;
      }
      return MatrixBlock.dense(rows, 1, out).examSparsity();
    }
    case 'colSums': {
      const sums = new Float64Array(cols);
      const corr = new Float64Array(cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const [s, c] = kahan(sums[j]!, corr[j]!, f(i, j));
          sums[j] = s;
          corr[j] = c;
        }
      }
      return MatrixBlock.dense(1, cols, sums).examSparsity();
    }
  }
}
