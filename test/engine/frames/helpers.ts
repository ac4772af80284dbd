/** Small builders for frame tests. */
import { FrameBlock, type FrameCell, type FrameColumnType } from '../../../src/engine/data/values.js';
import type { MatrixBlock } from '../../../src/engine/data/matrix-block.js';

/** A frame from columns; types default to STRING, names to C1..Cn. */
export function frameOf(columns: FrameCell[][], schema?: FrameColumnType[], names?: string[]): FrameBlock {
  return new FrameBlock(
    schema ?? columns.map(() => 'string'),
    names ?? FrameBlock.defaultNames(columns.length),
    columns,
  );
}

/** A matrix as nested row arrays (NaN kept). */
export function rowsOf(X: MatrixBlock): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < X.rows; i++) {
    const r: number[] = [];
    for (let j = 0; j < X.cols; j++) r.push(X.get(i, j));
    out.push(r);
  }
  return out;
}

/** A frame as nested row arrays. */
export function cellsOf(F: FrameBlock): FrameCell[][] {
  const out: FrameCell[][] = [];
  for (let i = 0; i < F.rows; i++) out.push(F.columns.map((c) => c[i] ?? null));
  return out;
}
