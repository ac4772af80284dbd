/** Builtins: cdf, icdf and the named shortcuts pnorm qnorm pt qt pf qf pchisq qchisq pexp qexp. */
import { builtinSpec } from '../../common/builtins/catalogue.js';
import { fail } from '../../common/diagnostics.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { dbl, type Value } from '../data/values.js';
import {
  cdf,
  checkParams,
  DIST_NAMES,
  quantile,
  type DistName,
  type DistParams,
} from '../kernels/distributions.js';
import { BoundArgs, describe } from './args.js';
import { atSpan } from './kernel-errors.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';

function params(args: BoundArgs): DistParams {
  return {
    mean: args.number('mean', 0),
    sd: args.number('sd', 1),
    df: args.number('df', NaN),
    df1: args.number('df1', NaN),
    df2: args.number('df2', NaN),
    rate: args.number('rate', 1),
  };
}

/** Applies f to a scalar target, or cell-wise to a matrix target. */
function apply(args: BoundArgs, f: (x: number) => number): Value {
  const t = args.required('target');
  if (t.dt === 'matrix') {
    const src = t.denseData();
    const out = new Float64Array(src.length);
    for (let k = 0; k < src.length; k++) out[k] = f(src[k]!);
    return MatrixBlock.dense(t.rows, t.cols, out);
  }
  if (t.dt !== 'scalar' || t.vt === 'string')
    fail(
      'DML3001',
      `${args.call.name}() expects a number or matrix as target, got a ${describe(t)}`,
      args.span,
    );
  return dbl(f(args.number('target')));
}

function evaluate(call: BuiltinCall, dist: DistName, inverse: boolean): Value {
  const spec = builtinSpec(call.name);
  if (!spec) throw new Error(`builtin '${call.name}' is missing from the catalogue`);
  const args = BoundArgs.bind(call, spec);
  const p = params(args);
  const lowerTail = inverse ? true : args.boolean('lower.tail', true);
  return atSpan(call.span, () => {
    checkParams(dist, p);
    return apply(args, inverse ? (x) => quantile(dist, x, p) : (x) => cdf(dist, x, p, lowerTail));
  });
}

function distOf(call: BuiltinCall): DistName {
  const spec = builtinSpec(call.name)!;
  const args = BoundArgs.bind(call, spec);
  const d = args.string('dist');
  if (!(DIST_NAMES as readonly string[]).includes(d)) {
    fail(
      'DML5001',
      `${call.name}(): unknown distribution "${d}" (supported: ${DIST_NAMES.join(', ')})`,
      call.span,
    );
  }
  return d as DistName;
}

const SHORTCUTS: readonly [string, DistName, boolean][] = [
  ['pnorm', 'normal', false],
  ['qnorm', 'normal', true],
  ['pt', 't', false],
  ['qt', 't', true],
  ['pf', 'f', false],
  ['qf', 'f', true],
  ['pchisq', 'chisq', false],
  ['qchisq', 'chisq', true],
  ['pexp', 'exp', false],
  ['qexp', 'exp', true],
];

export function registerDistributions(reg: BuiltinRegistry): void {
  reg.register('cdf', (call) => evaluate(call, distOf(call), false));
  reg.register('icdf', (call) => evaluate(call, distOf(call), true));
  for (const [name, dist, inverse] of SHORTCUTS) reg.register(name, (call) => evaluate(call, dist, inverse));
}
