/**
 * Right and left indexing of matrices, frames and lists (rix/lix instructions). Matrix slicing itself is
 * the indexing kernels' job; here the DML-level bounds are resolved and checked, and lists handled.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { describe, toMatrix, toNumber } from '../builtins/args.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { ListValue, type Value } from '../data/values.js';
import { leftIndex, rightIndex } from '../kernels/indexing.js';
import { leftIndexFrame, sliceFrame } from '../frames/indexing.js';

/** A DML index value as an integer (doubles are floored after SystemDS's small epsilon). */
function indexValue(v: Value, span: Span): number {
  const x = toNumber(v, 'index', span);
  if (Number.isNaN(x)) fail('DML5001', 'index is NaN', span);
  return Math.floor(x + 1e-9 * Math.sign(x));
}

interface Range {
  lo: number; // 1-based inclusive
  hi: number;
  /** The whole extent (`X[, j]`): empty when the matrix has no rows, never an error. */
  full?: boolean;
}

function resolveRange(lower: Value | undefined, upper: Value | undefined, extent: number, span: Span): Range {
  if (lower === undefined) return { lo: 1, hi: extent, full: true };
  const lo = indexValue(lower, span);
  return { lo, hi: upper === undefined ? lo : indexValue(upper, span) };
}

/**
 * Bounds of a slice (1-based, inclusive). A range whose upper end lies below its lower end is an
 * error, as in SystemDS (`X[2:1,]` as much as `X[3:1,]`): DML has no empty slices.
 */
function checkRange(r: Range, c: Range, rows: number, cols: number, span: Span, what = 'matrix'): void {
  const bad = (x: Range, extent: number): boolean => !x.full && (x.lo < 1 || x.hi > extent || x.lo > x.hi);
  if (bad(r, rows) || bad(c, cols)) {
    fail(
      'DML5001',
      `index out of bounds: [${r.lo}:${r.hi}, ${c.lo}:${c.hi}] of a ${rows}x${cols} ${what}`,
      span,
    );
  }
}

export function executeRightIndex(
  target: Value,
  rl: Value | undefined,
  ru: Value | undefined,
  cl: Value | undefined,
  cu: Value | undefined,
  listIndex: boolean,
  span: Span,
): Value {
  if (target.dt === 'list') return listSlice(target, rl, ru, span);
  if (target.dt === 'matrix') {
    if (listIndex) fail('DML3001', 'a matrix needs two index parts: X[i, j] (use X[i, ] for a row)', span);
    const r = resolveRange(rl, ru, target.rows, span);
    const c = resolveRange(cl, cu, target.cols, span);
    checkRange(r, c, target.rows, target.cols, span);
    if (r.lo === 1 && r.hi === target.rows && c.lo === 1 && c.hi === target.cols) return target;
    return rightIndex(target, r.lo - 1, r.hi - 1, c.lo - 1, c.hi - 1);
  }
  if (target.dt === 'frame') {
    if (listIndex) fail('DML3001', 'a frame needs two index parts: F[i, j] (use F[i, ] for a row)', span);
    const r = resolveRange(rl, ru, target.rows, span);
    const c = resolveRange(cl, cu, target.cols, span);
    checkRange(r, c, target.rows, target.cols, span, 'frame');
    if (r.lo === 1 && r.hi === target.rows && c.lo === 1 && c.hi === target.cols) return target;
    return sliceFrame(target, r.lo - 1, r.hi - 1, c.lo - 1, c.hi - 1);
  }
  return fail('DML3001', `indexing a ${describe(target)} is not supported`, span);
}

export function executeLeftIndex(
  target: Value,
  source: Value,
  rl: Value | undefined,
  ru: Value | undefined,
  cl: Value | undefined,
  cu: Value | undefined,
  listIndex: boolean,
  span: Span,
): Value {
  if (target.dt === 'list') return listAssign(target, source, rl, ru, span);
  if (target.dt === 'matrix') {
    if (listIndex) fail('DML3001', 'a matrix needs two index parts: X[i, j] = ...', span);
    const r = resolveRange(rl, ru, target.rows, span);
    const c = resolveRange(cl, cu, target.cols, span);
    checkRange(r, c, target.rows, target.cols, span);
    const nr = r.hi - r.lo + 1;
    const nc = c.hi - c.lo + 1;
    let src: MatrixBlock | number;
    if (source.dt === 'scalar') src = toNumber(source, 'left-indexing source', span);
    else {
      src = toMatrix(source, 'left-indexing source', span);
      if (src.rows !== nr || src.cols !== nc) {
        if (src.rows === 1 && src.cols === 1 && (nr !== 1 || nc !== 1)) src = src.get(0, 0);
        else {
          fail(
            'DML4001',
            `left indexing: the range [${r.lo}:${r.hi}, ${c.lo}:${c.hi}] is ${nr}x${nc}, the value is ${src.rows}x${src.cols}`,
            span,
          );
        }
      }
    }
    return leftIndex(target, src, r.lo - 1, r.hi - 1, c.lo - 1, c.hi - 1);
  }
  if (target.dt === 'frame') {
    if (listIndex) fail('DML3001', 'a frame needs two index parts: F[i, j] = ...', span);
    const r = resolveRange(rl, ru, target.rows, span);
    const c = resolveRange(cl, cu, target.cols, span);
    checkRange(r, c, target.rows, target.cols, span, 'frame');
    return leftIndexFrame(target, source, r.lo - 1, r.hi - 1, c.lo - 1, c.hi - 1, span);
  }
  return fail('DML3001', `left indexing a ${describe(target)} is not supported`, span);
}

// ------------------------------------------------------------------ lists

function listPosition(L: ListValue, key: Value, span: Span): number {
  if (key.dt === 'scalar' && key.vt === 'string') {
    const i = L.names?.indexOf(key.value) ?? -1;
    if (i < 0) fail('DML5001', `list has no element named '${key.value}'`, span);
    return i + 1;
  }
  return indexValue(key, span);
}

function listSlice(L: ListValue, rl: Value | undefined, ru: Value | undefined, span: Span): ListValue {
  if (rl === undefined) return L;
  const lo = listPosition(L, rl, span);
  const hi = ru === undefined ? lo : listPosition(L, ru, span);
  if (lo < 1 || hi > L.length || lo > hi)
    fail('DML5001', `list index out of bounds: [${lo}:${hi}] of a list of ${L.length}`, span);
  return new ListValue(L.items.slice(lo - 1, hi), L.names?.slice(lo - 1, hi));
}

function listAssign(
  L: ListValue,
  source: Value,
  rl: Value | undefined,
  ru: Value | undefined,
  span: Span,
): ListValue {
  if (rl === undefined) fail('DML3001', 'list left indexing needs a position: L[i] = ...', span);
  const items = [...L.items];
  const names = L.names ? [...L.names] : undefined;
  if (rl.dt === 'scalar' && rl.vt === 'string' && ru === undefined) {
    const i = names?.indexOf(rl.value) ?? -1;
    if (i >= 0) items[i] = source;
    else if (names || items.length === 0) {
      items.push(source);
      (names ?? []).push(rl.value);
      return new ListValue(items, names ?? [rl.value]);
    } else fail('DML3001', `cannot add the named element '${rl.value}' to an unnamed list`, span);
    return new ListValue(items, names);
  }
  const lo = listPosition(L, rl, span);
  const hi = ru === undefined ? lo : listPosition(L, ru, span);
  const vals =
    hi > lo
      ? source.dt === 'list'
        ? source.items
        : fail('DML3001', 'assigning a range of a list needs a list', span)
      : [source];
  if (vals.length !== hi - lo + 1)
    fail(
      'DML4001',
      `list range [${lo}:${hi}] has ${hi - lo + 1} element(s), the value has ${vals.length}`,
      span,
    );
  if (lo < 1 || lo > items.length + 1)
    fail('DML5001', `list index ${lo} out of bounds for a list of ${items.length}`, span);
  for (let k = 0; k < vals.length; k++) {
    const pos = lo - 1 + k;
    if (pos === items.length) {
      items.push(vals[k]!);
      names?.push(`${pos + 1}`);
    } else items[pos] = vals[k]!;
  }
  return new ListValue(items, names);
}

export { MatrixBlock };
