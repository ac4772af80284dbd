/**
 * Data generation in place: rand, matrix(value, rows=, cols=) and seq on DIST. The plans have no
 * matrix inputs; each rank generates only its own row block of the result, which stays
 * row-partitioned ('rows', no communication), so a generated matrix never exists whole on the
 * driver. Every cell is the one LOCAL gives: rand draws one stream per block of rows
 * (kernels/random.ts randRows), so a rank's rows do not depend on how many ranks there are.
 *
 * Arguments are read by catalogue parameter. Anything LOCAL would reject, or that this file does
 * not mirror exactly (strings for numbers, 1 x 1 matrices for scalars, matrix(string), reshape),
 * is declined: LOCAL then runs it and reports whatever error it deserves. LOCAL's limit on the
 * cells of one in-memory matrix is not checked: a rank holds only its rows.
 */
import { bindArguments, type Binding } from '../../../common/builtins/bind.js';
import { builtinSpec } from '../../../common/builtins/catalogue.js';
import type { ArgShape, BackendCall } from '../../backends/backend.js';
import { seqLength } from '../../builtins/datagen.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import type { ScalarValue } from '../../data/values.js';
import { randRows, type RandPdf, type RandSpec } from '../../kernels/random.js';
import type { ArgPlacement, DistOp, DistPlan, PartitionedPlan, RankContext } from './dist-op.js';

/** Named access to a call's scalar arguments (undefined: absent, or not a plain scalar). */
interface Params {
  /** How many arguments the call has (all scalars when a plan is made). */
  readonly arity: number;
  has(name: string): boolean;
  scalar(name: string): ScalarValue | undefined;
}

/**
 * The call's arguments by parameter. The driver passes the binding made at lowering; the worker
 * ranks plan from the run command, which carries argument names but no binding (protocol.ts), so
 * without one the call is bound here against the same catalogue entry by the function lowering
 * uses: the same binding, so every rank makes the driver's plan.
 */
function paramsOf(opcode: string, call: BackendCall<ArgShape>): Params | undefined {
  let binding: Binding | undefined = call.bound;
  if (binding === undefined) {
    const spec = builtinSpec(opcode);
    const r = spec === undefined ? undefined : bindArguments(spec, call.argNames);
    if (r === undefined || !r.ok) return undefined;
    binding = r.binding;
  }
  if (binding.variadic.length > 0 || binding.extraNamed.size > 0) return undefined;
  // Every argument a scalar: a matrix (a 1 x 1 one LOCAL would read as a number) declines.
  if (!call.args.every((a) => a.kind === 'scalar')) return undefined;
  const { byParam } = binding;
  return {
    arity: call.args.length,
    has: (name) => byParam.has(name),
    scalar: (name) => {
      const i = byParam.get(name);
      const a = i === undefined ? undefined : call.args[i];
      return a !== undefined && a.kind === 'scalar' ? a.value : undefined;
    },
  };
}

/** A numeric argument as LOCAL reads it (booleans as 1/0); strings and matrices decline. */
function numberParam(p: Params, name: string): number | undefined {
  const v = p.scalar(name);
  if (v === undefined || v.vt === 'string') return undefined;
  return v.vt === 'boolean' ? (v.value ? 1 : 0) : v.value;
}

/** An optional numeric argument: its default when absent, undefined when present but unusable. */
function optionalNumber(p: Params, name: string, dflt: number): number | undefined {
  return p.has(name) ? numberParam(p, name) : dflt;
}

/** A row or column count as LOCAL truncates it (builtins/datagen.ts count); negatives decline. */
function countParam(p: Params, name: string): number | undefined {
  const x = numberParam(p, name);
  if (x === undefined || !Number.isFinite(x)) return undefined;
  const n = Math.sign(x) * Math.floor(Math.abs(x) + 1e-9);
  return n >= 0 ? n : undefined;
}

/**
 * A plan whose rank r generates rows [rowOffset, rowOffset + rows) of a rows x cols result. Every
 * argument is a scalar (one placement per call argument); the local step has read them already.
 */
function generated(
  p: Params,
  rows: number,
  cols: number,
  generate: (at: RankContext) => MatrixBlock,
): PartitionedPlan {
  return {
    combine: 'rows',
    args: Array<ArgPlacement>(p.arity).fill('scalar'),
    partitioned: rows,
    result: { rows, cols },
    local: (_, at) => generate(at),
  };
}

function randPlan(p: Params): DistPlan | undefined {
  const rows = countParam(p, 'rows');
  const cols = countParam(p, 'cols');
  const min = optionalNumber(p, 'min', 0);
  const max = optionalNumber(p, 'max', 1);
  const sparsity = optionalNumber(p, 'sparsity', 1);
  const lambda = optionalNumber(p, 'lambda', 1);
  // An unseeded rand takes its seed from the driver's interpreter state (ctx.nextSeed(), which
  // -seed and every earlier unseeded call advance): no rank can know it, so LOCAL runs the call.
  const seed = p.has('seed') ? numberParam(p, 'seed') : undefined;
  const pdfArg = p.has('pdf') ? p.scalar('pdf') : undefined;
  const pdf = p.has('pdf') ? (pdfArg?.vt === 'string' ? pdfArg.value.toLowerCase() : undefined) : 'uniform';
  if (
    rows === undefined ||
    cols === undefined ||
    min === undefined ||
    max === undefined ||
    sparsity === undefined ||
    lambda === undefined ||
    seed === undefined ||
    !Number.isFinite(seed) ||
    seed === -1
  )
    return undefined;
  if (pdf !== 'uniform' && pdf !== 'normal' && pdf !== 'poisson') return undefined;
  // LOCAL's checks (builtins/datagen.ts randImpl): a call failing them is LOCAL's to report.
  if (!(min <= max) || !(sparsity >= 0 && sparsity <= 1)) return undefined;
  if (pdf === 'poisson' && !(lambda > 0 && Number.isFinite(lambda))) return undefined;
  const spec: RandSpec = {
    rows,
    cols,
    min,
    max,
    sparsity,
    seed: Math.trunc(seed),
    pdf: pdf as RandPdf,
    lambda,
  };
  return generated(p, rows, cols, (at) => randRows(spec, at.rowOffset, at.rowOffset + at.rows));
}

/** matrix(value, rows=, cols=) with a numeric value: a constant fill. */
function matrixPlan(p: Params): DistPlan | undefined {
  const data = p.scalar('data');
  if (data === undefined || data.vt === 'string' || p.has('dimnames')) return undefined;
  // byrow means nothing to a constant fill, but LOCAL still reads it as a boolean.
  if (p.has('byrow') && numberParam(p, 'byrow') === undefined) return undefined;
  const rows = countParam(p, 'rows');
  const cols = countParam(p, 'cols');
  const value = numberParam(p, 'data');
  if (rows === undefined || cols === undefined || value === undefined) return undefined;
  return generated(p, rows, cols, (at) => MatrixBlock.filled(at.rows, cols, value));
}

/** seq(from, to, incr): the column vector from + i * incr, i = 0 .. n-1, as LOCAL computes it. */
function seqPlan(p: Params): DistPlan | undefined {
  const from = numberParam(p, 'from');
  const to = numberParam(p, 'to');
  if (from === undefined || to === undefined) return undefined;
  const incr = p.has('incr') ? numberParam(p, 'incr') : from <= to ? 1 : -1;
  if (incr === undefined || ![from, to, incr].every(Number.isFinite) || incr === 0) return undefined;
  if ((from > to && incr > 0) || (from < to && incr < 0)) return undefined;
  const n = seqLength(from, to, incr);
  return generated(p, n, 1, (at) => {
    const d = new Float64Array(at.rows);
    for (let k = 0; k < at.rows; k++) d[k] = from + (at.rowOffset + k) * incr;
    return MatrixBlock.dense(at.rows, 1, d);
  });
}

const PLANS: ReadonlyMap<string, (p: Params) => DistPlan | undefined> = new Map([
  ['rand', randPlan],
  ['Rand', randPlan],
  ['matrix', matrixPlan],
  ['seq', seqPlan],
]);

export const datagenOps: DistOp = {
  opcodes: [...PLANS.keys()],
  plan(opcode, call) {
    const make = PLANS.get(opcode);
    if (make === undefined) return undefined;
    const p = paramsOf(opcode, call);
    return p === undefined ? undefined : make(p);
  },
};
