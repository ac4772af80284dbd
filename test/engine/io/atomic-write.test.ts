import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { NO_SPAN } from '../../../src/common/span.js';
import { atomicWriteFile } from '../../../src/engine/io/atomic-write.js';
import { tempDir } from './helpers.js';

describe('atomic writes', () => {
  it('creates missing directories and replaces files and part-file directories', () => {
    const d = tempDir();
    const p = join(d, 'a', 'b', 'x.csv');
    atomicWriteFile(p, 'one', NO_SPAN);
    atomicWriteFile(p, 'two', NO_SPAN);
    expect(readFileSync(p, 'utf8')).toBe('two');
    const partsDir = join(d, 'parts');
    mkdirSync(partsDir);
    writeFileSync(join(partsDir, '0-m-00000'), 'old');
    writeFileSync(`${partsDir}.mtd`, '{}'); // a part-file output (SystemDS writes its .mtd beside it)
    atomicWriteFile(partsDir, 'new', NO_SPAN);
    expect(readFileSync(partsDir, 'utf8')).toBe('new');
    expect(readdirSync(join(d, 'a', 'b'))).toEqual(['x.csv']);
    expect(readdirSync(d).sort()).toEqual(['a', 'parts', 'parts.mtd']);
  });
  it('a failed write throws DML6004 and leaves no temporary file behind', () => {
    const d = tempDir();
    writeFileSync(join(d, 'blocker'), 'a file, not a directory');
    let code = '';
    try {
      atomicWriteFile(join(d, 'blocker', 'sub', 'x.text'), 'data', NO_SPAN);
    } catch (e) {
      code = e instanceof DmlError ? e.diagnostics[0]!.code : 'other';
    }
    expect(code).toBe('DML6004');
    expect(readdirSync(d)).toEqual(['blocker']);
  });
});
