/**
 * `dml calibrate`: measures this machine's matrix-multiply rate (GFLOP/s) and memory bandwidth
 * (GB/s) once, through the same engine that runs scripts (so a native BLAS counts when present),
 * and caches them for the cost model. Configured values (`-config`) still win over these.
 */
import os from 'node:os';
import { runScript } from '../api/run.js';
import type { Value } from '../engine/data/values.js';
import {
  calibrationPath,
  writeCalibration,
  type CalibrationRecord,
} from '../optimizer/cost/calibration-cache.js';

function seconds(v: Value | undefined): number {
  if (!v || v.dt !== 'scalar' || typeof v.value !== 'number') throw new Error('calibration: no timing');
  return v.value / 1e9;
}

/** Best of `reps` timings of `op` (a DML statement over A and B), in seconds. */
function bestTime(setup: string, op: string, reps: number): number {
  let lines = setup;
  for (let r = 0; r < reps; r++)
    lines += `\nt0_${r} = time()\nC_${r} = ${op}\nt1_${r} = time()\nd_${r} = t1_${r} - t0_${r}\nprint(sum(C_${r}[1, 1]))`;
  const res = runScript({ text: lines, print: () => undefined, seed: 1 });
  let best = Infinity;
  for (let r = 0; r < reps; r++) best = Math.min(best, seconds(res.variables.get(`d_${r}`)));
  return Math.max(best, 1e-6);
}

export function measureRates(n = 500, cells = 2000): { gflops: number; bandwidthGBs: number } {
  const mm = bestTime(
    `A = rand(rows=${n}, cols=${n}, seed=1)\nB = rand(rows=${n}, cols=${n}, seed=2)`,
    'A %*% B',
    3,
  );
  const gflops = (2 * n ** 3) / mm / 1e9;
  const bw = bestTime(`A = rand(rows=${cells}, cols=${cells}, seed=1)`, 'A + 1', 3);
  // Reads A and writes the result: 16 bytes a cell.
  const bandwidthGBs = (16 * cells * cells) / bw / 1e9;
  return { gflops, bandwidthGBs };
}

export function calibrate(out: (s: string) => void, file = calibrationPath()): CalibrationRecord {
  const rates = measureRates();
  const rec: CalibrationRecord = {
    gflops: Number(rates.gflops.toFixed(2)),
    bandwidthGBs: Number(rates.bandwidthGBs.toFixed(2)),
    measuredAt: new Date().toISOString(),
    host: os.hostname(),
    cpus: os.cpus().length,
  };
  writeCalibration(rec, file);
  out(
    `matrix multiply: ${rec.gflops} GFLOP/s\nmemory bandwidth: ${rec.bandwidthGBs} GB/s\nsaved to ${file}\n`,
  );
  return rec;
}
