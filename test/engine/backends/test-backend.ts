/**
 * A test-only backend plugged in through the public seam (src/api: ExecBackend): it stands in
 * for a GPU. It keeps its own copies of the data (uploads copy the arrays, downloads copy them
 * back, so a kernel can never touch the engine's host buffers), enforces its own memory limit
 * (DeviceMemoryError), runs the LOCAL builtin implementations on its copies, and logs every call
 * and move, so tests can see what the planner sent where and what the engine moved.
 */
import type { Binding } from '../../../src/common/builtins/bind.js';
import type {
  ArgShape,
  BackendCall,
  BackendKernel,
  DeviceData,
  ExecBackend,
} from '../../../src/api/index.js';
import { DeviceMemoryError } from '../../../src/api/index.js';
import { MatrixBlock } from '../../../src/engine/data/matrix-block.js';
import type { ScalarValue, Value } from '../../../src/engine/data/values.js';
import { createBuiltinRegistry } from '../../../src/engine/builtins/index.js';
import { testContext } from '../../helpers/builtins.js';
import { CompilerOps, FUSED_CELL_OPS } from '../../../src/common/op-names.js';

export interface TestData extends DeviceData {
  readonly id: number;
  readonly block: MatrixBlock;
  released: boolean;
}

/**
 * Ops the test backend runs: element-wise, matrix products, aggregates, reorgs and fused
 * programs. Data generators (rand, seq) stay LOCAL: their random streams belong to the run.
 */
export const TEST_BACKEND_OPS: readonly string[] = [
  '+', '-', '*', '/', '^', '%%', '%/%', 'min', 'max', '>', '<', '>=', '<=', '==', '!=', '&', '|', 'u-', '!',
  'exp', 'log', 'abs', 'sqrt', 'round', 'floor', 'ceil', 'sign', 'sin', 'cos', 'tanh', 'sigmoid',
  '%*%', CompilerOps.tsmm, CompilerOps.mmchain, CompilerOps.tmm, 't', 'rev', 'diag',
  'sum', CompilerOps.sumSq, 'mean', 'rowSums', 'colSums', 'rowMeans', 'colMeans', 'rowMaxs', 'colMaxs', 'rowMins', 'colMins',
  ...FUSED_CELL_OPS,
];

function copy(m: MatrixBlock): MatrixBlock {
  if (m.isSparse) {
    const s = m.sparseData();
    return MatrixBlock.sparse(m.rows, m.cols, {
      rowPtr: s.rowPtr.slice(),
      colIdx: s.colIdx.slice(),
      values: s.values.slice(),
    });
  }
  return MatrixBlock.dense(m.rows, m.cols, m.denseData().slice());
}

function bytesOf(m: MatrixBlock): number {
  return m.isSparse ? m.nnz * 12 + (m.rows + 1) * 4 : m.rows * m.cols * 8;
}

export class TestBackend implements ExecBackend<TestData> {
  readonly exec = 'GPU' as const;
  readonly name = 'test-gpu';
  readonly description;
  /** Every kernel call (`op`) and move (`upload RxC`, `download RxC`), in order. */
  readonly log: string[] = [];
  /** Every kernel call with the argument binding it came with (the plan's, from lowering). */
  readonly calls: { readonly op: string; readonly bound: Binding | undefined }[] = [];
  usedBytes = 0;
  private nextId = 1;
  private readonly builtins = createBuiltinRegistry();
  private readonly kernels = new Map<string, BackendKernel<TestData>>();

  constructor(
    readonly memoryBytes = 1 << 30,
    ops: readonly string[] = TEST_BACKEND_OPS,
  ) {
    // Priced as a fast device with a fast link, so the planner sends it what it registers.
    this.description = { memoryBytes, gflops: 1e6, bandwidthGBs: 1e4, transferGBs: 1e4, latencyUs: 0 };
    for (const op of ops) this.kernels.set(op, this.kernelFor(op));
  }

  ops(): Iterable<string> {
    return this.kernels.keys();
  }

  kernel(op: string): BackendKernel<TestData> | undefined {
    return this.kernels.get(op);
  }

  upload(m: MatrixBlock): TestData {
    this.log.push(`upload ${m.rows}x${m.cols}`);
    return this.adopt(copy(m));
  }

  download(d: TestData): MatrixBlock {
    if (d.released) throw new Error(`test backend: download of released data #${d.id}`);
    this.log.push(`download ${d.rows}x${d.cols}`);
    return copy(d.block);
  }

  release(d: TestData): void {
    if (d.released) throw new Error(`test backend: data #${d.id} released twice`);
    d.released = true;
    this.usedBytes -= d.bytes;
  }

  private adopt(block: MatrixBlock): TestData {
    const bytes = bytesOf(block);
    if (this.usedBytes + bytes > this.memoryBytes) throw new DeviceMemoryError(this.name, bytes);
    this.usedBytes += bytes;
    return { id: this.nextId++, rows: block.rows, cols: block.cols, nnz: block.nnz, bytes, block, released: false };
  }

  private kernelFor(op: string): BackendKernel<TestData> {
    const impl = this.builtins.get(op);
    if (impl === undefined) throw new Error(`test backend: no LOCAL builtin '${op}' to run`);
    return {
      supports: (call: BackendCall<ArgShape>) => call.args.every((a) => a.kind !== 'other'),
      run: (call) => {
        this.log.push(op);
        this.calls.push({ op, bound: call.bound });
        const args: Value[] = call.args.map((a) => {
          if (a.kind === 'scalar') return a.value;
          if (a.data.released) throw new Error(`test backend: ${op} read released data #${a.data.id}`);
          return a.data.block;
        });
        const r = impl({
          name: op,
          args,
          argNames: call.argNames,
          ...(call.bound !== undefined && { bound: call.bound }),
          span: call.span,
          ctx: testContext(),
        });
        if (r === undefined || Array.isArray(r)) throw new Error(`test backend: ${op} gave no single value`);
        const v = r as Value;
        if (v.dt === 'matrix') return this.adopt(v);
        if (v.dt === 'scalar') return v as ScalarValue;
        throw new Error(`test backend: ${op} returned a ${v.dt}`);
      },
    };
  }
}
