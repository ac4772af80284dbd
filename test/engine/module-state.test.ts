/**
 * Mutable module-level state in src/engine. Engine state belongs to a run's EngineResources
 * (src/engine/resources.ts); module state would be shared by every run (and Session) in the
 * process. This scans every engine source file (TypeScript's own parser) for
 *
 * - top-level `let` / `var` declarations;
 * - top-level `const`s created with `new` (any class instance can change) except immutable-by-use
 *   kinds (Map, Set, WeakMap, WeakSet, URL) that are never mutated in the file;
 * - top-level `const`s the file mutates: `.set(`, `.add(`, `.delete(`, `.clear(`, `.push(` and
 *   other mutating calls, assignments to a member or an element, `Object.assign(x, ...)`;
 * - `static` class fields that are not `readonly`;
 *
 * and fails naming each one that is not in ALLOWED below with the reason it is safe. Adding an
 * entry needs a reason that holds for two Sessions with different settings in one process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENGINE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/engine');

/** `file:name` (file relative to src/engine, `/`-separated) -> why it is safe. */
const ALLOWED: Readonly<Record<string, string>> = {
  // The one piece of dynamic scope (see the file comment there).
  'kernel-resources.ts:bound':
    "the resources of the run executing on this thread; bound only by withKernelResources() around a run and restored when it returns or throws, holds no settings itself (those are the run's object)",

  // Per-process resources, shared on purpose: OS threads and loaded libraries.
  'threads/pool.ts:processWorkerPool':
    "the process's kernel worker threads; a run's thread count and counts are its own (lease()), the pool keeps only which job sources its workers loaded and their health",
  'parfor/pool.ts:processParforWorkers':
    "the process's parfor worker threads, grouped by heap limit so that a run only uses workers with the limit its own memory budget gives; program ids are unique per pool",
  'kernels/compiled/library.ts:state':
    'the loaded compiled-kernel library (a dlopen handle is per process) or why it did not load',
  'kernels/compiled/library.ts:calls':
    "process-lifetime count for `dml -stats` (one script per process); a run's own count is EngineRunStats.compiledCalls. Remove once src/cli reads that",
  'kernels/native/state.ts:result': 'the loaded BLAS/LAPACK library (per process) or why it did not load',
  'kernels/native/state.ts:calls':
    "process-lifetime count for `dml -stats`; a run's own count is EngineRunStats.nativeCalls. Remove once src/cli reads that",
  'kernels/compiled/huge-pages.ts:boundFor':
    'which loaded library `advise` was bound from (cache of an immutable binding)',
  'kernels/compiled/huge-pages.ts:advise': 'a C function bound from the loaded library (immutable)',
  'kernels/compiled/sums.ts:boundFor':
    'which loaded library `bound` was bound from (cache of an immutable binding)',
  'kernels/compiled/sums.ts:bound': 'C functions bound from the loaded library (immutable)',
  'io/csv-bytes.ts:boundFor': 'which loaded library `bound` was bound from (cache of an immutable binding)',
  'io/csv-bytes.ts:bound': 'a C function bound from the loaded library (immutable)',
  'io/csv-bytes.ts:countFor':
    'which loaded library `countBound` was bound from (cache of an immutable binding)',
  'io/csv-bytes.ts:countBound': 'a C function bound from the loaded library (immutable)',
  'kernels/native/routines.ts:libraryThreads':
    "the thread count last given to the loaded BLAS library: a setting of that library, which is per process (set again whenever a run wants another)",
  'dist/mpi/library.ts:state':
    'the loaded MPI binding (a dlopen handle of the binding and libmpi, per process) or why it did not load',
  'dist/mpi/binding.ts:world':
    'MPI_COMM_WORLD once MPI is started: MPI_Init can run once per process (not again even after MPI_Finalize), so there is one per process, shared by every run in it',
  'kernels/koffi.ts:loaded':
    'koffi, loaded once per process with its synchronous call stack raised before the first native call (code and a per-process native setting)',
  'kernels/decompositions/ml-matrix.ts:mod': 'the ml-matrix module, loaded on first use (code, per process)',
  'io/columnar.ts:io':
    'the Arrow/Parquet readers and writers once their modules are loaded (code, per process; the same functions whoever loads them)',

  // Facts about individual values, weakly keyed by the value (as a hidden field on it would be).
  'data/buffer-owners.ts:allocatedBy':
    'which run (recycler) allocated a buffer: only that run may reuse it; a fact about the buffer, weakly held',
  'data/buffer-owners.ts:owner': 'the one block built over a buffer: a fact about the buffer, weakly held',
  'data/buffer-owners.ts:escaped':
    'buffers that escaped to lists or workers: a fact about the buffer, weakly held',
  'frames/meta.ts:IMPUTE_META':
    'metadata attached to a frame value (weakly keyed by it); values are immutable',
  'parfor/codec.ts:sharedCopies':
    'the shared-memory wire form of a block (weakly keyed by it; blocks are immutable, so it never goes stale)',

  // Memos of pure functions of immutable inputs.
  'kernels/fused/cell-program.ts:cache':
    'generated loop code keyed by its program text (a pure function of the key; bounded by CACHE_LIMIT)',
  'parfor/execute.ts:programs':
    'the wire form and block ids of a program (pure, weakly keyed by the program)',
  'parfor/main-thread-only.ts:cache':
    'whether a loop must stay on the main thread (pure, weakly keyed by the loop)',

  // Scratch memory of synchronous kernels: written and read within one call on one thread.
  'kernels/aggregators.ts:compiledRes': 'two result cells of a synchronous C call, read right after it',
  'kernels/fused/cell-program.ts:scratch':
    "cells of one flat fused sum, overwritten by each call before it reads them (keeps the largest such sum's cells allocated)",
  'kernels/parallel/range-kernels.ts:scratch':
    'chunk partials of one column-sum call, filled by the C kernel before they are read',
  'format/printf.ts:SPEC_RE':
    'a sticky RegExp whose lastIndex is set before every exec in one synchronous scan',

  // Per-process uniqueness.
  'io/atomic-write.ts:counter': 'makes temporary file names unique within the process (with the pid)',

  // Worker-thread entry modules: each worker thread has its own copy of every module.
  'threads/worker.ts:registry': "this kernel worker thread's job handlers (the same code for every run)",
  'parfor-worker.ts:programs':
    'programs this parfor worker was sent, by the process-unique id its pool gave them',
  'parfor-worker.ts:plans': 'plans the main thread recompiled for this worker, by program id and block',
  'parfor-worker.ts:notMarked': 'blocks of a program (by id) the main thread never recompiles',
};

/** Constructors whose instances count as immutable tables unless the file mutates them. */
const TABLE_KINDS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'URL']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function mutatedIn(text: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  const calls = 'set|add|delete|clear|push|pop|shift|unshift|splice|sort|reverse|fill|copyWithin';
  return new RegExp(
    `\\b${n}\\s*(\\.\\s*(${calls})\\s*\\(|(\\.[A-Za-z_$][\\w$]*|\\[[^\\]]*\\])\\s*([-+*/%|&^]?=(?!=)|\\+\\+|--))` +
      `|Object\\.assign\\(\\s*${n}\\b|delete\\s+${n}\\b`,
  ).test(text);
}

function unwrap(e: ts.Expression | undefined): ts.Expression | undefined {
  let x = e;
  while (x && (ts.isAsExpression(x) || ts.isParenthesizedExpression(x) || ts.isSatisfiesExpression(x)))
    x = x.expression;
  return x;
}

/** The module state of one file: `file:name` -> where and what. */
function stateIn(rel: string, text: string): Map<string, string> {
  const found = new Map<string, string>();
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
  const at = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of st.declarationList.declarations) {
        const name = d.name.getText(sf);
        const init = unwrap(d.initializer);
        let why: string | undefined;
        if (!isConst) why = 'top-level let/var';
        else if (init && ts.isNewExpression(init)) {
          const kind = init.expression.getText(sf);
          if (!TABLE_KINDS.has(kind)) why = `a new ${kind}`;
          else if (mutatedIn(text, name)) why = `a ${kind} mutated in the file`;
        } else if (ts.isIdentifier(d.name) && mutatedIn(text, name)) why = 'a const mutated in the file';
        if (why !== undefined) found.set(`${rel}:${name}`, `${rel}:${at(d)} ${name}: ${why}`);
      }
    }
    if (ts.isClassDeclaration(st)) {
      for (const m of st.members) {
        if (!ts.isPropertyDeclaration(m)) continue;
        const mods = ts.getModifiers(m) ?? [];
        const isStatic = mods.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
        const isReadonly = mods.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (isStatic && !isReadonly) {
          const name = `${st.name?.text ?? '?'}.${m.name.getText(sf)}`;
          found.set(`${rel}:${name}`, `${rel}:${at(m)} ${name}: a static field that is not readonly`);
        }
      }
    }
  }
  return found;
}

function moduleState(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(ENGINE)) {
    const rel = relative(ENGINE, file).split(sep).join('/');
    for (const [k, v] of stateIn(rel, readFileSync(file, 'utf8'))) found.set(k, v);
  }
  return found;
}

describe('module-level state in src/engine', () => {
  const found = moduleState();

  it('is only what the allow-list explains', () => {
    const unexplained = [...found].filter(([k]) => ALLOWED[k] === undefined).map(([, where]) => where);
    expect(unexplained).toEqual([]);
  });

  it('the allow-list is current (remove an entry once its state is gone)', () => {
    expect(Object.keys(ALLOWED).filter((k) => !found.has(k))).toEqual([]);
  });

  it('finds what it is meant to find', () => {
    const probe = `
      let a = 1;
      const b = new Map<string, number>();
      const c = new Map<string, number>();
      c.set('x', 1);
      const d = { n: 0 };
      d.n++;
      const e = new Foo();
      const f = Object.freeze({ n: 1 });
      const g: number[] = [];
      g.push(1);
      class K { static readonly ok = 1; static bad = 2; }
    `;
    expect([...stateIn('p.ts', probe).keys()]).toEqual([
      'p.ts:a',
      'p.ts:c',
      'p.ts:d',
      'p.ts:e',
      'p.ts:g',
      'p.ts:K.bad',
    ]);
  });
});
