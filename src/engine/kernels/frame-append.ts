/**
 * cbind / rbind of frames. cbind concatenates columns (rows must agree; column names are kept,
 * as SystemDS keeps them). rbind stacks rows: column counts must agree, and a column whose types
 * differ becomes a string column, so that no cell is silently converted to a wrong number.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { FrameBlock, type FrameCell, type FrameColumnType } from '../data/values.js';

export function cbindFrames(frames: readonly FrameBlock[], span?: Span): FrameBlock {
  const rows = frames[0]!.rows;
  frames.forEach((f, k) => {
    if (f.rows !== rows)
      fail(
        'DML4001',
        `cbind(): argument ${k + 1} has ${f.rows} rows, but argument 1 has ${rows} (all arguments must have the same number of rows)`,
        span,
      );
  });
  return new FrameBlock(
    frames.flatMap((f) => f.schema),
    frames.flatMap((f) => f.columnNames),
    frames.flatMap((f) => f.columns),
  );
}

export function rbindFrames(frames: readonly FrameBlock[], span?: Span): FrameBlock {
  const first = frames[0]!;
  const cols = first.cols;
  frames.forEach((f, k) => {
    if (f.cols !== cols)
      fail(
        'DML4001',
        `rbind(): argument ${k + 1} has ${f.cols} columns, but argument 1 has ${cols} (all arguments must have the same number of columns)`,
        span,
      );
  });
  const schema: FrameColumnType[] = first.schema.map((t, j) =>
    frames.every((f) => f.schema[j] === t) ? t : 'string',
  );
  const columns = schema.map((t, j) => {
    const out: FrameCell[] = [];
    for (const f of frames) {
      for (const c of f.columns[j]!)
        out.push(t === 'string' && c !== null && typeof c !== 'string' ? cellString(c) : c);
    }
    return out;
  });
  return new FrameBlock(schema, first.columnNames, columns);
}

function cellString(c: number | boolean): string {
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  return String(c);
}
