/**
 * The run-time side of dynamic recompilation: before a marked basic block runs, the interpreter
 * asks for its instructions given the live variables. The block is recompiled when the sizes it
 * depends on differ from those of its last recompilation (so a loop body is recompiled once on
 * entry, and again only when its inputs' sizes change), else the cached instructions are reused.
 */
import { DmlError } from '../../common/diagnostics.js';
import type { Hop } from '../hop.js';
import type { Instruction, LiteralValue, ProgramBlock } from '../plan.js';
import {
  recompileDag,
  SIZE_FROM_SCALARS,
  type LiveLookup,
  type RecompileContext,
  type Recompiled,
} from './recompile-block.js';

export type BasicBlock = Extract<ProgramBlock, { kind: 'basic' }>;

export interface RecompileListener {
  /** Called after each real recompilation with the new plan and the time it took. */
  (block: BasicBlock, result: Recompiled, ms: number): void;
}

export interface Inputs {
  readonly matrices: readonly string[];
  readonly scalars: readonly string[];
}

interface CacheEntry {
  readonly key: string;
  readonly instructions: readonly Instruction[];
}

/**
 * The variables a block's recompiled plan depends on: matrices/frames it reads (by dims and
 * emptiness) and scalars that set sizes (rand rows=n). The cache key; parfor workers get the same.
 */
export function inputsOf(roots: readonly Hop[]): Inputs {
  const matrices = new Set<string>();
  const scalars = new Set<string>();
  const seen = new Set<Hop>();
  const visit = (h: Hop): void => {
    if (seen.has(h)) return;
    seen.add(h);
    if (h.kind === 'tread' && h.name !== undefined && (h.dataType === 'matrix' || h.dataType === 'frame'))
      matrices.add(h.name);
    if (h.kind === 'op' && SIZE_FROM_SCALARS.has(h.op))
      for (const i of h.inputs)
        if (i.kind === 'tread' && i.dataType === 'scalar' && i.name) scalars.add(i.name);
    h.inputs.forEach(visit);
  };
  roots.forEach(visit);
  return { matrices: [...matrices].sort(), scalars: [...scalars].sort() };
}

function scalarKey(v: LiteralValue | undefined): string {
  return v === undefined || v.vt === 'string' ? '_' : String(v.value);
}

export class BlockRecompiler {
  private readonly inputs = new Map<BasicBlock, Inputs>();
  private readonly cache = new Map<BasicBlock, CacheEntry>();

  constructor(
    private readonly marked: ReadonlySet<ProgramBlock>,
    private readonly ctx: RecompileContext,
    private readonly listener?: RecompileListener,
  ) {}

  /** Instructions to run for `block`: undefined when it is not marked for recompilation. */
  instructionsFor(block: BasicBlock, live: LiveLookup): readonly Instruction[] | undefined {
    if (!this.marked.has(block) || !block.hops) return undefined;
    let ins = this.inputs.get(block);
    if (!ins) this.inputs.set(block, (ins = inputsOf(block.hops.roots)));
    const parts: string[] = [];
    for (const m of ins.matrices) {
      const d = live(m)?.dims;
      // Known-empty inputs enable rewrites (empty-matmul, ...): emptiness is part of the key.
      parts.push(d ? `${d.rows}x${d.cols}${d.nnz === 0 ? 'e' : ''}` : '?');
    }
    for (const s of ins.scalars) parts.push(scalarKey(live(s)?.scalar));
    const key = parts.join(',');
    const hit = this.cache.get(block);
    if (hit && hit.key === key) return hit.instructions;
    const t0 = performance.now();
    let r: Recompiled;
    try {
      r = recompileDag(block.hops.roots, live, this.ctx);
    } catch (e) {
      // A size error seen with the real sizes: run the original plan, whose instruction reports
      // it at its statement (after the block's earlier statements ran, as without recompilation).
      if (!(e instanceof DmlError)) throw e;
      this.cache.set(block, { key, instructions: block.instructions });
      return block.instructions;
    }
    const ms = performance.now() - t0;
    this.cache.set(block, { key, instructions: r.instructions });
    this.listener?.(block, r, ms);
    return r.instructions;
  }
}
