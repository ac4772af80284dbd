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

export function machineFrom(
  config: TesseraConfig,
  measured?: MeasuredRates,
  backends: readonly BackendCapability[] = [],
): MachineDescription {
  return {
    memoryBytes: config.memoryBytes,
    threads: config.threads,
    gflops: config.blasGflops ?? measured?.gflops ?? DEFAULT_GFLOPS,
    bandwidthGBs: config.memoryBandwidthGBs ?? measured?.bandwidthGBs ?? DEFAULT_BANDWIDTH_GBS,
    // A configured device wins over what the registered backend says about itself.
    gpu: config.gpu ?? backends.find((b) => b.exec === 'GPU')?.gpu,
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

/**
 * What a registered backend tells the planner (the engine's backends describe themselves this
 * way, see engine/backends): where it runs, which ops it has kernels for, and, for a GPU, how to
 * price it when the configuration does not describe the device.
 */
export interface BackendCapability {
  readonly exec: ExecType;
  supports(op: string): boolean;
  readonly gpu?: GpuDescription;
}

/** Planner capabilities from the registered backends (LOCAL is always there). */
export function capabilitiesOf(backends: readonly BackendCapability[]): {
  capabilities: ReadonlySet<ExecType>;
  supports: (exec: ExecType, op: string) => boolean;
} {
  const byExec = new Map(backends.map((b) => [b.exec, b]));
  return {
    capabilities: new Set<ExecType>(['LOCAL', ...byExec.keys()]),
    supports: (exec, op) => exec === 'LOCAL' || (byExec.get(exec)?.supports(op) ?? false),
  };
}

/** Fraction of a memory budget one operation may use (SystemDS's 0.7). */
export const BUDGET_FRACTION = 0.7;
