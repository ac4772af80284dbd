import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every problem a user can cause is one of these. Codes are stable (tests and docs refer to them):
 *   DML1xxx lexical/syntax, DML2xxx names and scopes, DML3xxx types and arity, DML4xxx sizes,
 *   DML5xxx runtime, DML6xxx I/O, DML7xxx command line, DML9xxx not supported yet.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: Span;
  readonly hint?: string;
  /** Runtime errors inside functions: the call sites, innermost first ("called from ..."). */
  readonly calledFrom?: readonly Span[];
}

/** An error carrying one or more diagnostics; thrown by every phase and by the runtime. */
export class DmlError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics)
      ? (diagnostics as readonly Diagnostic[])
      : [diagnostics as Diagnostic];
    super(list.map((d) => `${d.code}: ${d.message}`).join('\n'));
    this.name = 'DmlError';
    this.diagnostics = list;
  }
}

export function diag(code: string, message: string, span?: Span, hint?: string): Diagnostic {
  return hint === undefined
    ? { code, severity: 'error', message, span }
    : { code, severity: 'error', message, span, hint };
}

/** Throws a single-diagnostic DmlError. */
export function fail(code: string, message: string, span?: Span, hint?: string): never {
  throw new DmlError(diag(code, message, span, hint));
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** The closest candidate within a distance that scales with the name's length, or undefined. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(name, c);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

/**
 * Renders a diagnostic like a compiler: `file:line:col: error[CODE]: message`, the source line,
 * a caret under the span, and an optional hint. `sources` maps file names to their text.
 */
export function formatDiagnostic(d: Diagnostic, sources?: ReadonlyMap<string, string>): string {
  const out: string[] = [];
  const where =
    d.span && d.span.line > 0
      ? `${d.span.file}:${d.span.line}:${d.span.col}: `
      : d.span
        ? `${d.span.file}: `
        : '';
  out.push(`${where}${d.severity}[${d.code}]: ${d.message}`);
  const text = d.span ? sources?.get(d.span.file) : undefined;
  if (d.span && text !== undefined && d.span.line > 0) {
    const lines = text.split(/\r?\n/);
    const src = lines[d.span.line - 1];
    if (src !== undefined) {
      const num = String(d.span.line);
      const pad = ' '.repeat(num.length);
      const width =
        d.span.endLine === d.span.line
          ? Math.max(1, d.span.endCol - d.span.col + 1)
          : Math.max(1, src.length - d.span.col + 1);
      out.push(`${pad} |`);
      out.push(`${num} | ${src.replace(/\t/g, ' ')}`);
      out.push(`${pad} | ${' '.repeat(Math.max(0, d.span.col - 1))}${'^'.repeat(width)}`);
    }
  }
  if (d.hint) out.push(`  = hint: ${d.hint}`);
  for (const c of d.calledFrom ?? []) out.push(`  = called from ${c.file}:${c.line}:${c.col}`);
  return out.join('\n');
}

/** Deep recursion would list thousands of frames: keep the innermost ones. */
const MAX_CALL_FRAMES = 12;

/** The same error, with one more call site (`at`) appended to each diagnostic's trace. */
export function withCallSite(e: DmlError, at: Span): DmlError {
  return new DmlError(
    e.diagnostics.map((d) =>
      (d.calledFrom?.length ?? 0) >= MAX_CALL_FRAMES
        ? d
        : { ...d, calledFrom: [...(d.calledFrom ?? []), at] },
    ),
  );
}

export function formatDiagnostics(ds: readonly Diagnostic[], sources?: ReadonlyMap<string, string>): string {
  return ds.map((d) => formatDiagnostic(d, sources)).join('\n\n');
}
