/**
 * File confinement for applications that run user-supplied scripts: every path a script reads,
 * writes or sources must lie inside one of the allowed directories. Paths are compared by their
 * real location (symlinks resolved), so `..`, absolute paths and symlinks pointing outside are
 * all rejected. A path that does not exist yet (a write target) is judged by the real path of
 * its deepest existing ancestor plus the remaining, symlink-free name parts.
 */
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diag, DmlError, type Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/span.js';
import type { Statement } from '../language/ast.js';
import { parseProgram } from '../language/parse.js';
import { API_ERR } from './errors.js';

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

/** Resolves script paths against `cwd` and refuses any outside `allowedDirs`. */
export class PathConfiner {
  private readonly roots: string[];

  constructor(
    allowedDirs: readonly string[],
    private readonly cwd: string,
  ) {
    this.roots = allowedDirs.map((d) => {
      const abs = resolve(cwd, d);
      if (!existsSync(abs) || !statSync(abs).isDirectory())
        throw new DmlError([diag(API_ERR.confined, `allowedDirs: '${d}' is not an existing directory`)]);
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

  diagnostic(path: string, problem: string, span?: Span): Diagnostic {
    return diag(
      API_ERR.confined,
      `access to '${path}' is not allowed: ${problem}`,
      span,
      `this session confines files to ${this.roots.join(', ')}`,
    );
  }

  /** Why `abs` is refused, or undefined when it is inside an allowed directory. */
  check(abs: string): string | undefined {
    const real = realPathOf(abs);
    if (this.roots.some((r) => inside(r, real))) {
      // A write also touches `<file>.mtd`: a symlink planted there must not lead outside either.
      const mtd = realPathOf(`${abs}.mtd`);
      if (this.roots.some((r) => inside(r, mtd))) return undefined;
      return `its metadata file resolves to ${mtd}, outside the allowed directories`;
    }
    return real === abs
      ? 'it lies outside the allowed directories'
      : `it resolves to ${real}, outside the allowed directories`;
  }

  /**
   * Checks the `source()` statements of a script and, recursively, of the files it sources
   * (resolved as the analysis does: against the working dir, then the sourcing file's dir).
   */
  checkSources(body: readonly Statement[], file: string | undefined): Diagnostic[] {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const queue: { body: readonly Statement[]; file: string | undefined }[] = [{ body, file }];
    while (queue.length > 0) {
      const { body: b, file: f } = queue.shift()!;
      let cwd = this.cwd;
      for (const s of b) {
        if (s.kind === 'setwd') {
          cwd = resolve(cwd, s.path);
          continue;
        }
        if (s.kind !== 'source') continue;
        const candidates = [resolve(cwd, s.path)];
        if (f !== undefined) candidates.push(resolve(dirname(resolve(this.cwd, f)), s.path));
        const found = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? candidates[0]!;
        const problem = this.check(found);
        if (problem !== undefined) {
          out.push(this.diagnostic(s.path, problem, s.span));
          continue;
        }
        if (seen.has(found) || !existsSync(found)) continue;
        seen.add(found);
        try {
          const { program } = parseProgram(readFileSync(found, 'utf8'), found);
          queue.push({ body: program.body, file: found });
        } catch {
          // Unreadable: the analysis reports it.
        }
      }
    }
    return out;
  }
}
