/**
 * How this process was started: by an MPI launcher (one rank of a job) or on its own. Read from
 * the environment each launcher gives its ranks, before (and without) starting MPI, so that the
 * CLI can decide whether to start MPI at all. Also the mpirun command line for a local job.
 */

export type Launcher = 'mpirun' | 'srun' | 'mpiexec';

export interface LaunchInfo {
  /** Ranks in the job (MPI_COMM_WORLD's size once MPI starts). */
  readonly ranks: number;
  readonly rank: number;
  /** This rank's index among the job's ranks on the same host. */
  readonly localRank: number;
  readonly host: string;
  readonly launcher: Launcher;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The integer in `env[name]`, undefined when unset; throws when set to something else. */
function intVar(env: Env, name: string): number | undefined {
  const v = env[name]?.trim();
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new Error(`${name}=${env[name]} is not a non-negative integer`);
  return Number(v);
}

/** Checks what a launcher set, naming its variables when they do not make sense together. */
function info(
  launcher: Launcher,
  ranks: number,
  rank: number,
  localRank: number,
  host: string,
  vars: string,
): LaunchInfo {
  if (ranks < 1 || rank >= ranks || localRank >= ranks)
    throw new Error(`${launcher} set ${vars} to an impossible rank ${rank} (local ${localRank}) of ${ranks}`);
  return { ranks, rank, localRank, host, launcher };
}

/**
 * The launch this process is part of, from its environment; undefined when no launcher started
 * it (a plain `dml` run). Throws when a launcher's variables are set but malformed: running as a
 * lone driver while the launcher started several ranks would run the script several times over.
 *
 * The order matters: under a Slurm allocation, mpirun (Open MPI) and mpiexec (MPICH's Hydra)
 * start their daemons with srun, so their ranks also inherit SLURM_PROCID and SLURM_NTASKS, but
 * of the daemon step (one task per node); the launcher's own variables win.
 */
export function detectLaunch(env: Env, hostname: string): LaunchInfo | undefined {
  // Open MPI's mpirun/mpiexec (ORTE in 4.x, PRRTE in 5.x set the same). It names the host for
  // PMIx; PMIX_HOSTNAME is also set by PMIx-based launchers generally.
  const ompiSize = intVar(env, 'OMPI_COMM_WORLD_SIZE');
  if (ompiSize !== undefined) {
    const rank = intVar(env, 'OMPI_COMM_WORLD_RANK');
    if (rank === undefined) throw new Error('OMPI_COMM_WORLD_SIZE is set without OMPI_COMM_WORLD_RANK');
    const local = intVar(env, 'OMPI_COMM_WORLD_LOCAL_RANK') ?? 0;
    const host = env['PMIX_HOSTNAME'] || hostname;
    return info('mpirun', ompiSize, rank, local, host, 'OMPI_COMM_WORLD_SIZE/RANK/LOCAL_RANK');
  }
  // Slurm's srun launching the ranks itself. Without a PMI wire-up (srun --mpi=pmix sets
  // PMIX_RANK, --mpi=pmi2 sets PMI_RANK) each task's MPI_Init would start a job of one, so that is
  // no MPI launch. Hydra's ranks carry MPI_LOCALRANKID, which srun never sets.
  const procId = intVar(env, 'SLURM_PROCID');
  const tasks = intVar(env, 'SLURM_STEP_NUM_TASKS') ?? intVar(env, 'SLURM_NTASKS');
  const pmiRank = intVar(env, 'PMIX_RANK') ?? intVar(env, 'PMI_RANK');
  if (
    procId !== undefined &&
    tasks !== undefined &&
    pmiRank !== undefined &&
    env['MPI_LOCALRANKID'] === undefined
  ) {
    const local = intVar(env, 'SLURM_LOCALID') ?? 0;
    const host = env['SLURMD_NODENAME'] || env['PMIX_HOSTNAME'] || hostname;
    return info('srun', tasks, procId, local, host, 'SLURM_PROCID/SLURM_NTASKS/SLURM_LOCALID');
  }
  // MPICH's (and Intel MPI's) Hydra mpiexec, over PMI-1/2.
  const pmiSize = intVar(env, 'PMI_SIZE');
  const pmiRank1 = intVar(env, 'PMI_RANK');
  if (pmiSize !== undefined && pmiRank1 !== undefined) {
    const local = intVar(env, 'MPI_LOCALRANKID') ?? 0;
    return info('mpiexec', pmiSize, pmiRank1, local, hostname, 'PMI_SIZE/PMI_RANK/MPI_LOCALRANKID');
  }
  return undefined;
}

export interface LocalJob {
  readonly ranks: number;
  /** The program each rank runs, with its arguments (e.g. [process.execPath, 'bin/dml.js', ...]). */
  readonly command: readonly string[];
  /** Whether this process runs as root (process.getuid?.() === 0). */
  readonly asRoot: boolean;
  /** Cores on this host (os.availableParallelism()). */
  readonly cores: number;
  /** The launcher to run; 'mpirun' (found on PATH) unless given. */
  readonly mpirun?: string;
}

/**
 * The Open MPI mpirun command line that runs `job.command` as `job.ranks` ranks on this host
 * (for a future `dml --ranks N`). The flags are Open MPI's; MPICH's mpiexec takes none of them.
 */
export function localMpirunArgs(job: LocalJob): string[] {
  if (!Number.isSafeInteger(job.ranks) || job.ranks < 1)
    throw new RangeError(`a job needs a positive whole number of ranks, not ${job.ranks}`);
  return [
    job.mpirun ?? 'mpirun',
    '-np',
    String(job.ranks),
    // Without it Open MPI refuses more ranks than cores (slots); a local job may well want more.
    '--oversubscribe',
    // Open MPI refuses to run as root unless told (containers and CI often are root).
    ...(job.asRoot ? ['--allow-run-as-root'] : []),
    // Each rank runs its own threads (kernel workers, BLAS): pinning a rank to one core would
    // squeeze them all onto it, and oversubscribed ranks pinned together slow down badly.
    '--bind-to',
    'none',
    // Open MPI busy-polls while waiting; with more ranks than cores the waiting ranks would take
    // the cores from the working ones. mpirun turns yielding on only when it knows the host is
    // oversubscribed, which it may not with --bind-to none.
    ...(job.ranks > job.cores ? ['--mca', 'mpi_yield_when_idle', '1'] : []),
    ...job.command,
  ];
}

/** What `-exec dist` without an MPI launch says: how to launch. */
export function distLaunchHelp(mpiProblem: string | undefined): string {
  const lines = [
    '-exec dist runs on an MPI job: start Tessera with an MPI launcher, e.g.',
    '  mpirun -np 4 npx dml -f script.dml -exec dist      (Open MPI; add --oversubscribe for more ranks than cores)',
    '  srun -n 4 npx dml -f script.dml -exec dist          (Slurm)',
    'This process was not started by mpirun, mpiexec or srun.',
  ];
  if (mpiProblem !== undefined) lines.push(`MPI is also unavailable here: ${mpiProblem}`);
  return lines.join('\n');
}
