/**
 * The machine the cost model prices operations on: local rates and memory, and the GPU and
 * cluster when configured. Built from the configuration; rates the configuration leaves out come
 * from `dml calibrate`'s cache when given, else from conservative built-in defaults.
 */
import type {
  ClusterDescription,
  ExecMode,
  GpuDescription,
  GpuMode,
  TesseraConfig,
} from '../../common/config.js';
import type { ExecType } from '../hop.js';

export interface MachineDescription {
  readonly memoryBytes: number;
  readonly threads: number;
  /** Local matmul rate, GFLOP/s. */
  readonly gflops: number;
  /** Local memory bandwidth, GB/s. */
  readonly bandwidthGBs: number;
  readonly gpu?: GpuDescription;
  readonly cluster?: ClusterDescription;
}

/** Measured rates (from the calibration cache). */
export interface MeasuredRates {
  readonly gflops: number;
  readonly bandwidthGBs: number;
}

/** Defaults when neither configured nor calibrated: a plain TypeScript matmul on one core. */
export const DEFAULT_GFLOPS = 3.5;
export const DEFAULT_BANDWIDTH_GBS = 10;

export function machineFrom(config: TesseraConfig, measured?: MeasuredRates): MachineDescription {
  return {
    memoryBytes: config.memoryBytes,
    threads: config.threads,
    gflops: config.blasGflops ?? measured?.gflops ?? DEFAULT_GFLOPS,
    bandwidthGBs: config.memoryBandwidthGBs ?? measured?.bandwidthGBs ?? DEFAULT_BANDWIDTH_GBS,
    gpu: config.gpu,
    cluster: config.cluster,
  };
}

/** Everything exec-type selection needs: the machine, the modes, and which backends exist. */
export interface PlannerSettings {
  readonly machine: MachineDescription;
  readonly execMode: ExecMode;
  readonly gpuMode: GpuMode;
  /** Backends registered in this process; the planner never picks another. LOCAL is always there. */
  readonly capabilities: ReadonlySet<ExecType>;
  /**
   * Whether a registered backend has a kernel for an op (e.g. from the kernel registry); absent:
   * every op. An op a backend lacks never runs there.
   */
  readonly supports?: (exec: ExecType, op: string) => boolean;
}

/** Today only the LOCAL backend is registered. */
export const REGISTERED_BACKENDS: ReadonlySet<ExecType> = new Set<ExecType>(['LOCAL']);

/** Fraction of a memory budget one operation may use (SystemDS's 0.7). */
export const BUDGET_FRACTION = 0.7;
