/**
 * The progress line: on a terminal, a run that takes longer than about 2 s shows one line on
 * stderr (where it is: statement line or loop iteration, and the elapsed time), redrawn in place
 * and cleared when the run ends or before anything else is printed.
 *
 * It is driven from the interpreter's own checkpoints (checkCancelled between instructions,
 * loop iterations, the API's progress events); there is no timer, because a script runs
 * synchronously and a timer could not fire. A long single kernel (one big matrix multiply) is
 * therefore not redrawn until it returns.
 */

/** Where the run is. */
export interface ProgressState {
  readonly elapsedMs: number;
  /** Line of the statement being run (and its file, shown when it is not the main script). */
  readonly line?: number;
  readonly file?: string;
  /** The operation (builtin or operator) last reported. */
  readonly opcode?: string;
  /** The innermost loop that started an iteration. */
  readonly loop?: { readonly kind: 'for' | 'while'; readonly line: number; readonly iteration: number };
}

export interface ProgressDecision {
  readonly isTTY: boolean;
  readonly quiet: boolean;
  /** $TERM: a `dumb` terminal cannot redraw a line. */
  readonly term?: string;
  /** $CI: never draw in CI logs, even under a pseudo-terminal. */
  readonly ci?: string;
}

/** Whether to draw the progress line at all. */
export function progressEnabled(d: ProgressDecision): boolean {
  if (d.quiet || !d.isTTY) return false;
  if (d.term === 'dumb') return false;
  if (d.ci !== undefined && d.ci !== '' && d.ci !== 'false' && d.ci !== '0') return false;
  return true;
}

export function formatElapsed(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.floor(s - m * 60);
  if (m < 60) return `${m} min ${String(rest).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The text of the line (without control characters), cut to `width` columns. */
export function formatProgress(s: ProgressState, width = 80, mainFile?: string): string {
  const parts: string[] = [];
  if (s.line !== undefined && s.line > 0) {
    const where =
      s.file !== undefined && s.file !== mainFile && !s.file.startsWith('<') ? `${s.file}:` : 'line ';
    parts.push(`${where}${s.line}${s.opcode ? ` (${s.opcode})` : ''}`);
  }
  if (s.loop) parts.push(`${s.loop.kind} loop at line ${s.loop.line}, iteration ${s.loop.iteration}`);
  if (parts.length === 0) parts.push('running');
  const text = `[dml] ${parts.join(' · ')} · ${formatElapsed(s.elapsedMs)}`;
  const w = Math.max(10, width - 1); // never the last column: some terminals wrap there
  return text.length <= w ? text : text.slice(0, w - 1) + '…';
}

export interface ProgressLineOptions {
  /** Writes to the terminal (stderr), synchronously. */
  readonly write: (s: string) => void;
  readonly now?: () => number;
  /** Nothing is drawn before the run has taken this long. */
  readonly delayMs?: number;
  /** Redraw at most this often. */
  readonly intervalMs?: number;
  readonly width?: () => number;
  readonly mainFile?: string;
}

/** The line itself: feed it events, call tick() often, clear() before printing and at the end. */
export class ProgressLine {
  private readonly t0: number;
  private readonly now: () => number;
  private lastDraw = -Infinity;
  private shown = false;
  private line: number | undefined;
  private file: string | undefined;
  private opcode: string | undefined;
  private loop: ProgressState['loop'];
  private ticks = 0;

  constructor(private readonly o: ProgressLineOptions) {
    this.now = o.now ?? (() => performance.now());
    this.t0 = this.now();
  }

  statement(line: number, file: string | undefined, opcode: string | undefined): void {
    this.line = line;
    this.file = file;
    this.opcode = opcode;
    this.tick();
  }

  iteration(kind: 'for' | 'while', line: number, iteration: number): void {
    this.loop = { kind, line, iteration };
    this.tick();
  }

  /** Cheap enough to call between instructions: looks at the clock every 64 calls only. */
  tickSometimes(): void {
    if ((++this.ticks & 63) === 0) this.tick();
  }

  tick(): void {
    const t = this.now();
    const elapsed = t - this.t0;
    if (elapsed < (this.o.delayMs ?? 2000)) return;
    if (t - this.lastDraw < (this.o.intervalMs ?? 200)) return;
    this.lastDraw = t;
    const state: ProgressState = {
      elapsedMs: elapsed,
      ...(this.line !== undefined ? { line: this.line } : {}),
      ...(this.file !== undefined ? { file: this.file } : {}),
      ...(this.opcode !== undefined ? { opcode: this.opcode } : {}),
      ...(this.loop !== undefined ? { loop: this.loop } : {}),
    };
    this.o.write(`\r${formatProgress(state, this.o.width?.() ?? 80, this.o.mainFile)}\x1b[K`);
    this.shown = true;
  }

  /** Erases the line if it is shown (a later tick draws it again). */
  clear(): void {
    if (!this.shown) return;
    this.o.write('\r\x1b[K');
    this.shown = false;
  }
}
