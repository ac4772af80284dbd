/**
 * Every file a script touches goes through one FileAccess: the compiler's `.mtd` look-ups, the
 * engine's reads (the file, its `.mtd`, each part file of a directory) and writes, and
 * `source()`. Relative names resolve against the run's working directory (a Session's `cwd`, not
 * `process.cwd()`), and a confined access (a Session with `allowedDirs`) refuses any path whose
 * real location (symlinks resolved) lies outside the allowed directories with DML6006.
 *
 * Reads are checked twice: the name before anything is opened, and the file actually opened
 * (its descriptor's real path, on Linux), so a part file that is a symlink, or a name swapped
 * for a symlink between the check and the open, cannot lead outside.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diag, DmlError, type Diagnostic } from './diagnostics.js';
import type { Span } from './span.js';

/** DML6006: a path outside the allowed directories. */
export const CONFINED_ERR = 'DML6006';

export interface FileAccess {
  /** The directory that relative names resolve against. */
  readonly cwd: string;
  /** Absolute path of a name a script wrote; DML6006 when confined and it leads outside. */
  resolve(name: string, span?: Span): string;
  /** Why an absolute path may not be used (a DML6006 diagnostic naming `shownAs`), or undefined. */
  refusal(abs: string, shownAs: string, span?: Span): Diagnostic | undefined;
  /**
   * Opens an absolute path (one that `resolve` returned, or a file found inside it, such as a
   * part file) for reading and returns the descriptor; DML6006 when what was opened lies
   * outside. Errors of the open itself (ENOENT, EACCES, EISDIR) are thrown as they are.
   */
  openRead(abs: string, shownAs: string, span?: Span): number;
}

/** Unconfined access: names resolve against `cwd`, every path is allowed. */
export function openFileAccess(cwd: string): FileAccess {
  const base = resolve(cwd);
  return {
    cwd: base,
    resolve: (name) => resolve(base, name),
    refusal: () => undefined,
    openRead: (abs) => openSync(abs, 'r'),
  };
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Real path of `p`, also when it (or some of its parents) do not exist yet. */
export function realPathOf(p: string, depth = 0): string {
  const abs = resolve(p);
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    if (existsSync(cur)) break;
    if (lexists(cur)) {
      // A dangling symlink: judge it by where it points (a write would create that file).
      if (depth > 16) return '\0unresolvable';
      const target = resolve(dirname(cur), readlinkSync(cur));
      return missing.length === 0
        ? realPathOf(target, depth + 1)
        : join(realPathOf(target, depth + 1), ...missing);
    }
    const parent = dirname(cur);
    if (parent === cur) break;
    missing.unshift(cur.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    cur = parent;
  }
  return missing.length === 0 ? realpathSync(cur) : join(realpathSync(cur), ...missing);
}

function inside(dir: string, p: string): boolean {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** Where an open descriptor really points (Linux and most BSD-likes expose it), else undefined. */
function descriptorPath(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/** Resolves script paths against `cwd` and refuses any outside `allowedDirs`. */
export class PathConfiner implements FileAccess {
  private readonly roots: string[];
  readonly cwd: string;

  constructor(allowedDirs: readonly string[], cwd: string) {
    this.cwd = resolve(cwd);
    this.roots = allowedDirs.map((d) => {
      const abs = resolve(this.cwd, d);
      if (!existsSync(abs) || !statSync(abs).isDirectory())
        throw new DmlError([diag(CONFINED_ERR, `allowedDirs: '${d}' is not an existing directory`)]);
      return realpathSync(abs);
    });
  }

  /** The absolute path to use, or a DML6006 error naming the path the script wrote. */
  resolve(path: string, span?: Span): string {
    const abs = resolve(this.cwd, path);
    const problem = this.check(abs);
    if (problem !== undefined) throw new DmlError([this.diagnostic(path, problem, span)]);
    return abs;
  }

  openRead(abs: string, shownAs: string, span?: Span): number {
    const before = this.problemOf(realPathOf(abs), abs);
    if (before !== undefined) throw new DmlError([this.diagnostic(shownAs, before, span)]);
    const fd = openSync(abs, 'r');
    try {
      const real = descriptorPath(fd);
      // Without /proc the pre-open check stands alone; a file swapped in between is still
      // caught when it is not the file that was checked.
      const now = real ?? (sameFile(fd, abs) ? realPathOf(abs) : '\0swapped');
      const problem = this.problemOf(now, abs);
      if (problem !== undefined) throw new DmlError([this.diagnostic(shownAs, problem, span)]);
      return fd;
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  diagnostic(path: string, problem: string, span?: Span): Diagnostic {
    return diag(
      CONFINED_ERR,
      `access to '${path}' is not allowed: ${problem}`,
      span,
      `this session confines files to ${this.roots.join(', ')}`,
    );
  }

  refusal(abs: string, shownAs: string, span?: Span): Diagnostic | undefined {
    const problem = this.problemOf(realPathOf(abs), abs);
    return problem === undefined ? undefined : this.diagnostic(shownAs, problem, span);
  }

  /** Why `abs` is refused, or undefined when it is inside an allowed directory. */
  check(abs: string): string | undefined {
    const real = realPathOf(abs);
    const problem = this.problemOf(real, abs);
    if (problem !== undefined) return problem;
    // A write also touches `<file>.mtd`: a symlink planted there must not lead outside either.
    const mtd = realPathOf(`${abs}.mtd`);
    if (this.roots.some((r) => inside(r, mtd))) return undefined;
    return `its metadata file resolves to ${mtd}, outside the allowed directories`;
  }

  private problemOf(real: string, asWritten?: string): string | undefined {
    if (this.roots.some((r) => inside(r, real))) return undefined;
    return real === (asWritten ?? real)
      ? 'it lies outside the allowed directories'
      : `it resolves to ${real}, outside the allowed directories`;
  }
}

function sameFile(fd: number, abs: string): boolean {
  try {
    const a = fstatSync(fd);
    const b = statSync(abs);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}
