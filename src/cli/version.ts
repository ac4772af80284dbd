/** Version string and the compute paths in use (dml --version). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compiledDescription } from '../engine/kernels/compiled/library.js';
import { nativeDescription } from '../engine/kernels/native/state.js';
import { variantsText } from '../engine/kernels/variant-tables.js';
import { mpiDescription } from '../engine/dist/mpi/library.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const VERSION = packageVersion();

/**
 * `loadBlas`: find and load the native library to name it. Commander builds this text on every
 * start, so only `dml --version` itself should pay for loading koffi and the library.
 */
export function versionText(loadBlas = true): string {
  const paths = variantsText(['matmul', 'tsmm', 'solve', 'eigen', 'svd'], loadBlas);
  const blas = loadBlas ? nativeDescription() : 'found on first use';
  const compiled = loadBlas ? compiledDescription() : 'found on first use';
  // Loading the MPI binding loads libmpi but does not start MPI (MPI_Get_library_version needs no MPI_Init).
  const mpi = mpiDescription(loadBlas);
  return `tessera ${VERSION} (node ${process.versions.node})\nkernels: ${paths}\nBLAS/LAPACK: ${blas}\ncompiled kernels: ${compiled}\nMPI: ${mpi}\nbackends: LOCAL; DIST when started by mpirun, mpiexec or srun (or dml --ranks N); GPU not available yet`;
}
