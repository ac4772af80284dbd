/**
 * transformencode / transformapply / transformdecode / transformcolmap over frames.
 * Decoding follows SystemDS's decoders: recoded columns back to their tokens (STRING), dummycoded
 * groups to the code of their first non-zero cell (all-zero gives a missing cell), binned columns to the
 * centre of the bin (FP64), other columns pass through as FP64.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { javaDoubleToString as javaDouble } from '../../common/format-number.js';
import { MatrixBlock } from '../data/matrix-block.js';
import { FrameBlock, type FrameCell, type FrameColumnType } from '../data/values.js';
import {
  applyModel,
  buildBin,
  buildImpute,
  buildRecode,
  outputWidth,
  type ColumnModel,
  type EncoderModel,
} from './encoders.js';
import { metaToModel, modelToMeta } from './meta.js';
import { parseLenientJson, parseTransformSpec, type TransformSpec } from './spec.js';

function buildModel(F: FrameBlock, spec: TransformSpec, span: Span): EncoderModel {
  const columns: ColumnModel[] = [];
  for (let j = 0; j < F.cols; j++) {
    const m: ColumnModel = {};
    const im = spec.impute.get(j);
    // Impute first, so that a recoded column's mode (or constant) gets a code of its own.
    if (im) m.impute = buildImpute(F, j, im.method, im.value, span);
    const src = m.impute ? imputed(F, j, m.impute.replacement) : F;
    if (spec.recode.has(j)) m.recode = buildRecode(src, j);
    const b = spec.bin.get(j);
    if (b) m.bin = buildBin(src, j, b.method, b.numbins, span);
    if (spec.hash.has(j)) m.hashK = spec.hashK;
    if (spec.dummycode.has(j)) m.dummy = true;
    columns.push(m);
  }
  return { columns, omit: spec.omit };
}

/** F with the missing cells of column j replaced (as a string column). */
function imputed(F: FrameBlock, j: number, replacement: string | null): FrameBlock {
  const t = F.schema[j]!;
  const col = F.columns[j]!.map((c) =>
    c === null || c === '' || (typeof c === 'number' && Number.isNaN(c)) ? replacement : c,
  );
  const schema = [...F.schema];
  const columns = [...F.columns];
  columns[j] = col;
  schema[j] = t === 'string' || replacement === null ? t : 'string';
  if (schema[j] === 'string')
    columns[j] = col.map((c) => (c === null ? null : typeof c === 'string' ? c : tokenOf(c, t)));
  return new FrameBlock(schema, F.columnNames, columns);
}

function tokenOf(c: number | boolean, t: FrameColumnType): string {
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  return t === 'int' ? String(c) : javaDouble(c);
}

export function transformEncode(F: FrameBlock, specText: string, span: Span): [MatrixBlock, FrameBlock] {
  const spec = parseTransformSpec(specText, F.columnNames, span);
  const model = buildModel(F, spec, span);
  return [applyModel(F, model, span), modelToMeta(model, F.columnNames)];
}

export function transformApply(F: FrameBlock, specText: string, meta: FrameBlock, span: Span): MatrixBlock {
  const spec = parseTransformSpec(specText, F.columnNames, span);
  const model = metaToModel(spec, meta, F.columnNames, span);
  return applyModel(F, model, span);
}

/**
 * transformcolmap(target=M, spec): as SystemDS, the target is the metadata frame of an earlier
 * transformencode; one row [j, first, last] per column with its 1-based range in the encoded
 * matrix (dummycode widths from the metadata entries, or K for hashed columns).
 */
export function transformColmap(meta: FrameBlock, specText: string, span: Span): MatrixBlock {
  const spec = parseTransformSpec(specText, meta.columnNames, span);
  const d = new Float64Array(meta.cols * 3);
  let off = 0;
  for (let j = 0; j < meta.cols; j++) {
    let w = 1;
    if (spec.dummycode.has(j)) {
      if (spec.hash.has(j)) w = spec.hashK;
      else {
        w = 0;
        for (const c of meta.columns[j]!) if (c !== null && c !== '') w++;
      }
    }
    d[j * 3] = j + 1;
    d[j * 3 + 1] = off + 1;
    d[j * 3 + 2] = off + w;
    off += w;
  }
  return MatrixBlock.dense(meta.cols, 3, d);
}

export function transformDecode(X: MatrixBlock, specText: string, meta: FrameBlock, span: Span): FrameBlock {
  const names = meta.columnNames;
  const spec = parseTransformSpec(specText, names, span);
  const model = metaToModel(spec, meta, names, span);
  const widths = model.columns.map(outputWidth);
  const total = widths.reduce((a, b) => a + b, 0);
  if (X.cols !== total)
    fail(
      'DML5021',
      `transformdecode: the matrix has ${X.cols} columns, the spec and metadata give ${total}`,
      span,
    );
  const schema: FrameColumnType[] = [];
  const columns: FrameCell[][] = [];
  let off = 0;
  model.columns.forEach((m, j) => {
    const w = widths[j]!;
    const inverse = m.recode ? new Map([...m.recode].map(([tok, code]) => [code, tok])) : undefined;
    const col: FrameCell[] = new Array<FrameCell>(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let code: number;
      if (m.dummy) {
        code = NaN;
        for (let k = 0; k < w; k++)
          if (X.get(i, off + k) !== 0) {
            code = k + 1;
            break;
          }
      } else code = X.get(i, off);
      if (inverse) col[i] = Number.isNaN(code) ? null : (inverse.get(Math.round(code)) ?? null);
      else if (m.bin) col[i] = binCentre(m.bin.mins, m.bin.maxs, code);
      else col[i] = code;
    }
    schema.push(inverse ? 'string' : 'double');
    columns.push(col);
    off += w;
  });
  return new FrameBlock(schema, names, columns);
}

function binCentre(mins: readonly number[], maxs: readonly number[], code: number): number {
  if (Number.isNaN(code)) return NaN;
  const k = Math.min(Math.max(Math.round(code), 1), mins.length) - 1;
  return mins[k]! + (maxs[k]! - mins[k]!) / 2;
}

/**
 * getCategoricalMask(M, spec): a 1 x (encoded columns) row with 1 for the columns that come from
 * recode, hash or dummycode, 0 for pass-through columns. As SystemDS, the spec must use ids and
 * must not bin (a binned column's width is not modelled); dummycode widths come from the metadata
 * (number of recode entries) or K for hashed columns.
 */
export function categoricalMask(meta: FrameBlock, specText: string, span: Span): MatrixBlock {
  const json = parseLenientJson(specText, span);
  const o = json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
  if (o.ids !== true && o.ids !== 'true')
    fail('DML5020', 'getCategoricalMask: non ID based spec (use "ids": true)', span);
  if (o.bin !== undefined) fail('DML5020', "getCategoricalMask: unsupported transform method 'bin'", span);
  const spec = parseTransformSpec(specText, meta.columnNames, span);
  const mask: number[] = [];
  for (let j = 0; j < meta.cols; j++) {
    const categorical = spec.recode.has(j) || spec.hash.has(j) || spec.dummycode.has(j);
    let w = 1;
    if (spec.dummycode.has(j)) {
      if (spec.hash.has(j)) w = spec.hashK;
      else {
        w = 0;
        for (const c of meta.columns[j]!) if (c !== null && c !== '' && String(c).includes('\u00b7')) w++;
      }
    }
    for (let k = 0; k < w; k++) mask.push(categorical ? 1 : 0);
  }
  return MatrixBlock.dense(1, mask.length, Float64Array.from(mask));
}
