/**
 * Variable environments for the flow-sensitive part of analysis: which variables are defined
 * (on every path, or only on some) and what static type and dims they have at a program point.
 */
import type { TypeInfo } from '../../common/builtins/spec.js';
import type { Dims } from '../../common/types.js';

export interface VarInfo {
  /** 'yes': assigned on every path to here; 'maybe': only on some (if branch, loop body). */
  readonly defined: 'yes' | 'maybe';
  readonly type: TypeInfo;
  readonly dims?: Dims;
  /** Already reported as undefined: later reads stay quiet (one error per name, not per use). */
  readonly reported?: boolean;
}

export type Env = Map<string, VarInfo>;

export function cloneEnv(env: Env): Env {
  return new Map(env);
}

export function mergeTypes(a: TypeInfo, b: TypeInfo): TypeInfo {
  if (a.dataType === b.dataType && a.valueType === b.valueType) return a;
  if (a.dataType === b.dataType) return { dataType: a.dataType, valueType: 'unknown' };
  return { dataType: 'unknown', valueType: 'unknown' };
}

function sameDims(a: Dims | undefined, b: Dims | undefined): boolean {
  return a !== undefined && b !== undefined && a.rows === b.rows && a.cols === b.cols;
}

/** Join of two paths: defined on both -> keeps 'yes'; on one only -> 'maybe'; differing types -> unknown. */
export function mergeEnvs(a: Env, b: Env): Env {
  const out: Env = new Map();
  for (const [name, x] of a) {
    const y = b.get(name);
    if (y === undefined) {
      out.set(name, { ...x, defined: 'maybe' });
      continue;
    }
    const defined = x.defined === 'yes' && y.defined === 'yes' ? 'yes' : 'maybe';
    const type = mergeTypes(x.type, y.type);
    out.set(name, sameDims(x.dims, y.dims) ? { defined, type, dims: x.dims! } : { defined, type });
  }
  for (const [name, y] of b) if (!a.has(name)) out.set(name, { ...y, defined: 'maybe' });
  return out;
}
