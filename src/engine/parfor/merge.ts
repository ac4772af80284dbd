/**
 * Result merge after a parallel parfor, as SystemDS's result merge does it: every worker started
 * from the same original value of each result variable; a left-indexed result takes, cell by
 * cell, the values a worker changed compared with that original (later iterations win where two
 * workers changed the same cell, as in the sequential loop); a `+=` accumulator adds up each
 * worker's delta; a list takes the items a worker changed or appended. Anything else (a variable
 * assigned whole, possible with check=0) keeps the value of the last iteration that assigned it.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { ListValue, MatrixBlock, dbl, int, type Value } from '../data/values.js';

const sameNumber = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** Structural equality of two values (cells for matrices, items for lists). */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.dt === 'scalar' && b.dt === 'scalar') {
    return typeof a.value === 'number' && typeof b.value === 'number'
      ? sameNumber(a.value, b.value)
      : a.value === b.value;
  }
  if (a.dt === 'matrix' && b.dt === 'matrix') {
    if (a.rows !== b.rows || a.cols !== b.cols) return false;
    const x = a.denseData();
    const y = b.denseData();
    for (let k = 0; k < x.length; k++) if (!sameNumber(x[k]!, y[k]!)) return false;
    return true;
  }
  if (a.dt === 'list' && b.dt === 'list') {
    return a.length === b.length && a.items.every((v, k) => sameValue(v, b.items[k]!));
  }
  if (a.dt === 'frame' && b.dt === 'frame') {
    return (
      a.rows === b.rows &&
      a.cols === b.cols &&
      a.columns.every((c, j) => c.every((v, i) => v === b.columns[j]![i]))
    );
  }
  return false;
}

function mergeMatrix(name: string, orig: MatrixBlock, outs: readonly MatrixBlock[], span: Span): MatrixBlock {
  const o = orig.denseData();
  let out: Float64Array | undefined;
  for (const w of outs) {
    if (w.rows !== orig.rows || w.cols !== orig.cols) {
      fail(
        'DML5011',
        `parfor result variable '${name}' changed its size in the loop (${orig.rows}x${orig.cols} -> ${w.rows}x${w.cols}); results can only be merged by left indexing into a matrix of fixed size`,
        span,
      );
    }
    const d = w.denseData();
    for (let k = 0; k < d.length; k++) {
      if (!sameNumber(d[k]!, o[k]!)) (out ??= o.slice())[k] = d[k]!;
    }
  }
  return out ? MatrixBlock.dense(orig.rows, orig.cols, out).examSparsity() : orig;
}

function mergeList(orig: ListValue, outs: readonly ListValue[]): ListValue {
  const items = [...orig.items];
  let names = orig.names ? [...orig.names] : undefined;
  for (const w of outs) {
    w.items.forEach((v, k) => {
      if (k >= orig.length || !sameValue(v, orig.items[k]!)) items[k] = v;
    });
    if (w.names && w.length > (names?.length ?? 0)) names = [...w.names];
  }
  return new ListValue(items, names && names.length === items.length ? names : undefined);
}

/** orig + sum of (out - orig) over the workers. */
function mergeAccumulator(name: string, orig: Value, outs: readonly Value[], span: Span): Value {
  if (orig.dt === 'scalar' && typeof orig.value === 'number') {
    let s = orig.value;
    let isInt = orig.vt === 'int';
    for (const w of outs) {
      if (w.dt !== 'scalar' || typeof w.value !== 'number')
        fail('DML5011', `parfor accumulator '${name}' changed its type in the loop`, span);
      s += w.value - orig.value;
      isInt &&= w.vt === 'int';
    }
    return isInt ? int(s) : dbl(s);
  }
  if (orig.dt === 'matrix') {
    const o = orig.denseData();
    const acc = o.slice();
    for (const w of outs) {
      if (w.dt !== 'matrix' || w.rows !== orig.rows || w.cols !== orig.cols)
        fail('DML5011', `parfor accumulator '${name}' changed its type or size in the loop`, span);
      const d = w.denseData();
      for (let k = 0; k < d.length; k++) acc[k]! += d[k]! - o[k]!;
    }
    return MatrixBlock.dense(orig.rows, orig.cols, acc).examSparsity();
  }
  return fail('DML5011', `parfor accumulator '${name}' must be a number or a matrix`, span);
}

/**
 * Merges one result variable. `outs` are the workers' final values in iteration order (workers
 * that never assigned it are left out); `orig` is its value before the parallel part.
 */
export function mergeResult(
  name: string,
  orig: Value | undefined,
  outs: readonly Value[],
  accumulator: boolean,
  span: Span,
): Value | undefined {
  if (outs.length === 0) return orig;
  if (orig === undefined) return outs[outs.length - 1];
  if (accumulator) return mergeAccumulator(name, orig, outs, span);
  if (orig.dt === 'matrix' && outs.every((w) => w.dt === 'matrix'))
    return mergeMatrix(name, orig, outs as readonly MatrixBlock[], span);
  if (orig.dt === 'list' && outs.every((w) => w.dt === 'list'))
    return mergeList(orig, outs as readonly ListValue[]);
  // Assigned whole: the last worker that changed it holds the last iteration's value.
  for (let k = outs.length - 1; k >= 0; k--) if (!sameValue(outs[k]!, orig)) return outs[k];
  return orig;
}
