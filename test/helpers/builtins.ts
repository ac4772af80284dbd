/** Calls builtin implementations directly, without parsing a script (unit tests of engine/builtins). */
import { NO_SPAN } from '../../src/common/span.js';
import { openFileAccess } from '../../src/common/file-access.js';
import type { ExecContext } from '../../src/engine/context.js';
import type { Value } from '../../src/engine/data/values.js';
import { createBuiltinRegistry } from '../../src/engine/builtins/index.js';

export function testContext(printed: string[] = []): ExecContext {
  let seed = 7;
  return {
    print: (line) => printed.push(line),
    files: openFileAccess(process.cwd()),
    nextSeed: () => seed++,
    callFunction: () => {
      throw new Error('callFunction is not available in builtin unit tests');
    },
    threads: 1,
  };
}

const registry = createBuiltinRegistry();

/** callBuiltin('sum', [X]) or callBuiltin('rand', [r, c], [ 'rows', 'cols' ]). */
export function callBuiltin(
  name: string,
  args: readonly Value[],
  argNames: readonly (string | undefined)[] = args.map(() => undefined),
  ctx: ExecContext = testContext(),
): Value | readonly Value[] | void {
  const impl = registry.get(name);
  if (!impl) throw new Error(`builtin '${name}' is not registered`);
  return impl({ name, args, argNames, span: NO_SPAN, ctx });
}
