// Tessera side: runs in this process through the built API (dist/), one DML script per workload.
// The op sits between two time() calls inside a DML `for` loop; time() is ordered (the optimizer
// splits blocks around it), so the op cannot move out of the timed region, and the result feeds
// an accumulator printed at the end, so it cannot be dropped as dead code.
import { runScript } from '../../dist/api/index.js';
import { parseMarkers } from './markers.js';

export const name = 'tessera';

/** The DML that times `w.tessera` REPEAT times (exported for `-explain` checks). */
export function script(w, repeat) {
  const { setup, op, use } = w.tessera;
  return `${setup}
bestMs = 1e300
acc = 0
for (rep in 1:${repeat}) {
  t0 = time()
  ${op}
  t1 = time()
  bestMs = min(bestMs, (t1 - t0) / 1e6)
  acc = acc + ${use}
}
print("@@acc " + acc)
print("@@best " + bestMs)
`;
}

/** Best milliseconds of the op, or an error message. */
export function time(w, repeat) {
  const lines = [];
  try {
    runScript({ text: script(w, repeat), print: (l) => lines.push(l) });
  } catch (e) {
    return { error: String(e instanceof Error ? e.message : e).split('\n')[0] };
  }
  const res = parseMarkers(lines);
  // Stdlib rows run with their verbose flag (it only prints figures computed anyway) and read their
  // iteration counts from the progress lines, as the NumPy and R ports print theirs.
  if (w.tessera.info && !res.error) res.info = w.tessera.info(lines, repeat);
  return res;
}
