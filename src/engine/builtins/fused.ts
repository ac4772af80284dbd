/**
 * Internal operators the optimizer emits (never written in DML, no catalogue entries, positional
 * arguments only): tsmm(X, left), mmchain(X, v[, w]), tmm(X, Y) = t(X) %*% Y, and the fused cell-wise ops
 * fused_cell / fused_sum / fused_rowSums / fused_colSums(program, leaf...). Each runs one kernel
 * and shows under its own name in -stats.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { dbl, type Value } from '../data/values.js';
import { evaluateCellProgram, type CellAggregate, type CellLeaf } from '../kernels/fused/cell-program.js';
import { cellwiseBinary } from '../kernels/cellwise-binary.js';
import { mmchain } from '../kernels/fused/mmchain.js';
import { matmulKernel, tmmKernel } from '../kernels/matmul-variants.js';
import { tsmmKernel } from '../kernels/tsmm.js';
import { transpose } from '../kernels/transpose.js';
import { describe, toNumber } from './args.js';
import { atSpan } from './kernel-errors.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';
import { CompilerOps } from '../../common/op-names.js';

function matrixAt(call: BuiltinCall, i: number): MatrixBlock {
  const v = call.args[i];
  if (v === undefined || v.dt !== 'matrix')
    fail(
      'DML3001',
      `${call.name}() expects a matrix as operand ${i + 1}, got ${v ? describe(v) : 'nothing'}`,
      call.span,
    );
  return v;
}

function leafOf(v: Value, call: BuiltinCall, span: Span): CellLeaf {
  if (v.dt === 'matrix') return v;
  return toNumber(v, `${call.name}() operand`, span);
}

function fusedCell(agg: CellAggregate) {
  return (call: BuiltinCall): Value => {
    const p = call.args[0];
    if (p === undefined || p.dt !== 'scalar' || p.vt !== 'string')
      throw new Error(`internal: ${call.name}() needs its program as first operand`);
    const leaves = call.args.slice(1).map((v) => leafOf(v, call, call.span));
    const r = atSpan(call.span, () => evaluateCellProgram(p.value, leaves, agg, call.span));
    return typeof r === 'number' ? dbl(r) : r;
  };
}

export function registerFused(reg: BuiltinRegistry): void {
  reg.register(CompilerOps.tsmm, (call) => {
    const x = matrixAt(call, 0);
    const flag = call.args[1];
    const left = flag === undefined || (flag.dt === 'scalar' && flag.value === true);
    return atSpan(call.span, () => tsmmKernel(x, left));
  });
  reg.register(CompilerOps.mmchain, (call) => {
    const x = matrixAt(call, 0);
    const v = matrixAt(call, 1);
    const w = call.args.length > 2 ? matrixAt(call, 2) : undefined;
    if (v.rows !== x.cols)
      fail('DML4001', `%*%: dimensions do not agree: ${x.rows}x${x.cols} %*% ${v.rows}x${v.cols}`, call.span);
    if (v.cols === 1 && (w === undefined || (w.rows === x.rows && w.cols === 1)))
      return atSpan(call.span, () => mmchain(x, v, w));
    // Compiled with unknown dims and v is not a vector: the unfused chain, same kernels as -O0.
    return atSpan(call.span, () => {
      let u = matmulKernel(x, v);
      if (w !== undefined) u = cellwiseBinary('*', w, u, call.span);
      return matmulKernel(transpose(x), u);
    });
  });
  reg.register(CompilerOps.tmm, (call) => {
    const x = matrixAt(call, 0);
    const y = matrixAt(call, 1);
    if (x.rows !== y.rows)
      fail('DML4001', `%*%: dimensions do not agree: ${x.cols}x${x.rows} %*% ${y.rows}x${y.cols}`, call.span);
    // BLAS reads X transposed in place; without BLAS (or sparse) the kernel transposes, as -O0.
    return atSpan(call.span, () => tmmKernel(x, y));
  });
  reg.register(CompilerOps.fusedCell, fusedCell('none'));
  reg.register(CompilerOps.fusedSum, fusedCell('sum'));
  reg.register(CompilerOps.fusedRowSums, fusedCell('rowSums'));
  reg.register(CompilerOps.fusedColSums, fusedCell('colSums'));
}
