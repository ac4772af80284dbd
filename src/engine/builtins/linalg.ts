/**
 * Builtins: %*% and the decompositions (solve inv/inverse det cholesky eigen lu qr svd), each
 * through its op's kernel (the first of the op's local variants that supports the call).
 */
import { builtinSpec } from '../../common/builtins/catalogue.js';
import { fail } from '../../common/diagnostics.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import { dbl, type Value } from '../data/values.js';
import { BoundArgs, describe } from './args.js';
import {
  choleskyKernel,
  detKernel,
  eigenKernel,
  invKernel,
  luKernel,
  qrKernel,
  solveKernel,
  svdKernel,
} from '../kernels/decompositions/variants.js';
import { matmulKernel } from '../kernels/matmul-variants.js';
import { atSpan } from './kernel-errors.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';

function bind(call: BuiltinCall, specName: string): BoundArgs {
  const spec = builtinSpec(specName);
  if (!spec) throw new Error(`builtin '${specName}' is missing from the catalogue`);
  return BoundArgs.bind(call, spec);
}

/** A matrix argument; scalars are rejected (SystemDS does not promote them for linear algebra). */
function matrixArg(args: BoundArgs, name: string): MatrixBlock {
  const v = args.required(name);
  if (v.dt !== 'matrix')
    fail('DML3001', `${args.call.name}() expects a matrix for '${name}', got a ${describe(v)}`, args.span);
  return v;
}

function square(args: BoundArgs, m: MatrixBlock): MatrixBlock {
  if (m.rows !== m.cols)
    fail('DML4002', `${args.call.name}() requires a square matrix, got ${m.rows}x${m.cols}`, args.span);
  return m;
}

export function registerLinalg(reg: BuiltinRegistry): void {
  reg.register('%*%', (call) => {
    const args = bind(call, '%*%');
    const a = args.required('e1');
    const b = args.required('e2');
    if (a.dt !== 'matrix' || b.dt !== 'matrix') {
      fail(
        'DML3001',
        `%*% expects two matrices, got ${describe(a)} %*% ${describe(b)} (use * for scalars)`,
        call.span,
      );
    }
    if (a.cols !== b.rows)
      fail('DML4001', `%*%: dimensions do not agree: ${a.rows}x${a.cols} %*% ${b.rows}x${b.cols}`, call.span);
    return atSpan(call.span, () => matmulKernel(a, b));
  });

  reg.register('solve', (call) => {
    const args = bind(call, 'solve');
    const a = square(args, matrixArg(args, 'A'));
    const b = matrixArg(args, 'b');
    if (b.rows !== a.rows)
      fail('DML4001', `solve(): A is ${a.rows}x${a.cols} but b has ${b.rows} rows`, call.span);
    return atSpan(call.span, () => solveKernel(a, b));
  });

  const invImpl = (call: BuiltinCall): Value => {
    const args = bind(call, call.name);
    const a = square(args, matrixArg(args, 'target'));
    return atSpan(call.span, () => invKernel(a));
  };
  reg.register('inv', invImpl);
  reg.register('inverse', invImpl);

  reg.register('det', (call) => {
    const args = bind(call, 'det');
    const a = square(args, matrixArg(args, 'target'));
    return dbl(atSpan(call.span, () => detKernel(a)));
  });

  reg.register('cholesky', (call) => {
    const args = bind(call, 'cholesky');
    const a = square(args, matrixArg(args, 'target'));
    return atSpan(call.span, () => choleskyKernel(a));
  });

  reg.register('eigen', (call) => {
    const args = bind(call, 'eigen');
    const a = square(args, matrixArg(args, 'target'));
    return atSpan(call.span, () => eigenKernel(a));
  });

  reg.register('lu', (call) => {
    const args = bind(call, 'lu');
    const a = square(args, matrixArg(args, 'target'));
    return atSpan(call.span, () => luKernel(a));
  });

  reg.register('qr', (call) => {
    const args = bind(call, 'qr');
    const a = matrixArg(args, 'target');
    return atSpan(call.span, () => qrKernel(a));
  });

  reg.register('svd', (call) => {
    const args = bind(call, 'svd');
    const a = matrixArg(args, 'target');
    return atSpan(call.span, () => svdKernel(a));
  });
}
