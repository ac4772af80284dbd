/**
 * Huge pages for large dense buffers (native/memory.c): a streaming kernel over a 1e4x1e3 matrix
 * in 4 KB pages spends much of its time in TLB misses (rowSums measured 2.7 ms with huge pages
 * against 6-8 ms without, in this virtual machine), which is most of NumPy's edge on such sums.
 * Call on a freshly allocated buffer, before its first write: the pages are placed at first touch.
 */
import { compiledKernels, type CompiledFunction, type CompiledKernels } from './library.js';

/** Below 4 MB a buffer holds at most one aligned 2 MB page: not worth a call. */
const MIN_BYTES = 4 << 20;

let boundFor: CompiledKernels | undefined;
let advise: CompiledFunction | undefined;

/** Asks the OS to back d with huge pages where it can (Linux; no-op elsewhere or when small). */
export function adviseHugePages(d: Float64Array): void {
  if (d.byteLength < MIN_BYTES) return;
  const k = compiledKernels();
  if (k === undefined) return;
  if (k !== boundFor) {
    boundFor = k;
    try {
      advise = k.fn('int tessera_advise_huge(const double *p, int64_t n)');
    } catch {
      advise = undefined; // a library built before native/memory.c
    }
  }
  advise?.(d, d.length);
}
