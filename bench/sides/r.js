// R side: one Rscript process per workload, setup once and the op REPEAT times in the same process.
// Sys.time() (microsecond resolution on Linux) rather than proc.time(), whose elapsed field has
// millisecond steps. R's BLAS is whatever the system's libblas.so.3 alternative points at (OpenBLAS
// here); OPENBLAS_CORETYPE from the parent's environment applies to it too.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkers } from './markers.js';

export const name = 'r';
const RSCRIPT = process.env.BENCH_RSCRIPT ?? 'Rscript';
export const install = 'apt-get install r-base-core r-cran-matrix r-cran-nnet';

const PROBE = `suppressMessages(library(Matrix))
maps <- readLines("/proc/self/maps")
paths <- unique(sub("^.* ", "", grep("blas|lapack", maps, value = TRUE)))
cat(R.version.string, ", Matrix ", as.character(packageVersion("Matrix")), "; BLAS ", paste(paths, collapse = ", "), "\\n", sep = "")`;

/** One line naming the R version and the loaded BLAS, or undefined when R (or Matrix) is missing. */
export function describe() {
  const r = spawnSync(RSCRIPT, ['-e', PROBE], { encoding: 'utf8', env: process.env });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function time(w, repeat, dir) {
  const { setup, op, use, info } = w.r;
  const src = `set.seed(1)
${setup}
best <- Inf
acc <- 0
for (rep in seq_len(${repeat})) {
  t0 <- Sys.time()
  ${op}
  best <- min(best, as.numeric(difftime(Sys.time(), t0, units = "secs")) * 1000)
  acc <- acc + as.numeric(${use})
}
cat("@@acc", format(acc, digits = 17), "\\n")
cat("@@best", format(best, digits = 10), "\\n")
${info ? `cat("@@info", ${info}, "\\n")` : ''}
`;
  const file = join(dir, 'bench.R');
  writeFileSync(file, src);
  const r = spawnSync(RSCRIPT, [file], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 26 });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-1)[0] };
  return parseMarkers(r.stdout.split('\n'));
}
