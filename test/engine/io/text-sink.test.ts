/** Text writers stream in bounded chunks (a CSV over ~512 MB used to fail: "Invalid string length"). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import { emitCsvMatrix, writeCsvMatrix } from '../../../src/engine/io/csv.js';
import { emitTextCell, writeTextCell } from '../../../src/engine/io/text-ijv.js';
import { TextSink } from '../../../src/engine/io/text-sink.js';
import { writeValue } from '../../../src/engine/io/write.js';
import { hostFiles, tempDir } from './helpers.js';

function bigMatrix(): MatrixBlock {
  const rows = 3000;
  const cols = 300;
  const d = new Float64Array(rows * cols);
  for (let k = 0; k < d.length; k++) d[k] = Math.sin(k) * 1e3;
  return MatrixBlock.dense(rows, cols, d);
}

describe('streaming text writers', () => {
  it.each([
    [
      'csv',
      (m: MatrixBlock, s: TextSink) => emitCsvMatrix(m, { header: true, sep: ',', sparse: false }, s),
      (m: MatrixBlock) => writeCsvMatrix(m, { header: true, sep: ',', sparse: false }),
    ],
    ['text', (m: MatrixBlock, s: TextSink) => emitTextCell(m, s), (m: MatrixBlock) => writeTextCell(m)],
  ])('%s: emits chunks of about 1 MB whose concatenation is the whole text', (_f, emit, whole) => {
    const m = bigMatrix();
    const chunks: string[] = [];
    const sink = new TextSink((c) => chunks.push(c));
    emit(m, sink);
    sink.flush();
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.length).toBeLessThan((1 << 20) + 20_000);
    expect(chunks.join('')).toBe(whole(m));
  });

  it('write() streams the file: the file holds exactly the text', () => {
    const m = bigMatrix();
    const p = join(tempDir(), 'big.csv');
    writeValue(
      m,
      { path: p, files: hostFiles, format: 'csv', header: false, sep: ',', sparse: false },
      NO_SPAN,
    );
    expect(readFileSync(p, 'utf8')).toBe(writeCsvMatrix(m, { header: false, sep: ',', sparse: false }));
    expect(JSON.parse(readFileSync(`${p}.mtd`, 'utf8'))).toMatchObject({ rows: 3000, cols: 300 });
  });
});
