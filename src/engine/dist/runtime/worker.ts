/**
 * A worker rank (1..P-1): executes the driver's commands until it says exit. It holds its parts
 * of the distributed matrices; it never parses or plans a script. An error here cannot be
 * reported to the driver (which may be waiting in the same collective): the worker prints it,
 * naming its rank, host and the command, and aborts the job, which MPI turns into the end of
 * every rank within seconds.
 */
import os from 'node:os';
import type { Communicator } from '../communicator.js';
import { receiveCommand, type Command } from './protocol.js';
import { RankStore } from './rank-store.js';
import { getMatrix, putMatrix, runOp } from './rank-ops.js';

/** Exit code of a job a rank aborted (mpirun reports it). */
export const RANK_FAILED_EXIT = 70;

/** What a failing rank prints before it aborts the job. */
export function rankFailure(comm: Communicator, what: string, e: unknown): string {
  const why = e instanceof Error ? e.message : String(e);
  return `tessera: rank ${comm.rank} of ${comm.size} on ${os.hostname()} failed in ${what}: ${why}`;
}

/** The command in words, as failure messages and the watchdog name it. */
export function describeCommand(cmd: Command): string {
  switch (cmd.kind) {
    case 'run':
      return `distributed ${cmd.opcode} (${cmd.at})`;
    case 'put':
      return `distributing a ${cmd.rows}x${cmd.cols} matrix`;
    case 'get':
      return 'collecting a distributed matrix';
    case 'free':
      return 'freeing a distributed matrix';
    case 'exit':
      return 'ending the job';
  }
}

/** Serves commands until exit; returns how many it ran (for tests). */
export function serveWorker(
  comm: Communicator,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): number {
  const store = new RankStore();
  let served = 0;
  for (;;) {
    const cmd = receiveCommand(comm);
    if (cmd.kind === 'exit') return served;
    comm.enter?.(describeCommand(cmd));
    try {
      switch (cmd.kind) {
        case 'put':
          putMatrix(comm, store, cmd);
          break;
        case 'get':
          getMatrix(comm, store, cmd.id);
          break;
        case 'free':
          store.free(cmd.id);
          break;
        case 'run':
          runOp(comm, store, cmd);
          break;
      }
    } catch (e) {
      log(rankFailure(comm, describeCommand(cmd), e));
      comm.abort(RANK_FAILED_EXIT);
    }
    comm.leave?.();
    served++;
  }
}
