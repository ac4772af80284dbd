/**
 * Frame slicing (F[rl:ru, cl:cu]) and left indexing (F[rl:ru, cl:cu] = G). Bounds are 0-based
 * inclusive and already checked by the interpreter. A slice keeps the column names and types;
 * left indexing converts the source cells to the target columns' types (a cell that does not fit
 * is an error), as SystemDS's FrameBlock.leftIndexingOperations does.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { FrameBlock, type FrameCell, type Value } from '../data/values.js';
import { convertCell, SCHEMA_NAME } from './cells.js';
import { asFrame } from './convert.js';

export function sliceFrame(F: FrameBlock, rl: number, ru: number, cl: number, cu: number): FrameBlock {
  const columns: FrameCell[][] = [];
  for (let j = cl; j <= cu; j++) columns.push(F.columns[j]!.slice(rl, ru + 1));
  return new FrameBlock(F.schema.slice(cl, cu + 1), F.columnNames.slice(cl, cu + 1), columns);
}

export function leftIndexFrame(
  F: FrameBlock,
  source: Value,
  rl: number,
  ru: number,
  cl: number,
  cu: number,
  span: Span,
): FrameBlock {
  const nr = ru - rl + 1;
  const nc = cu - cl + 1;
  const src = asFrame(source, span);
  const fill = src.rows === 1 && src.cols === 1 && (nr !== 1 || nc !== 1);
  if (!fill && (src.rows !== nr || src.cols !== nc))
    fail(
      'DML4001',
      `left indexing: the range [${rl + 1}:${ru + 1}, ${cl + 1}:${cu + 1}] is ${nr}x${nc}, the value is ${src.rows}x${src.cols}`,
      span,
    );
  const columns = F.columns.map((c) => [...c]);
  for (let j = cl; j <= cu; j++) {
    const t = F.schema[j]!;
    for (let i = rl; i <= ru; i++) {
      const c = fill ? src.get(0, 0) : src.get(i - rl, j - cl);
      const v = convertCell(c, t);
      if (v === undefined)
        fail(
          'DML3001',
          `left indexing: "${String(c)}" does not fit column '${F.columnNames[j]}' of type ${SCHEMA_NAME[t]}`,
          span,
        );
      columns[j]![i] = v;
    }
  }
  return new FrameBlock(F.schema, F.columnNames, columns);
}
