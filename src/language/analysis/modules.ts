/**
 * Phase 2 of analysis: the function table. Collects the main script's functions, follows
 * `source("file") as ns` (recursively, each file with its own namespace map), and loads stdlib
 * files (`<stdlibDir>/<name>.dml`) on demand when a call names neither a user function nor a
 * native builtin.
 */
import { closeSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../common/diagnostics.js';
import type { FileAccess } from '../../common/file-access.js';
import { diag } from '../../common/diagnostics.js';
import type { FunctionDef, Program, Statement } from '../ast.js';
import type { AnalyzedFunction } from './analyzed.js';
import { ArgSubstituter } from './args.js';

export type ParseFn = (
  text: string,
  file: string,
) => { program: Program; diagnostics: readonly Diagnostic[] };

/** One loaded file: its functions (name -> key) and its own `source ... as ns` imports. */
export interface Unit {
  readonly file: string;
  readonly absPath?: string;
  readonly origin: AnalyzedFunction['origin'];
  readonly namespaces: Map<string, Unit>;
  /** name -> key in the function table. The main script and stdlib files share the default namespace map. */
  readonly funcs: Map<string, string>;
}

/** The package's stdlib/ folder: three levels up from src/language/analysis or dist/language/analysis. */
export function defaultStdlibDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../stdlib');
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export class ModuleLoader {
  readonly functions = new Map<string, AnalyzedFunction>();
  readonly sources = new Map<string, string>();
  /** Which unit each function belongs to (for resolving calls inside its body). */
  readonly unitOf = new Map<string, Unit>();
  readonly defaultFuncs = new Map<string, string>();
  private readonly byPath = new Map<string, Unit>();
  private readonly stdlibTried = new Map<string, boolean>();
  private readonly usedNamespaceKeys = new Set<string>();

  constructor(
    private readonly parse: ParseFn | undefined,
    private readonly substituter: ArgSubstituter,
    private readonly diagnostics: Diagnostic[],
    private readonly files: FileAccess,
    private readonly stdlibDir: string,
  ) {
    this.cwd = files.cwd;
  }

  private readonly cwd: string;

  /** Registers the main script's functions and follows its imports; returns its unit and top-level statements. */
  loadMain(program: Program, body: readonly Statement[]): Unit {
    const abs = isAbsolute(program.file) ? program.file : resolve(this.cwd, program.file);
    const unit: Unit = {
      file: program.file,
      ...(isFile(abs) ? { absPath: abs } : {}),
      origin: 'script',
      namespaces: new Map(),
      funcs: this.defaultFuncs,
    };
    if (unit.absPath !== undefined) this.byPath.set(unit.absPath, unit);
    this.addFunctions(unit, body, undefined);
    this.followImports(unit, body, this.cwd);
    return unit;
  }

  /** Loads `<stdlibDir>/<name>.dml` into the default namespace once; true when `name` is then defined. */
  loadStdlib(name: string): boolean {
    const tried = this.stdlibTried.get(name);
    if (tried !== undefined) return tried;
    this.stdlibTried.set(name, false);
    if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) return false;
    const path = join(this.stdlibDir, `${name}.dml`);
    if (this.parse === undefined || !existsSync(path) || this.byPath.has(path)) return false;
    const unit: Unit = {
      file: path,
      absPath: path,
      origin: 'stdlib',
      namespaces: new Map(),
      funcs: this.defaultFuncs,
    };
    this.byPath.set(path, unit);
    const body = this.parseFile(path, 'stdlib');
    if (body === undefined) return false;
    this.addFunctions(unit, body, undefined);
    this.followImports(unit, body, dirname(path));
    const ok = this.defaultFuncs.has(name);
    this.stdlibTried.set(name, ok);
    return ok;
  }

  /** Parses a stdlib file (the package's own, read directly) or a sourced one (through the file access). */
  private parseFile(path: string, origin: 'stdlib' | 'source'): readonly Statement[] | undefined {
    if (this.parse === undefined) return undefined;
    let text: string;
    try {
      if (origin === 'stdlib') text = readFileSync(path, 'utf8');
      else {
        const fd = this.files.openRead(path, path);
        try {
          text = readFileSync(fd, 'utf8');
        } finally {
          closeSync(fd);
        }
      }
    } catch {
      return undefined;
    }
    this.sources.set(path, text);
    const { program, diagnostics } = this.parse(text, path);
    this.diagnostics.push(...diagnostics);
    return this.substituter.statements(program.body);
  }

  private addFunctions(unit: Unit, body: readonly Statement[], namespace: string | undefined): void {
    const nsKey = namespace === undefined ? undefined : this.namespaceKey(namespace);
    for (const s of body) {
      if (s.kind !== 'function') continue;
      const existing = unit.funcs.get(s.name);
      if (existing !== undefined) {
        const prev = this.functions.get(existing);
        // A stdlib file never overrides what the user defined (user functions shadow stdlib ones).
        if (unit.origin === 'stdlib') continue;
        this.diagnostics.push(
          diag(
            'DML2007',
            `function '${s.name}' is defined twice${namespace ? ` in namespace '${namespace}'` : ''}`,
            s.nameSpan,
            prev ? `first defined in ${prev.file}:${prev.def.nameSpan.line}` : undefined,
          ),
        );
        continue;
      }
      const key = nsKey === undefined ? s.name : `${nsKey}::${s.name}`;
      const fn: AnalyzedFunction = {
        key,
        ...(namespace !== undefined ? { namespace } : {}),
        def: s,
        file: unit.file,
        origin: unit.origin,
      };
      unit.funcs.set(s.name, key);
      this.functions.set(key, fn);
      this.unitOf.set(key, unit);
    }
  }

  /** Function keys must be unique across files: a second file imported as the same `ns` gets `ns@2`. */
  private namespaceKey(ns: string): string {
    let key = ns;
    for (let i = 2; this.usedNamespaceKeys.has(key); i++) key = `${ns}@${i}`;
    this.usedNamespaceKeys.add(key);
    return key;
  }

  /** Breadth-first over imports, so the names the main script chose are used for keys first. */
  private followImports(root: Unit, rootBody: readonly Statement[], rootCwd: string): void {
    const queue: { unit: Unit; body: readonly Statement[]; cwd: string }[] = [
      { unit: root, body: rootBody, cwd: rootCwd },
    ];
    while (queue.length > 0) {
      const { unit, body, cwd: startCwd } = queue.shift()!;
      let cwd = startCwd;
      for (const s of body) {
        if (s.kind === 'setwd') {
          cwd = resolve(cwd, s.path);
          continue;
        }
        if (s.kind !== 'source') continue;
        const candidates = [resolve(cwd, s.path)];
        if (unit.absPath !== undefined) candidates.push(resolve(dirname(unit.absPath), s.path));
        // Only places the file access allows are looked at, so a refused source() cannot tell
        // whether a file outside exists.
        const allowed = candidates.filter((c) => this.files.refusal(c, s.path) === undefined);
        if (allowed.length === 0) {
          this.diagnostics.push(this.files.refusal(candidates[0]!, s.path, s.span)!);
          continue;
        }
        const path = allowed.find(isFile);
        if (path === undefined) {
          this.diagnostics.push(
            diag(
              'DML2008',
              `cannot find sourced file '${s.path}'`,
              s.span,
              `looked in ${[...new Set(allowed)].join(', ')}`,
            ),
          );
          continue;
        }
        if (unit.namespaces.has(s.namespace) && unit.namespaces.get(s.namespace)!.absPath !== path) {
          this.diagnostics.push(
            diag('DML2007', `namespace '${s.namespace}' is already bound to another file`, s.span),
          );
          continue;
        }
        const known = this.byPath.get(path);
        if (known !== undefined) {
          // Already loaded (or a cycle): bind the namespace to the same functions.
          unit.namespaces.set(s.namespace, known);
          continue;
        }
        const child: Unit = {
          file: path,
          absPath: path,
          origin: 'source',
          namespaces: new Map(),
          funcs: new Map(),
        };
        this.byPath.set(path, child);
        unit.namespaces.set(s.namespace, child);
        const childBody = this.parseFile(path, 'source');
        if (childBody === undefined) {
          this.diagnostics.push(diag('DML2008', `cannot read sourced file '${s.path}'`, s.span));
          continue;
        }
        this.addFunctions(child, childBody, s.namespace);
        queue.push({ unit: child, body: childBody, cwd: this.cwd });
      }
    }
  }
}

/**
 * `source()` and `setwd()` statements anywhere but the top level of a file: imports are resolved
 * before anything runs, so one inside a block would be silently ignored (SystemDS refuses it too).
 */
export function nestedImports(body: readonly Statement[], top = true): Statement[] {
  const out: Statement[] = [];
  for (const s of body) {
    if ((s.kind === 'source' || s.kind === 'setwd') && !top) out.push(s);
    else if (s.kind === 'function') out.push(...nestedImports(s.body, false));
    else if (s.kind === 'if') out.push(...nestedImports(s.then, false), ...nestedImports(s.else ?? [], false));
    else if (s.kind === 'for' || s.kind === 'while') out.push(...nestedImports(s.body, false));
  }
  return out;
}

/** Function definitions anywhere but the top level of a file (the parser may have reported them already). */
export function nestedFunctionDefs(body: readonly Statement[], top = true): FunctionDef[] {
  const out: FunctionDef[] = [];
  for (const s of body) {
    if (s.kind === 'function') {
      if (!top) out.push(s);
      out.push(...nestedFunctionDefs(s.body, false));
    } else if (s.kind === 'if') {
      out.push(...nestedFunctionDefs(s.then, false), ...nestedFunctionDefs(s.else ?? [], false));
    } else if (s.kind === 'for' || s.kind === 'while') {
      out.push(...nestedFunctionDefs(s.body, false));
    }
  }
  return out;
}
