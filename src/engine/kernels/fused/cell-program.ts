/**
 * Fused cell-wise programs: an expression tree over leaves (matrices, row/column vectors,
 * scalars) in the prefix text the optimizer's fuse-cellwise rule writes, e.g.
 * `+(*($0,log($1)),$2)`. Each program is compiled (once per program, leaf layout and aggregate;
 * cached) into a JavaScript loop nest that evaluates the expression per output cell, with no
 * intermediate matrices. `+ - * /` and comparisons are inlined (same IEEE result); every other op calls the
 * shared scalar function (scalar-ops.ts), so each cell equals what the unfused ops compute.
 * Only whitelisted op names (isBinaryOp/isUnaryOp) and integer leaf indices reach the generated
 * source, so a forged program string cannot inject code.
 */
import { fail } from '../../../common/diagnostics.js';
import { binaryCellFn, isBinaryOp, isUnaryOp, unaryCellFn } from '../../../common/scalar-ops.js';
import type { Span } from '../../../common/span.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { sumRange } from '../aggregators.js';
import { parallelCellProgram } from '../parallel/ops.js';
import { allocDenseOverwritten } from '../parallel/shared-memory.js';
import { kernelResources } from '../../kernel-resources.js';

export type CellTree =
  | { readonly kind: 'leaf'; readonly index: number }
  | { readonly kind: 'op'; readonly op: string; readonly args: readonly CellTree[] };

/** A leaf value: a matrix or a number. */
export type CellLeaf = MatrixBlock | number;

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

export type LeafKind = 'full' | 'col' | 'row' | 'scalar';

function leafKind(l: CellLeaf, rows: number, cols: number, span: Span | undefined): LeafKind {
  if (typeof l === 'number') return 'scalar';
  if (l.rows === rows && l.cols === cols) return 'full';
  if (l.rows === rows && l.cols === 1) return 'col';
  if (l.rows === 1 && l.cols === cols) return 'row';
  return fail(
    'DML4001',
    `fused cell-wise operation: a ${l.rows}x${l.cols} operand does not match the ${rows}x${cols} result`,
    span,
  );
}

export type CellAggregate = 'none' | 'sum' | 'rowSums' | 'colSums';

type CellFnTable = readonly ((...a: number[]) => number)[];
type Compiled = (
  D: readonly Float64Array[],
  S: Float64Array,
  F: CellFnTable,
  rows: number,
  cols: number,
  /** Where to write cells or row sums (a slice of a shared result); absent: a new array. */
  O?: Float64Array,
  /** For 'none': N[0] receives the number of non-zero cells written (saves a counting pass). */
  N?: Float64Array,
) => Float64Array | number;

const INLINE = new Set(['+', '-', '*', '/']);
/** Comparisons inlined as Number(a op b): branch-free 1/0 with the scalar functions' semantics. */
const COMPARE: ReadonlyMap<string, string> = new Map([
  ['>', '>'],
  ['<', '<'],
  ['>=', '>='],
  ['<=', '<='],
  ['==', '==='],
  ['!=', '!=='],
]);

/** JavaScript source of the expression; `fns` collects the scalar functions it calls. */
function expression(t: CellTree, kinds: readonly LeafKind[], fns: ((...a: number[]) => number)[]): string {
  if (t.kind === 'leaf') {
    const k = kinds[t.index];
    if (k === undefined) throw new Error(`internal: fused program leaf $${t.index} is missing`);
    const i = t.index;
    return k === 'scalar' ? `s${i}` : k === 'full' ? `d${i}[o + j]` : k === 'col' ? `d${i}[i]` : `d${i}[j]`;
  }
  const args = t.args.map((a) => expression(a, kinds, fns));
  if (t.args.length === 2 && isBinaryOp(t.op)) {
    if (INLINE.has(t.op)) return `(${args[0]} ${t.op} ${args[1]})`;
    const cmp = COMPARE.get(t.op);
    if (cmp !== undefined) return `Number(${args[0]} ${cmp} ${args[1]})`;
    fns.push(binaryCellFn(t.op) as (...a: number[]) => number);
    return `f${fns.length - 1}(${args[0]}, ${args[1]})`;
  }
  if (t.args.length === 1 && isUnaryOp(t.op)) {
    fns.push(unaryCellFn(t.op) as (...a: number[]) => number);
    return `f${fns.length - 1}(${args[0]})`;
  }
  throw new Error(`internal: fused program op '${t.op}' with ${t.args.length} operand(s)`);
}

/** Kahan step as the engine's KahanSum (plain add once a value or the sum is not finite). */
const KAHAN = (s: string, c: string): string =>
  `if (!Number.isFinite(v) || !Number.isFinite(${s})) { ${s} += v; } ` +
  `else { const y = v - ${c}; const t = ${s} + y; ${c} = t - ${s} - y; ${s} = t; }`;

/**
 * A row's cells summed in blocks of 16: the block's values are added pairwise (each passes through
 * 4 roundings) and the block total goes into the Kahan state (s, c) with no finiteness test, as
 * aggregators.ts's sumRange: Kahan-grade accuracy, one dependent Kahan chain per 16 cells.
 */
function blockedSum(expr: string): string {
  const cells: string[] = [];
  for (let q = 0; q < 16; q++) cells.push(`{ const j = J + ${q}; e${q} = ${expr}; }`);
  const pair = (q: number): string => `(e${q} + e${q + 8})`;
  const block = `((${pair(0)} + ${pair(1)}) + (${pair(2)} + ${pair(3)})) + ((${pair(4)} + ${pair(5)}) + (${pair(6)} + ${pair(7)}))`;
  const kahan = 'const t = s + y; c = t - s - y; s = t;';
  return (
    'for (; J + 16 <= cols; J += 16) { ' +
    `let e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15; ${cells.join(' ')} ` +
    `const y = ${block} - c; ${kahan} } ` +
    `for (let j = J; j < cols; j++) { const y = ${expr} - c; ${kahan} }`
  );
}

function generate(expr: string, kinds: readonly LeafKind[], nFns: number, agg: CellAggregate): string {
  const pre: string[] = ['"use strict";'];
  kinds.forEach((k, i) => pre.push(k === 'scalar' ? `const s${i} = S[${i}];` : `const d${i} = D[${i}];`));
  for (let f = 0; f < nFns; f++) pre.push(`const f${f} = F[${f}];`);
  const loop = (inner: string, rowStart = '', rowEnd = ''): string =>
    `for (let i = 0; i < rows; i++) { const o = i * cols; ${rowStart} ` +
    `for (let j = 0; j < cols; j++) { ${inner} } ${rowEnd} }`;
  switch (agg) {
    case 'none':
      return [
        ...pre,
        'const out = O ?? new Float64Array(rows * cols);',
        'let nz = 0;',
        loop(`const v = ${expr}; out[o + j] = v; nz += Number(v !== 0);`),
        'if (N !== undefined) N[0] = nz;',
        'return out;',
      ].join('\n');
    case 'sum':
      return [
        ...pre,
        'let s = 0; let c = 0;',
        `for (let i = 0; i < rows; i++) { const o = i * cols; let J = 0; ${blockedSum(expr)} }`,
        // Inf/NaN or overflow: sum again with KahanSum's one-by-one rules (same Inf/NaN results).
        'if (!Number.isFinite(s) || !Number.isFinite(c)) {',
        's = 0; c = 0;',
        loop(`const v = ${expr}; ${KAHAN('s', 'c')}`),
        '}',
        'return s;',
      ].join('\n');
    case 'rowSums':
      return [
        ...pre,
        'const out = O ?? new Float64Array(rows);',
        loop(`const v = ${expr}; ${KAHAN('s', 'c')}`, 'let s = 0; let c = 0;', 'out[i] = s;'),
        'return out;',
      ].join('\n');
    case 'colSums':
      return [
        ...pre,
        'const out = new Float64Array(cols); const corr = new Float64Array(cols);',
        loop(
          `const v = ${expr}; let s = out[j]; let c = corr[j]; ${KAHAN('s', 'c')} out[j] = s; corr[j] = c;`,
        ),
        'return out;',
      ].join('\n');
  }
}

const cache = new Map<string, { fn: Compiled; fns: CellFnTable }>();
const CACHE_LIMIT = 256;

function compiled(
  program: string,
  kinds: readonly LeafKind[],
  agg: CellAggregate,
): { fn: Compiled; fns: CellFnTable } {
  const key = `${agg}|${kinds.join(',')}|${program}`;
  let c = cache.get(key);
  if (c === undefined) {
    const fns: ((...a: number[]) => number)[] = [];
    const expr = expression(parseCellProgram(program), kinds, fns);
    const source = generate(expr, kinds, fns.length, agg);
    // Generated only from a whitelisted tree (see the header).
    const fn = new Function('D', 'S', 'F', 'rows', 'cols', 'O', 'N', source) as Compiled;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    c = { fn, fns };
    cache.set(key, c);
  }
  return c;
}

/** Evaluates a fused program over its leaves, with an optional sum/rowSums/colSums. */
export function evaluateCellProgram(
  program: string,
  leaves: readonly CellLeaf[],
  agg: CellAggregate,
  span?: Span,
): MatrixBlock | number {
  const { rows, cols } = cellOutputDims(leaves);
  const kinds = leaves.map((l) => leafKind(l, rows, cols, span));
  // Large dense programs: row ranges on the worker pool (../parallel/ops.ts).
  const rt = kernelResources();
  const par = parallelCellProgram(rt, program, leaves, kinds, agg, rows, cols);
  if (par !== undefined) return par;
  const { fn, fns } = compiled(program, kinds, agg);
  const empty = new Float64Array(0);
  const D = leaves.map((l) => (typeof l === 'number' ? empty : l.denseData()));
  const S = Float64Array.from(leaves, (l) => (typeof l === 'number' ? l : 0));
  const nnz = new Float64Array(1);
  // Narrow operands (n x 1 vectors in l2svm's line search) with no broadcasting: one flat row of
  // rows*cols cells instead of a row-loop turn and a dependent Kahan step per cell (~6 ns per
  // cell). A sum then evaluates the cells into scratch memory and sums them with sumRange, the
  // unfused sum's own kernel, so fused and unfused results stay identical.
  const flat =
    cols < 16 && (agg === 'sum' || agg === 'none') && kinds.every((k) => k === 'full' || k === 'scalar');
  if (flat && agg === 'sum') {
    const cells = evaluateFlat(program, kinds, D, S, rows * cols, scratchOf(rows * cols));
    return sumRange(cells, 0, rows * cols)[0];
  }
  const [fr, fc] = flat ? [1, rows * cols] : [rows, cols];
  const r = fn(D, S, fns, fr, fc, agg === 'none' ? allocDenseOverwritten(rt, rows * cols) : undefined, nnz);
  if (typeof r === 'number') return r;
  if (agg === 'none') return MatrixBlock.denseWithNnz(rows, cols, r, nnz[0]!).examSparsity();
  const shape = agg === 'rowSums' ? [rows, 1] : agg === 'colSums' ? [1, cols] : [rows, cols];
  return MatrixBlock.dense(shape[0]!, shape[1]!, r).examSparsity();
}

let scratch = new Float64Array(0);

/** Scratch cells for a flat sum (reused: the main thread evaluates one program at a time). */
function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch.subarray(0, n);
}

/** The cells of a program over full-shape leaves as one flat row, into out. */
function evaluateFlat(
  program: string,
  kinds: readonly LeafKind[],
  D: readonly Float64Array[],
  S: Float64Array,
  n: number,
  out: Float64Array,
): Float64Array {
  const { fn, fns } = compiled(program, kinds, 'none');
  return fn(D, S, fns, 1, n, out, undefined) as Float64Array;
}

/**
 * Rows r0..r1 of a program over dense leaf data D (scalars in S): the cells (or row sums) of
 * those rows, or for sum/colSums the partial aggregate of those rows. The thread pool's unit of
 * work; it runs the same compiled loop nest as evaluateCellProgram. Cells and row sums are
 * written into `out` (sized for these rows) when given.
 */
export function evaluateCellProgramRows(
  program: string,
  kinds: readonly LeafKind[],
  agg: CellAggregate,
  D: readonly Float64Array[],
  S: Float64Array,
  cols: number,
  r0: number,
  r1: number,
  out?: Float64Array,
  nnz?: Float64Array,
): Float64Array | number {
  const { fn, fns } = compiled(program, kinds, agg);
  const sub = D.map((d, i) =>
    kinds[i] === 'full' ? d.subarray(r0 * cols, r1 * cols) : kinds[i] === 'col' ? d.subarray(r0, r1) : d,
  );
  return fn(sub, S, fns, r1 - r0, cols, out, nnz);
}
