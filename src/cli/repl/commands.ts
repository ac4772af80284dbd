/**
 * The REPL's `:commands` and `:help` text. Help comes from the stdlib doc headers (formatDoc),
 * then the builtin catalogue (name, parameters with the defaults its doc line names, result),
 * then the session's own functions.
 */
import { didYouMean } from '../../common/diagnostics.js';
import { builtinNames, builtinSpec } from '../../common/builtins/catalogue.js';
import type { BuiltinSpec, TypeInfo } from '../../common/builtins/spec.js';
import { formatDoc, stdlibDoc, stdlibNames } from '../../language/stdlib-docs.js';

export const COMMANDS = [':help', ':vars', ':explain', ':load', ':quit'] as const;

export type Command =
  | { readonly kind: 'help'; readonly name?: string }
  | { readonly kind: 'vars' }
  | { readonly kind: 'explain'; readonly level: 'hops' | 'runtime'; readonly text: string }
  | { readonly kind: 'load'; readonly file: string }
  | { readonly kind: 'quit' }
  | { readonly kind: 'unknown'; readonly message: string };

export const COMMANDS_HELP = [
  'Type DML statements; a bare expression prints its value. Input continues while a bracket is open.',
  '  :help [name]             help on a builtin, a stdlib or your own function (no name: this text)',
  '  :vars                    variables: name, type, dims',
  '  :explain [runtime] stmt  the plan (HOPs, or runtime instructions) of a statement, without running it',
  '  :load file.dml           run a file in the session (its variables and functions stay)',
  '  :quit                    leave (also Ctrl-D)',
  'Tab completes names; Ctrl-C interrupts a running statement (between two instructions).',
].join('\n');

/** Parses a line that starts with `:`. */
export function parseCommand(line: string): Command {
  const m = /^\s*:(\w*)\s*([\s\S]*)$/.exec(line);
  const name = m?.[1] ?? '';
  const rest = (m?.[2] ?? '').trim();
  switch (name) {
    case 'help':
    case 'h':
    case '?':
      return rest === '' ? { kind: 'help' } : { kind: 'help', name: rest };
    case 'vars':
    case 'ls':
      return { kind: 'vars' };
    case 'explain': {
      const rt = /^(runtime|hops)\s+([\s\S]*)$/.exec(rest);
      const text = rt ? rt[2]! : rest;
      if (text === '') return { kind: 'unknown', message: 'usage: :explain [runtime|hops] <statement>' };
      return { kind: 'explain', level: rt?.[1] === 'runtime' ? 'runtime' : 'hops', text };
    }
    case 'load': {
      const file = rest.replace(/^(["'])(.*)\1$/, '$2');
      if (file === '') return { kind: 'unknown', message: 'usage: :load file.dml' };
      return { kind: 'load', file };
    }
    case 'quit':
    case 'q':
    case 'exit':
      return { kind: 'quit' };
    default: {
      const near = didYouMean(`:${name}`, COMMANDS);
      return {
        kind: 'unknown',
        message: `unknown command ':${name}'${near ? ` (did you mean ${near}?)` : ''}; :help lists the commands`,
      };
    }
  }
}

function typeName(t: TypeInfo): string {
  if (t.dataType === 'scalar') return t.valueType === 'unknown' ? 'scalar' : `${t.valueType} scalar`;
  return t.dataType;
}

/** Defaults named in a builtin's doc line (`rand(rows, cols, min=0, max=1, ...)`). */
function docDefaults(spec: BuiltinSpec): Map<string, string> {
  const out = new Map<string, string>();
  const sig = new RegExp(`${spec.name.replace(/[.]/g, '\\.')}\\(([^)]*)\\)`).exec(spec.doc)?.[1] ?? '';
  for (const m of sig.matchAll(/([A-Za-z_][\w.]*)\s*=\s*("[^"]*"(?:\|"[^"]*")*|[^,]+)/g))
    out.set(m[1]!, m[2]!.trim());
  return out;
}

/** Help for a builtin from its catalogue entry. */
export function formatBuiltinHelp(spec: BuiltinSpec): string {
  const defaults = docDefaults(spec);
  const params = spec.params.map((p) => {
    const d = defaults.get(p.name);
    if (p.variadic) return `${p.name}...`;
    if (d !== undefined) return `${p.name}=${d}`;
    return p.optional ? `[${p.name}]` : p.name;
  });
  const lines = [`${spec.name}(${params.join(', ')})  (builtin)`, '', spec.doc];
  let returns: string | undefined;
  const n = spec.outputs ?? 1;
  if (n === 0) returns = 'nothing (a statement)';
  else {
    try {
      const ts = spec.returns(new Map());
      returns = ts.length > 0 ? ts.map(typeName).join(', ') : undefined;
    } catch {
      returns = undefined; // result type depends on the arguments
    }
    returns ??= n === 1 ? 'a value whose type depends on the arguments' : `${n} values`;
    if (returns === 'unknown') returns = 'a value whose type depends on the arguments';
  }
  lines.push('', `Returns: ${returns}`);
  return lines.join('\n');
}

export interface HelpSources {
  /** The session's own functions: their signatures. */
  readonly userFunction: (name: string) => string | undefined;
  readonly userFunctions: () => readonly string[];
  readonly stdlibDir?: string;
}

/** `:help name`. */
export function helpFor(name: string, src: HelpSources): string {
  const user = src.userFunction(name);
  if (user !== undefined) return user;
  try {
    const doc = stdlibDoc(name, src.stdlibDir);
    if (doc) return formatDoc(doc);
  } catch (e) {
    return `${name}: its stdlib doc header cannot be read (${(e as Error).message})`;
  }
  const spec = builtinSpec(name);
  if (spec) return formatBuiltinHelp(spec);
  const near = didYouMean(name, [...builtinNames(), ...stdlibNames(src.stdlibDir), ...src.userFunctions()]);
  return `no help for '${name}': not a builtin, stdlib or session function${near ? ` (did you mean ${near}?)` : ''}`;
}
