/**
 * Sizes of builtins and operators from their catalogue entries: the result type from the entry's
 * `returns`, the dims from its `shape` rule (src/common/builtins/shape-rules.ts), the same rules
 * analysis and the engine ask. A size error the rule proves (a dimension mismatch) is a
 * compile-time error at the HOP's span.
 */
import { bindArguments, boundTypes } from '../../common/builtins/bind.js';
import { builtinSpec } from '../../common/builtins/catalogue.js';
import { shapeArgs } from '../../common/builtins/shape-rules.js';
import type { ShapeArg, TypeInfo } from '../../common/builtins/spec.js';
import { fail } from '../../common/diagnostics.js';
import type { Hop } from '../hop.js';
import { SCALAR_DIMS, UNKNOWN, type HopShape } from './common.js';
import type { HopDraft } from './draft.js';

/** What a shape rule sees of a HOP: its type, its dims and, for a literal, its value. */
export function shapeArgOf(h: Hop): ShapeArg {
  const d = h.dims;
  const v = h.kind === 'literal' ? h.value : undefined;
  return v === undefined
    ? { dataType: h.dataType, rows: d.rows, cols: d.cols, nnz: d.nnz }
    : { dataType: h.dataType, rows: d.rows, cols: d.cols, nnz: d.nnz, value: v.value };
}

function typeOf(h: Hop): TypeInfo {
  return { dataType: h.dataType, valueType: h.valueType };
}

export function catalogueShape(h: HopDraft): HopShape | undefined {
  if (h.kind !== 'op') return undefined;
  const spec = builtinSpec(h.op);
  if (spec?.shape === undefined) return undefined;
  const bound = bindArguments(spec, h.argNames ?? h.inputs.map(() => undefined));
  if (!bound.ok) return undefined;
  const { byParam, variadic } = bound.binding;
  let type: TypeInfo;
  try {
    type = spec.returns(boundTypes(spec, bound.binding, h.inputs.map(typeOf)))[0] ?? {
      dataType: 'unknown',
      valueType: 'unknown',
    };
  } catch {
    type = { dataType: 'unknown', valueType: 'unknown' };
  }
  const out = spec.shape(shapeArgs(spec.name, h.inputs.map(shapeArgOf), byParam, variadic));
  if (out !== undefined && 'error' in out) return fail(out.error.code, out.error.message, h.span);
  const dims = type.dataType === 'scalar' ? SCALAR_DIMS : out !== undefined ? out.dims : UNKNOWN;
  return { dataType: type.dataType, valueType: type.valueType, dims };
}
