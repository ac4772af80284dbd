/** Formats -stats output in the spirit of SystemDS's statistics block. */
import type { EngineRunStats } from '../engine/resources.js';
import type { PlacedStat, RunStats } from '../engine/interpreter/stats.js';
import type { DeviceRunStats } from '../engine/backends/devices.js';
import { compiledCallCount, compiledDescription } from '../engine/kernels/compiled/library.js';
import { nativeCallCount, nativeDescription } from '../engine/kernels/native/state.js';
import type { CompiledScript, RateSource } from '../api/pipeline.js';

/**
 * `rewritesFired` (CompiledProgram.rewritesFired, one entry per firing) adds a line
 * `rewrites: name xN, ...` with the count of each rule that fired, by name; `script` adds the
 * machine the plan was priced for (`Planner machine: ...`).
 */
export function formatStats(
  stats: RunStats,
  k: number,
  totalMs: number,
  rewritesFired?: readonly string[],
  script?: Pick<CompiledScript, 'machine' | 'env'>,
): string {
  const lines: string[] = [];
  lines.push('Tessera Statistics:');
  lines.push(`Total elapsed time:\t\t${(totalMs / 1000).toFixed(3)} sec.`);
  lines.push(`Total compilation time:\t\t${(stats.compileMs / 1000).toFixed(3)} sec.`);
  lines.push(`Total execution time:\t\t${((totalMs - stats.compileMs) / 1000).toFixed(3)} sec.`);
  lines.push(`Number of executed instructions:\t${stats.instructions}.`);
  // Calls made by this run (its engine resources count them), not since the process started.
  const native = stats.engine?.nativeCalls ?? nativeCallCount();
  const compiled = stats.engine?.compiledCalls ?? compiledCallCount();
  lines.push(`Dense linear algebra:\t\t${nativeDescription(false)}, ${native} native calls.`);
  lines.push(`Compiled kernels:\t\t${compiledDescription(false)}, ${compiled} calls.`);
  lines.push(
    `HOP DAGs recompiled:\t\t${stats.recompilations} (${(stats.recompileMs / 1000).toFixed(3)} sec).`,
  );
  if (stats.engine !== undefined) lines.push(...engineLines(stats.engine));
  if (stats.devices !== undefined) lines.push(...deviceLines(stats.devices));
  if (stats.placed.size > 0) lines.push(...placedLines(stats.placed));
  if (rewritesFired !== undefined) lines.push(rewritesLine(rewritesFired));
  if (script !== undefined) lines.push(plannerLine(script));
  lines.push(`Heavy hitter instructions:`);
  lines.push('  #  Instruction                  Time(s)   Count');
  stats.top(k).forEach(([op, s], i) => {
    lines.push(
      `${String(i + 1).padStart(3)}  ${op.padEnd(26)} ${(s.ms / 1000).toFixed(3).padStart(8)} ${String(s.count).padStart(7)}`,
    );
  });
  return lines.join('\n');
}

/** `rewrites: a x2, b x1` (rule names sorted), or `rewrites: none`. */
export function rewritesLine(fired: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const n of fired) counts.set(n, (counts.get(n) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([n, c]) => `${n} x${c}`);
  return `rewrites: ${parts.length > 0 ? parts.join(', ') : 'none'}`;
}

const MB = 1024 * 1024;

const RATE_FROM: Record<RateSource, string> = {
  config: 'configured',
  calibration: 'calibrated',
  default: 'default',
};

/** `Planner machine: 3.5 GFLOP/s (default), 10.0 GB/s (default), 2 threads, 1.0 GB memory.` */
export function plannerLine({ machine: m, env }: Pick<CompiledScript, 'machine' | 'env'>): string {
  const from = env.rateSources;
  return (
    `Planner machine:\t\t${m.gflops} GFLOP/s (${RATE_FROM[from.gflops]}), ` +
    `${m.bandwidthGBs} GB/s (${RATE_FROM[from.bandwidthGBs]}), ${m.threads} threads, ` +
    `${(m.memoryBytes / 1024 ** 3).toFixed(1)} GB memory.`
  );
}

/** Buffer pool (evictions, restores, bytes) and worker-thread lines. */
export function engineLines(e: EngineRunStats): string[] {
  const b = e.bufferPool;
  const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;
  return [
    // Spills and restores are moves of located values, named as the Transfers line names a
    // backend's (an eviction of a block spilled before writes nothing, so bytes may be less).
    `Buffer pool (budget ${mb(b.budgetBytes)}):\tLOCAL->DISK ${b.evictions} (${mb(b.bytesWritten)} written), ` +
      `DISK->LOCAL ${b.restores} (${mb(b.bytesRead)} read), peak live ${mb(b.peakLiveBytes)}.`,
    `Result buffers reused:		${b.reused} (${mb(b.reusedBytes)}).`,
    `Worker threads:\t\t\t${e.threads} (${e.parallelOps} parallel ops, ${e.parallelJobs} worker jobs).`,
  ];
}

/** Backends other than LOCAL: what ran there, what fell back to LOCAL, every move (none: no line). */
export function deviceLines(d: DeviceRunStats): string[] {
  if (d.ran.size === 0 && d.declined.size === 0 && d.transfers.size === 0) return [...d.backendLines];
  const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;
  const sorted = <T>(m: ReadonlyMap<string, T>): [string, T][] =>
    [...m].sort((a, b) => a[0].localeCompare(b[0]));
  const lines = [
    `Backend instructions:\t\t${
      sorted(d.ran)
        .map(([k, n]) => `${k} x${n}`)
        .join(', ') || 'none'
    }.`,
    `Transfers:\t\t\t${
      sorted(d.transfers)
        .map(([k, t]) => `${k} ${t.count} (${mb(t.bytes)})`)
        .join(', ') || 'none'
    }; ${d.evictions} device evictions.`,
  ];
  if (d.declined.size > 0)
    lines.push(
      `Ran LOCAL instead:\t\t${sorted(d.declined)
        .map(([k, n]) => `${k} x${n}`)
        .join(', ')}.`,
    );
  lines.push(...d.backendLines);
  return lines;
}

/** The cost model against the clock, per backend op (moves into the backend included). */
export function placedLines(placed: ReadonlyMap<string, PlacedStat>): string[] {
  const rows = [...placed].sort((a, b) => b[1].ms - a[1].ms || a[0].localeCompare(b[0]));
  return [
    'Backend instructions, measured / predicted:',
    ...rows.map(
      ([k, s]) =>
        `  ${k.padEnd(28)} x${String(s.count).padEnd(6)} ${(s.ms / 1000).toFixed(4)} s / ${(s.estimatedMs / 1000).toFixed(4)} s (${s.estimatedMs > 0 ? (s.ms / s.estimatedMs).toFixed(2) : '-'}x)`,
    ),
  ];
}
