import { describe, expect, it } from 'vitest';

describe('Arrow/Parquet loading', () => {
  it('is not imported by the CLI entry point until a script can do file I/O', async () => {
    const { spawnSync } = await import('node:child_process');
    // A fresh process: which modules did `dml -s 'print(1)'` load?
    const probe = `
      import('./dist/cli/main.js').then(async (m) => {
        await m.main(['-s', 'print(1)'], { out: () => {}, err: () => {} });
        const { columnarIo } = await import('./dist/engine/io/columnar.js');
        let loaded = true;
        try { columnarIo(); } catch { loaded = false; }
        console.log(loaded ? 'loaded' : 'not loaded');
      });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('not loaded');
  });
  it('is loaded by the CLI for a script that reads and writes Arrow and Parquet', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'columnar-'));
    const script = `X = matrix("1 2 3 4", rows=2, cols=2)
write(X, "${dir}/x.arrow", format="arrow")
write(X, "${dir}/x.parquet", format="parquet")
print(sum(read("${dir}/x.arrow")) + sum(read("${dir}/x.parquet")))`;
    const r = spawnSync(process.execPath, ['bin/dml.js', '-s', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('20.0');
  });
  it('loads on demand and then serves read/write', async () => {
    const { loadColumnarFormats, columnarIo } = await import('../../../src/engine/io/columnar.js');
    await loadColumnarFormats();
    expect(typeof columnarIo().writeArrowFile).toBe('function');
  });
});
