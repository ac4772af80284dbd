// NumPy side: one python3 process per workload (BENCH_PYTHON picks the interpreter). Setup once,
// then the op REPEAT times in the same process, as on the other sides; OPENBLAS_CORETYPE comes
// from the parent's environment (run.js sets it) so NumPy's OpenBLAS picks the same kernels.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMarkers } from './markers.js';

export const name = 'numpy';
// Debian's python3-numpy first (the issue's reference: the same system OpenBLAS as Tessera and R),
// when /usr/bin/python3 has it; else whatever python3 is on the PATH.
function defaultPython() {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
  return r.status === 0 ? '/usr/bin/python3' : 'python3';
}
const PYTHON = process.env.BENCH_PYTHON ?? defaultPython();
export const install = 'apt-get install python3-numpy python3-scipy (or pip install numpy scipy)';

const indent = (text, pad) =>
  text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');

// The BLAS NumPy really loaded, read from the process's own memory map (the build config names
// the library it was built against, which need not be the one in use).
const PROBE = `import numpy, scipy, re
paths = sorted({l.split()[-1] for l in open('/proc/self/maps') if re.search(r'blas|lapack', l.split()[-1] if len(l.split()) > 5 else '')})
print(f"NumPy {numpy.__version__}, SciPy {scipy.__version__} ({numpy.__file__.rsplit('/', 2)[0]}); BLAS {', '.join(paths) or '?'}")`;

/** One line naming versions and the loaded BLAS, or undefined when NumPy/SciPy are missing. */
export function describe() {
  const r = spawnSync(PYTHON, ['-c', PROBE], { encoding: 'utf8', env: process.env });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function time(w, repeat, dir) {
  const { setup, op, use, info } = w.numpy;
  const py = `import time
import numpy as np
np.random.seed(1)
${setup}
best = float('inf')
acc = 0.0
for rep in range(${repeat}):
    t0 = time.perf_counter()
${indent(op, '    ')}
    best = min(best, (time.perf_counter() - t0) * 1000)
    acc += float(${use})
print("@@acc", acc)
print("@@best", best)
${info ? `print("@@info", ${info})` : ''}
`;
  // Not numpy.py: a script of that name would shadow the numpy package it imports.
  const file = join(dir, 'bench_numpy.py');
  writeFileSync(file, py);
  const r = spawnSync(PYTHON, [file], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 26 });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-1)[0] };
  return parseMarkers(r.stdout.split('\n'));
}
