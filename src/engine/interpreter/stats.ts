/** Run-time statistics for -stats: time and count per opcode, function calls, loop iterations. */
import type { EngineRunStats } from '../resources.js';
import type { DeviceRunStats } from '../backends/devices.js';

export interface OpStat {
  count: number;
  ms: number;
}

/** Instructions a backend ran: measured time (moves included) against the cost model's estimate. */
export interface PlacedStat {
  count: number;
  ms: number;
  estimatedMs: number;
}

export class RunStats {
  readonly ops = new Map<string, OpStat>();
  /** By "EXEC opcode" (e.g. "DIST tsmm"): only instructions a backend really ran. */
  readonly placed = new Map<string, PlacedStat>();
  functionCalls = 0;
  instructions = 0;
  startMs = performance.now();
  compileMs = 0;
  /** Dynamic recompilations of basic blocks, and their total time. */
  recompilations = 0;
  recompileMs = 0;
  /** Buffer pool and thread figures of the run (set when the run ends). */
  engine?: EngineRunStats;
  /** Instructions run on backends other than LOCAL and the moves between them (set when the run ends). */
  devices?: DeviceRunStats;

  record(opcode: string, ms: number): void {
    this.instructions++;
    let s = this.ops.get(opcode);
    if (!s) this.ops.set(opcode, (s = { count: 0, ms: 0 }));
    s.count++;
    s.ms += ms;
  }

  recordPlaced(key: string, ms: number, estimatedMs: number): void {
    let s = this.placed.get(key);
    if (!s) this.placed.set(key, (s = { count: 0, ms: 0, estimatedMs: 0 }));
    s.count++;
    s.ms += ms;
    s.estimatedMs += estimatedMs;
  }

  /** The k operators that took longest, heaviest first. */
  top(k: number): [string, OpStat][] {
    return [...this.ops.entries()].sort((a, b) => b[1].ms - a[1].ms || a[0].localeCompare(b[0])).slice(0, k);
  }
}
