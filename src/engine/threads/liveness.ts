/**
 * Telling, without the event loop, whether a worker thread is still alive.
 *
 * The interpreter is synchronous: it blocks in Atomics.wait while workers run, so a worker's
 * 'exit' and 'error' events (delivered on the main thread's event loop) never arrive while it
 * waits, and a worker that died would leave it waiting forever. So each worker owns a small
 * shared "watch" block that the main thread can read at any time:
 *
 * - On Linux the worker writes its OS thread id (from the /proc/thread-self link) at start. A
 *   thread that has ended, however it ended, has no /proc/self/task/<tid> entry any more: the
 *   kernel removes it at thread exit, not at pthread_join (which Node does later, on the main
 *   loop). This is the one check that also sees deaths that run no JavaScript at all, such as a
 *   worker stopped for exceeding its heap limit (ERR_WORKER_OUT_OF_MEMORY), which we verified
 *   runs neither process 'exit' nor uncaught-exception handlers in the worker.
 * - Everywhere, the worker's process 'exit' handler (process.exit in a worker) and its
 *   'uncaughtExceptionMonitor' (an error thrown outside a job's try/catch) record that it is
 *   ending, and why, in the same block. This is the portable fallback; it misses out-of-memory
 *   stops, for which non-Linux callers keep their long timeouts.
 *
 * A heartbeat was rejected: a worker busy in one long job cannot beat, so a missing beat would
 * mistake a slow job for a dead thread. Thread ids are reused only after the kernel's pid space
 * wraps (pid_max, 4 million by default), so a stale id is not a practical risk.
 *
 * A native crash (a segfault inside a compiled kernel) takes down the whole process, workers
 * or not: nothing here can survive that.
 */
import { existsSync, readlinkSync } from 'node:fs';

/** Words: [OS thread id (0: unknown), how the thread is ending (0: running)], then text bytes. */
const TID = 0;
const END = 1;
const TEXT_OFFSET = 8;
const TEXT_BYTES = 400;
/** END values: an uncaught error, or process.exit(code) stored as EXIT_BASE + code. */
const END_UNCAUGHT = 1;
const EXIT_BASE = 1000;

/** One worker's shared watch block (created by the main thread, filled in by the worker). */
export type WorkerWatch = SharedArrayBuffer;

export function newWorkerWatch(): WorkerWatch {
  return new SharedArrayBuffer(TEXT_OFFSET + TEXT_BYTES);
}

function ownThreadId(): number {
  if (process.platform !== 'linux') return 0;
  try {
    // "<pid>/task/<tid>"; a sync fs call runs on the calling thread, so this is the worker's own.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : 0;
  } catch {
    return 0;
  }
}

function writeText(watch: WorkerWatch, text: string): void {
  const bytes = Buffer.from(text.slice(0, TEXT_BYTES), 'utf8').subarray(0, TEXT_BYTES - 4);
  new Uint8Array(watch, TEXT_OFFSET + 4, bytes.length).set(bytes);
  Atomics.store(new Int32Array(watch, TEXT_OFFSET, 1), 0, bytes.length);
}

/**
 * A CommonJS statement for a worker's eval'd boot script: records the thread id in
 * `workerData.watch` before the module load, which takes seconds from the TypeScript sources
 * (tests) on a busy machine, so that the pool can tell a slow start from a dead worker.
 */
export function recordThreadIdStatement(): string {
  return `try {
    const w = require('node:worker_threads').workerData?.watch;
    const t = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    if (w && Number.isInteger(t) && t > 0) Atomics.store(new Int32Array(w, 0, 1), 0, t);
  } catch {}`;
}

/**
 * Main side, while workers start: undefined to keep waiting, else why to give up. Workers whose
 * death would be seen (thread id known) may take up to `aliveLimitMs`; otherwise `blindLimitMs`.
 */
export function startVerdict(
  watches: readonly WorkerWatch[],
  elapsedMs: number,
  blindLimitMs: number,
  aliveLimitMs: number,
): string | undefined {
  for (const w of watches) if (workerGone(w)) return `a worker died while starting (${deathReason(w)})`;
  const seen = watches.every(watchSeesSilentDeaths);
  if (elapsedMs > (seen ? aliveLimitMs : blindLimitMs)) return 'workers did not start in time';
  return undefined;
}

/** Worker side, once at start: records this thread's id and reports how it ends. */
export function watchThisThread(watch: WorkerWatch): void {
  const words = new Int32Array(watch, 0, 2);
  Atomics.store(words, TID, ownThreadId());
  process.on('uncaughtExceptionMonitor', (err) => {
    writeText(watch, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    Atomics.compareExchange(words, END, 0, END_UNCAUGHT);
  });
  process.on('exit', (code) => {
    Atomics.compareExchange(words, END, 0, EXIT_BASE + (code & 0xffff));
  });
}

/** Main side: true when the worker has ended or is ending (it will not finish its job). */
export function workerGone(watch: WorkerWatch): boolean {
  const words = new Int32Array(watch, 0, 2);
  if (Atomics.load(words, END) !== 0) return true;
  const tid = Atomics.load(words, TID);
  return tid > 0 && !existsSync(`/proc/self/task/${tid}`);
}

/** Main side: whether a death would be seen even if it runs no JavaScript (out of memory). */
export function watchSeesSilentDeaths(watch: WorkerWatch): boolean {
  return Atomics.load(new Int32Array(watch, 0, 2), TID) > 0;
}

/** Main side: why the worker died, as far as it could say (`heapMb`: its heap limit). */
export function deathReason(watch: WorkerWatch, heapMb?: number): string {
  const end = Atomics.load(new Int32Array(watch, 0, 2), END);
  if (end === END_UNCAUGHT) {
    const len = Atomics.load(new Int32Array(watch, TEXT_OFFSET, 1), 0);
    const text = Buffer.from(new Uint8Array(watch, TEXT_OFFSET + 4, len).slice()).toString('utf8');
    return `an uncaught error: ${text}`;
  }
  if (end >= EXIT_BASE) return `it called process.exit(${end - EXIT_BASE})`;
  const limit = heapMb !== undefined ? ` (its ${Math.round(heapMb)} MiB JavaScript heap limit)` : '';
  return `it stopped without reporting why: most likely out of memory${limit}`;
}

/**
 * Test-only fault injection: `TESSERA_TEST_KILL_WORKER=<pool>:<how>` (pool `kernel` or
 * `parfor`; how `exit`, `throw` or `oom`) makes every worker of that pool started while it is set
 * die on its first job. Worker threads read their own copy of the environment, taken when they
 * are started. Never set it outside tests.
 */
export function testKillHook(pool: 'kernel' | 'parfor'): void {
  const spec = process.env.TESSERA_TEST_KILL_WORKER;
  if (!spec?.startsWith(`${pool}:`)) return;
  const how = spec.slice(pool.length + 1);
  if (how === 'exit') process.exit(7);
  // Callers call this outside their job's try/catch, so the error is uncaught and ends the worker.
  if (how === 'throw') throw new Error('test-injected worker failure');
  if (how === 'oom') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(100_000).fill(1.5));
  }
}
