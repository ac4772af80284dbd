/**
 * Atomic file writes: the data goes to a temporary name in the target's directory and is renamed
 * over the target, so a reader never sees half a file and a failed write leaves nothing behind.
 * An existing target (file, or a directory of part files written by SystemDS) is replaced.
 */
import { mkdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { IO_ERR } from './formats.js';

let counter = 0;

export function atomicWriteFile(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
  span: Span,
): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tessera-tmp-${process.pid}-${Date.now()}-${counter++}`);
  let tmpWritten = false;
  try {
    mkdirSync(dir, { recursive: true });
    if (Array.isArray(data)) writeFileSync(tmp, Buffer.concat(data as readonly Uint8Array[]));
    else writeFileSync(tmp, data as string | Uint8Array);
    tmpWritten = true;
    if (isDirectory(path)) rmSync(path, { recursive: true, force: true });
    renameSync(tmp, path);
  } catch (e) {
    if (tmpWritten || existsQuiet(tmp)) {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing more can be done; the original error is what matters
      }
    }
    fail(IO_ERR.writeFailed, `cannot write '${path}': ${(e as Error).message}`, span);
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function existsQuiet(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
