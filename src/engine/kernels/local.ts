/** Registers the TypeScript ('local') kernels: the baseline every other backend is tested against. */
import { KernelRegistry } from './registry.js';

export function registerLocalKernels(reg: KernelRegistry): void {
  void reg; // the linear-algebra kernels add their registrations here
}

export function createKernelRegistry(): KernelRegistry {
  const reg = new KernelRegistry();
  registerLocalKernels(reg);
  return reg;
}
