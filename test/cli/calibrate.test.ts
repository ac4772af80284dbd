/** `dml calibrate` in-process, with the cache redirected to a temporary directory. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { calibrationPath, readCalibration } from '../../src/optimizer/cost/calibration-cache.js';
import { machineFrom } from '../../src/optimizer/cost/machine.js';
import { defaultConfig } from '../../src/common/config.js';

const saved = process.env.XDG_CACHE_HOME;
afterEach(() => {
  if (saved === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved;
});

describe('dml calibrate', () => {
  it('measures matmul and bandwidth rates and caches them; configured values win', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-calibrate-'));
    process.env.XDG_CACHE_HOME = dir;
    let out = '';
    const code = await main(['calibrate'], { out: (s) => (out += s), err: (s) => (out += s) });
    expect(code).toBe(0);
    const file = calibrationPath();
    expect(file).toBe(path.join(dir, 'tessera', 'machine.json'));
    expect(existsSync(file)).toBe(true);
    expect(out).toContain('GFLOP/s');
    const rec = readCalibration(file)!;
    expect(rec.gflops).toBeGreaterThan(0);
    expect(rec.bandwidthGBs).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).host).toBeTypeOf('string');
    const m = machineFrom(defaultConfig(), rec);
    expect(m.gflops).toBe(rec.gflops);
    expect(machineFrom({ ...defaultConfig(), blasGflops: 123 }, rec).gflops).toBe(123);
  });

  it('an absent or corrupt cache means not calibrated', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dml-calibrate-'));
    expect(readCalibration(path.join(dir, 'none.json'))).toBeUndefined();
  });
});
