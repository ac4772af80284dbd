/** Catalogue entries: cdf icdf pnorm qnorm pt qt pf qf pchisq qchisq pexp qexp (linalg helper). */
import { T, type BuiltinSpec, type TypeInfo } from '../spec.js';

/** A matrix target gives a matrix of probabilities/quantiles; a scalar gives a double. */
const likeTarget = (args: ReadonlyMap<string, TypeInfo>): readonly TypeInfo[] => [
  args.get('target')?.dataType === 'matrix' ? T.matrix : T.double,
];

const opt = (...names: string[]) => names.map((name) => ({ name, optional: true }));

export const SPECS: readonly BuiltinSpec[] = [
  {
    name: 'cdf',
    params: [
      { name: 'target' },
      { name: 'dist' },
      ...opt('mean', 'sd', 'df', 'df1', 'df2', 'rate', 'lower.tail'),
    ],
    returns: likeTarget,
    doc: 'cdf(target, dist="normal"|"exp"|"chisq"|"f"|"t", mean, sd, df, df1, df2, rate, lower.tail=TRUE): P(X <= target).',
  },
  {
    name: 'icdf',
    params: [{ name: 'target' }, { name: 'dist' }, ...opt('mean', 'sd', 'df', 'df1', 'df2', 'rate')],
    returns: likeTarget,
    doc: 'icdf(target, dist, ...): the quantile x with P(X <= x) = target.',
  },
  {
    name: 'pnorm',
    params: [{ name: 'target' }, ...opt('mean', 'sd', 'lower.tail')],
    returns: likeTarget,
    doc: 'Normal distribution function (mean=0, sd=1).',
  },
  {
    name: 'qnorm',
    params: [{ name: 'target' }, ...opt('mean', 'sd')],
    returns: likeTarget,
    doc: 'Normal quantile function (mean=0, sd=1).',
  },
  {
    name: 'pt',
    params: [{ name: 'target' }, { name: 'df' }, ...opt('lower.tail')],
    returns: likeTarget,
    doc: "Student's t distribution function.",
  },
  {
    name: 'qt',
    params: [{ name: 'target' }, { name: 'df' }],
    returns: likeTarget,
    doc: "Student's t quantile function.",
  },
  {
    name: 'pf',
    params: [{ name: 'target' }, { name: 'df1' }, { name: 'df2' }, ...opt('lower.tail')],
    returns: likeTarget,
    doc: 'F distribution function.',
  },
  {
    name: 'qf',
    params: [{ name: 'target' }, { name: 'df1' }, { name: 'df2' }],
    returns: likeTarget,
    doc: 'F quantile function.',
  },
  {
    name: 'pchisq',
    params: [{ name: 'target' }, { name: 'df' }, ...opt('lower.tail')],
    returns: likeTarget,
    doc: 'Chi-squared distribution function.',
  },
  {
    name: 'qchisq',
    params: [{ name: 'target' }, { name: 'df' }],
    returns: likeTarget,
    doc: 'Chi-squared quantile function.',
  },
  {
    name: 'pexp',
    params: [{ name: 'target' }, ...opt('rate', 'lower.tail')],
    returns: likeTarget,
    doc: 'Exponential distribution function (rate=1).',
  },
  {
    name: 'qexp',
    params: [{ name: 'target' }, ...opt('rate')],
    returns: likeTarget,
    doc: 'Exponential quantile function (rate=1).',
  },
];
