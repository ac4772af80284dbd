/** Launch detection (a pure function of the environment) and the local mpirun command line. */
import { describe, expect, it } from 'vitest';
import { detectLaunch, localMpirunArgs, type LaunchInfo } from '../../../src/engine/dist/launch.js';

const HOST = 'here';

describe('detectLaunch', () => {
  it.each<[string, Record<string, string>, LaunchInfo | undefined]>([
    ['a plain run', { PATH: '/usr/bin', HOME: '/root' }, undefined],
    [
      'Open MPI mpirun',
      {
        OMPI_COMM_WORLD_SIZE: '4',
        OMPI_COMM_WORLD_RANK: '2',
        OMPI_COMM_WORLD_LOCAL_RANK: '0',
        PMIX_RANK: '2',
      },
      { ranks: 4, rank: 2, localRank: 0, host: HOST, launcher: 'mpirun' },
    ],
    [
      'Open MPI names the host for PMIx',
      {
        OMPI_COMM_WORLD_SIZE: '2',
        OMPI_COMM_WORLD_RANK: '1',
        OMPI_COMM_WORLD_LOCAL_RANK: '1',
        PMIX_HOSTNAME: 'n7',
      },
      { ranks: 2, rank: 1, localRank: 1, host: 'n7', launcher: 'mpirun' },
    ],
    [
      'Open MPI without a local rank (a job of one)',
      { OMPI_COMM_WORLD_SIZE: '1', OMPI_COMM_WORLD_RANK: '0' },
      { ranks: 1, rank: 0, localRank: 0, host: HOST, launcher: 'mpirun' },
    ],
    [
      // mpirun inside an allocation starts its daemons with srun: the ranks inherit the daemon
      // step's SLURM_PROCID (the node's index) and SLURM_NTASKS (the node count).
      'mpirun inside a Slurm allocation',
      {
        OMPI_COMM_WORLD_SIZE: '8',
        OMPI_COMM_WORLD_RANK: '5',
        OMPI_COMM_WORLD_LOCAL_RANK: '1',
        PMIX_RANK: '5',
        SLURM_PROCID: '1',
        SLURM_NTASKS: '2',
        SLURMD_NODENAME: 'n2',
      },
      { ranks: 8, rank: 5, localRank: 1, host: HOST, launcher: 'mpirun' },
    ],
    [
      'srun --mpi=pmix',
      {
        SLURM_PROCID: '3',
        SLURM_NTASKS: '4',
        SLURM_STEP_NUM_TASKS: '4',
        SLURM_LOCALID: '1',
        SLURMD_NODENAME: 'n1',
        PMIX_RANK: '3',
      },
      { ranks: 4, rank: 3, localRank: 1, host: 'n1', launcher: 'srun' },
    ],
    [
      'srun --mpi=pmi2',
      { SLURM_PROCID: '0', SLURM_NTASKS: '2', PMI_RANK: '0', PMI_SIZE: '2' },
      { ranks: 2, rank: 0, localRank: 0, host: HOST, launcher: 'srun' },
    ],
    [
      'the step size wins over the allocation size',
      { SLURM_PROCID: '1', SLURM_NTASKS: '16', SLURM_STEP_NUM_TASKS: '2', PMIX_RANK: '1' },
      { ranks: 2, rank: 1, localRank: 0, host: HOST, launcher: 'srun' },
    ],
    [
      'srun without an MPI plugin (each task a job of one)',
      { SLURM_PROCID: '1', SLURM_NTASKS: '4' },
      undefined,
    ],
    ['a shell inside salloc', { SLURM_NTASKS: '4', SLURM_JOB_ID: '77' }, undefined],
    [
      'MPICH Hydra mpiexec',
      { PMI_SIZE: '3', PMI_RANK: '2', MPI_LOCALRANKID: '2', MPI_LOCALNRANKS: '3' },
      { ranks: 3, rank: 2, localRank: 2, host: HOST, launcher: 'mpiexec' },
    ],
    [
      'Hydra inside a Slurm allocation (proxies started by srun)',
      { PMI_SIZE: '4', PMI_RANK: '3', MPI_LOCALRANKID: '1', SLURM_PROCID: '1', SLURM_NTASKS: '2' },
      { ranks: 4, rank: 3, localRank: 1, host: HOST, launcher: 'mpiexec' },
    ],
  ])('%s', (_name, env, want) => {
    expect(detectLaunch(env, HOST)).toEqual(want);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['a size without a rank', { OMPI_COMM_WORLD_SIZE: '4' }, /without OMPI_COMM_WORLD_RANK/],
    [
      'a rank that is not a number',
      { OMPI_COMM_WORLD_SIZE: '4', OMPI_COMM_WORLD_RANK: 'x' },
      /OMPI_COMM_WORLD_RANK=x/,
    ],
    ['a rank outside the job', { PMI_SIZE: '2', PMI_RANK: '2' }, /impossible rank 2 \(local 0\) of 2/],
    ['an empty job', { SLURM_PROCID: '0', SLURM_NTASKS: '0', PMIX_RANK: '0' }, /srun set .* rank 0 .* of 0/],
  ])('refuses %s', (_name, env, message) => {
    expect(() => detectLaunch(env, HOST)).toThrow(message);
  });
});

describe('localMpirunArgs', () => {
  const command = ['/usr/bin/node', 'bin/dml.js', '-f', 'x.dml'];

  it('runs N ranks on this host, oversubscribed, unbound', () => {
    expect(localMpirunArgs({ ranks: 2, command, asRoot: false, cores: 2 })).toEqual([
      'mpirun',
      '-np',
      '2',
      '--oversubscribe',
      '--bind-to',
      'none',
      ...command,
    ]);
  });

  it('allows root and yields idle ranks when there are more ranks than cores', () => {
    expect(
      localMpirunArgs({ ranks: 4, command, asRoot: true, cores: 2, mpirun: '/opt/ompi/bin/mpirun' }),
    ).toEqual([
      '/opt/ompi/bin/mpirun',
      '-np',
      '4',
      '--oversubscribe',
      '--allow-run-as-root',
      '--bind-to',
      'none',
      '--mca',
      'mpi_yield_when_idle',
      '1',
      ...command,
    ]);
  });

  it.each([0, -1, 1.5, NaN])('refuses %s ranks', (ranks) => {
    expect(() => localMpirunArgs({ ranks, command, asRoot: false, cores: 2 })).toThrow(
      /positive whole number/,
    );
  });
});
