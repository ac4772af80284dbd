/** Registers every builtin implementation, group by group (explicitly: no import side effects). */
import { registerAggregates } from './aggregates.js';
import { registerCellwise } from './cellwise.js';
import { registerCore } from './core.js';
import { registerDatagen } from './datagen.js';
import { registerDistributions } from './distributions.js';
import { registerFused } from './fused.js';
import { registerFrames } from './frames.js';
import { registerGrouping } from './grouping.js';
import { registerIo } from './io.js';
import { registerLinalg } from './linalg.js';
import { registerOperators } from './operators.js';
import { registerReorg } from './reorg.js';
import { BuiltinRegistry } from './registry.js';

export type GroupRegistrar = (reg: BuiltinRegistry) => void;

/** Group registrars; each group file adds itself here when it is written. */
const GROUPS: readonly GroupRegistrar[] = [
  registerCore,
  registerReorg,
  registerGrouping,
  registerIo,
  registerOperators,
  registerCellwise,
  registerAggregates,
  registerLinalg,
  registerDatagen,
  registerDistributions,
  registerFused,
  registerFrames,
];

export function createBuiltinRegistry(): BuiltinRegistry {
  const reg = new BuiltinRegistry();
  for (const g of GROUPS) g(reg);
  return reg;
}
