/** The cost model: memory estimates, time model, machine description and exec-type choice. */
export { annotateDag, type Annotated } from './annotate.js';
export { chooseExecType, type ExecChoice } from './exec-type.js';
export {
  BUDGET_FRACTION,
  machineFrom,
  capabilitiesOf,
  type BackendCapability,
  type MachineDescription,
  type MeasuredRates,
  type PlannerSettings,
} from './machine.js';
export { formatBytes, matrixBytes, operationBytes, outputBytes } from './memory.js';
export { estimateSeconds, flops } from './time.js';
