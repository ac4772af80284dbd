/**
 * Ctrl-C while a statement runs. A script runs synchronously on the main thread, so neither
 * readline's keypress events nor a SIGINT handler can run until it returns (and readline keeps
 * the terminal in raw mode, where Ctrl-C is the byte 0x03, not a signal). Instead the run's
 * progress checkpoints poll the terminal: /dev/tty opened a second time, non-blocking, read
 * at most every `intervalMs`. Seeing 0x03 sets the run's cancellation flag, which the
 * interpreter checks between instructions. A single long kernel (one big multiply) is not
 * interrupted until it returns. Other bytes read (type-ahead, the rest of a long paste) are kept
 * and handed back to readline after the run; after a Ctrl-C they are dropped.
 */
import { closeSync, constants, openSync, readSync } from 'node:fs';

export class TtyInterrupt {
  private readonly buf = Buffer.alloc(256);
  private last = -Infinity;
  private pending: Buffer[] = [];

  private constructor(
    private readonly fd: number,
    private readonly intervalMs: number,
  ) {}

  /** Opens the controlling terminal; undefined when there is none (Ctrl-C then waits for the run). */
  static open(intervalMs = 50): TtyInterrupt | undefined {
    try {
      const fd = openSync('/dev/tty', constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
      return new TtyInterrupt(fd, intervalMs);
    } catch {
      return undefined;
    }
  }

  /** True when Ctrl-C was typed since the last look (looks at most every intervalMs). */
  interrupted(now = performance.now()): boolean {
    if (now - this.last < this.intervalMs) return false;
    this.last = now;
    for (;;) {
      const n = this.read();
      if (n <= 0) return false;
      const got = this.buf.subarray(0, n);
      if (got.includes(0x03)) {
        this.pending = [];
        return true;
      }
      this.pending.push(Buffer.from(got));
    }
  }

  /** What was typed during the run (not Ctrl-C), to give back to readline. */
  takePending(): string {
    const s = Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    return s;
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  private read(): number {
    try {
      return readSync(this.fd, this.buf, 0, this.buf.length, null);
    } catch {
      return 0; // EAGAIN: nothing typed
    }
  }
}
