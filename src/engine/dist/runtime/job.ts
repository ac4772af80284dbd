/**
 * Joining a distributed job: when an MPI launcher (mpirun, mpiexec, srun) started this process,
 * MPI starts, rank 0 becomes the driver (it parses, plans and interprets the script, with the
 * DIST backend registered) and every other rank a worker that serves the driver's commands. The
 * cluster the planner prices comes from the job (ranks) and the configuration (memory and rates
 * per rank), unless the configuration describes the cluster itself.
 */
import os from 'node:os';
import type { ClusterDescription, TesseraConfig } from '../../../common/config.js';
import { detectLaunch, type LaunchInfo } from '../launch.js';
import { initMpi } from '../mpi/binding.js';
import type { Communicator } from '../communicator.js';
import { DistBackend, type DistBackendOptions } from './dist-backend.js';
import { serveWorker } from './worker.js';
import { standaloneResources, withKernelResources } from '../../kernel-resources.js';

export type DistJob =
  | {
      readonly role: 'worker';
      readonly launch: LaunchInfo;
      /** Threads each rank's kernels use (the host's cores shared among its ranks). */
      readonly threads: number;
      /** Serves the driver until it ends the job, then finalizes MPI. */
      serve(): void;
    }
  | {
      readonly role: 'driver';
      readonly launch: LaunchInfo;
      readonly threads: number;
      readonly backend: DistBackend;
      readonly cluster: ClusterDescription;
      /** Ends the workers' loop and finalizes MPI (call once the script finished or failed). */
      end(): void;
    };

/** How long a distributed operation may make no progress before the watchdog ends the job. */
export const DEFAULT_WATCHDOG_SECONDS = 600;

/** Shared memory between ranks of one host: MPI's vader transport moves several GB/s (measured). */
const SAME_HOST_GBS = 4;
const SAME_HOST_LATENCY_US = 2;

function clusterOf(comm: Communicator, config: TesseraConfig): ClusterDescription {
  // The job knows how many ranks it has; the configuration may describe the rest (memory and
  // rates per rank, network), else one host's defaults.
  return {
    memoryPerRankBytes: config.memoryBytes,
    gflopsPerRank: config.blasGflops ?? 20,
    networkGBs: SAME_HOST_GBS,
    networkLatencyUs: SAME_HOST_LATENCY_US,
    ...config.cluster,
    ranks: comm.size,
  };
}

/**
 * Threads for one rank: the configured count, shared among the ranks the launcher put on this host
 * (several ranks each using every core would oversubscribe it; measured on 2 cores with 2 ranks,
 * a rank's t(X) %*% X took longer than one process's whole). The launchers say how many ranks
 * share the host: Open MPI (OMPI_COMM_WORLD_LOCAL_SIZE), MPICH (MPI_LOCALNRANKS).
 */
export function threadsPerRank(configured: number, env: NodeJS.ProcessEnv): number {
  const local = Number(env['OMPI_COMM_WORLD_LOCAL_SIZE'] ?? env['MPI_LOCALNRANKS'] ?? 1);
  const share = Number.isInteger(local) && local > 1 ? Math.floor(configured / local) : configured;
  return Math.max(1, share);
}

/** The job this process is a rank of, or undefined when no MPI launcher started it. */
export function joinDistJob(
  config: TesseraConfig,
  env: NodeJS.ProcessEnv = process.env,
  options: DistBackendOptions = {},
): DistJob | undefined {
  const launch = detectLaunch(env, os.hostname());
  if (launch === undefined) return undefined;
  const comm = initMpi();
  const watchdog = config.cluster?.watchdogSeconds ?? DEFAULT_WATCHDOG_SECONDS;
  comm.installFailureHandlers(`rank ${comm.rank} of ${comm.size} on ${launch.host}`, watchdog);
  const threads = threadsPerRank(config.threads, env);
  if (comm.rank !== 0) {
    return {
      role: 'worker',
      launch,
      threads,
      serve: () => {
        // The worker's kernels (and the BLAS they call) use its share of the host's cores.
        withKernelResources(standaloneResources({ threads }), () => serveWorker(comm));
        comm.finalize();
      },
    };
  }
  const cluster = clusterOf(comm, config);
  const backend = new DistBackend(
    comm,
    {
      memoryBytes: cluster.memoryPerRankBytes * cluster.ranks,
      gflops: cluster.gflopsPerRank * cluster.ranks,
      bandwidthGBs: cluster.networkGBs,
      transferGBs: cluster.networkGBs,
      latencyUs: cluster.networkLatencyUs,
    },
    options,
  );
  return {
    role: 'driver',
    launch,
    threads,
    backend,
    cluster,
    end: () => {
      backend.shutdown();
      comm.finalize();
    },
  };
}
