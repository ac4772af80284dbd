/** Builtins: matrix (fill, reshape, parse), rand/Rand, seq, sample. */
import { builtinSpec } from '../../common/builtins/catalogue.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import type { Value } from '../data/values.js';
import { randMatrix, sampleValues, type RandPdf } from '../kernels/random.js';
import { BoundArgs, describe } from './args.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';

/** Largest cell count we allocate (Float64Array limit and a sane memory bound). */
const MAX_CELLS = 2 ** 31 - 1;

function bind(call: BuiltinCall): BoundArgs {
  const spec = builtinSpec(call.name);
  if (!spec) throw new Error(`builtin '${call.name}' is missing from the catalogue`);
  return BoundArgs.bind(call, spec);
}

/** A non-negative integer count (SystemDS truncates doubles with a small epsilon). */
function count(args: BoundArgs, name: string, dflt?: number): number {
  const x = args.number(name, dflt);
  if (!Number.isFinite(x))
    fail('DML5001', `${args.call.name}(): ${name} must be a finite number, got ${x}`, args.span);
  const n = Math.sign(x) * Math.floor(Math.abs(x) + 1e-9);
  if (n < 0) fail('DML5001', `${args.call.name}(): ${name} must not be negative, got ${x}`, args.span);
  return n;
}

function checkCells(rows: number, cols: number, what: string, span: Span): void {
  if (rows * cols > MAX_CELLS)
    fail('DML5001', `${what}: ${rows}x${cols} is too large for a single in-memory matrix`, span);
}

function matrixImpl(call: BuiltinCall): Value {
  const args = bind(call);
  const data = args.required('data');
  const byrow = args.boolean('byrow', true);
  if (data.dt === 'matrix') return reshape(args, data, byrow);
  if (data.dt === 'scalar' && data.vt === 'string') {
    const rows = count(args, 'rows');
    const cols = count(args, 'cols');
    const tokens = data.value.split(/[\s,]+/).filter((t) => t.length > 0);
    const vals = tokens.map((t) => {
      const v = Number(t);
      if (Number.isNaN(v) && t.toLowerCase() !== 'nan')
        fail('DML3001', `matrix(): "${t}" is not a number`, call.span);
      return v;
    });
    if (vals.length !== rows * cols) {
      fail(
        'DML4003',
        `matrix(): the string holds ${vals.length} value(s) but ${rows}x${cols} needs ${rows * cols}`,
        call.span,
      );
    }
    const d = Float64Array.from(vals);
    return (byrow ? MatrixBlock.dense(rows, cols, d) : fromColumnMajor(rows, cols, d)).examSparsity();
  }
  if (data.dt !== 'scalar')
    fail(
      'DML3001',
      `matrix() expects a scalar, matrix or string as data, got a ${describe(data)}`,
      call.span,
    );
  const rows = count(args, 'rows');
  const cols = count(args, 'cols');
  checkCells(rows, cols, 'matrix()', call.span);
  return MatrixBlock.filled(rows, cols, args.number('data'));
}

function reshape(args: BoundArgs, x: MatrixBlock, byrow: boolean): MatrixBlock {
  const cells = x.rows * x.cols;
  let rows = args.has('rows') ? count(args, 'rows') : -1;
  let cols = args.has('cols') ? count(args, 'cols') : -1;
  if (rows < 0 && cols < 0) fail('DML3002', 'matrix(): reshaping needs rows and/or cols', args.span);
  if (rows < 0) rows = cols === 0 ? 0 : cells / cols;
  if (cols < 0) cols = rows === 0 ? 0 : cells / rows;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows * cols !== cells) {
    fail(
      'DML4003',
      `matrix(): cannot reshape a ${x.rows}x${x.cols} matrix (${cells} cells) into ${args.has('rows') ? rows : '?'}x${args.has('cols') ? cols : '?'}`,
      args.span,
    );
  }
  if (rows === x.rows && cols === x.cols) return x;
  if (byrow) {
    if (x.isSparse) {
      const is: number[] = [];
      const js: number[] = [];
      const vs: number[] = [];
      x.forEachNonZero((i, j, v) => {
        const k = i * x.cols + j;
        is.push(Math.floor(k / cols));
        js.push(k % cols);
        vs.push(v);
      });
      return MatrixBlock.fromTriples(rows, cols, is, js, vs);
    }
    return MatrixBlock.dense(rows, cols, x.denseData().slice()).examSparsity();
  }
  // Column-major: read the input column by column, fill the output column by column.
  const src = x.denseData();
  const colMajor = new Float64Array(cells);
  for (let j = 0, k = 0; j < x.cols; j++)
    for (let i = 0; i < x.rows; i++) colMajor[k++] = src[i * x.cols + j]!;
  return fromColumnMajor(rows, cols, colMajor).examSparsity();
}

function fromColumnMajor(rows: number, cols: number, d: Float64Array): MatrixBlock {
  const out = new Float64Array(rows * cols);
  for (let j = 0, k = 0; j < cols; j++) for (let i = 0; i < rows; i++) out[i * cols + j] = d[k++]!;
  return MatrixBlock.dense(rows, cols, out);
}

function seedOf(args: BoundArgs, call: BuiltinCall): number {
  const s = args.number('seed', -1);
  if (!Number.isFinite(s)) fail('DML5001', `${call.name}(): seed must be a finite number`, call.span);
  return s === -1 ? call.ctx.nextSeed() : Math.trunc(s);
}

function randImpl(call: BuiltinCall): Value {
  const args = bind(call);
  const rows = count(args, 'rows');
  const cols = count(args, 'cols');
  checkCells(rows, cols, `${call.name}()`, call.span);
  const min = args.number('min', 0);
  const max = args.number('max', 1);
  const sparsity = args.number('sparsity', 1);
  const pdf = args.string('pdf', 'uniform').toLowerCase();
  const lambda = args.number('lambda', 1);
  if (pdf !== 'uniform' && pdf !== 'normal' && pdf !== 'poisson') {
    fail('DML5001', `${call.name}(): pdf must be "uniform", "normal" or "poisson", got "${pdf}"`, call.span);
  }
  if (!(min <= max)) fail('DML5001', `${call.name}(): min (${min}) must not exceed max (${max})`, call.span);
  if (!(sparsity >= 0 && sparsity <= 1))
    fail('DML5001', `${call.name}(): sparsity must be in [0, 1], got ${sparsity}`, call.span);
  if (pdf === 'poisson' && !(lambda > 0 && Number.isFinite(lambda)))
    fail('DML5001', `${call.name}(): lambda must be positive, got ${lambda}`, call.span);
  return randMatrix({
    rows,
    cols,
    min,
    max,
    sparsity,
    seed: seedOf(args, call),
    pdf: pdf as RandPdf,
    lambda,
  });
}

/** Length of seq(from, to, incr) as SystemDS computes it (guarding against round-off). */
export function seqLength(from: number, to: number, incr: number): number {
  const tmp = Math.floor(to / incr - from / incr);
  const extra = incr > 0 ? (from + (tmp + 1) * incr <= to ? 1 : 0) : from + (tmp + 1) * incr >= to ? 1 : 0;
  return 1 + tmp + extra;
}

function seqImpl(call: BuiltinCall): Value {
  const args = bind(call);
  const from = args.number('from');
  const to = args.number('to');
  const incr = args.has('incr') ? args.number('incr') : from <= to ? 1 : -1;
  if (![from, to, incr].every(Number.isFinite))
    fail(
      'DML5004',
      `seq(): from, to and incr must be finite numbers (got ${from}, ${to}, ${incr})`,
      call.span,
    );
  if (incr === 0) fail('DML5004', 'seq(): the increment must not be zero', call.span);
  if ((from > to && incr > 0) || (from < to && incr < 0)) {
    fail('DML5004', `seq(): wrong sign for the increment: seq(${from}, ${to}, ${incr})`, call.span);
  }
  const n = seqLength(from, to, incr);
  checkCells(n, 1, 'seq()', call.span);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = from + i * incr;
  return MatrixBlock.dense(n, 1, d);
}

function sampleImpl(call: BuiltinCall): Value {
  const args = bind(call);
  const range = count(args, 'range');
  const size = count(args, 'size');
  // sample(range, size, seed): a numeric third argument without a seed is the seed (as SystemDS).
  const third = args.get('replace');
  let replace = false;
  let seed: number;
  if (
    third !== undefined &&
    third.dt === 'scalar' &&
    (third.vt === 'int' || third.vt === 'double') &&
    !args.has('seed')
  ) {
    seed = third.value === -1 ? call.ctx.nextSeed() : Math.trunc(third.value);
  } else {
    replace = args.boolean('replace', false);
    seed = seedOf(args, call);
  }
  if (range < 1 && size > 0) fail('DML5001', `sample(): range must be at least 1, got ${range}`, call.span);
  if (!replace && size > range) {
    fail(
      'DML5001',
      `sample(): cannot draw ${size} values from 1..${range} without replacement (use replace=TRUE)`,
      call.span,
    );
  }
  checkCells(size, 1, 'sample()', call.span);
  return MatrixBlock.dense(size, 1, sampleValues(range, size, replace, seed));
}

export function registerDatagen(reg: BuiltinRegistry): void {
  reg.register('matrix', matrixImpl);
  reg.register('rand', randImpl);
  reg.register('Rand', randImpl);
  reg.register('seq', seqImpl);
  reg.register('sample', sampleImpl);
}
