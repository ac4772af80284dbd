/**
 * Atomic writes of an output and its `.mtd`: both are replaced together or not at all.
 *
 *  1. Every target is checked first: an existing directory is replaced only when it is a part-file
 *     output (a `<dir>.mtd` beside it, nothing but plain files inside, and not the working
 *     directory or one of its parents). Anything else is refused before a byte is written, so a
 *     careless `write(X, ".")` or `write(X, "results")` can never delete a user's directory.
 *  2. Each file is written to a short temporary name in its target's directory; a failure here
 *     removes the temporaries and leaves every old file as it was.
 *  3. Old targets are renamed aside, the temporaries renamed into place; if any rename fails
 *     the steps are undone in reverse, so the old output (data and metadata) comes back.
 *  4. Only then are the old files deleted.
 * Renames within one directory are atomic on POSIX file systems: a reader sees the old or the new
 * file, never half of one.
 */
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { IO_ERR } from './formats.js';
import type { StreamedText } from './text-sink.js';

/**
 * A file's content: text, bytes, chunks written one after another, or a streaming writer that
 * runs while the file is written (never joined in memory: text files of any size).
 */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array> | StreamedText;

export interface OutputFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: FileContent;
}

let counter = 0;

/** A name in the target's directory that no reader looks at (hidden) and that stays short. */
function sideName(path: string, kind: 'tmp' | 'old'): string {
  return join(dirname(path), `.tessera-${kind}-${process.pid}-${(counter++).toString(36)}`);
}

/** Writes one file atomically (no `.mtd`). */
export function atomicWriteFile(path: string, content: FileContent, span: Span, cwd?: string): void {
  atomicWriteFiles([{ path, content }], span, cwd);
}

/** Writes files (an output and its `.mtd`) so that all are replaced, or none. */
export function atomicWriteFiles(outputs: readonly OutputFile[], span: Span, cwd = process.cwd()): void {
  for (const o of outputs) checkReplaceable(o.path, cwd, span);
  const temps: string[] = [];
  let current = outputs[0]?.path ?? '';
  try {
    for (const o of outputs) {
      current = o.path;
      mkdirSync(dirname(o.path), { recursive: true });
      const tmp = sideName(o.path, 'tmp');
      temps.push(tmp);
      writeContent(tmp, o.content);
    }
  } catch (e) {
    removeQuietly(temps);
    return failWrite(current, e, span);
  }
  // Commit: old target aside, new one in; undone in reverse on the first failure.
  const undo: (() => void)[] = [];
  const backups: string[] = [];
  try {
    outputs.forEach((o, k) => {
      current = o.path;
      if (lexists(o.path)) {
        const old = sideName(o.path, 'old');
        renameSync(o.path, old);
        backups.push(old);
        undo.push(() => renameSync(old, o.path));
      }
      renameSync(temps[k]!, o.path);
      undo.push(() => renameSync(o.path, temps[k]!));
    });
  } catch (e) {
    for (const step of undo.reverse()) {
      try {
        step();
      } catch {
        // Keep undoing the other steps; the error below names the write that failed.
      }
    }
    removeQuietly(temps);
    return failWrite(current, e, span);
  }
  for (const b of backups) rmSync(b, { recursive: true, force: true });
}

function writeContent(path: string, content: FileContent): void {
  const fd = openSync(path, 'wx', 0o666);
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) writeAll(fd, content);
    else if ('stream' in content) content.stream((chunk) => writeAll(fd, chunk));
    else for (const chunk of content) writeAll(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * Refuses a target that must not be replaced: a directory that is not a part-file output, or
 * the working directory or one of its parents.
 */
function checkReplaceable(path: string, cwd: string, span: Span): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return; // nothing there yet (or not reachable: the write reports that)
  }
  if (!st.isDirectory()) return;
  const refuse = (why: string): never =>
    fail(IO_ERR.writeFailed, `cannot write '${path}': it is ${why}; nothing was changed`, span);
  const rel = relative(path, cwd);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
    refuse(rel === '' ? 'the working directory' : 'a parent of the working directory');
  let mtdIsFile = false;
  try {
    mtdIsFile = lstatSync(`${path}.mtd`).isFile();
  } catch {
    mtdIsFile = false;
  }
  if (!mtdIsFile) refuse('a directory that is not a part-file output (it has no .mtd beside it)');
  for (const e of readdirSync(path, { withFileTypes: true }))
    if (!e.isFile()) refuse(`a directory holding '${e.name}', which is not a part file`);
}

function failWrite(path: string, e: unknown, span: Span): never {
  return fail(IO_ERR.writeFailed, `cannot write '${path}': ${(e as Error).message}`, span);
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function removeQuietly(paths: readonly string[]): void {
  for (const p of paths) {
    try {
      unlinkSync(p);
    } catch {
      // Not written, or already gone: nothing to clean.
    }
  }
}
