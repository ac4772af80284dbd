/**
 * Binds call arguments (positional and named, as written) to a builtin's parameters.
 * Shared by analysis (compile-time checks), the optimizer and the engine (runtime values),
 * so that all three agree on what `f(a, b, name=c)` means.
 */
import type { BuiltinSpec, TypeInfo } from './spec.js';

export interface Binding {
  /** Parameter name -> index into the call's argument list. */
  readonly byParam: ReadonlyMap<string, number>;
  /** Indices of arguments collected by a variadic parameter, in order. */
  readonly variadic: readonly number[];
  /** Extra named arguments accepted by an `openNamed` builtin: name -> index. */
  readonly extraNamed: ReadonlyMap<string, number>;
}

export type BindResult = { ok: true; binding: Binding } | { ok: false; message: string; argIndex?: number };

/** `names[i]` is the name written for argument i, or undefined when positional. */
export function bindArguments(spec: BuiltinSpec, names: readonly (string | undefined)[]): BindResult {
  const byParam = new Map<string, number>();
  const variadic: number[] = [];
  const extraNamed = new Map<string, number>();
  const params = spec.params;
  let p = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === undefined) {
      while (p < params.length && !params[p]!.variadic && byParam.has(params[p]!.name)) p++;
      if (p >= params.length) {
        return {
          ok: false,
          message: `${spec.name}() takes at most ${params.length} argument(s), got ${names.length}`,
          argIndex: i,
        };
      }
      if (params[p]!.variadic) variadic.push(i);
      else byParam.set(params[p++]!.name, i);
      continue;
    }
    const param = params.find((q) => q.name === name && !q.variadic);
    if (param === undefined) {
      if (spec.openNamed) {
        extraNamed.set(name, i);
        continue;
      }
      const known = params.filter((q) => !q.variadic).map((q) => q.name);
      return {
        ok: false,
        message: `${spec.name}() has no parameter '${name}'${known.length ? ` (parameters: ${known.join(', ')})` : ''}`,
        argIndex: i,
      };
    }
    if (byParam.has(name))
      return { ok: false, message: `${spec.name}(): argument '${name}' given twice`, argIndex: i };
    byParam.set(name, i);
  }
  for (const q of params) {
    if (!q.optional && !q.variadic && !byParam.has(q.name)) {
      return { ok: false, message: `${spec.name}() is missing required argument '${q.name}'` };
    }
  }
  return { ok: true, binding: { byParam, variadic, extraNamed } };
}

/**
 * The argument types a spec's `returns` sees: parameter name -> type, extra named arguments by
 * their names, and the variadic parameter's arguments as `name` (the first) and `name[i]` (i >= 1),
 * so that `args.values()` yields one entry per argument.
 */
export function boundTypes(
  spec: BuiltinSpec,
  binding: Binding,
  types: readonly TypeInfo[],
): Map<string, TypeInfo> {
  const byName = new Map<string, TypeInfo>();
  for (const [p, i] of binding.byParam) byName.set(p, types[i]!);
  for (const [p, i] of binding.extraNamed) byName.set(p, types[i]!);
  const variadic = spec.params.find((p) => p.variadic);
  if (variadic !== undefined) {
    binding.variadic.forEach((argIndex, i) =>
      byName.set(i === 0 ? variadic.name : `${variadic.name}[${i}]`, types[argIndex]!),
    );
  }
  return byName;
}
