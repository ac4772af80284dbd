/**
 * The DIST backend, on the driver (rank 0): an ExecBackend (the seam every backend plugs into)
 * whose data handles name matrices partitioned across the MPI ranks. Each call broadcasts one
 * command to the workers and then takes part in the same collectives as they do (rank-ops.ts),
 * so the driver is rank 0 of every operation, not a bystander. Uploading distributes a host
 * matrix (by rows, or whole when small), downloading collects it; results stay on the ranks until
 * an op elsewhere needs them (lazy moves, counted in -stats by the engine).
 */
import type { GpuDescription } from '../../../common/config.js';
import type {
  ArgShape,
  BackendArg,
  BackendCall,
  BackendKernel,
  DeviceData,
  ExecBackend,
} from '../../backends/backend.js';
import type { MatrixBlock } from '../../data/matrix-block.js';
import { dbl, type ScalarValue } from '../../data/values.js';
import type { Communicator } from '../communicator.js';
import { DIST_OPS, planDist } from '../ops/index.js';
import { sendCommand, type Command, type WireArg } from './protocol.js';
import { getMatrix, putMatrix, runOp } from './rank-ops.js';
import { RankStore } from './rank-store.js';
import { TimedCommunicator } from './timed-communicator.js';
import { describeCommand, RANK_FAILED_EXIT, rankFailure } from './worker.js';

export interface DistData extends DeviceData {
  /** The matrix's name on every rank. */
  readonly id: number;
}

/** Matrices this small (cells) are replicated on upload: every rank needs all of a small operand. */
export const REPLICATE_CELLS = 1 << 16;

export interface DistBackendOptions {
  /** Upload matrices of at most this many cells whole to every rank (default REPLICATE_CELLS). */
  readonly replicateCells?: number;
  /** Where a failing rank 0 reports before it aborts the job (default stderr). */
  readonly log?: (line: string) => void;
}

function spanText(call: { readonly span: { file: string; line: number; col: number } }): string {
  return `${call.span.file}:${call.span.line}:${call.span.col}`;
}

function bytesOf(rows: number, cols: number, nnz: number): number {
  return Math.min(rows * cols * 8, nnz * 12 + (rows + 1) * 4);
}

export class DistBackend implements ExecBackend<DistData> {
  readonly exec = 'DIST' as const;
  readonly name: string;
  private readonly store = new RankStore();
  private nextId = 1;
  private ended = false;
  /** The instruction whose inputs are being moved here (failure messages). */
  private forCall = 'an instruction';

  private readonly replicateCells: number;
  private readonly log: (line: string) => void;

  private readonly comm: TimedCommunicator;

  constructor(
    comm: Communicator,
    /** How the planner prices the cluster as a whole (its memory, rates and network). */
    readonly description: GpuDescription,
    options: DistBackendOptions = {},
  ) {
    this.comm = new TimedCommunicator(comm);
    this.name = `MPI (${comm.size} rank${comm.size === 1 ? '' : 's'})`;
    this.replicateCells = options.replicateCells ?? REPLICATE_CELLS;
    this.log = options.log ?? ((l) => process.stderr.write(`${l}\n`));
  }

  ops(): Iterable<string> {
    return DIST_OPS.keys();
  }

  kernel(op: string): BackendKernel<DistData> | undefined {
    if (!DIST_OPS.has(op)) return undefined;
    return {
      supports: (call: BackendCall<ArgShape>) => {
        // The engine asks right before it moves this call's inputs here: remember the call, so
        // that a failure during those moves names the instruction they were for.
        this.forCall = `${op} (${spanText(call)})`;
        return planDist(op, call) !== undefined;
      },
      run: (call) => this.run(op, call),
    };
  }

  upload(m: MatrixBlock): DistData {
    const id = this.nextId++;
    // Small matrices go whole to every rank; so do sparse ones with few non-zeros (they travel
    // as CSR arrays).
    const small = m.rows * m.cols <= this.replicateCells || (m.isSparse && m.nnz <= this.replicateCells);
    const layout = small ? 'replicated' : 'rows';
    const cmd: Command = {
      kind: 'put',
      id,
      rows: m.rows,
      cols: m.cols,
      nnz: m.nnz,
      layout,
      sparse: m.isSparse,
    };
    this.collective(cmd, () => putMatrix(this.comm, this.store, cmd, m));
    return { id, rows: m.rows, cols: m.cols, nnz: m.nnz, bytes: bytesOf(m.rows, m.cols, m.nnz) };
  }

  download(d: DistData): MatrixBlock {
    const cmd: Command = { kind: 'get', id: d.id };
    const m = this.collective(cmd, () => getMatrix(this.comm, this.store, d.id));
    if (m === undefined) throw new Error('internal: rank 0 did not receive the collected matrix');
    return m;
  }

  release(d: DistData): void {
    if (this.ended) return;
    this.collective({ kind: 'free', id: d.id }, () => this.store.free(d.id));
  }

  /** Rank 0's time inside MPI calls since the job started (waiting for other ranks included). */
  statsLines(): readonly string[] {
    const calls = [...this.comm.calls].sort((a, b) => b[1].ms - a[1].ms);
    if (calls.length === 0) return [];
    const total = calls.reduce((t, [, s]) => t + s.ms, 0);
    const parts = calls.map(
      ([k, s]) => `${k} x${s.count} ${(s.ms / 1000).toFixed(3)} s (${(s.bytes / 1024 ** 2).toFixed(1)} MB)`,
    );
    return [`MPI calls on rank 0:\t\t${(total / 1000).toFixed(3)} sec: ${parts.join(', ')}.`];
  }

  /** Ends the job's command loop: the workers finalize and exit. Idempotent. */
  shutdown(): void {
    if (this.ended) return;
    this.ended = true;
    sendCommand(this.comm, { kind: 'exit' });
  }

  private run(opcode: string, call: BackendCall<BackendArg<DistData>>): DistData | ScalarValue {
    const out = this.nextId++;
    const args: WireArg[] = call.args.map((a) =>
      a.kind === 'matrix' ? { kind: 'matrix', id: a.data.id } : { kind: 'scalar', value: a.value },
    );
    const shapes: ArgShape[] = call.args.map((a) =>
      a.kind === 'matrix'
        ? { kind: 'matrix', rows: a.data.rows, cols: a.data.cols, nnz: a.data.nnz }
        : { kind: 'scalar', value: a.value },
    );
    const cmd: Command = {
      kind: 'run',
      opcode,
      args,
      shapes,
      argNames: call.argNames.map((n) => n ?? null),
      out,
      at: spanText(call),
    };
    const r = this.collective(cmd, () => runOp(this.comm, this.store, cmd));
    if (r.kind === 'scalar') return dbl(r.value);
    return { id: out, rows: r.rows, cols: r.cols, nnz: r.nnz, bytes: bytesOf(r.rows, r.cols, r.nnz) };
  }

  /**
   * Sends the command, then does rank 0's part. Once the command is out the workers are inside
   * its collectives: an error here cannot be unwound, so, as on a worker, it ends the job.
   */
  private collective<T>(cmd: Command, part: () => T): T {
    if (this.ended) throw new Error('internal: the distributed backend was used after the job ended');
    const what = cmd.kind === 'put' ? `${describeCommand(cmd)} for ${this.forCall}` : describeCommand(cmd);
    this.comm.enter?.(what);
    sendCommand(this.comm, cmd);
    let result: T;
    try {
      result = part();
    } catch (e) {
      this.log(rankFailure(this.comm, what, e));
      return this.comm.abort(RANK_FAILED_EXIT);
    }
    this.comm.leave?.();
    return result;
  }
}
