/**
 * The engine resources of one run: the buffer pool that new symbol tables attach to, and the
 * thread settings, both taken from the configuration. withEngineResources() scopes them to a
 * run and always deletes the scratch files at the end, also when the run fails.
 */
import { defaultConfig, type TesseraConfig } from '../../common/config.js';
import { configureThreads } from '../threads/settings.js';
import { poolStats } from '../threads/pool.js';
import { BufferPool, type BufferPoolStats } from './buffer-pool.js';
import { setActiveRecycler } from './recycler.js';

let active: BufferPool | undefined;

/** The buffer pool of the run in progress (symbol tables created now attach to it). */
export function activeBufferPool(): BufferPool | undefined {
  return active;
}

/** What -stats reports about the engine resources of a run. */
export interface EngineRunStats {
  readonly bufferPool: BufferPoolStats;
  readonly threads: number;
  /** Operations split over worker threads, and jobs handed to workers, during the run. */
  readonly parallelOps: number;
  readonly parallelJobs: number;
}

/**
 * Runs fn with a buffer pool over config.bufferPoolBytes (default: config.memoryBytes) and the
 * configured degree of parallelism; `report` receives the run's figures.
 */
export function withEngineResources<T>(
  config: TesseraConfig | undefined,
  fn: () => T,
  report?: (s: EngineRunStats) => void,
): T {
  const c = config ?? defaultConfig();
  const pool = new BufferPool(c.bufferPoolBytes ?? c.memoryBytes, c.scratchDir);
  const prevPool = active;
  const prevThreads = configureThreads({ threads: c.threads });
  const p0 = poolStats();
  active = pool;
  const prevRecycler = setActiveRecycler(pool.recycler);
  try {
    return fn();
  } finally {
    active = prevPool;
    setActiveRecycler(prevRecycler);
    configureThreads(prevThreads);
    pool.close();
    const p1 = poolStats();
    report?.({
      bufferPool: pool.stats,
      threads: c.threads,
      parallelOps: p1.ops - p0.ops,
      parallelJobs: p1.jobs - p0.jobs,
    });
  }
}
