/** Formats -stats output in the spirit of SystemDS's statistics block. */
import type { RunStats } from '../engine/interpreter/stats.js';

export function formatStats(stats: RunStats, k: number, totalMs: number): string {
  const lines: string[] = [];
  lines.push('Tessera Statistics:');
  lines.push(`Total elapsed time:\t\t${(totalMs / 1000).toFixed(3)} sec.`);
  lines.push(`Total compilation time:\t\t${(stats.compileMs / 1000).toFixed(3)} sec.`);
  lines.push(`Total execution time:\t\t${((totalMs - stats.compileMs) / 1000).toFixed(3)} sec.`);
  lines.push(`Number of executed instructions:\t${stats.instructions}.`);
  lines.push(`HOP DAGs recompiled:\t\t${stats.recompilations} (${(stats.recompileMs / 1000).toFixed(3)} sec).`);
  lines.push(`Heavy hitter instructions:`);
  lines.push('  #  Instruction                  Time(s)   Count');
  stats.top(k).forEach(([op, s], i) => {
    lines.push(
      `${String(i + 1).padStart(3)}  ${op.padEnd(26)} ${(s.ms / 1000).toFixed(3).padStart(8)} ${String(s.count).padStart(7)}`,
    );
  });
  return lines.join('\n');
}
