/**
 * Frame builtins: frame(), transformencode/apply/decode/colmap, detectSchema, applySchema.
 * The work is in src/engine/frames/; here arguments are bound and checked.
 */
import { builtinSpec } from '../../common/builtins/catalogue.js';
import { fail } from '../../common/diagnostics.js';
import { FrameBlock, type Value } from '../data/values.js';
import { applySchema, detectSchema, makeFrame, schemaOf } from '../frames/convert.js';
import { dropInvalidLength, dropInvalidType } from '../frames/clean.js';
import {
  categoricalMask,
  transformApply,
  transformColmap,
  transformDecode,
  transformEncode,
} from '../frames/transform.js';
import { BoundArgs, describe } from './args.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';

function bound(c: BuiltinCall): BoundArgs {
  const spec = builtinSpec(c.name);
  if (spec === undefined) throw new Error(`builtin '${c.name}' is not in the catalogue`);
  return BoundArgs.bind(c, spec);
}

function frameArg(a: BoundArgs, name: string): FrameBlock {
  const v = a.required(name);
  if (v.dt !== 'frame')
    fail(
      'DML3001',
      `${a.call.name}(${name}) expects a frame, got a ${describe(v)}`,
      a.span,
      'use as.frame(...)',
    );
  return v;
}

function names(v: Value | undefined, a: BoundArgs): string[] | undefined {
  if (v === undefined) return undefined;
  if (v.dt === 'scalar' && v.vt === 'string') return v.value.split(',');
  if (v.dt === 'list') return v.items.map((x) => (x.dt === 'scalar' ? String(x.value) : describe(x)));
  if (v.dt === 'frame') return v.columns.map((c) => String(c[0] ?? ''));
  return fail('DML3001', `${a.call.name}(colnames) expects a string or list of names`, a.span);
}

export function registerFrames(reg: BuiltinRegistry): void {
  reg.register('frame', (c) => {
    const a = bound(c);
    const rows = a.has('rows') ? a.number('rows') : undefined;
    const cols = a.has('cols') ? a.number('cols') : undefined;
    const sv = a.get('schema');
    const schema = sv === undefined ? undefined : schemaOf(sv, undefined, a.span);
    return makeFrame(a.required('data'), rows, cols, schema, names(a.get('colnames'), a), a.span);
  });
  reg.register('transformencode', (c) => {
    const a = bound(c);
    return transformEncode(frameArg(a, 'target'), a.string('spec'), a.span);
  });
  reg.register('transformapply', (c) => {
    const a = bound(c);
    return transformApply(frameArg(a, 'target'), a.string('spec'), frameArg(a, 'meta'), a.span);
  });
  reg.register('transformdecode', (c) => {
    const a = bound(c);
    return transformDecode(a.matrix('target'), a.string('spec'), frameArg(a, 'meta'), a.span);
  });
  reg.register('transformcolmap', (c) => {
    const a = bound(c);
    return transformColmap(frameArg(a, 'target'), a.string('spec'), a.span);
  });
  reg.register('colnames', (c) => {
    const F = frameArg(bound(c), 'target');
    // As SystemDS's getColumnNamesAsFrame: one STRING row, default column names C1..Cn.
    return new FrameBlock(
      F.columnNames.map(() => 'string'),
      FrameBlock.defaultNames(F.cols),
      F.columnNames.map((n) => [n]),
    );
  });
  reg.register('detectSchema', (c) => detectSchema(frameArg(bound(c), 'target')));
  reg.register('applySchema', (c) => {
    const a = bound(c);
    const F = frameArg(a, 'target');
    return applySchema(F, schemaOf(a.required('schema'), F.cols, a.span), a.span);
  });
  reg.register('dropInvalidType', (c) => {
    const a = bound(c);
    const S = a.required('schema');
    const typeNames =
      S.dt === 'frame'
        ? S.columns.map((col) => String(col[0] ?? ''))
        : S.dt === 'scalar' && S.vt === 'string'
          ? S.value.split(',')
          : fail(
              'DML3001',
              `dropInvalidType(schema) expects a 1 x n frame of type names, got a ${describe(S)}`,
              a.span,
            );
    return dropInvalidType(frameArg(a, 'target'), typeNames, a.span);
  });
  reg.register('dropInvalidLength', (c) => {
    const a = bound(c);
    return dropInvalidLength(frameArg(a, 'target'), a.matrix('length'), a.span);
  });
  reg.register('getCategoricalMask', (c) => {
    const a = bound(c);
    return categoricalMask(frameArg(a, 'target'), a.string('spec'), a.span);
  });
}
