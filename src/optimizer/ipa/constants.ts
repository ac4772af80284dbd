/**
 * Inter-procedural constant propagation (SystemDS's IPA constant propagation into functions):
 * when every call site passes the same literal (or constant-folded) scalar for a parameter, or
 * leaves it to a literal default, the function body is compiled with that constant, so constant
 * folding and dead-branch removal fire inside it (`if (icpt == 1)` of a stdlib function called
 * with a literal icpt disappears). Only parameters the body never assigns get a constant: then
 * every read of them, in every block and predicate, is that value.
 */
import type { ValueType } from '../../common/types.js';
import type { VarShapes } from '../build-dag.js';
import type { Hop } from '../hop.js';
import type { LiteralValue } from '../plan.js';

/** The rule name, for `disableRules` (and -stats, once per function compiled with constants). */
export const CONSTANTS_RULE = 'ipa-constants';

export function withoutConstants(shapes: VarShapes): VarShapes {
  return new Map([...shapes].filter(([, s]) => s.value === undefined));
}

/**
 * The entries of `shapes` that hold wherever the body reads them. `keepWrittenDims`: dims of
 * assigned variables stay (they are entry sizes that the block-by-block flow updates), only
 * their constants go; otherwise assigned variables are dropped entirely.
 */
export function stableShapes(
  shapes: VarShapes,
  written: ReadonlySet<string>,
  keepWrittenDims = false,
): VarShapes {
  const out: VarShapes = new Map();
  for (const [name, s] of shapes) {
    if (!written.has(name)) out.set(name, s);
    else if (keepWrittenDims && s.value === undefined) out.set(name, s);
  }
  return out;
}

/** A literal HOP's value, if `h` is one. */
export function literalOf(h: Hop | undefined): LiteralValue | undefined {
  return h?.kind === 'literal' ? h.value : undefined;
}

/**
 * The value a parameter of declared value type `vt` holds after the call boundary's coercion
 * (coerceToDeclared: int -> double, integral double -> int), or undefined when the boundary
 * would reject or keep something else (the constant is then not propagated).
 */
export function coerceLiteral(v: LiteralValue, vt: ValueType): LiteralValue | undefined {
  if (v.vt === vt) return v;
  if (vt === 'double' && v.vt === 'int') return { vt: 'double', value: v.value };
  if (vt === 'int' && v.vt === 'double' && Number.isInteger(v.value)) return { vt: 'int', value: v.value };
  return undefined;
}

export function sameLiteral(a: LiteralValue, b: LiteralValue): boolean {
  // Object.is: NaN equals NaN, and 0 and -0 stay apart (1/x tells them apart).
  return a.vt === b.vt && Object.is(a.value, b.value);
}
