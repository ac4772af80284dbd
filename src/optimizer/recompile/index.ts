/** Dynamic recompilation: marking, block splitting, and recompiling blocks with real sizes. */
export { BlockRecompiler, type BasicBlock, type RecompileListener } from './hook.js';
export { hasUnknownSizes } from './marking.js';
export {
  recompileDag,
  withLiveSizes,
  type LiveLookup,
  type LiveVar,
  type RecompileContext,
  type Recompiled,
} from './recompile-block.js';
export { splitAfterDataDependentOps, DATA_DEPENDENT_OPS } from './split-blocks.js';
