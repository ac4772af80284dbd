/**
 * The cache of measured machine rates written by `dml calibrate`:
 * $XDG_CACHE_HOME/tessera/machine.json (default ~/.cache/tessera/machine.json).
 * A missing or unreadable cache means "not calibrated": the cost model uses its defaults.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MeasuredRates } from './machine.js';

export interface CalibrationRecord extends MeasuredRates {
  /** When it was measured (ISO time) and on which machine, to tell stale caches apart. */
  readonly measuredAt: string;
  readonly host: string;
  readonly cpus: number;
}

export function calibrationPath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'tessera', 'machine.json');
}

/** The cached rates, or undefined when there is no valid cache. */
export function readCalibration(file = calibrationPath()): CalibrationRecord | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Partial<CalibrationRecord>;
    if (typeof j.gflops !== 'number' || !(j.gflops > 0)) return undefined;
    if (typeof j.bandwidthGBs !== 'number' || !(j.bandwidthGBs > 0)) return undefined;
    return {
      gflops: j.gflops,
      bandwidthGBs: j.bandwidthGBs,
      measuredAt: String(j.measuredAt ?? ''),
      host: String(j.host ?? ''),
      cpus: Number(j.cpus ?? 0),
    };
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (a temporary file renamed into place). */
export function writeCalibration(rec: CalibrationRecord, file = calibrationPath()): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(rec, null, 2) + '\n');
  renameSync(tmp, file);
}
