/**
 * The metadata frame of transformencode, in SystemDS's layout: one column per input column (same
 * names), all STRING, as many rows as the longest column entry:
 * - recode: one "token·code" cell per distinct token (· is U+00B7, SystemDS's Lop.DATATYPE_PREFIX);
 * - bin: one "min·max" cell per bin (doubles in Java's toString form);
 * - hash: K in the first row;
 * - other columns: empty (null) cells.
 * SystemDS keeps impute replacements in per-column metadata beside the cells (ColumnMetadata's
 * mvValue); here that side information lives in a WeakMap keyed by the meta frame, so it is
 * available to transformapply within a run but not after the frame is written to a file.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { FrameBlock, type FrameCell } from '../data/values.js';
import type { ColumnModel, EncoderModel } from './encoders.js';
import type { ImputeMethod, TransformSpec } from './spec.js';

export const META_SEP = '\u00b7';

interface ImputeMeta {
  readonly method: ImputeMethod;
  readonly replacement: string | null;
}
const IMPUTE_META = new WeakMap<FrameBlock, ReadonlyMap<number, ImputeMeta>>();

export function modelToMeta(model: EncoderModel, names: readonly string[]): FrameBlock {
  const cols: string[][] = model.columns.map((m) => {
    if (m.recode) return [...m.recode].map(([tok, code]) => `${tok}${META_SEP}${code}`);
    if (m.bin)
      return m.bin.mins.map(
        (lo, i) => `${javaDoubleToString(lo)}${META_SEP}${javaDoubleToString(m.bin!.maxs[i]!)}`,
      );
    if (m.hashK !== undefined) return [String(m.hashK)];
    return [];
  });
  const rows = cols.reduce((a, c) => Math.max(a, c.length), 0);
  const columns: FrameCell[][] = cols.map((c) => Array.from({ length: rows }, (_, i) => c[i] ?? null));
  const meta = new FrameBlock(
    columns.map(() => 'string'),
    [...names],
    columns,
  );
  const impute = new Map<number, ImputeMeta>();
  model.columns.forEach((m, j) => {
    if (m.impute) impute.set(j, m.impute);
  });
  if (impute.size > 0) IMPUTE_META.set(meta, impute);
  return meta;
}

/** Splits a "token·code" or "min·max" entry at the last separator (tokens may contain it). */
function splitEntry(s: string, what: string, span: Span): [string, string] {
  const p = s.lastIndexOf(META_SEP);
  if (p < 0) fail('DML5021', `transform metadata: ${what} entry '${s}' has no '${META_SEP}' separator`, span);
  return [s.slice(0, p), s.slice(p + 1)];
}

function columnEntries(meta: FrameBlock, j: number): string[] {
  const out: string[] = [];
  for (const c of meta.columns[j]!) if (c !== null && c !== '') out.push(String(c));
  return out;
}

/**
 * Rebuilds the encoder model of `spec` from a metadata frame (transformapply/decode). Meta columns
 * are matched by name when the target's names are all found in the meta frame, else by position.
 */
export function metaToModel(
  spec: TransformSpec,
  meta: FrameBlock,
  targetNames: readonly string[],
  span: Span,
): EncoderModel {
  const byName = targetNames.every((n) => meta.columnNames.includes(n));
  if (!byName && meta.cols < targetNames.length)
    fail('DML5021', `transform metadata has ${meta.cols} columns, the data has ${targetNames.length}`, span);
  const metaCol = (j: number): number => (byName ? meta.columnNames.indexOf(targetNames[j]!) : j);
  const impute = IMPUTE_META.get(meta);
  const columns: ColumnModel[] = targetNames.map((name, j) => {
    const mj = metaCol(j);
    const m: ColumnModel = {};
    if (spec.recode.has(j)) {
      m.recode = new Map();
      for (const e of columnEntries(meta, mj)) {
        const [tok, code] = splitEntry(e, 'recode', span);
        const c = Number(code);
        if (!Number.isFinite(c))
          fail('DML5021', `transform metadata: recode entry '${e}' has no numeric code`, span);
        m.recode.set(tok, c);
      }
    }
    const b = spec.bin.get(j);
    if (b) {
      const mins: number[] = [];
      const maxs: number[] = [];
      for (const e of columnEntries(meta, mj)) {
        const [lo, hi] = splitEntry(e, 'bin', span);
        mins.push(Number(lo));
        maxs.push(Number(hi));
      }
      if (mins.length === 0)
        fail('DML5021', `transform metadata: no bin boundaries for column '${name}'`, span);
      m.bin = { method: b.method, mins, maxs };
    }
    if (spec.hash.has(j)) {
      const e = columnEntries(meta, mj)[0];
      const k = e === undefined ? spec.hashK : Number(e);
      if (!Number.isInteger(k) || k < 1)
        fail('DML5021', `transform metadata: bad hash K '${e}' for column '${name}'`, span);
      m.hashK = k;
    }
    if (spec.dummycode.has(j)) m.dummy = true;
    const im = spec.impute.get(j);
    if (im) {
      const stored = impute?.get(mj);
      if (stored) m.impute = stored;
      else if (im.method === 'constant') m.impute = { method: im.method, replacement: im.value ?? null };
      else
        fail(
          'DML5021',
          `transform metadata: the ${im.method} replacement of column '${name}' is not in this metadata frame (it is kept only for frames from transformencode in the same run)`,
          span,
        );
    }
    return m;
  });
  return { columns, omit: spec.omit };
}
