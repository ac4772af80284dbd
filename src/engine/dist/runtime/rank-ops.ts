/**
 * What every rank does for each command, driver and workers alike: the same function on every
 * rank, so the collectives happen in the same order everywhere (SPMD). Matrices move as dense
 * row-major doubles (a sparse part is made sparse again on arrival, so kernels take the path
 * LOCAL's would); a column-partitioned part moves as its transpose, so that every transfer is a
 * concatenation in rank order.
 */
import { NO_SPAN } from '../../../common/span.js';
import { MatrixBlock } from '../../data/matrix-block.js';
import { transpose } from '../../kernels/transpose.js';
import { LOCAL_KERNELS } from '../../kernels/registry.js';
import type { Communicator } from '../communicator.js';
import { planDist, type ArgPlacement, type DistPlan, type LocalArg, type RankContext } from '../ops/index.js';
import { blockOffsets, blockRange, colBlock, rowBlock } from '../partition.js';
import type { Command } from './protocol.js';
import type { RankStore, StoredMatrix } from './rank-store.js';

type Put = Extract<Command, { kind: 'put' }>;
type Run = Extract<Command, { kind: 'run' }>;

/** What a run left: a matrix stored under the command's `out`, or a scalar every rank has. */
export type RunResult =
  | { readonly kind: 'matrix'; readonly rows: number; readonly cols: number; readonly nnz: number }
  | { readonly kind: 'scalar'; readonly value: number };

function values(m: MatrixBlock): Float64Array {
  return m.isSparse ? m.toDense().denseData() : m.denseData();
}

/** Element counts per rank of a matrix partitioned along `length` with `width` values per index. */
function countsOf(length: number, width: number, size: number): number[] {
  const off = blockOffsets(length, size);
  return Array.from({ length: size }, (_, r) => (off[r + 1]! - off[r]!) * width);
}

/** A host matrix enters the cluster (`host` on rank 0 only). */
export function putMatrix(comm: Communicator, store: RankStore, cmd: Put, host?: MatrixBlock): void {
  const { rows, cols, nnz, id } = cmd;
  let part: MatrixBlock;
  if (cmd.layout === 'replicated' && cmd.sparse) {
    part = bcastCsr(comm, rows, cols, comm.rank === 0 ? host : undefined);
  } else if (cmd.layout === 'replicated') {
    const buf = comm.rank === 0 ? values(host!) : new Float64Array(rows * cols);
    comm.bcast(buf, 0);
    part = comm.rank === 0 ? host! : MatrixBlock.dense(rows, cols, buf);
  } else {
    const counts = countsOf(rows, cols, comm.size);
    const recv = new Float64Array(counts[comm.rank]!);
    comm.scatterv(comm.rank === 0 ? values(host!) : null, counts, recv, 0);
    part = MatrixBlock.dense(blockRange(blockOffsets(rows, comm.size), comm.rank).count, cols, recv);
  }
  if (cmd.sparse && !part.isSparse) part = part.toSparse();
  store.put(id, { layout: cmd.layout, rows, cols, nnz, part });
}

/**
 * A sparse matrix from rank 0 to every rank as its CSR arrays (nnz-sized, not rows x cols: a
 * selection matrix of 500 x 1e5 with 500 non-zeros is 12 KB this way, 400 MB dense). Rank 0
 * passes `host` and gets it back; the others get the copy.
 */
function bcastCsr(comm: Communicator, rows: number, cols: number, host?: MatrixBlock): MatrixBlock {
  const csr = host?.sparseData();
  // The arrays may be longer than the matrix needs (capacity); send exactly nnz entries.
  const rowPtr = csr !== undefined ? csr.rowPtr.slice(0, rows + 1) : new Int32Array(rows + 1);
  comm.bcast(rowPtr, 0);
  const stored = rowPtr[rows]!;
  const colIdx = csr !== undefined ? csr.colIdx.slice(0, stored) : new Int32Array(stored);
  const vals = csr !== undefined ? csr.values.slice(0, stored) : new Float64Array(stored);
  comm.bcast(colIdx, 0);
  comm.bcast(vals, 0);
  return host ?? MatrixBlock.sparse(rows, cols, { rowPtr, colIdx, values: vals });
}

/** The whole matrix on every rank (allgather of a partitioned one). */
function wholeEverywhere(comm: Communicator, s: StoredMatrix): MatrixBlock {
  if (s.layout === 'replicated') return s.part;
  const byRows = s.layout === 'rows';
  // A column block travels as its transpose: then both layouts gather as row blocks.
  const [len, width] = byRows ? [s.rows, s.cols] : [s.cols, s.rows];
  const recv = new Float64Array(len * width);
  comm.allgatherv(values(byRows ? s.part : transpose(s.part)), recv, countsOf(len, width, comm.size));
  const m = MatrixBlock.dense(len, width, recv);
  return (byRows ? m : transpose(m)).examSparsity();
}

/** The whole matrix on rank 0 only (undefined elsewhere). */
export function getMatrix(comm: Communicator, store: RankStore, id: number): MatrixBlock | undefined {
  const s = store.get(id);
  if (s.layout === 'replicated') return comm.rank === 0 ? s.part : undefined;
  const byRows = s.layout === 'rows';
  const [len, width] = byRows ? [s.rows, s.cols] : [s.cols, s.rows];
  const counts = countsOf(len, width, comm.size);
  const recv = comm.rank === 0 ? new Float64Array(len * width) : null;
  comm.gatherv(values(byRows ? s.part : transpose(s.part)), recv, counts, 0);
  if (recv === null) return undefined;
  const m = MatrixBlock.dense(len, width, recv);
  return (byRows ? m : transpose(m)).examSparsity();
}

/** A stored matrix in the layout an op needs, as this rank's local argument. */
function inLayout(comm: Communicator, s: StoredMatrix, need: ArgPlacement): MatrixBlock {
  if (need === s.layout) return s.part;
  const whole = wholeEverywhere(comm, s);
  if (need === 'rows') return rowBlock(whole, comm.rank, comm.size);
  if (need === 'cols') return colBlock(whole, comm.rank, comm.size);
  return whole;
}

/** The plan every rank computes from the driver's shapes (the same on all ranks). */
export function planOf(cmd: Run): DistPlan {
  const plan = planDist(cmd.opcode, {
    args: cmd.shapes,
    argNames: cmd.argNames.map((n) => n ?? undefined),
    span: NO_SPAN,
  });
  if (plan === undefined) throw new Error(`dist: no distributed plan for '${cmd.opcode}' on these inputs`);
  return plan;
}

/** Runs one distributed op on this rank: its arguments in layout, its local step, its collective. */
export function runOp(comm: Communicator, store: RankStore, cmd: Run): RunResult {
  const plan = planOf(cmd);
  const args: LocalArg[] = cmd.args.map((a, i) =>
    a.kind === 'scalar' ? a.value : inLayout(comm, store.get(a.id), plan.args[i]!),
  );
  const { start, count } = blockRange(blockOffsets(plan.partitioned, comm.size), comm.rank);
  const at: RankContext = {
    rank: comm.rank,
    size: comm.size,
    rowOffset: start,
    rows: count,
    kernels: LOCAL_KERNELS,
  };
  let result: MatrixBlock | number;
  switch (plan.combine) {
    case 'rows':
    case 'cols': {
      const part = plan.local(args, at);
      // No collective for the exact nnz: an allreduce per op cost more than many an op (l2svm's
      // cell-wise steps); rows x cols bounds it until the matrix is collected (no plan reads it).
      const { rows, cols } = plan.result as { rows: number; cols: number };
      store.put(cmd.out, { layout: plan.combine, rows, cols, nnz: rows * cols, part });
      return { kind: 'matrix', rows, cols, nnz: rows * cols };
    }
    case 'allreduce': {
      const buf = plan.local(args, at);
      if (buf.length !== plan.length)
        throw new Error(`dist: ${cmd.opcode} gave ${buf.length} values, not ${plan.length}`);
      comm.allreduce(buf, plan.op);
      result = plan.finish(buf);
      break;
    }
    case 'allgather': {
      const buf = plan.local(args, at);
      if (buf.length !== plan.length)
        throw new Error(`dist: ${cmd.opcode} gave ${buf.length} values, not ${plan.length}`);
      const all = new Float64Array(plan.length * comm.size);
      comm.allgatherv(buf, all, Array<number>(comm.size).fill(plan.length));
      result = plan.finish(all);
      break;
    }
  }
  if (typeof result === 'number') return { kind: 'scalar', value: result };
  store.put(cmd.out, {
    layout: 'replicated',
    rows: result.rows,
    cols: result.cols,
    nnz: result.nnz,
    part: result,
  });
  return { kind: 'matrix', rows: result.rows, cols: result.cols, nnz: result.nnz };
}
