/** Run-time statistics for -stats: time and count per opcode, function calls, loop iterations. */
import type { EngineRunStats } from '../resources.js';
import type { DeviceRunStats } from '../backends/devices.js';

export interface OpStat {
  count: number;
  ms: number;
}

export class RunStats {
  readonly ops = new Map<string, OpStat>();
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

  /** The k operators that took longest, heaviest first. */
  top(k: number): [string, OpStat][] {
    return [...this.ops.entries()].sort((a, b) => b[1].ms - a[1].ms || a[0].localeCompare(b[0])).slice(0, k);
  }
}
