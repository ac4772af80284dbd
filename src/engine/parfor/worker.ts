/**
 * parfor worker entry: receives a task (program, loop, its share of the iterations, inputs),
 * runs the body with its own interpreter, posts the result variables and the printed lines back
 * on its port, then counts itself finished in shared memory and wakes the main thread, which is
 * blocked in Atomics.wait (the interpreter is synchronous and cannot await a promise).
 */
import path from 'node:path';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { DmlError } from '../../common/diagnostics.js';
import type { RuntimeProgram } from '../../optimizer/plan.js';
import { createBuiltinRegistry } from '../builtins/index.js';
import { Interpreter } from '../interpreter/interpreter.js';
import { SymbolTable } from '../interpreter/symbol-table.js';
import { createKernelRegistry } from '../kernels/local.js';
import { configureThreads } from '../threads/settings.js';
import { fromWire, toWirePlain } from './codec.js';
import { fromWireProgram } from './program-wire.js';
import { CTRL_FINISHED, type ParforReply, type ParforTask } from './protocol.js';

// One level of parallelism: the parfor workers are the threads; kernels inside them run inline.
configureThreads({ threads: 1 });

const programs = new Map<number, RuntimeProgram>();
const builtins = createBuiltinRegistry();
const kernels = createKernelRegistry();

function runTask(task: ParforTask): ParforReply {
  const prints: string[] = [];
  try {
    let program = programs.get(task.programId);
    if (!program) {
      program = fromWireProgram(task.program!);
      programs.set(task.programId, program);
    }
    const interp = new Interpreter(program, {
      builtins,
      kernels,
      print: (line) => prints.push(line),
      resolvePath: (p) => path.resolve(task.cwd, p),
      seed: task.seed,
      threads: 1,
      parforInWorker: true,
    });
    const scope = new SymbolTable();
    for (const [name, w] of task.inputs) scope.set(name, fromWire(w));
    interp.runIterations(task.loop, task.values.map(fromWire), scope);
    const results: [string, ReturnType<typeof toWirePlain>][] = [];
    for (const n of task.results) {
      const v = scope.get(n);
      if (v !== undefined) results.push([n, toWirePlain(v)]);
    }
    return { kind: 'done', prints, results };
  } catch (e) {
    if (e instanceof DmlError) return { kind: 'error', prints, diagnostics: e.diagnostics, message: e.message };
    return { kind: 'error', prints, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

function finish(ctrl: Int32Array): void {
  Atomics.add(ctrl, CTRL_FINISHED, 1);
  Atomics.notify(ctrl, CTRL_FINISHED);
}

if (parentPort) {
  parentPort.once('message', (init: { readonly port: MessagePort; readonly ready: Int32Array }) => {
    const port = init.port;
    port.on('message', (task: ParforTask) => {
      port.postMessage(runTask(task));
      finish(task.ctrl);
    });
    finish(init.ready);
  });
}
