/**
 * A builtin's arguments are bound to its catalogue parameters once, at lowering (issue 11, item 1):
 * the plan carries the binding, and the engine and every backend use it instead of binding the
 * call again each time it runs.
 */
import { describe, expect, it } from 'vitest';
import { compile, environment, execute } from '../../../src/api/pipeline.js';
import type { Binding } from '../../../src/common/builtins/bind.js';
import type { Instruction, ProgramBlock } from '../../../src/optimizer/plan.js';
import { defaultConfig } from '../../../src/common/config.js';
import { runScript } from '../../../src/api/run.js';
import { TestBackend } from '../backends/test-backend.js';

function instructionsOf(blocks: readonly ProgramBlock[]): Instruction[] {
  return blocks.flatMap((b) => (b.kind === 'basic' ? [...b.instructions] : []));
}

const params = (b: Binding | undefined): Record<string, number> => Object.fromEntries(b?.byParam ?? []);

describe('arguments bound at lowering', () => {
  it('builtin and operator instructions carry the binding; internal opcodes do not', () => {
    const env = environment({ optLevel: 0 });
    const c = compile(env, {
      script: { text: 'X = rand(cols=2, rows=3, seed=7)\nY = round(X) + 1\nprint(sum(Y))' },
    });
    const ins = instructionsOf(c.compiled.runtime.main);
    const rand = ins.find((i) => i.opcode === 'rand');
    expect(params(rand?.bound)).toEqual({ cols: 0, rows: 1, seed: 2 });
    expect(params(ins.find((i) => i.opcode === 'round')?.bound)).toEqual({ target: 0 });
    expect(params(ins.find((i) => i.opcode === '+')?.bound)).toEqual({ e1: 0, e2: 1 });
    expect(ins.find((i) => i.opcode === 'rmvar')?.bound).toBeUndefined();
  });

  it('the engine runs with the plan binding, not one of its own', () => {
    const env = environment({ optLevel: 0 });
    const c = compile(env, { script: { text: 'X = rand(rows=3, cols=2, seed=7)\nprint(nrow(X) + " " + ncol(X))' } });
    const rand = instructionsOf(c.compiled.runtime.main).find((i) => i.opcode === 'rand');
    expect(rand).toBeDefined();
    // Swap what the plan says rows and cols are bound to: the engine must follow the plan.
    const swapped = new Map(rand!.bound!.byParam);
    swapped.set('rows', rand!.bound!.byParam.get('cols')!);
    swapped.set('cols', rand!.bound!.byParam.get('rows')!);
    (rand as { bound: Binding }).bound = { ...rand!.bound!, byParam: swapped };
    const out: string[] = [];
    execute(c, { print: (l) => out.push(l) });
    expect(out).toEqual(['2 3']);
  });

  it('a backend kernel receives the binding with the call', () => {
    const backend = new TestBackend();
    runScript({
      text: 'X = rand(rows=300, cols=40, seed=1)\nY = round(X)\nprint(sum(Y))',
      backends: [backend],
      optLevel: 0,
      config: { ...defaultConfig(), memoryBytes: 1 << 30, threads: 1, gpuMode: 'force' },
      print: () => {},
    });
    const round = backend.calls.find((c) => c.op === 'round');
    expect(round).toBeDefined();
    expect(params(round!.bound)).toEqual({ target: 0 });
  });
});
