/**
 * Cell-wise operator fusion: a chain of cell-wise ops over same-shaped matrices, matching
 * row/column vectors and scalars, optionally under sum/rowSums/colSums, becomes one fused HOP
 * evaluated per cell without intermediates (the engine's fused kernels):
 *   fused_cell | fused_sum | fused_rowSums | fused_colSums (program, leaf0, leaf1, ...)
 * `program` is a string literal in prefix form over the leaves: `+(*($0,log($1)),$2)`.
 * Fires for 2+ cell-wise ops, or 1+ under an aggregate; only intermediates with no other
 * consumer are absorbed (others stay leaves), and every binary step must be one the engine
 * accepts (same dims, a scalar, or a matching row/column vector), so errors are not hidden.
 * Per-cell values are identical to the unfused ops (same scalar functions); aggregates use
 * Kahan sums like the engine's.
 */
import { UNARY_MATH, UNARY_PREDICATES } from '../../common/scalar-ops.js';
import type { Dims } from '../../common/types.js';
import type { Hop } from '../hop.js';
import { isOp, knownDims, op } from './match.js';
import { replaced, unchanged, type RewriteContext, type RewriteResult, type RewriteRule } from './rule.js';
import { CompilerOps, FUSED_CELL_OPS } from '../../common/op-names.js';

const BINARY = new Set([
  '+',
  '-',
  '*',
  '/',
  '^',
  '%%',
  '%/%',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '&',
  '|',
  'min',
  'max',
]);
const UNARY = new Set<string>(['u-', '!', ...UNARY_MATH, ...UNARY_PREDICATES]);
const AGGREGATES: ReadonlyMap<string, string> = new Map([
  ['sum', CompilerOps.fusedSum],
  ['rowSums', CompilerOps.fusedRowSums],
  ['colSums', CompilerOps.fusedColSums],
]);
export const FUSED_OPS = FUSED_CELL_OPS;

type Node =
  | { readonly kind: 'leaf'; readonly hop: Hop }
  | { readonly kind: 'op'; readonly op: string; readonly args: readonly Node[]; readonly dims: Dims };

function isCellOp(h: Hop): boolean {
  if (h.kind !== 'op' || h.outputs !== undefined || h.dataType !== 'matrix' || !knownDims(h)) return false;
  if (h.argNames?.some((n) => n !== undefined)) return false;
  if (h.inputs.length === 2 && BINARY.has(h.op)) return true;
  return h.inputs.length === 1 && UNARY.has(h.op);
}

/** A leaf the kernel can read: a numeric scalar or a matrix with known dims. */
function leafOk(h: Hop): boolean {
  if (h.dataType === 'scalar') return h.valueType !== 'string' && h.valueType !== 'unknown';
  return h.dataType === 'matrix' && knownDims(h);
}

function dimsOf(n: Node): Dims | undefined {
  if (n.kind === 'op') return n.dims;
  return n.hop.dataType === 'matrix' ? n.hop.dims : undefined;
}

/** The engine's cell-wise broadcasting (cellwise-binary.ts broadcastShape), on known dims. */
function engineBroadcastOk(a: Dims | undefined, b: Dims | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  if (a.rows === b.rows && a.cols === b.cols) return true;
  if ((b.rows === a.rows && b.cols === 1) || (b.rows === 1 && b.cols === a.cols)) return true;
  return (a.rows === b.rows && a.cols === 1) || (a.rows === 1 && a.cols === b.cols);
}

function countOps(n: Node): number {
  return n.kind === 'leaf' ? 0 : 1 + n.args.reduce((s, a) => s + countOps(a), 0);
}

function parseProgram(text: string, leaves: readonly Hop[]): Node {
  let p = 0;
  const node = (): Node => {
    if (text[p] === '$') {
      let q = p + 1;
      while (q < text.length && text[q]! >= '0' && text[q]! <= '9') q++;
      const i = Number(text.slice(p + 1, q));
      p = q;
      return { kind: 'leaf', hop: leaves[i]! };
    }
    const open = text.indexOf('(', p);
    const name = text.slice(p, open);
    p = open + 1;
    const args: Node[] = [];
    for (;;) {
      args.push(node());
      if (text[p++] === ')') break;
    }
    return { kind: 'op', op: name, args, dims: { rows: -1, cols: -1, nnz: -1 } };
  };
  return node();
}

function literalProgram(h: Hop): string | undefined {
  const t = h.inputs[0];
  return t?.kind === 'literal' && t.value?.vt === 'string' ? t.value.value : undefined;
}

/** The tree of an earlier fused_cell HOP over its current inputs; its root keeps the HOP's dims. */
function treeOfFused(h: Hop): Node | undefined {
  const text = literalProgram(h);
  if (h.op !== CompilerOps.fusedCell || text === undefined) return undefined;
  const t = parseProgram(text, h.inputs.slice(1));
  return t.kind === 'op' ? { ...t, dims: h.dims } : t;
}

export function createFuseCellwiseRule(): RewriteRule {
  /** Consumer counts of the HOPs this rule replaced, by the id of the fused HOP made for each. */
  const replacedConsumers = new Map<number, number>();
  const consumersOf = (h: Hop, ctx: RewriteContext): number =>
    replacedConsumers.get(h.id) ?? (ctx.consumers ? ctx.consumers(h) : 1);

  const expand = (h: Hop, ctx: RewriteContext, top: boolean): Node => {
    if (!top && consumersOf(h, ctx) > 1) return { kind: 'leaf', hop: h };
    const fused = treeOfFused(h);
    if (fused !== undefined) return fused;
    if (!isCellOp(h)) return { kind: 'leaf', hop: h };
    const args = h.inputs.map((i) => expand(i, ctx, false));
    if (args.some((a) => a.kind === 'leaf' && !leafOk(a.hop))) return { kind: 'leaf', hop: h };
    if (args.length === 2 && !engineBroadcastOk(dimsOf(args[0]!), dimsOf(args[1]!)))
      return { kind: 'leaf', hop: h };
    return { kind: 'op', op: h.op, args, dims: h.dims };
  };

  const encode = (n: Node, leaves: Hop[]): string => {
    if (n.kind === 'leaf') {
      let i = leaves.indexOf(n.hop);
      if (i < 0) i = leaves.push(n.hop) - 1;
      return `$${i}`;
    }
    return `${n.op}(${n.args.map((a) => encode(a, leaves)).join(',')})`;
  };

  return {
    name: 'fuse-cellwise',
    batch: 'fusion',
    rewrite(h: Hop, ctx: RewriteContext): RewriteResult {
      const aggOp = AGGREGATES.get(h.op);
      let tree: Node;
      let opcode: string;
      if (aggOp !== undefined && isOp(h, h.op, 1)) {
        const x = h.inputs[0]!;
        if (x.dataType !== 'matrix' || consumersOf(x, ctx) > 1) return unchanged(h);
        tree = expand(x, ctx, true);
        if (countOps(tree) < 1) return unchanged(h);
        opcode = aggOp;
      } else {
        if (!isCellOp(h)) return unchanged(h);
        tree = expand(h, ctx, true);
        if (countOps(tree) < 2) return unchanged(h);
        opcode = CompilerOps.fusedCell;
      }
      const leaves: Hop[] = [];
      const program = encode(tree, leaves);
      // A tree without a matrix leaf is not a matrix op: leave it.
      if (!leaves.some((l) => l.dataType === 'matrix')) return unchanged(h);
      const text = ctx.factory.literal({ vt: 'string', value: program }, h.span);
      const fused = op(ctx, opcode, [text, ...leaves], h.span);
      replacedConsumers.set(fused.id, consumersOf(h, ctx));
      return replaced(fused);
    },
  };
}
