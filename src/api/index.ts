/**
 * Tessera's embedding API: run DML scripts from TypeScript applications.
 *
 * - {@link Session}: configuration (threads, seed, working dir, file confinement) and `run()`;
 * - {@link PreparedScript}: compile once with declared inputs/outputs, `execute()` many times;
 * - {@link RunResults}: outputs as Arrow tables, typed arrays, nested arrays, scalars or frames;
 * - Arrow interop: {@link matrixToArrow}, {@link arrowToMatrix}, {@link frameToArrow}, {@link arrowToFrame};
 * - errors: {@link DmlRunError} carries `Diagnostic[]` with source spans.
 *
 * The lower-level entry points (`runScript`, `compileScript`, ...) used by the `dml` command are
 * exported as well; every entry point (these, Session, PreparedScript, the REPL) runs through the
 * one pipeline of pipeline.ts, so an option means the same through each.
 */
// Arrow/Parquet read/write for DML scripts run through this entry point (see engine/io/columnar.ts).
import '../engine/io/columnar-register.js';
export { Session, PreparedScript } from './session.js';
export type {
  ExecuteOptions,
  PrepareOptions,
  ProgressEvent,
  ScriptArgs,
  ScriptSource,
  SessionOptions,
  SessionRunOptions,
} from './session.js';
export { RunResults } from './results.js';
export { asFrame, intScalar, toDmlValue } from './convert.js';
export type { DenseMatrix, InputValue } from './convert.js';
export { API_ERR } from './errors.js';
export { PathConfiner } from '../common/file-access.js';
export {
  ArrowConversionError,
  arrowToFrame,
  arrowToMatrix,
  frameToArrow,
  matrixToArrow,
} from '../engine/io/arrow.js';
export { compileScript, DmlRunError, explain, runCompiled, runScript } from './run.js';
export type { ExplainLevel, RunOptions, RunResult } from './run.js';
export type { CompiledScript, RatesOption, RateSource } from './pipeline.js';
export { MatrixBlock } from '../engine/data/matrix-block.js';
export { FrameBlock, ListValue } from '../engine/data/values.js';
export type { FrameCell, FrameColumnType, ScalarValue, Value } from '../engine/data/values.js';
export type { Diagnostic } from '../common/diagnostics.js';
export type { Span } from '../common/span.js';
// Types that appear in the signatures above, exported so applications can name them.
export type { OpStat, RunStats } from '../engine/interpreter/stats.js';
export type { EngineRunStats } from '../engine/resources.js';
export type { Severity } from '../common/diagnostics.js';
export type { ExecType } from '../optimizer/hop.js';
export type {
  ClusterDescription,
  ExecMode,
  GpuDescription,
  GpuMode,
  TesseraConfig,
} from '../common/config.js';
export type { MachineDescription, MeasuredRates } from '../optimizer/cost/machine.js';
export type { CompiledProgram } from '../optimizer/index.js';
export type { CsrData } from '../engine/data/matrix-block.js';
export type {
  ArgShape,
  BackendArg,
  BackendCall,
  BackendKernel,
  DeviceData,
  DeviceExecType,
  ExecBackend,
} from '../engine/backends/backend.js';
export { DeviceMemoryError } from '../engine/backends/backend.js';
export type { Binding } from '../common/builtins/bind.js';
