/** Tab completion for the REPL: builtins, stdlib functions, variables, and `:commands`. */

export interface CompletionSources {
  readonly builtins: () => readonly string[];
  readonly stdlib: () => readonly string[];
  readonly variables: () => readonly string[];
  readonly functions: () => readonly string[];
  readonly commands: readonly string[];
}

/** readline's completer contract: [candidates, the fragment they complete]. */
export function complete(line: string, src: CompletionSources): [string[], string] {
  const command = /^\s*(:\w*)$/.exec(line);
  if (command) {
    const frag = command[1]!;
    return [src.commands.filter((c) => c.startsWith(frag)), frag];
  }
  // `:help na<TAB>` completes function names.
  const help = /^\s*:help\s+([\w.]*)$/.exec(line);
  const frag = help ? help[1]! : (/[A-Za-z_][\w.]*$/.exec(line)?.[0] ?? '');
  if (frag === '') return [[], ''];
  const pool = help
    ? [...src.builtins(), ...src.stdlib(), ...src.functions()]
    : [...src.variables(), ...src.functions(), ...src.builtins(), ...src.stdlib()];
  const hits = [...new Set(pool.filter((n) => n.startsWith(frag)))].sort((a, b) => a.localeCompare(b));
  return [hits, frag];
}
