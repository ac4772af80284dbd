/**
 * The worker pool's job for parallel CSV reading: one byte range of a file (starting at a line
 * start) either counts its lines (the first pass, giving every range its first row) or parses
 * them into its rows of the shared result. The file's bytes and the result live in
 * SharedArrayBuffers, so posting a job copies neither. Registered with the pool like the kernels'
 * jobs (kernels/parallel/jobs.ts): this module is its own job source.
 */
import { defineJob, type JobRegistry, type JobSource } from '../threads/jobs.js';
import { countLines, parseCsvRange, RES_SLOTS, type CsvLineFormat } from './csv-bytes.js';

export interface CsvRangeJob {
  /** True: count lines into res[slot * RES_SLOTS]; false: parse rows from rowBase on. */
  readonly count: boolean;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly format: CsvLineFormat;
  readonly out: Float64Array;
  readonly rowBase: number;
  /** RES_SLOTS slots per range (see csv-bytes.ts). */
  readonly res: Float64Array;
  readonly slot: number;
}

export function runCsvRangeJob(j: CsvRangeJob): void {
  const at = j.slot * RES_SLOTS;
  if (j.count) {
    j.res[at] = countLines(j.bytes, j.start, j.end);
    return;
  }
  parseCsvRange(j.bytes, j.start, j.end, j.format, j.out, j.rowBase, j.res.subarray(at, at + RES_SLOTS));
}

export const csvRangeJob = defineJob<CsvRangeJob>('csvRange', runCsvRangeJob);

/** The I/O job kinds, for the pool's main thread and (by this module's URL) its workers. */
export function registerParallelJobs(registry: JobRegistry): void {
  registry.register(csvRangeJob);
}

export const CSV_JOBS: JobSource = { url: import.meta.url, registerParallelJobs };
