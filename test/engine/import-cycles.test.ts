/**
 * Import cycles between the top-level folders of src/engine (kernels, threads, io, ...; a file
 * directly in src/engine is its own node). Every import counts, type-only and dynamic ones too,
 * read with TypeScript's own import scanner.
 *
 * threads/ is the generic worker pool: it must not import kernels/, io/ or data/ at all, and
 * threads must be in no cycle (with kernels or anything else). The interpreter and parfor/ are in
 * none either: parfor/ is the transport (pool, wire formats, merge) and knows nothing of the
 * interpreter; the worker entry that runs one is src/engine/parfor-worker.ts. The other cycles are known debts
 * (KNOWN_CYCLES), listed so that a new one fails here; remove an entry once its cycle is gone
 * (the last test insists).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENGINE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/engine');

/**
 * Known cycles (strongly connected groups of engine folders), each a debt to pay off. A cycle
 * found must lie inside one of these groups.
 */
// None left: the last ({builtins, format, frames, io}) went when io and format took Java's number
// formatting from common/ instead of through builtins/args.ts. A new cycle fails the test below.
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The node of an engine file: its top-level folder, or its own name when directly in src/engine. */
function nodeOf(file: string): string | undefined {
  const rel = relative(ENGINE, file);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split(sep);
  return parts.length === 1 ? parts[0]!.replace(/\.[jt]s$/, '.ts') : parts[0]!;
}

/** node -> node -> one example "from -> imported" file pair. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(ENGINE)) {
    const from = nodeOf(file)!;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const imp of info.importedFiles) {
      if (!imp.fileName.startsWith('.')) continue;
      const target = resolve(dirname(file), imp.fileName);
      const to = nodeOf(target);
      if (to === undefined || to === from || edges.has(to)) continue;
      edges.set(to, `${relative(ENGINE, file)} -> ${relative(ENGINE, target)}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one node (Tarjan), each sorted. */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out.sort((a, b) => a.join().localeCompare(b.join()));
}

/** The edges inside one cycle, for the failure message. */
function describeCycle(graph: Map<string, Map<string, string>>, scc: readonly string[]): string {
  const lines = scc.flatMap((a) =>
    scc.filter((b) => graph.get(a)?.has(b)).map((b) => `  ${a} -> ${b} (${graph.get(a)!.get(b)})`),
  );
  return `[${scc.join(', ')}]\n${lines.join('\n')}`;
}

describe('engine folder imports', () => {
  const graph = folderGraph();
  const found = cycles(graph);

  it('threads/ (the generic pool) imports nothing of kernels/, io/ or data/', () => {
    const bad = ['kernels', 'io', 'data'].filter((f) => graph.get('threads')?.has(f));
    expect(bad.map((f) => graph.get('threads')!.get(f))).toEqual([]);
  });

  it('the interpreter, parfor, kernels and the engine resources are in no cycle but the listed ones', () => {
    for (const f of [
      'interpreter',
      'parfor',
      'parfor-worker.ts',
      'kernels',
      'kernel-resources.ts',
      'context.ts',
    ])
      expect(found.filter((c) => c.includes(f)).map((c) => describeCycle(graph, c))).toEqual([]);
  });

  it('threads and kernels are in no cycle', () => {
    const both = found.filter((c) => c.includes('threads') && c.includes('kernels'));
    expect(both.map((c) => describeCycle(graph, c))).toEqual([]);
    const withThreads = found.filter((c) => c.includes('threads'));
    expect(withThreads.map((c) => describeCycle(graph, c))).toEqual([]);
  });

  it('every other cycle between engine folders is a known debt', () => {
    const known = (c: readonly string[]): boolean => KNOWN_CYCLES.some((k) => c.every((f) => k.includes(f)));
    expect(found.filter((c) => !known(c)).map((c) => describeCycle(graph, c))).toEqual([]);
  });

  it('the list of known cycles is current (remove an entry once its cycle is gone)', () => {
    const stale = KNOWN_CYCLES.filter(
      (k) => !found.some((c) => c.length === k.length && k.every((f) => c.includes(f))),
    );
    expect(stale).toEqual([]);
  });
});
