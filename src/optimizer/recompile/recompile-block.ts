/**
 * Dynamic recompilation of one basic block (SystemDS's Recompiler.recompileHopsDag): the block's
 * HOP DAG gets the real sizes of the variables it reads (and the values of scalars that decide
 * sizes, e.g. rand(rows=n)), sizes are propagated again, the rewrites run again (size-dependent
 * ones may fire now), execution types are chosen again and the DAG is lowered again.
 */
import type { Dims } from '../../common/types.js';
import { annotateDag } from '../cost/annotate.js';
import type { PlannerSettings } from '../cost/machine.js';
import type { Hop } from '../hop.js';
import { rebuild, type HopFactory } from '../hop-factory.js';
import { lowerDag, type TempNames } from '../lower.js';
import type { Instruction, LiteralValue } from '../plan.js';
import { applyRewrites, type RewriteRule } from '../rewrites/index.js';

/** What the interpreter knows about a live variable. */
export interface LiveVar {
  /** Real dims of a matrix or frame. */
  readonly dims?: Dims;
  /** Value of a number or boolean scalar. */
  readonly scalar?: LiteralValue;
}

export type LiveLookup = (name: string) => LiveVar | undefined;

export interface RecompileContext {
  readonly factory: HopFactory;
  readonly temps: TempNames;
  readonly rules: readonly RewriteRule[];
  readonly planner: PlannerSettings;
}

export interface Recompiled {
  readonly roots: Hop[];
  readonly instructions: Instruction[];
  readonly notes: Map<Hop, string>;
  readonly fired: string[];
}

/**
 * Ops whose output size is read from scalar arguments: those scalars are replaced by their values.
 * (Not indexing: a loop variable in `X[i, ]` would recompile the loop body on every iteration.)
 */
export const SIZE_FROM_SCALARS: ReadonlySet<string> = new Set(['rand', 'matrix', 'seq', 'sample']);

function sameDims(a: Dims, b: Dims): boolean {
  return a.rows === b.rows && a.cols === b.cols && a.nnz === b.nnz;
}

/** The DAG with real input sizes, sizes propagated again (ids kept). */
export function withLiveSizes(roots: readonly Hop[], live: LiveLookup, factory: HopFactory): Hop[] {
  const done = new Map<Hop, Hop>();
  const visit = (h: Hop): Hop => {
    const hit = done.get(h);
    if (hit) return hit;
    let out: Hop = h;
    if (h.kind === 'tread') {
      const v = live(h.name ?? '');
      if (v?.dims && (h.dataType === 'matrix' || h.dataType === 'frame') && !sameDims(v.dims, h.dims))
        out = { ...h, dims: v.dims };
    } else if (h.inputs.length > 0) {
      const sizeArgs = h.kind === 'op' && SIZE_FROM_SCALARS.has(h.op);
      const inputs = h.inputs.map((i) => {
        if (sizeArgs && i.kind === 'tread' && i.dataType === 'scalar') {
          const s = live(i.name ?? '')?.scalar;
          if (s && s.vt !== 'string') return factory.literal(s, i.span);
        }
        return visit(i);
      });
      if (inputs.some((x, k) => x !== h.inputs[k])) {
        const r = rebuild(h, inputs);
        // Keep what compile time knew when the new inference knows less (e.g. an op whose size
        // rule lives outside the size families).
        out = r.dims.rows < 0 && h.dims.rows >= 0 ? { ...r, dims: h.dims } : r;
      }
    }
    done.set(h, out);
    return out;
  };
  return roots.map(visit);
}

export function recompileDag(roots: readonly Hop[], live: LiveLookup, ctx: RecompileContext): Recompiled {
  let dag = withLiveSizes(roots, live, ctx.factory);
  const fired: string[] = [];
  if (ctx.rules.length > 0) {
    const r = applyRewrites(dag, ctx.rules, { factory: ctx.factory });
    dag = r.roots;
    fired.push(...r.fired);
  }
  const annotated = annotateDag(dag, ctx.planner);
  const lowered = lowerDag(annotated.roots, ctx.temps);
  return { roots: annotated.roots, instructions: lowered.instructions, notes: annotated.notes, fired };
}
