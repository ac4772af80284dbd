/**
 * Aggregate builtins: full, row and column aggregates, trace, rowIndexMax/Min, n-ary min/max,
 * median, quantile, interQuartileMean, moment/centralMoment, cov, and the cumulative ops.
 * A scalar argument where a matrix is expected counts as a 1x1 matrix.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { dbl, type Value } from '../data/values.js';
import {
  colAggregate,
  fullAggregate,
  rowAggregate,
  rowIndexExtreme,
  trace,
  type AggKind,
} from '../kernels/aggregates.js';
import { cumulative, cumsumprod, rowCumsum, type CumKind } from '../kernels/cumulative.js';
import { cov, interQuartileMean, median, moment, quantiles } from '../kernels/statistics.js';
import type { BoundArgs } from './args.js';
import { applyBinary, bindSpec, cellOperand } from './operators.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';
import { CompilerOps } from '../../common/op-names.js';

/** A matrix argument (scalars as 1x1; frames and lists rejected by cellOperand). */
function matrixOf(v: Value, what: string, span: Span): MatrixBlock {
  const o = cellOperand(v, what, span);
  return typeof o === 'number' ? MatrixBlock.scalar(o) : o;
}

function target(a: BoundArgs, call: BuiltinCall, name = 'target'): MatrixBlock {
  return matrixOf(a.required(name), `${call.name}(${name})`, call.span);
}

function optionalMatrix(a: BoundArgs, call: BuiltinCall, name: string): MatrixBlock | undefined {
  const v = a.get(name);
  return v === undefined ? undefined : matrixOf(v, `${call.name}(${name})`, call.span);
}

const FULL: readonly [string, AggKind][] = [
  ['sum', 'sum'],
  ['prod', 'prod'],
  ['mean', 'mean'],
  ['avg', 'mean'],
  ['var', 'var'],
  ['sd', 'sd'],
];

const ROW_COL: readonly [string, AggKind][] = [
  ['Sums', 'sum'],
  ['Means', 'mean'],
  ['Maxs', 'max'],
  ['Mins', 'min'],
  ['Prods', 'prod'],
  ['Vars', 'var'],
  ['Sds', 'sd'],
];

const CUMULATIVE: readonly CumKind[] = ['cumsum', 'cumprod', 'cummin', 'cummax'];

/** min/max: one matrix argument aggregates; several arguments combine cell-wise (all scalars: a scalar). */
function minMaxImpl(op: 'min' | 'max'): (call: BuiltinCall) => Value {
  return (call) => {
    const args = bindSpec(call).rest();
    if (args.length === 0) return fail('DML3002', `${op}() needs at least one argument`, call.span);
    if (args.length === 1) {
      const x = args[0]!;
      if (x.dt === 'scalar') return x;
      return dbl(fullAggregate(op, matrixOf(x, `${op}()`, call.span)));
    }
    let acc: Value = args[0]!;
    for (const next of args.slice(1)) acc = applyBinary(op, acc, next, call.span, `${op}()`);
    return acc;
  };
}

/** quantile(X, p) / quantile(X, W, p): the second position is p when there is no third. */
function quantileImpl(call: BuiltinCall): Value {
  const a = bindSpec(call);
  const x = target(a, call);
  let w = a.get('weights');
  let p = a.get('p');
  if (p === undefined) [p, w] = [w, undefined];
  if (p === undefined) return fail('DML3002', "quantile() is missing required argument 'p'", call.span);
  const weights = w === undefined ? undefined : matrixOf(w, 'quantile(weights)', call.span);
  if (p.dt === 'matrix') {
    const ps = Array.from(p.denseData());
    return MatrixBlock.dense(
      ps.length,
      1,
      Float64Array.from(quantiles(x, weights, ps, call.span)),
    ).examSparsity();
  }
  const pv = cellOperand(p, 'quantile(p)', call.span) as number;
  return dbl(quantiles(x, weights, [pv], call.span)[0]!);
}

function momentImpl(call: BuiltinCall): Value {
  const a = bindSpec(call);
  const x = target(a, call);
  let w = a.get('weights');
  let order = a.get('order');
  if (order === undefined) [order, w] = [w, undefined];
  if (order === undefined)
    return fail('DML3002', `${call.name}() is missing required argument 'order'`, call.span);
  const k = cellOperand(order, `${call.name}(order)`, call.span);
  if (typeof k !== 'number') return fail('DML3001', `${call.name}(order) must be a scalar`, call.span);
  const weights = w === undefined ? undefined : matrixOf(w, `${call.name}(weights)`, call.span);
  return dbl(moment(x, weights, k, call.span));
}

export function registerAggregates(reg: BuiltinRegistry): void {
  for (const [name, kind] of FULL)
    reg.register(name, (call) => dbl(fullAggregate(kind, target(bindSpec(call), call))));
  for (const [suffix, kind] of ROW_COL) {
    reg.register(`row${suffix}`, (call) => rowAggregate(kind, target(bindSpec(call), call)));
    reg.register(`col${suffix}`, (call) => colAggregate(kind, target(bindSpec(call), call)));
  }
  // sum(X^2) fused; an internal op the optimizer may emit (no catalogue entry, positional only).
  reg.register(CompilerOps.sumSq, (call) =>
    dbl(fullAggregate('sumSq', matrixOf(call.args[0]!, `${CompilerOps.sumSq}()`, call.span))),
  );
  reg.register('trace', (call) => dbl(trace(target(bindSpec(call), call), call.span)));
  reg.register('rowIndexMax', (call) => rowIndexExtreme(target(bindSpec(call), call), true));
  reg.register('rowIndexMin', (call) => rowIndexExtreme(target(bindSpec(call), call), false));
  reg.register('min', minMaxImpl('min'));
  reg.register('max', minMaxImpl('max'));
  for (const kind of CUMULATIVE) reg.register(kind, (call) => cumulative(kind, target(bindSpec(call), call)));
  reg.register('rowcumsum', (call) => rowCumsum(target(bindSpec(call), call)));
  reg.register('cumsumprod', (call) => cumsumprod(target(bindSpec(call), call), call.span));
  reg.register('median', (call) => {
    const a = bindSpec(call);
    return dbl(median(target(a, call), optionalMatrix(a, call, 'weights'), call.span));
  });
  reg.register('interQuartileMean', (call) => {
    const a = bindSpec(call);
    return dbl(interQuartileMean(target(a, call), optionalMatrix(a, call, 'weights'), call.span));
  });
  reg.register('quantile', quantileImpl);
  reg.register('moment', momentImpl);
  reg.register('centralMoment', momentImpl);
  reg.register('cov', (call) => {
    const a = bindSpec(call);
    return dbl(cov(target(a, call), target(a, call, 'e2'), optionalMatrix(a, call, 'weights'), call.span));
  });
}
