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

export type DistJob =
  | {
      readonly role: 'worker';
      readonly launch: LaunchInfo;
      /** Serves the driver until it ends the job, then finalizes MPI. */
      serve(): void;
    }
  | {
      readonly role: 'driver';
      readonly launch: LaunchInfo;
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
  if (comm.rank !== 0) {
    return {
      role: 'worker',
      launch,
      serve: () => {
        serveWorker(comm);
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
    backend,
    cluster,
    end: () => {
      backend.shutdown();
      comm.finalize();
    },
  };
}
