/**
 * Per-column transform encoders, following SystemDS's ColumnEncoder* semantics:
 * - recode: distinct tokens get codes 1..n in order of first appearance; missing (null, empty)
 *   and unseen tokens give NaN.
 * - bin equi-width: numbins bins of equal width over [min, max]; code ceil((v-min)/(max-min)*n)
 *   clamped to [1, n]; min == max gives a single bin. equi-height: bin maxima are the values at
 *   the quantile positions of the sorted column (last = max); code = first bin whose max >= v.
 * - hash: |String.hashCode(token)| % K + 1.
 * - dummycode: code k becomes a one-hot group of D columns (D = #recode tokens, #bins or K);
 *   a NaN code gives an all-zero group.
 * - impute: global_mean (mean of the non-missing values), global_mode (most frequent token),
 *   constant; applied to the missing cells before the column is encoded.
 */
import type { Span } from '../../common/span.js';
import { fail } from '../../common/diagnostics.js';
import { javaDoubleToString } from '../../common/format-number.js';
import type { FrameBlock } from '../data/values.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { cellNumber, cellToken, isMissing, javaStringHash } from './cells.js';
import type { BinMethod, ImputeMethod } from './spec.js';

export interface BinModel {
  readonly method: BinMethod;
  readonly mins: readonly number[];
  readonly maxs: readonly number[];
}

/** What was learned (or read from metadata) for one input column. */
export interface ColumnModel {
  recode?: Map<string, number>;
  bin?: BinModel;
  hashK?: number;
  dummy?: boolean;
  impute?: { method: ImputeMethod; replacement: string | null };
}

export interface EncoderModel {
  readonly columns: readonly ColumnModel[];
  readonly omit: ReadonlySet<number>;
}

// ------------------------------------------------------------------ build

export function buildRecode(F: FrameBlock, j: number): Map<string, number> {
  const map = new Map<string, number>();
  const t = F.schema[j]!;
  for (const c of F.columns[j]!) {
    const k = cellToken(c, t);
    if (k !== null && !map.has(k)) map.set(k, map.size + 1);
  }
  return map;
}

function numericValues(F: FrameBlock, j: number, span: Span): number[] {
  const out: number[] = [];
  for (const c of F.columns[j]!) {
    const v = cellNumber(c, F.columnNames[j]!, span);
    if (!Number.isNaN(v)) out.push(v);
  }
  return out;
}

export function buildBin(F: FrameBlock, j: number, method: BinMethod, numbins: number, span: Span): BinModel {
  const vals = numericValues(F, j, span);
  if (vals.length === 0)
    fail(
      'DML5020',
      `transformencode: cannot bin column '${F.columnNames[j]}': it has no numeric values`,
      span,
    );
  if (method === 'equi-width') {
    let min = Infinity;
    let max = -Infinity;
    for (const v of vals) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const n = min === max ? 1 : numbins;
    const mins: number[] = [];
    const maxs: number[] = [];
    for (let i = 0; i < n; i++) {
      mins.push(min + (i * (max - min)) / n);
      maxs.push(min + ((i + 1) * (max - min)) / n);
    }
    return { method, mins, maxs };
  }
  const sorted = Float64Array.from(vals).sort();
  const n = sorted.length;
  const maxs: number[] = [];
  for (let i = 0; i < numbins; i++) {
    const pos = (n * (i + 1)) / numbins;
    maxs.push(Number.isInteger(pos) ? sorted[pos - 1]! : sorted[Math.floor(pos)]!);
  }
  maxs[numbins - 1] = sorted[n - 1]!;
  const mins = [sorted[0]!, ...maxs.slice(0, numbins - 1)];
  return { method, mins, maxs };
}

export function buildImpute(
  F: FrameBlock,
  j: number,
  method: ImputeMethod,
  value: string | undefined,
  span: Span,
): { method: ImputeMethod; replacement: string | null } {
  if (method === 'constant') return { method, replacement: value ?? null };
  const t = F.schema[j]!;
  if (method === 'global_mean') {
    // Kahan-compensated mean of the non-missing values, as SystemDS's Mean function object.
    let sum = 0;
    let corr = 0;
    let n = 0;
    for (const c of F.columns[j]!) {
      if (isMissing(c)) continue;
      const v = cellNumber(c, F.columnNames[j]!, span);
      const y = v - corr;
      const s = sum + y;
      corr = s - sum - y;
      sum = s;
      n++;
    }
    return { method, replacement: n === 0 ? null : javaDoubleToString(sum / n) };
  }
  const hist = new Map<string, number>();
  for (const c of F.columns[j]!) {
    const k = cellToken(c, t);
    if (k !== null) hist.set(k, (hist.get(k) ?? 0) + 1);
  }
  // Ties go to the token seen first (SystemDS's HashMap order is unspecified; this is stable).
  let best: string | null = null;
  let bestCount = 0;
  for (const [k, cnt] of hist)
    if (cnt > bestCount) {
      best = k;
      bestCount = cnt;
    }
  return { method, replacement: best };
}

// ------------------------------------------------------------------ apply

export function binCode(b: BinModel, v: number): number {
  if (Number.isNaN(v)) return NaN;
  const n = b.maxs.length;
  if (n === 0) return 1;
  if (b.method === 'equi-width') {
    const min = b.mins[0]!;
    const max = b.maxs[n - 1]!;
    if (max === min) return 1;
    const code = Math.ceil(((v - min) / (max - min)) * n);
    return code > n ? n : code < 1 ? 1 : code;
  }
  for (let i = 0; i < n - 1; i++) if (v <= b.maxs[i]!) return i + 1;
  return n;
}

export function hashCode(token: string, K: number): number {
  return (Math.abs(javaStringHash(token)) % K) + 1;
}

/** Number of output columns of an input column. */
export function outputWidth(m: ColumnModel): number {
  if (!m.dummy) return 1;
  if (m.recode) return m.recode.size;
  if (m.bin) return m.bin.maxs.length;
  if (m.hashK !== undefined) return m.hashK;
  return 1;
}

/** The code of one cell (before dummycoding). */
function cellCode(F: FrameBlock, j: number, m: ColumnModel, i: number, span: Span): number {
  let c = F.columns[j]![i] ?? null;
  if (m.impute && isMissing(c)) c = m.impute.replacement;
  const t = m.impute && c === m.impute.replacement ? 'string' : F.schema[j]!;
  if (m.recode) {
    const k = cellToken(c, t);
    return k === null ? NaN : (m.recode.get(k) ?? NaN);
  }
  if (m.bin) return binCode(m.bin, cellNumber(c, F.columnNames[j]!, span));
  if (m.hashK !== undefined) {
    const k = cellToken(c, t);
    return k === null ? NaN : hashCode(k, m.hashK);
  }
  return cellNumber(c, F.columnNames[j]!, span);
}

/** Rows kept by omit: those without a missing value in any omit column. */
function keptRows(F: FrameBlock, omit: ReadonlySet<number>): number[] {
  const rows: number[] = [];
  outer: for (let i = 0; i < F.rows; i++) {
    for (const j of omit) if (isMissing(F.columns[j]![i] ?? null)) continue outer;
    rows.push(i);
  }
  return rows;
}

/**
 * Encodes F with a built (or metadata-initialised) model. Each output row has at most one
 * non-zero per input column, so the result is assembled as CSR (a dummycoded frame with many
 * levels never materialises its dense form) and then stored in whichever format fits.
 */
export function applyModel(F: FrameBlock, model: EncoderModel, span: Span): MatrixBlock {
  const rows = keptRows(F, model.omit);
  const widths = model.columns.map(outputWidth);
  const offsets: number[] = [];
  let cols = 0;
  for (const w of widths) {
    offsets.push(cols);
    cols += w;
  }
  const ncIn = model.columns.length;
  const rowPtr = new Int32Array(rows.length + 1);
  let colIdx = new Int32Array(Math.max(16, rows.length * Math.min(ncIn, cols)));
  let values = new Float64Array(colIdx.length);
  let nnz = 0;
  for (let r = 0; r < rows.length; r++) {
    for (let j = 0; j < ncIn; j++) {
      const m = model.columns[j]!;
      const code = cellCode(F, j, m, rows[r]!, span);
      let c: number;
      let v: number;
      if (m.dummy) {
        if (Number.isNaN(code) || code < 1 || code > widths[j]!) continue;
        c = offsets[j]! + code - 1;
        v = 1;
      } else {
        if (code === 0) continue;
        c = offsets[j]!;
        v = code;
      }
      if (nnz === colIdx.length) {
        const ci = new Int32Array(nnz * 2);
        ci.set(colIdx);
        colIdx = ci;
        const vs = new Float64Array(nnz * 2);
        vs.set(values);
        values = vs;
      }
      colIdx[nnz] = c;
      values[nnz++] = v;
    }
    rowPtr[r + 1] = nnz;
  }
  return MatrixBlock.sparse(rows.length, cols, {
    rowPtr,
    colIdx: colIdx.slice(0, nnz),
    values: values.slice(0, nnz),
  }).examSparsity();
}
