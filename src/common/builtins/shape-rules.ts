/**
 * Output-shape rules of the builtins, referenced from their catalogue entries (`shape`): one rule
 * per builtin, asked by size propagation (src/optimizer/sizes), by analysis (dims known from
 * literals) and by the engine's builtins where they check operands before a kernel runs.
 *
 * Families: cell-wise (broadcasting binary ops, unary ops, n-ary min/max, ifelse), aggregates
 * (full, row, column), reorganisations and linear algebra (t, %*%, cbind/rbind, diag, solve),
 * data generation (matrix, rand, seq). Matrix-like arguments are matrices and frames; anything
 * else (scalars, unknown types) counts as a scalar operand. The rules run at compile time: a
 * cell-wise rule reports only the mismatches no branch could survive (src/common/shapes.ts,
 * RulePhase); the engine checks the exact forms when the op runs, with the same message.
 */
import { cellwiseShape, sameShape, type OperandShape, type ShapeOutcome } from '../shapes.js';
import type { Dims } from '../types.js';
import { bindArguments } from './bind.js';
import type { BuiltinSpec, ShapeArg, ShapeArgs, ShapeResult, ShapeRule } from './spec.js';

/** Scalars carry [0,0,-1], as in SystemDS's explain output. */
export const SCALAR_SHAPE: Dims = Object.freeze({ rows: 0, cols: 0, nnz: -1 });

const dims = (rows: number, cols: number, nnz = -1): ShapeResult => ({ dims: { rows, cols, nnz } });

export function isMatrixLike(a: ShapeArg | undefined): a is ShapeArg {
  return a !== undefined && (a.dataType === 'matrix' || a.dataType === 'frame');
}

function operand(a: ShapeArg): OperandShape {
  return isMatrixLike(a) ? { rows: a.rows, cols: a.cols } : 'scalar';
}

/** A matrix outcome as dims (nnz unknown); a scalar outcome leaves the dims to the result type. */
function fromOutcome(o: ShapeOutcome): ShapeResult | undefined {
  if (!o.ok) return { error: o.error };
  return o.shape === 'scalar' ? undefined : dims(o.shape.rows, o.shape.cols);
}

/** A literal integral number (booleans as 0/1), else undefined. */
function literalNumber(a: ShapeArg | undefined): number | undefined {
  const v = a?.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

/** A literal that is a valid size (non-negative integer), else -1. */
function literalSize(a: ShapeArg | undefined): number {
  const n = literalNumber(a);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : -1;
}

// ------------------------------------------------------------------ cell-wise

/** Cell-wise binary op of two parameters, broadcasting (src/common/shapes.ts). */
export function broadcast(p1: string, p2: string): ShapeRule {
  return (args) => {
    const a = args.get(p1);
    const b = args.get(p2);
    if (a === undefined || b === undefined) return undefined;
    return fromOutcome(cellwiseShape(args.op, operand(a), operand(b), 'compile'));
  };
}

/** The first argument's shape; its non-zeros kept when `keepsZeros` (0 stays 0 and non-zero stays non-zero). */
export function sameAsTarget(param: string, keepsZeros = false): ShapeRule {
  return (args) => {
    const x = args.get(param);
    if (!isMatrixLike(x)) return undefined;
    return dims(x.rows, x.cols, keepsZeros ? x.nnz : -1);
  };
}

/** log(X) has X's shape; log(X, base) broadcasts like any cell-wise binary op. */
export const logShape: ShapeRule = (args) =>
  args.get('base') === undefined ? sameAsTarget('target')(args) : broadcast('target', 'base')(args);

/** min/max: one argument aggregates to a scalar; several combine cell-wise, left to right. */
export const minMaxShape: ShapeRule = (args) => {
  const xs = args.rest;
  if (xs.length === 0) return undefined;
  if (xs.length === 1) return { dims: SCALAR_SHAPE };
  let acc = operand(xs[0]!);
  for (const x of xs.slice(1)) {
    const o = cellwiseShape(args.op, acc, operand(x), 'compile');
    if (!o.ok) return { error: o.error };
    acc = o.shape;
  }
  return acc === 'scalar' ? undefined : dims(acc.rows, acc.cols);
};

/** ifelse(cond, A, B): matrix operands of one shape, scalars broadcast. */
export const ifelseShape: ShapeRule = (args) => {
  const xs = [args.get('cond'), args.get('A'), args.get('B')];
  if (xs.some((x) => x === undefined)) return undefined;
  return fromOutcome(sameShape('ifelse()', (xs as ShapeArg[]).map(operand), 'compile'));
};

// ------------------------------------------------------------------ aggregates

/** Full aggregates, shape queries, casts to scalars: a scalar. */
export const scalarResult: ShapeRule = () => ({ dims: SCALAR_SHAPE });

/** Row aggregates: m x 1. */
export const rowVector: ShapeRule = (args) => {
  const x = args.get('target');
  return isMatrixLike(x) ? dims(x.rows, 1) : undefined;
};

/** Column aggregates: 1 x n. */
export const colVector: ShapeRule = (args) => {
  const x = args.get('target');
  return isMatrixLike(x) ? dims(1, x.cols) : undefined;
};

/** quantile(X[, W], p): a column vector of p's gives one quantile per row; a scalar p a scalar. */
export const quantileShape: ShapeRule = (args) => {
  const p = args.get('p') ?? args.get('weights');
  return isMatrixLike(p) ? dims(p.rows, 1) : { dims: SCALAR_SHAPE };
};

// ------------------------------------------------------------------ reorganisations, linear algebra

export const transposeShape: ShapeRule = (args) => {
  const x = args.get('target');
  return isMatrixLike(x) ? dims(x.cols, x.rows, x.nnz) : undefined;
};

/** A %*% B: rows of A by columns of B; known inner dims that differ are DML4002. */
export const matmulShape: ShapeRule = (args) => {
  const a = args.get('e1');
  const b = args.get('e2');
  if (a === undefined || b === undefined) return undefined;
  if (a.dataType === 'matrix' && b.dataType === 'matrix' && a.cols >= 0 && b.rows >= 0 && a.cols !== b.rows) {
    return {
      error: {
        code: 'DML4002',
        message: `matrix multiplication needs ncol(A) == nrow(B): got ${a.rows}x${a.cols} %*% ${b.rows}x${b.cols}`,
      },
    };
  }
  return dims(a.rows, b.cols);
};

function sumKnown(values: readonly number[]): number {
  return values.some((v) => v < 0) ? -1 : values.reduce((a, b) => a + b, 0);
}

function firstKnown(values: readonly number[]): number {
  return values.find((v) => v >= 0) ?? -1;
}

/** cbind/rbind of matrices (or frames): the rows (columns) agree, the columns (rows) add up. */
export function appendShape(kind: 'cbind' | 'rbind'): ShapeRule {
  return (args) => {
    const xs = args.rest;
    if (xs.length === 0 || !xs.every(isMatrixLike)) return undefined;
    const rows = xs.map((x) => x.rows);
    const cols = xs.map((x) => x.cols);
    return kind === 'cbind' ? dims(firstKnown(rows), sumKnown(cols)) : dims(sumKnown(rows), firstKnown(cols));
  };
}

/** diag: a column vector becomes a square diagonal matrix; a square matrix gives its diagonal. */
export const diagShape: ShapeRule = (args) => {
  const x = args.get('target');
  if (!isMatrixLike(x)) return undefined;
  if (x.cols === 1) return dims(x.rows, x.rows);
  if (x.rows >= 0 && x.rows === x.cols) return dims(x.rows, 1);
  return dims(-1, -1);
};

/** solve(A, b): ncol(A) x ncol(b). */
export const solveShape: ShapeRule = (args) => {
  const a = args.get('A');
  const b = args.get('b');
  return a !== undefined && b !== undefined ? dims(a.cols, b.cols) : undefined;
};

/** inv, cholesky: the input's dims. */
export const squareShape: ShapeRule = (args) => {
  const x = args.get('target');
  return x !== undefined ? dims(x.rows, x.cols) : undefined;
};

/** as.matrix: a scalar becomes 1 x 1; a matrix or frame keeps its dims. */
export const asMatrixShape: ShapeRule = (args) => {
  const x = args.get('target');
  if (x === undefined) return undefined;
  return x.dataType === 'scalar' ? dims(1, 1) : dims(x.rows, x.cols);
};

// ------------------------------------------------------------------ data generation

/** matrix(data, rows, cols): a fill, or a reshape whose missing dimension follows from the cell count. */
export const matrixShape: ShapeRule = (args) => {
  const data = args.get('data');
  let rows = literalSize(args.get('rows'));
  let cols = literalSize(args.get('cols'));
  if (data && data.dataType === 'matrix' && data.rows >= 0 && data.cols >= 0) {
    const cells = data.rows * data.cols;
    if (rows < 0 && cols > 0) rows = cells / cols;
    if (cols < 0 && rows > 0) cols = cells / rows;
  }
  const fill = data && data.dataType === 'scalar' ? literalNumber(data) : undefined;
  const nnz = rows >= 0 && cols >= 0 && fill !== undefined ? (fill === 0 ? 0 : rows * cols) : -1;
  return dims(rows, cols, nnz);
};

/** rand(rows, cols, ..., sparsity): literal sizes; sparsity 0 is an empty matrix. */
export const randShape: ShapeRule = (args) => {
  const rows = literalSize(args.get('rows'));
  const cols = literalSize(args.get('cols'));
  const sp = args.get('sparsity') !== undefined ? literalNumber(args.get('sparsity')) : 1;
  return dims(rows, cols, rows >= 0 && cols >= 0 && sp === 0 ? 0 : -1);
};

/** seq(from, to, incr): a column vector of floor((to - from) / incr) + 1 values. */
export const seqShape: ShapeRule = (args) => {
  const from = literalNumber(args.get('from'));
  const to = literalNumber(args.get('to'));
  const incr =
    args.get('incr') !== undefined
      ? literalNumber(args.get('incr'))
      : from !== undefined && to !== undefined && from > to
        ? -1
        : 1;
  if (from === undefined || to === undefined || incr === undefined || incr === 0 || (to - from) / incr < 0) {
    return dims(-1, 1);
  }
  return dims(Math.floor((to - from) / incr + 1e-12) + 1, 1);
};

// ------------------------------------------------------------------ applying a rule

/**
 * A call's arguments for a shape rule: `byParam` maps parameter names to argument indices (from
 * bindArguments), `rest` lists the variadic ones.
 */
export function shapeArgs(
  op: string,
  args: readonly ShapeArg[],
  byParam: ReadonlyMap<string, number>,
  rest: readonly number[],
): ShapeArgs {
  return {
    op,
    get: (p) => {
      const i = byParam.get(p);
      return i === undefined ? undefined : args[i];
    },
    rest: rest.map((i) => args[i]!),
  };
}

/**
 * The dims a builtin's shape rule gives for these arguments (`names[i]`: the name written for
 * argument i, undefined when positional); undefined when it has no rule, the arguments do not bind
 * or the rule cannot tell.
 */
export function applyShapeRule(
  spec: BuiltinSpec,
  args: readonly ShapeArg[],
  names: readonly (string | undefined)[],
): ShapeResult | undefined {
  if (spec.shape === undefined) return undefined;
  const bound = bindArguments(spec, names);
  if (!bound.ok) return undefined;
  return spec.shape(shapeArgs(spec.name, args, bound.binding.byParam, bound.binding.variadic));
}
