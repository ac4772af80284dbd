/** Builtin implementations: table/ctable, aggregate/groupedAggregate, outer, unique, replace, contains, ifelse. */
import { fail } from '../../common/diagnostics.js';
import { sameShape } from '../../common/shapes.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { bool, dbl, str, type ScalarValue, type Value } from '../data/values.js';
import { GROUP_FNS, groupedAggregate, type GroupFn } from '../kernels/grouped-aggregate.js';
import { ifelse } from '../kernels/ifelse.js';
import { indexFromDouble } from '../kernels/indexing.js';
import { outer } from '../kernels/outer.js';
import { contains, replace } from '../kernels/replace.js';
import { ctable, type CellSource } from '../kernels/table.js';
import { unique, type UniqueDir } from '../kernels/unique.js';
import { toNumber } from './args.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';
import { bindCall, matrixArg } from './reorg.js';

/** A matrix stays a matrix; a numeric scalar is a broadcast value. */
function cellSource(v: Value, what: string, call: BuiltinCall): CellSource {
  if (v.dt === 'scalar') return toNumber(v, what, call.span);
  return matrixArg(v, what, call.span);
}

function tableImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const A = cellSource(a.required('A'), `${call.name}(A)`, call);
  const B = cellSource(a.required('B'), `${call.name}(B)`, call);
  let W: CellSource | undefined;
  let d1: number | undefined;
  let d2: number | undefined;
  if (a.has('W') && a.has('odim1') && !a.has('odim2')) {
    // table(A, B, odim1, odim2): positional dims land on W and odim1.
    d1 = a.number('W');
    d2 = a.number('odim1');
  } else {
    const w = a.get('W');
    if (w !== undefined) W = cellSource(w, `${call.name}(W)`, call);
    if (a.has('odim1') !== a.has('odim2'))
      fail('DML3002', `${call.name}(): give both odim1 and odim2, or neither`, call.span);
    if (a.has('odim1')) {
      d1 = a.number('odim1');
      d2 = a.number('odim2');
    }
  }
  const dims = d1 === undefined ? undefined : { rows: indexFromDouble(d1), cols: indexFromDouble(d2!) };
  return ctable(A, B, W, dims, call.span, call.ctx.memoryBytes);
}

function aggregateImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const target = matrixArg(a.required('target'), `${call.name}(target)`, call.span);
  const groups = matrixArg(a.required('groups'), `${call.name}(groups)`, call.span);
  const w = a.get('weights');
  const fn = a.string('fn', 'sum');
  if (!(GROUP_FNS as readonly string[]).includes(fn)) {
    fail(
      'DML3004',
      `${call.name}(): fn must be one of ${GROUP_FNS.map((f) => `"${f}"`).join(', ')}, got "${fn}"`,
      call.span,
    );
  }
  return groupedAggregate(target, groups, {
    weights: w === undefined ? undefined : matrixArg(w, `${call.name}(weights)`, call.span),
    fn: fn as GroupFn,
    order: a.has('order') ? a.number('order') : undefined,
    ngroups: a.has('ngroups') ? a.number('ngroups') : undefined,
    span: call.span,
  });
}

function outerImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const x = matrixArg(a.required('a'), 'outer(a)', call.span);
  const y = matrixArg(a.required('b'), 'outer(b)', call.span);
  return outer(x, y, a.string('op'), call.span);
}

function uniqueImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const x = matrixArg(a.required('target'), 'unique(target)', call.span);
  const dir = a.string('dir', 'rc').toLowerCase();
  if (dir !== 'rc' && dir !== 'r' && dir !== 'c')
    fail('DML3004', `unique(): dir must be "rc", "r" or "c", got "${dir}"`, call.span);
  return unique(x, dir as UniqueDir);
}

function replaceImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const x = matrixArg(a.required('target'), 'replace(target)', call.span);
  return replace(x, a.number('pattern'), a.number('replacement'));
}

function containsImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const x = matrixArg(a.required('target'), 'contains(target)', call.span);
  return bool(contains(x, a.number('pattern')));
}

/** Scalar ifelse keeps the chosen branch's type; mixed numeric branches give a double. */
function scalarIfelse(c: ScalarValue, x: ScalarValue, y: ScalarValue, call: BuiltinCall): Value {
  const take = toNumber(c, 'ifelse(cond)', call.span) !== 0 ? x : y;
  if (x.vt === y.vt) return take;
  if (x.vt === 'string' || y.vt === 'string') {
    return take.vt === 'string' ? take : str(String(take.value));
  }
  return dbl(toNumber(take, 'ifelse()', call.span));
}

function ifelseImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const c = a.required('cond');
  const x = a.required('A');
  const y = a.required('B');
  if (c.dt === 'scalar' && x.dt === 'scalar' && y.dt === 'scalar') return scalarIfelse(c, x, y, call);
  const src = (v: Value, what: string): MatrixBlock | number =>
    v.dt === 'scalar' ? toNumber(v, what, call.span) : matrixArg(v, what, call.span);
  const ops = [src(c, 'ifelse(cond)'), src(x, 'ifelse(A)'), src(y, 'ifelse(B)')] as const;
  // The compiler's rule (src/common/shapes.ts): matrix operands of one shape, scalars broadcast.
  const shape = sameShape(
    'ifelse()',
    ops.map((o) => (typeof o === 'number' ? 'scalar' : o)),
  );
  if (!shape.ok) return fail(shape.error.code, shape.error.message, call.span);
  return ifelse(ops[0], ops[1], ops[2], call.span);
}

export function registerGrouping(reg: BuiltinRegistry): void {
  reg.register('table', tableImpl);
  reg.register('ctable', tableImpl);
  reg.register('aggregate', aggregateImpl);
  reg.register('groupedAggregate', aggregateImpl);
  reg.register('outer', outerImpl);
  reg.register('unique', uniqueImpl);
  reg.register('replace', replaceImpl);
  reg.register('contains', containsImpl);
  reg.register('ifelse', ifelseImpl);
}
