/**
 * ml-matrix, loaded on first use: importing it costs ~100 ms, which every `dml` start-up would
 * otherwise pay although only eigen() and svd() (on the TypeScript path) need it.
 */
import { createRequire } from 'node:module';

type MlMatrix = typeof import('ml-matrix');

let mod: MlMatrix | undefined;

export function mlMatrix(): MlMatrix {
  mod ??= createRequire(import.meta.url)('ml-matrix') as MlMatrix;
  return mod;
}
