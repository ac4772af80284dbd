/**
 * Frame cleaning operations of SystemDS's FrameBlock: dropInvalidType, dropInvalidLength (here
 * `invalidByLength`) and removeEmpty on frames. Each returns a new frame with the offending cells
 * (or rows/columns) removed; the input is never changed.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { FrameBlock, type FrameCell } from '../data/values.js';
import { cellToken, parseNumber } from './cells.js';

/** The kind of value a cell's text holds, as SystemDS's FrameUtil.isType classifies it. */
function textKind(s: string): 'BOOLEAN' | 'INT' | 'FP' | 'STRING' {
  const t = s.trim().replace(/"/g, '').toLowerCase();
  if (t === 'true' || t === 'false') return 'BOOLEAN';
  if (/^[+-]?\d+$/.test(t)) return 'INT';
  const v = parseNumber(t);
  return v === undefined || t === 'nan' || t.includes('infinity') ? 'STRING' : 'FP';
}

/**
 * dropInvalidType(F, S): for each column whose type name in S is FP*, INT* or BOOLEAN, cells whose
 * text is not of that kind become missing (booleans count as valid numbers). STRING columns are
 * left alone. As SystemDS, an integer text ("3") does not satisfy an FP column.
 */
export function dropInvalidType(F: FrameBlock, schemaNames: readonly string[], span: Span): FrameBlock {
  if (schemaNames.length !== F.cols)
    fail(
      'DML4001',
      `dropInvalidType: the schema has ${schemaNames.length} types, the frame ${F.cols} columns`,
      span,
    );
  const columns = F.columns.map((col, j) => {
    const name = schemaNames[j]!.toUpperCase();
    const want = name.includes('FP')
      ? 'FP'
      : name.includes('INT')
        ? 'INT'
        : name.includes('STRING')
          ? null
          : name;
    if (want === null) return col;
    const t = F.schema[j]!;
    return col.map((c) => {
      const s = cellToken(c, t);
      if (s === null) return c;
      const k = textKind(s);
      return k.includes(want) || (k === 'BOOLEAN' && (want === 'INT' || want === 'FP')) ? c : null;
    });
  });
  return new FrameBlock(F.schema, F.columnNames, columns);
}

/** dropInvalidLength(F, L): cells longer than L[1, j] characters become missing (-1: no limit). */
export function dropInvalidLength(F: FrameBlock, L: MatrixBlock, span: Span): FrameBlock {
  if (L.cols !== F.cols)
    fail('DML4001', `dropInvalidLength: ${L.cols} lengths for a frame of ${F.cols} columns`, span);
  const columns = F.columns.map((col, j) => {
    const max = L.get(0, j);
    if (max === -1) return col;
    const t = F.schema[j]!;
    return col.map((c) => {
      const s = cellToken(c, t);
      return s !== null && s.length > max ? null : c;
    });
  });
  return new FrameBlock(F.schema, F.columnNames, columns);
}

/** A cell counts as empty when it is missing or its number is 0 (SystemDS: objectToDoubleSafe is 0 or NaN). */
function emptyCell(c: FrameCell): boolean {
  if (c === null || c === false || c === 0) return true;
  if (typeof c === 'number') return Number.isNaN(c);
  if (typeof c === 'string') {
    const v = parseNumber(c);
    return c === '' || v === 0 || (v !== undefined && Number.isNaN(v));
  }
  return false;
}

/**
 * removeEmpty(target=F, margin, select, empty.return) on a frame: drops the rows (columns) whose
 * cells are all empty, or keeps those selected by the non-zeros of `select`. With nothing left and
 * empty.return TRUE the result is one all-missing STRING row (column).
 */
export function removeEmptyFrame(
  F: FrameBlock,
  margin: 'rows' | 'cols',
  select: MatrixBlock | undefined,
  emptyReturn: boolean,
  span: Span,
): FrameBlock {
  const n = margin === 'rows' ? F.rows : F.cols;
  if (select !== undefined && select.rows * select.cols !== n)
    fail(
      'DML4001',
      `removeEmpty: the select vector has ${select.rows * select.cols} cells, the frame ${n} ${margin}`,
      span,
    );
  const keep: number[] = [];
  for (let k = 0; k < n; k++) {
    if (select !== undefined) {
      const v = select.cols === 1 ? select.get(k, 0) : select.get(0, k);
      if (v !== 0) keep.push(k);
      continue;
    }
    let empty = true;
    if (margin === 'rows') {
      for (let j = 0; j < F.cols && empty; j++) empty = emptyCell(F.columns[j]![k] ?? null);
    } else empty = F.columns[k]!.every(emptyCell);
    if (!empty) keep.push(k);
  }
  if (margin === 'rows') {
    if (keep.length === 0 && emptyReturn)
      return new FrameBlock(
        F.columns.map(() => 'string'),
        F.columnNames,
        F.columns.map(() => [null]),
      );
    return new FrameBlock(
      F.schema,
      F.columnNames,
      F.columns.map((c) => keep.map((i) => c[i] ?? null)),
    );
  }
  if (keep.length === 0 && emptyReturn)
    return new FrameBlock(['string'], ['C1'], [new Array<FrameCell>(F.rows).fill(null)]);
  return new FrameBlock(
    keep.map((j) => F.schema[j]!),
    keep.map((j) => F.columnNames[j]!),
    keep.map((j) => F.columns[j]!),
  );
}
