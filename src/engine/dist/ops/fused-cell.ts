/**
 * The optimizer's fused cell-wise programs (rewrites/fuse-cellwise.ts): fused_cell,
 * fused_rowSums (row-partitioned results, no communication, bit-identical to LOCAL), fused_sum
 * and fused_colSums (allreduce 'sum' of the partial sums, within 1e-12 relative). Leaves are
 * placed as the program's loop reads them: full-shape leaves and column vectors row-partitioned,
 * row vectors replicated, scalars on every rank. An empty partition contributes no cells (the
 * program's own shape inference would take a replicated row vector's one row for the output's).
 */
import { MatrixBlock } from '../../data/matrix-block.js';
import { evaluateCellProgram, type CellAggregate } from '../../kernels/fused/cell-program.js';
import { CompilerOps } from '../../../common/op-names.js';
import type { ArgShape } from '../../backends/backend.js';
import { cellOperand, isNumericScalar, positionalArgs, type MatrixDims } from './call-args.js';
import type { ArgPlacement, DistOp, DistPlan, LocalArg, RankContext } from './dist-op.js';

const FUSED: ReadonlyMap<string, CellAggregate> = new Map<string, CellAggregate>([
  [CompilerOps.fusedCell, 'none'],
  [CompilerOps.fusedSum, 'sum'],
  [CompilerOps.fusedRowSums, 'rowSums'],
  [CompilerOps.fusedColSums, 'colSums'],
]);

/** The output dims (largest rows and cols among matrix leaves), as the program computes them. */
function outputDims(leaves: readonly ArgShape[]): MatrixDims | undefined {
  let rows = -1;
  let cols = -1;
  for (const l of leaves) {
    if (l.kind !== 'matrix') continue;
    rows = Math.max(rows, l.rows);
    cols = Math.max(cols, l.cols);
  }
  return rows < 0 ? undefined : { rows, cols };
}

/** A leaf's placement by the program's leaf kinds (full, col, row, scalar); undefined: LOCAL's error. */
function leafPlacement(l: ArgShape, out: MatrixDims): ArgPlacement | undefined {
  if (l.kind === 'scalar') return isNumericScalar(l) ? 'scalar' : undefined;
  if (l.kind !== 'matrix') return undefined;
  if (l.rows === out.rows && (l.cols === out.cols || l.cols === 1)) return 'rows';
  if (l.rows === 1 && l.cols === out.cols) return 'replicated';
  return undefined;
}

function evaluate(program: string, agg: CellAggregate, args: readonly LocalArg[]): MatrixBlock | number {
  return evaluateCellProgram(program, args.slice(1).map(cellOperand), agg);
}

function fusedPlan(agg: CellAggregate, args: readonly ArgShape[]): DistPlan | undefined {
  const program = args[0];
  if (program === undefined || program.kind !== 'scalar' || program.value.vt !== 'string') return undefined;
  const text = program.value.value;
  const leaves = args.slice(1);
  const out = outputDims(leaves);
  if (out === undefined) return undefined;
  const placements: ArgPlacement[] = ['scalar'];
  for (const l of leaves) {
    const p = leafPlacement(l, out);
    if (p === undefined) return undefined;
    placements.push(p);
  }
  const base = { args: placements, partitioned: out.rows };
  const empty = (at: RankContext): boolean => at.rows === 0;
  switch (agg) {
    case 'none':
    case 'rowSums': {
      const cols = agg === 'none' ? out.cols : 1;
      return {
        ...base,
        combine: 'rows',
        result: { rows: out.rows, cols },
        local: (a, at) => (empty(at) ? MatrixBlock.dense(0, cols) : (evaluate(text, agg, a) as MatrixBlock)),
      };
    }
    case 'sum':
      return {
        ...base,
        combine: 'allreduce',
        op: 'sum',
        length: 1,
        result: 'scalar',
        local: (a, at) => Float64Array.of(empty(at) ? 0 : (evaluate(text, agg, a) as number)),
        finish: (r) => r[0]!,
      };
    case 'colSums':
      return {
        ...base,
        combine: 'allreduce',
        op: 'sum',
        length: out.cols,
        result: { rows: 1, cols: out.cols },
        local: (a, at) =>
          empty(at)
            ? new Float64Array(out.cols)
            : (evaluate(text, agg, a) as MatrixBlock).denseData().slice(),
        finish: (r) => MatrixBlock.dense(1, out.cols, r).examSparsity(),
      };
  }
}

export const fusedCellOps: DistOp = {
  opcodes: [...FUSED.keys()],
  plan(opcode, call) {
    const agg = FUSED.get(opcode);
    const args = positionalArgs(call);
    return agg === undefined || args === undefined ? undefined : fusedPlan(agg, args);
  },
};
