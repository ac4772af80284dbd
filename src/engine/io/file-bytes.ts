/**
 * Reading a file's bytes from a descriptor (opened through the run's FileAccess). Large files
 * go straight into a SharedArrayBuffer (fs.readSync into a view of it, no second copy), so that
 * the worker pool can parse them in place. The descriptor is closed.
 */
import { closeSync, fstatSync, readFileSync, readSync } from 'node:fs';

export const fileBytes = {
  /** Files at least this large are read into shared memory (tests lower it). */
  sharedMinBytes: 1 << 20,
};

export function readFileBytes(fd: number, shared = true): Buffer {
  try {
    const size = fstatSync(fd).size;
    if (!shared || size < fileBytes.sharedMinBytes) return readFileSync(fd);
    const buf = Buffer.from(new SharedArrayBuffer(size), 0, size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, Math.min(size - at, 1 << 30), at);
      if (n === 0) break;
      at += n;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
