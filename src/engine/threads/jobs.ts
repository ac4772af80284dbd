/**
 * Jobs, as the pool sees them: a kind naming a handler and a payload it never looks into. The
 * pool knows nothing of matrices: the code that splits an operation defines its job kinds here
 * (defineJob) and registers them explicitly, as a list, in a JobRegistry (see JobSource). A
 * payload is posted to a worker by structured clone; typed arrays in it that view
 * SharedArrayBuffers share their memory instead of being copied. The main thread runs its own
 * share through the same registry.
 */

/** One range of one operation, as posted to a worker. */
export interface Job {
  readonly kind: string;
  readonly payload: unknown;
}

/** A job kind with a typed payload: `job(p)` builds a postable Job, `run(p)` executes one. */
export interface JobKind<P> {
  readonly kind: string;
  readonly run: (payload: P) => void;
  job(payload: P): Job;
}

/** Defines (does not register) a job kind. */
export function defineJob<P>(kind: string, run: (payload: P) => void): JobKind<P> {
  return { kind, run, job: (payload: P): Job => ({ kind, payload }) };
}

/** Handlers by kind: one per thread (the main thread's in pool.ts, each worker's own). */
export class JobRegistry {
  private readonly handlers = new Map<string, (payload: never) => void>();

  /** Adds job kinds; a kind already registered with another handler is an error. */
  register(...kinds: readonly JobKind<never>[]): void {
    for (const k of kinds) {
      const had = this.handlers.get(k.kind);
      if (had !== undefined && had !== k.run)
        throw new Error(`internal error: job kind '${k.kind}' registered twice`);
      this.handlers.set(k.kind, k.run);
    }
  }

  has(kind: string): boolean {
    return this.handlers.has(kind);
  }

  run(job: Job): void {
    const run = this.handlers.get(job.kind) as ((payload: unknown) => void) | undefined;
    if (run === undefined)
      throw new Error(`internal error: no handler registered for job kind '${job.kind}'`);
    run(job.payload);
  }
}

/**
 * A module that defines job kinds, as the pool needs it on both sides: `registerParallelJobs`
 * (its explicit list) for the main thread, and the module's own URL (its import.meta.url), which
 * a worker imports to call that same exported function. The pool thus loads kernel (or I/O) code
 * into its workers without importing it itself.
 */
export interface JobSource {
  readonly url: string;
  readonly registerParallelJobs: (registry: JobRegistry) => void;
}

/** Main to worker: import these job sources and register them, then count in ready: [done, failed]. */
export interface LoadMessage {
  readonly load: readonly string[];
  readonly ready: Int32Array;
}

/** Control words shared with the workers: [jobs completed, jobs failed]. */
export const CTRL_DONE = 0;
export const CTRL_FAILED = 1;
