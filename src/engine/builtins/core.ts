/**
 * Core builtins that are about values rather than numerics: casts, list construction and
 * manipulation, shapes, eval, time.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { cbind } from '../kernels/append.js';
import { bool, dbl, int, ListValue, str, type FrameCell, type Value } from '../data/values.js';
import { describe, scalarToString, toBoolean, toNumber } from './args.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';
import { asFrame } from '../frames/convert.js';
import { cellNumber } from '../frames/cells.js';

/** The single argument of a one-argument builtin (named or positional). */
function only(call: BuiltinCall): Value {
  if (call.args.length !== 1)
    fail('DML3002', `${call.name}() takes exactly one argument, got ${call.args.length}`, call.span);
  return call.args[0]!;
}

/** Java-style long cast used by SystemDS: sign(v) * floor(|v| + eps). */
export function toLong(v: number): number {
  if (!Number.isFinite(v)) return v;
  return Math.sign(v) * Math.floor(Math.abs(v) + 1e-7) || 0;
}

function frameCellToNumber(c: FrameCell, span: Span): number {
  if (c === null) return NaN;
  if (typeof c === 'number') return c;
  if (typeof c === 'boolean') return c ? 1 : 0;
  const n = Number(c);
  if (c.trim() === '' || Number.isNaN(n))
    fail('DML3001', `cannot convert the frame cell "${c}" to a number`, span);
  return n;
}

export function asScalar(v: Value, span: Span): Value {
  switch (v.dt) {
    case 'scalar':
      return v;
    case 'matrix':
      if (v.rows !== 1 || v.cols !== 1)
        fail('DML3001', `as.scalar needs a 1x1 matrix, got a ${describe(v)}`, span);
      return dbl(v.get(0, 0));
    case 'list':
      if (v.length !== 1)
        fail('DML3001', `as.scalar needs a list of one element, got a ${describe(v)}`, span);
      return asScalar(v.items[0]!, span);
    case 'frame': {
      if (v.rows !== 1 || v.cols !== 1)
        fail('DML3001', `as.scalar needs a 1x1 frame, got a ${describe(v)}`, span);
      const c = v.get(0, 0);
      const t = v.schema[0]!;
      if (t === 'string') return str(c === null ? 'NULL' : String(c));
      if (t === 'boolean') return bool(c === true || c === 'true' || c === 'TRUE');
      if (t === 'int') return int(frameCellToNumber(c, span));
      return dbl(frameCellToNumber(c, span));
    }
  }
}

export function asMatrix(v: Value, span: Span): MatrixBlock {
  switch (v.dt) {
    case 'matrix':
      return v;
    case 'scalar':
      return MatrixBlock.scalar(toNumber(v, 'as.matrix', span));
    case 'list': {
      if (v.length === 1 && v.items[0]!.dt === 'matrix') return v.items[0] as MatrixBlock;
      const d = new Float64Array(v.length);
      v.items.forEach((x, i) => {
        if (x.dt === 'matrix' && x.rows === 1 && x.cols === 1) d[i] = x.get(0, 0);
        else if (x.dt === 'scalar') d[i] = toNumber(x, 'as.matrix', span);
        else fail('DML3001', `as.matrix of a list needs scalars, element ${i + 1} is a ${describe(x)}`, span);
      });
      return MatrixBlock.dense(v.length, 1, d);
    }
    case 'frame': {
      const d = new Float64Array(v.rows * v.cols);
      // Strings that parse as numbers convert; any other string is an error naming its column.
      for (let j = 0; j < v.cols; j++)
        for (let i = 0; i < v.rows; i++) d[i * v.cols + j] = cellNumber(v.get(i, j), v.columnNames[j]!, span);
      return MatrixBlock.dense(v.rows, v.cols, d).examSparsity();
    }
  }
}

function scalarOf(call: BuiltinCall): Value {
  const v = only(call);
  return v.dt === 'scalar' ? v : asScalar(v, call.span);
}

export function registerCore(reg: BuiltinRegistry): void {
  const asScalarImpl = (c: BuiltinCall): Value => asScalar(only(c), c.span);
  reg.register('as.scalar', asScalarImpl);
  reg.register('castAsScalar', asScalarImpl);
  reg.register('as.matrix', (c) => asMatrix(only(c), c.span));
  reg.register('as.frame', (c) => asFrame(only(c), c.span));
  reg.register('as.double', (c) => dbl(toNumber(scalarOf(c), 'as.double', c.span)));
  reg.register('as.integer', (c) => {
    const v = toLong(toNumber(scalarOf(c), 'as.integer', c.span));
    // Tessera's integers are exact to 2^53 (JavaScript doubles), not to 2^63 as SystemDS's longs:
    // beyond that the digits printed would be wrong, so it is an error as for integer arithmetic.
    if (Math.abs(v) > Number.MAX_SAFE_INTEGER)
      fail('DML5003', `integer overflow: as.integer(${v}) exceeds the exact integer range (2^53)`, c.span);
    return int(v);
  });
  const asLogical = (c: BuiltinCall): Value => bool(toBoolean(scalarOf(c), 'as.logical', c.span));
  reg.register('as.logical', asLogical);
  reg.register('as.boolean', asLogical);
  reg.register('as.list', (c) => {
    const v = only(c);
    return v.dt === 'list' ? v : new ListValue([v]);
  });

  const shape = (which: 'rows' | 'cols' | 'length') => (c: BuiltinCall) => {
    const v = only(c);
    if (v.dt === 'scalar') {
      if (which === 'length') return int(1);
      return fail('DML3001', `${c.name}() needs a matrix, frame or list, got a ${describe(v)}`, c.span);
    }
    if (v.dt === 'list')
      return which === 'length' ? int(v.length) : which === 'rows' ? int(v.length) : int(1);
    return int(which === 'rows' ? v.rows : which === 'cols' ? v.cols : v.rows * v.cols);
  };
  reg.register('nrow', shape('rows'));
  reg.register('ncol', shape('cols'));
  reg.register('length', shape('length'));

  reg.register('list', (c) => {
    const named = c.argNames.filter((n) => n !== undefined).length;
    if (named > 0 && named !== c.args.length)
      fail('DML3002', 'list(): either all or no elements are named', c.span);
    return new ListValue([...c.args], named > 0 ? c.argNames.map((n) => n!) : undefined);
  });
  reg.register('append', (c) => {
    if (c.args.length !== 2) fail('DML3002', `append() takes 2 arguments, got ${c.args.length}`, c.span);
    const [L, x] = c.args as [Value, Value];
    if (L.dt === 'scalar' && L.vt === 'string')
      return str(L.value + (x.dt === 'scalar' ? scalarToString(x) : describe(x)));
    // append(A, B) of two matrices is SystemDS's legacy spelling of cbind(A, B).
    if (L.dt === 'matrix' && (x.dt === 'matrix' || x.dt === 'scalar')) {
      return cbind([L, x.dt === 'matrix' ? x : MatrixBlock.scalar(toNumber(x, 'append', c.span))], c.span);
    }
    if (L.dt !== 'list') fail('DML3001', `append() needs a list or matrices, got a ${describe(L)}`, c.span);
    return new ListValue([...L.items, x], L.names ? [...L.names, `${L.length + 1}`] : undefined);
  });
  reg.register('remove', (c) => {
    if (c.args.length !== 2) fail('DML3002', `remove() takes 2 arguments, got ${c.args.length}`, c.span);
    const [L, pos] = c.args as [Value, Value];
    if (L.dt !== 'list') fail('DML3001', `remove() needs a list, got a ${describe(L)}`, c.span);
    const i = toLong(toNumber(pos, 'remove(pos)', c.span));
    if (i < 1 || i > L.length)
      fail('DML5001', `remove(): position ${i} out of bounds for a list of ${L.length}`, c.span);
    const items = L.items.filter((_, k) => k !== i - 1);
    const names = L.names?.filter((_, k) => k !== i - 1);
    const removed = new ListValue([L.items[i - 1]!], L.names ? [L.names[i - 1]!] : undefined);
    return [new ListValue(items, names), removed];
  });
  reg.register('time', () => int(Number(process.hrtime.bigint())));
  reg.register('eval', (c) => {
    if (c.args.length < 1) fail('DML3002', 'eval() needs a function name', c.span);
    const fname = c.args[0]!;
    if (fname.dt !== 'scalar' || fname.vt !== 'string')
      fail('DML3001', 'eval(): the first argument must be a function name string', c.span);
    let args = c.args.slice(1);
    let names = c.argNames.slice(1);
    // eval("f", L) with a single list argument spreads the list (SystemDS's evalList behaviour).
    if (args.length === 1 && args[0]!.dt === 'list' && names[0] === undefined) {
      const L = args[0] as ListValue;
      args = [...L.items];
      names = L.names ? [...L.names] : L.items.map(() => undefined);
    }
    const outs = c.ctx.callFunction(fname.value, args, names, c.span);
    return outs.length === 1 ? outs[0]! : outs;
  });
}
