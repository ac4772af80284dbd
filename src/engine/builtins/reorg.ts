/** Builtin implementations: t rev diag cbind rbind removeEmpty order lower.tri upper.tri. */
import { builtinSpec } from '../../common/builtins/catalogue.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { MatrixBlock } from '../data/matrix-block.js';
import type { FrameBlock, Value } from '../data/values.js';
import { cbind, rbind } from '../kernels/append.js';
import { diag } from '../kernels/diag.js';
import { cbindFrames, rbindFrames } from '../kernels/frame-append.js';
import { indexFromDouble } from '../kernels/indexing.js';
import { order } from '../kernels/order.js';
import { removeEmptyFrame } from '../frames/clean.js';
import { removeEmpty } from '../kernels/remove-empty.js';
import { reverseRows } from '../kernels/reverse.js';
import { transpose } from '../kernels/transpose.js';
import { triangle } from '../kernels/triangle.js';
import { BoundArgs, describe, toMatrix } from './args.js';
import type { BuiltinCall, BuiltinImpl, BuiltinRegistry } from './registry.js';

/** Binds a call against its catalogue spec (the catalogue is the one source of parameter names). */
export function bindCall(call: BuiltinCall): BoundArgs {
  const spec = builtinSpec(call.name);
  if (!spec) return fail('DML9001', `builtin ${call.name}() is not supported yet`, call.span);
  return BoundArgs.bind(call, spec);
}

/** Frames and lists are not handled by these kernels yet: say so instead of a type error. */
export function matrixArg(v: Value, what: string, span: Span): MatrixBlock {
  if (v.dt === 'frame') fail('DML9001', `${what} on a frame is not supported yet`, span);
  if (v.dt === 'list') fail('DML3001', `${what} expects a matrix, got a ${describe(v)}`, span);
  return toMatrix(v, what, span);
}

function unary(kernel: (x: MatrixBlock, span: Span) => MatrixBlock): BuiltinImpl {
  return (call) => {
    const a = bindCall(call);
    return kernel(matrixArg(a.required('target'), `${call.name}(target)`, call.span), call.span);
  };
}

function append(
  kernel: (blocks: readonly MatrixBlock[], span: Span) => MatrixBlock,
  frameKernel: (frames: readonly FrameBlock[], span: Span) => FrameBlock,
): BuiltinImpl {
  return (call) => {
    const a = bindCall(call);
    let args = a.rest();
    // cbind(L) / rbind(L) of a single list appends the list's elements (SystemDS's list form).
    if (args.length === 1 && args[0]!.dt === 'list') args = [...args[0]!.items];
    if (args.length === 0) fail('DML3002', `${call.name}() needs at least one argument`, call.span);
    if (args.some((v) => v.dt === 'frame')) {
      // Frames append only to frames (SystemDS rejects mixing frames and matrices here).
      if (!args.every((v) => v.dt === 'frame')) {
        fail('DML3001', `${call.name}(): cannot mix frames with ${args.map(describe).join(', ')}`, call.span);
      }
      return frameKernel(args as FrameBlock[], call.span);
    }
    const blocks = args.map((v, k) => matrixArg(v, `${call.name}() argument ${k + 1}`, call.span));
    return kernel(blocks, call.span);
  };
}

function removeEmptyImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const target = a.required('target');
  const margin = a.string('margin');
  if (margin !== 'rows' && margin !== 'cols') {
    fail('DML3004', `removeEmpty(): margin must be "rows" or "cols", got "${margin}"`, call.span);
  }
  const sel = a.get('select');
  const select = sel === undefined ? undefined : matrixArg(sel, 'removeEmpty(select)', call.span);
  const emptyReturn = a.boolean('empty.return', true);
  if (target.dt === 'frame') return removeEmptyFrame(target, margin, select, emptyReturn, call.span);
  const x = matrixArg(target, 'removeEmpty(target)', call.span);
  return removeEmpty(x, margin, select, emptyReturn, call.span);
}

function orderImpl(call: BuiltinCall): Value {
  const a = bindCall(call);
  const x = matrixArg(a.required('target'), 'order(target)', call.span);
  const byVal = a.get('by');
  let by: number[] = [1];
  if (byVal?.dt === 'matrix') by = Array.from(byVal.denseData(), indexFromDouble);
  else if (byVal !== undefined) by = [indexFromDouble(a.number('by'))];
  if (by.length === 0) fail('DML3004', 'order(): by must name at least one column', call.span);
  for (const c of by) {
    if (!(c >= 1 && c <= Math.max(1, x.cols))) {
      fail('DML5001', `order(): by=${c} is out of bounds for a matrix with ${x.cols} column(s)`, call.span);
    }
  }
  if (x.cols === 0) return x;
  return order(
    x,
    by.map((c) => c - 1),
    a.boolean('decreasing', false),
    a.boolean('index.return', false),
  );
}

function triImpl(lower: boolean): BuiltinImpl {
  return (call) => {
    const a = bindCall(call);
    const x = matrixArg(a.required('target'), `${call.name}(target)`, call.span);
    return triangle(x, lower, a.boolean('diag', false), a.boolean('values', false));
  };
}

export function registerReorg(reg: BuiltinRegistry): void {
  reg.register(
    't',
    unary((x) => transpose(x)),
  );
  reg.register(
    'rev',
    unary((x) => reverseRows(x)),
  );
  reg.register('diag', unary(diag));
  reg.register('cbind', append(cbind, cbindFrames));
  reg.register('rbind', append(rbind, rbindFrames));
  reg.register('removeEmpty', removeEmptyImpl);
  reg.register('order', orderImpl);
  reg.register('lower.tri', triImpl(true));
  reg.register('upper.tri', triImpl(false));
}
