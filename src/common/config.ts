/**
 * The typed configuration: machine (memory, threads, BLAS rate, bandwidth), GPU and cluster
 * description, and the execution and GPU modes. Loaded from a JSON file (`dml -config file`);
 * every key is documented in docs/configuration.md. Unknown keys are an error naming the key and
 * the file, so a misspelt setting never silently falls back to a default.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fail } from './diagnostics.js';

/** `-exec`: singlenode = everything LOCAL (GPU still allowed), hybrid = cost-based, dist = DIST. */
export type ExecMode = 'singlenode' | 'hybrid' | 'dist';
/** `-gpu`: off, on (cost-based among the others), force (every matrix op that can, on the GPU). */
export type GpuMode = 'off' | 'on' | 'force';

export interface GpuDescription {
  /** Device memory in bytes. */
  readonly memoryBytes: number;
  /** Sustained matmul rate in GFLOP/s. */
  readonly gflops: number;
  /** Device memory bandwidth in GB/s. */
  readonly bandwidthGBs: number;
  /** Host <-> device transfer bandwidth in GB/s. */
  readonly transferGBs: number;
  /** Fixed cost of one kernel launch or transfer, in microseconds. */
  readonly latencyUs: number;
}

export interface ClusterDescription {
  readonly ranks: number;
  readonly memoryPerRankBytes: number;
  /** Matmul rate of one rank in GFLOP/s. */
  readonly gflopsPerRank: number;
  readonly networkGBs: number;
  readonly networkLatencyUs: number;
  /**
   * A distributed operation without progress for this long ends the job, naming it (a hung or
   * stopped rank); 0: no watchdog. Default 600.
   */
  readonly watchdogSeconds?: number;
  /** Fixed cost of one distributed instruction on top of its work, microseconds (default 300). */
  readonly opOverheadUs?: number;
}

export interface TesseraConfig {
  /** Memory the local backend may use, in bytes; the planner budgets 0.7 of it per operation. */
  readonly memoryBytes: number;
  readonly threads: number;
  /** Local matmul rate in GFLOP/s (absent: calibrated value, else a built-in default). */
  readonly blasGflops?: number;
  /** Local memory bandwidth in GB/s (absent: calibrated value, else a built-in default). */
  readonly memoryBandwidthGBs?: number;
  readonly gpu?: GpuDescription;
  readonly cluster?: ClusterDescription;
  readonly execMode: ExecMode;
  readonly gpuMode: GpuMode;
  /**
   * Budget for the matrices live in symbol tables, in bytes (key `bufferPool`; default: `memory`).
   * Beyond it the least recently used ones are spilled to `scratch` and restored on use.
   */
  readonly bufferPoolBytes?: number;
  /** Directory for spill files (key `scratch`; default: the OS temporary directory). */
  readonly scratchDir?: string;
  /** Recompile blocks with unknown sizes at run time (SystemDS's dynamic recompilation); default true. */
  readonly dynamicRecompilation?: boolean;
}

export const GB = 1024 ** 3;

export function defaultConfig(): TesseraConfig {
  return {
    memoryBytes: Math.max(GB, Math.floor(os.totalmem() / 2)),
    threads: Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
    execMode: 'hybrid',
    gpuMode: 'off',
  };
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB, TB: 1024 ** 4 };

/** Parses a byte count: a number of bytes or a string such as "4GB", "512 MB", "1.5g". */
export function parseBytes(v: Json, key: string, file: string): number {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  if (typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?b?)\s*$/i.exec(v);
    if (m) {
      let unit = m[2]!.toUpperCase();
      if (unit === '') unit = 'B';
      else if (!unit.endsWith('B')) unit += 'B';
      const f = UNITS[unit];
      if (f !== undefined && Number(m[1]) > 0) return Math.floor(Number(m[1]) * f);
    }
  }
  return badValue(key, file, 'a positive byte count such as 4294967296 or "4GB"', v);
}

function badValue(key: string, file: string, expected: string, got: Json): never {
  return fail(
    'DML7104',
    `configuration key '${key}' in ${file} must be ${expected}, got ${JSON.stringify(got)}`,
  );
}

function positive(v: Json, key: string, file: string, integer = false): number {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0 && (!integer || Number.isInteger(v))) return v;
  return badValue(key, file, integer ? 'a positive integer' : 'a positive number', v);
}

function oneOf<T extends string>(v: Json, key: string, file: string, allowed: readonly T[]): T {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  return badValue(key, file, `one of ${allowed.join(', ')}`, v);
}

function object(v: Json, key: string, file: string): Record<string, Json> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v;
  return badValue(key, file, 'an object', v);
}

/** Reads each key through its parser; any other key is an error naming it. */
function readKeys(
  obj: Record<string, Json>,
  prefix: string,
  file: string,
  parsers: Record<string, (v: Json, key: string) => void>,
): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix + k;
    const p = parsers[k];
    if (!p) {
      fail(
        'DML7103',
        `unknown configuration key '${key}' in ${file} (known: ${Object.keys(parsers)
          .map((x) => prefix + x)
          .join(', ')})`,
      );
    }
    p(v, key);
  }
}

const GPU_DEFAULTS: GpuDescription = {
  memoryBytes: 16 * GB,
  gflops: 5000,
  bandwidthGBs: 900,
  transferGBs: 12,
  latencyUs: 10,
};

const CLUSTER_DEFAULTS: ClusterDescription = {
  ranks: 2,
  memoryPerRankBytes: 4 * GB,
  gflopsPerRank: 50,
  networkGBs: 1.25,
  networkLatencyUs: 50,
};

/** Parses configuration JSON text (already read from `file`) over `base`. */
export function parseConfig(
  text: string,
  file: string,
  base: TesseraConfig = defaultConfig(),
): TesseraConfig {
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch (e) {
    return fail('DML7102', `configuration file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const root = object(json, '(top level)', file);
  const c: { -readonly [K in keyof TesseraConfig]: TesseraConfig[K] } = { ...base };
  readKeys(root, '', file, {
    memory: (v, k) => (c.memoryBytes = parseBytes(v, k, file)),
    threads: (v, k) => (c.threads = positive(v, k, file, true)),
    blasGflops: (v, k) => (c.blasGflops = positive(v, k, file)),
    memoryBandwidthGBs: (v, k) => (c.memoryBandwidthGBs = positive(v, k, file)),
    execMode: (v, k) => (c.execMode = oneOf(v, k, file, ['singlenode', 'hybrid', 'dist'] as const)),
    gpuMode: (v, k) => (c.gpuMode = oneOf(v, k, file, ['off', 'on', 'force'] as const)),
    dynamicRecompilation: (v, k) => {
      if (typeof v !== 'boolean') badValue(k, file, 'true or false', v);
      c.dynamicRecompilation = v;
    },
    bufferPool: (v, k) => (c.bufferPoolBytes = parseBytes(v, k, file)),
    scratch: (v, k) => {
      if (typeof v !== 'string' || v.length === 0) badValue(k, file, 'a directory path', v);
      c.scratchDir = v as string;
    },
    gpu: (v, k) => {
      const g: { -readonly [K in keyof GpuDescription]: GpuDescription[K] } = { ...(c.gpu ?? GPU_DEFAULTS) };
      readKeys(object(v, k, file), `${k}.`, file, {
        memory: (x, kk) => (g.memoryBytes = parseBytes(x, kk, file)),
        gflops: (x, kk) => (g.gflops = positive(x, kk, file)),
        bandwidthGBs: (x, kk) => (g.bandwidthGBs = positive(x, kk, file)),
        transferGBs: (x, kk) => (g.transferGBs = positive(x, kk, file)),
        latencyUs: (x, kk) => (g.latencyUs = positive(x, kk, file)),
      });
      c.gpu = g;
    },
    cluster: (v, k) => {
      const d: { -readonly [K in keyof ClusterDescription]: ClusterDescription[K] } = {
        ...(c.cluster ?? CLUSTER_DEFAULTS),
      };
      readKeys(object(v, k, file), `${k}.`, file, {
        ranks: (x, kk) => (d.ranks = positive(x, kk, file, true)),
        memoryPerRank: (x, kk) => (d.memoryPerRankBytes = parseBytes(x, kk, file)),
        gflopsPerRank: (x, kk) => (d.gflopsPerRank = positive(x, kk, file)),
        watchdogSeconds: (x, kk) => {
          if (typeof x !== 'number' || !Number.isInteger(x) || x < 0)
            badValue(kk, file, 'a whole number of seconds (0: no watchdog)', x);
          d.watchdogSeconds = x as number;
        },
        networkGBs: (x, kk) => (d.networkGBs = positive(x, kk, file)),
        networkLatencyUs: (x, kk) => (d.networkLatencyUs = positive(x, kk, file)),
        opOverheadUs: (x, kk) => (d.opOverheadUs = positive(x, kk, file)),
      });
      c.cluster = d;
    },
  });
  return c;
}

/** Loads a JSON configuration file; errors name the file (DML7101 when it cannot be read). */
export function loadConfig(file: string, base?: TesseraConfig): TesseraConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return fail('DML7101', `cannot read configuration file ${file}: ${why}`);
  }
  return parseConfig(text, file, base);
}
