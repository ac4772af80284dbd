/** Shared helpers for the parser tests: parse and strip spans so AST shapes compare cleanly. */
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/common/diagnostics.js';
import type { Expr, Program, Statement } from '../../src/language/ast.js';
import { parseProgram } from '../../src/language/parse.js';

/** Deep copy without `span`/`nameSpan` keys. */
export function shape<T>(node: T): unknown {
  if (Array.isArray(node)) return node.map((n) => shape(n));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'span' || k === 'nameSpan') continue;
      out[k] = shape(v);
    }
    return out;
  }
  return node;
}

/** Parses text that must be free of diagnostics. */
export function parseOk(text: string, file = 'test.dml'): Program {
  const r = parseProgram(text, file);
  expect(r.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.col} ${d.message}`)).toEqual([]);
  return r.program;
}

export function stmts(text: string): readonly Statement[] {
  return parseOk(text).body;
}

/** The right-hand side of `x = <expr>`. */
export function expr(text: string): Expr {
  const body = parseOk(`x = ${text}`).body;
  const s = body[0];
  if (body.length !== 1 || s === undefined || s.kind !== 'assign')
    throw new Error(`not one assignment: ${text}`);
  return s.value;
}

/** Parenthesised rendering of an expression, for compact precedence assertions. */
export function render(e: Expr): string {
  switch (e.kind) {
    case 'int':
    case 'double':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'boolean':
      return e.value ? 'TRUE' : 'FALSE';
    case 'id':
      return e.name;
    case 'arg':
      return `$${e.name}`;
    case 'unary':
      return `(${e.op}${render(e.operand)})`;
    case 'binary':
      return `(${render(e.left)} ${e.op} ${render(e.right)})`;
    case 'call':
      return `${e.namespace !== undefined ? `${e.namespace}::` : ''}${e.name}(${e.args.map((a) => (a.name !== undefined ? `${a.name}=` : '') + render(a.value)).join(', ')})`;
    case 'index': {
      const part = (p: typeof e.rows): string =>
        p === null ? '' : p.upper === undefined ? render(p.lower) : `${render(p.lower)}:${render(p.upper)}`;
      return e.hasComma
        ? `${e.target.name}[${part(e.rows)}, ${part(e.cols)}]`
        : `${e.target.name}[${part(e.rows)}]`;
    }
    case 'ifdef':
      return `ifdef($${e.arg.name}, ${render(e.fallback)})`;
    case 'exprList':
      return `[${e.items.map(render).join(', ')}]`;
  }
}

/** `CODE line:col` for each diagnostic, for compact assertions. */
export function where(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.span?.line}:${d.span?.col}`);
}
