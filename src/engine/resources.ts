/**
 * The engine resources of one run, as one explicit object made from the configuration: thread
 * settings, memory budget and scratch directory, the buffer pool and its recycler, the thread
 * pool and the parfor pool it borrows workers from, the backends' devices, and the run's
 * counters. The caller makes it (createEngineResources), hands it to the interpreter
 * (InterpreterOptions.resources, which puts it in the execution context), and closes it when the
 * run ends (close() deletes the scratch files, also after a failure, and returns the figures).
 *
 * Nothing a run configures outlives it or reaches another run: two Sessions with different
 * threads, budgets and scratch directories run in one process, interleaved or one inside the
 * other's callback, each with its own. What is shared is only what belongs to the process: the
 * worker threads (threads/pool.ts, parfor/pool.ts: each run's thread count and heap limits stay
 * its own) and loaded libraries (native BLAS, compiled kernels).
 */
import os from 'node:os';
import { NO_SPAN } from '../common/span.js';
import { defaultConfig, type TesseraConfig } from '../common/config.js';
import { Devices } from './backends/devices.js';
import type { ExecBackend } from './backends/backend.js';
import { BufferPool, type BufferPoolStats, type SpillCodec } from './bufferpool/buffer-pool.js';
import type { BufferRecycler } from './bufferpool/recycler.js';
import { readBinaryMatrix, writeBinaryMatrix } from './io/binary.js';
import {
  newCounters,
  withKernelResources,
  type EngineCounters,
  type KernelResources,
} from './kernel-resources.js';
import { parforPool, processParforWorkers, type ParforPool, type ParforWorkers } from './parfor/pool.js';
import { processWorkerPool, type ParallelRunner, type WorkerPool } from './threads/pool.js';
import { DEFAULT_MIN_CELLS } from './threads/settings.js';

/**
 * What the interpreter takes of a run's resources. Every part beyond the kernels' is optional:
 * without a buffer pool nothing is tracked or spilled, without devices everything runs LOCAL.
 */
export interface RunResources extends KernelResources {
  /** The pool every symbol table of the run reports to. */
  readonly bufferPool?: BufferPool;
  /** The run's backends and the data on them. */
  readonly devices?: Devices;
  /** The parfor workers, with this run's heap limits. */
  readonly parfor?: ParforPool;
  /** The configured memory budget in bytes. */
  readonly memoryBytes?: number;
}

/** What -stats reports about the engine resources of a run. */
export interface EngineRunStats {
  readonly bufferPool: BufferPoolStats;
  readonly threads: number;
  /** Operations split over worker threads, and jobs handed to workers, during the run. */
  readonly parallelOps: number;
  readonly parallelJobs: number;
  /** The configured memory budget (the buffer pool's budget is in `bufferPool`). */
  readonly memoryBytes: number;
  /** The directory the run's spill directory (`tessera-spill-*`) was made in. */
  readonly scratchDir: string;
  /** Operations that ran Tessera's compiled C kernels, and native BLAS/LAPACK. */
  readonly compiledCalls: number;
  readonly nativeCalls: number;
}

export interface EngineResourceOptions {
  /** Backends besides LOCAL: a Devices over them is made, and released by close(). */
  readonly backends?: readonly ExecBackend[];
  /** A Devices the caller made (and releases) instead. */
  readonly devices?: Devices;
  /** Cells below which operations run inline (tests; default threads/settings.ts). */
  readonly minCells?: number;
  /** Worker pools to borrow from (default: the process's). */
  readonly workers?: WorkerPool;
  readonly parforWorkers?: ParforWorkers;
}

/** Spilled matrices in Tessera's binary format (io/binary.ts). */
const BINARY_SPILL: SpillCodec = {
  encode: (block) => writeBinaryMatrix(block),
  decode: (bytes, file) => readBinaryMatrix(bytes, file, NO_SPAN),
};

export class EngineResources implements RunResources {
  readonly threads: number;
  readonly minCells: number;
  readonly memoryBytes: number;
  readonly scratchDir: string;
  readonly bufferPool: BufferPool;
  readonly recycler: BufferRecycler;
  readonly pool: ParallelRunner;
  readonly parfor: ParforPool;
  readonly devices: Devices;
  readonly counters: EngineCounters = newCounters();
  private readonly ownsDevices: boolean;
  private closed = false;

  constructor(config: TesseraConfig, options: EngineResourceOptions = {}) {
    this.threads = Math.max(1, Math.floor(config.threads));
    this.minCells = Math.max(1, Math.floor(options.minCells ?? DEFAULT_MIN_CELLS));
    this.memoryBytes = config.memoryBytes;
    this.scratchDir = config.scratchDir ?? os.tmpdir();
    this.bufferPool = new BufferPool({
      budgetBytes: config.bufferPoolBytes ?? config.memoryBytes,
      scratchDir: this.scratchDir,
      codec: BINARY_SPILL,
    });
    this.recycler = this.bufferPool.recycler;
    this.pool = (options.workers ?? processWorkerPool).lease(this.counters);
    this.parfor = parforPool(config.memoryBytes, options.parforWorkers ?? processParforWorkers);
    this.ownsDevices = options.devices === undefined;
    this.devices = options.devices ?? new Devices(options.backends ?? []);
  }

  /** Runs fn with these resources bound for the kernels of this thread (kernel-resources.ts). */
  run<T>(fn: () => T): T {
    return withKernelResources(this, fn);
  }

  /** The run's figures so far. */
  stats(): EngineRunStats {
    const c = this.counters;
    return {
      bufferPool: this.bufferPool.stats,
      threads: this.threads,
      parallelOps: c.parallelOps,
      parallelJobs: c.parallelJobs,
      memoryBytes: this.memoryBytes,
      scratchDir: this.scratchDir,
      compiledCalls: c.compiledCalls,
      nativeCalls: c.nativeCalls,
    };
  }

  /**
   * Ends the run: deletes its scratch files, drops the buffers kept for reuse, releases the
   * devices it made; returns the run's figures. Calling it again changes nothing.
   */
  close(): EngineRunStats {
    if (!this.closed) {
      this.closed = true;
      this.bufferPool.close();
      if (this.ownsDevices) this.devices.releaseAll();
    }
    return this.stats();
  }
}

/** The resources of one run from `config` (default: defaultConfig()). */
export function createEngineResources(
  config: TesseraConfig = defaultConfig(),
  options: EngineResourceOptions = {},
): EngineResources {
  return new EngineResources(config, options);
}

/**
 * Runs fn with a run's resources made from `config` and closed afterwards (also when fn throws);
 * `report` receives the run's figures. An interpreter without its own `resources` that runs
 * inside fn uses these (the resources bound for this thread).
 */
export function withEngineResources<T>(
  config: TesseraConfig | undefined,
  fn: (resources: EngineResources) => T,
  report?: (s: EngineRunStats) => void,
  options?: EngineResourceOptions,
): T {
  const r = createEngineResources(config ?? defaultConfig(), options);
  try {
    return r.run(() => fn(r));
  } finally {
    const s = r.close();
    report?.(s);
  }
}

export type { KernelResources, EngineCounters };
