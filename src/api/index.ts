/**
 * Tessera's embedding API (first version): run DML scripts from TypeScript and read their
 * variables back. The richer session/prepared-script API with Arrow interop builds on this.
 */
export { compileScript, DmlRunError, explain, runCompiled, runScript } from './run.js';
export type { ExplainLevel, RunOptions, RunResult } from './run.js';
export { MatrixBlock } from '../engine/data/matrix-block.js';
export { FrameBlock, ListValue } from '../engine/data/values.js';
export type { ScalarValue, Value } from '../engine/data/values.js';
export type { Diagnostic } from '../common/diagnostics.js';
