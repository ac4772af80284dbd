import { describe, expect, it } from 'vitest';
import { formatElapsed, formatProgress, ProgressLine, progressEnabled } from '../../src/cli/progress.js';

describe('progressEnabled', () => {
  it('draws only on a terminal, not with --quiet, a dumb terminal or in CI', () => {
    expect(progressEnabled({ isTTY: true, quiet: false })).toBe(true);
    expect(progressEnabled({ isTTY: false, quiet: false })).toBe(false);
    expect(progressEnabled({ isTTY: true, quiet: true })).toBe(false);
    expect(progressEnabled({ isTTY: true, quiet: false, term: 'dumb' })).toBe(false);
    expect(progressEnabled({ isTTY: true, quiet: false, ci: 'true' })).toBe(false);
    expect(progressEnabled({ isTTY: true, quiet: false, ci: '' })).toBe(true);
  });
});

describe('formatProgress', () => {
  it('shows the statement, the loop iteration and the elapsed time', () => {
    expect(formatElapsed(2345)).toBe('2.3 s');
    expect(formatElapsed(125_000)).toBe('2 min 05 s');
    expect(formatElapsed(3_725_000)).toBe('1 h 02 min');
    expect(formatProgress({ elapsedMs: 2500 })).toBe('[dml] running · 2.5 s');
    expect(formatProgress({ elapsedMs: 3000, line: 12, opcode: 'ba(+*)' })).toBe(
      '[dml] line 12 (ba(+*)) · 3.0 s',
    );
    expect(
      formatProgress({
        elapsedMs: 4000,
        line: 5,
        file: 'lib/f.dml',
        loop: { kind: 'while', line: 3, iteration: 17 },
      }),
    ).toBe('[dml] lib/f.dml:5 · while loop at line 3, iteration 17 · 4.0 s');
    expect(formatProgress({ elapsedMs: 4000, line: 5, file: 'main.dml' }, 80, 'main.dml')).toBe(
      '[dml] line 5 · 4.0 s',
    );
  });
  it('fits the terminal width', () => {
    const s = formatProgress({ elapsedMs: 1, line: 1, opcode: 'x'.repeat(200) }, 40);
    expect(s.length).toBe(39);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('ProgressLine', () => {
  it('draws nothing before the delay, then redraws at most every interval, and clears', () => {
    let t = 0;
    const out: string[] = [];
    const p = new ProgressLine({ write: (s) => out.push(s), now: () => t, delayMs: 2000, intervalMs: 200 });
    p.statement(3, '<inline>', 'print');
    t = 1999;
    p.tick();
    expect(out).toEqual([]);
    p.clear();
    expect(out).toEqual([]); // nothing shown, nothing to clear
    t = 2000;
    p.iteration('for', 2, 7);
    expect(out).toEqual(['\r[dml] line 3 (print) · for loop at line 2, iteration 7 · 2.0 s\x1b[K']);
    t = 2100;
    p.tick();
    expect(out.length).toBe(1);
    t = 2200;
    p.tick();
    expect(out.length).toBe(2);
    p.clear();
    expect(out[2]).toBe('\r\x1b[K');
  });
  it('tickSometimes looks at the clock every 64 calls', () => {
    let reads = 0;
    const p = new ProgressLine({ write: () => {}, now: () => (reads++, 0) });
    reads = 0;
    for (let i = 0; i < 640; i++) p.tickSometimes();
    expect(reads).toBe(10);
  });
});
