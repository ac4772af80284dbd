/**
 * The interactive loop on a terminal: prompt `> ` (continuation `+ ` while a bracket, string or
 * block comment is open), history, tab completion, `:commands`, Ctrl-C and Ctrl-D. Evaluation
 * is ReplSession's; this file only talks to the terminal.
 */
import { createInterface, type Interface } from 'node:readline';
import { builtinNames } from '../../common/builtins/catalogue.js';
import type { TesseraConfig } from '../../common/config.js';
import { stdlibNames } from '../../language/stdlib-docs.js';
import type { ProgressEvent } from '../../api/session.js';
import { ProgressLine } from '../progress.js';
import { COMMANDS, COMMANDS_HELP, helpFor, parseCommand } from './commands.js';
import { complete } from './completion.js';
import { needsMoreInput } from './continuation.js';
import { appendHistory, HISTORY_SIZE, loadHistory, trimHistory } from './history.js';
import { TtyInterrupt } from './interrupt.js';
import { ReplSession, type EvalOutcome } from './session.js';

export interface ReplOptions {
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WriteStream;
  /** Diagnostics and the progress line. */
  readonly err: NodeJS.WriteStream;
  /** History file; undefined: none kept. */
  readonly historyFile: string | undefined;
  /** Draw the progress line for inputs that run longer than ~2 s. */
  readonly progress: boolean;
  readonly banner?: string;
  readonly cwd?: string;
  readonly seed?: number;
  readonly config?: TesseraConfig;
  readonly optLevel?: 0 | 2;
  readonly args?: ReadonlyMap<string, string>;
  /** `-stats [k]`: statistics after every input, with the k heaviest instructions. */
  readonly stats?: number;
}

const PROMPT = '> ';
const CONTINUE = '+ ';

/** Runs the REPL until :quit or Ctrl-D; resolves to the exit code. */
export function startRepl(o: ReplOptions): Promise<number> {
  let progress: ProgressLine | undefined;
  const out = (s: string): void => {
    progress?.clear();
    o.output.write(s.endsWith('\n') ? s : s + '\n');
  };
  const errOut = (s: string): void => {
    progress?.clear();
    o.err.write(s.endsWith('\n') ? s : s + '\n');
  };
  const session = new ReplSession({
    print: out,
    ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.config !== undefined ? { config: o.config } : {}),
    ...(o.optLevel !== undefined ? { optLevel: o.optLevel } : {}),
    ...(o.args !== undefined ? { args: o.args } : {}),
    ...(o.stats !== undefined ? { stats: o.stats } : {}),
  });
  let stdlib: string[] | undefined;
  let builtins: string[] | undefined;
  const rl: Interface = createInterface({
    input: o.input,
    output: o.output,
    terminal: true,
    prompt: PROMPT,
    history: loadHistory(o.historyFile),
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string) =>
      complete(line, {
        builtins: () => (builtins ??= builtinNames()),
        stdlib: () => (stdlib ??= stdlibNames()),
        variables: () => session.variableNames(),
        functions: () => session.functionNames(),
        commands: COMMANDS,
      }),
  });
  const interrupt = TtyInterrupt.open();
  let pending: string[] = [];
  let running: Int32Array | undefined;

  const report = (r: EvalOutcome): void => {
    if (r.warnings !== undefined) errOut(r.warnings);
    if (r.ok) {
      if (r.shown !== undefined) out(r.shown);
      if (r.stats !== undefined) errOut(r.stats);
    } else if (r.error !== undefined) {
      errOut(/\[DML8003\]/.test(r.error) ? 'interrupted' : r.error);
    }
  };

  /** Runs one input with a fresh cancellation flag, progress line and Ctrl-C watch. */
  const evaluate = (run: (c: Parameters<ReplSession['eval']>[1]) => EvalOutcome): void => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    progress = o.progress
      ? new ProgressLine({ write: (s) => o.err.write(s), width: () => o.err.columns || 80 })
      : undefined;
    const onProgress = (e: ProgressEvent): void => {
      if (progress) {
        if (e.kind === 'iteration')
          progress.iteration(e.opcode === 'while' ? 'while' : 'for', e.span.line, e.iteration ?? 0);
        else progress.statement(e.span.line, e.span.file, e.opcode);
      }
      if (interrupt?.interrupted()) Atomics.store(flag, 0, 1);
    };
    running = flag;
    try {
      report(run({ cancelFlag: flag, onProgress }));
    } finally {
      running = undefined;
      progress?.clear();
      progress = undefined;
    }
    const typed = interrupt?.takePending() ?? '';
    if (typed !== '') setImmediate(() => rl.write(typed));
  };

  const command = (line: string): boolean => {
    const c = parseCommand(line);
    switch (c.kind) {
      case 'quit':
        return false;
      case 'help':
        out(
          c.name === undefined
            ? COMMANDS_HELP
            : helpFor(c.name, {
                userFunction: (n) => session.functionSignature(n),
                userFunctions: () => session.functionNames(),
              }),
        );
        break;
      case 'vars':
        out(session.describeVariables());
        break;
      case 'explain':
        report(session.explain(c.text, c.level));
        break;
      case 'load':
        evaluate((ctl) => session.load(c.file, ctl));
        break;
      case 'unknown':
        errOut(c.message);
        break;
    }
    return true;
  };

  return new Promise<number>((resolveExit) => {
    let closed = false;
    const finish = (): void => {
      if (closed) return;
      closed = true;
      interrupt?.close();
      trimHistory(o.historyFile);
      resolveExit(0);
    };
    rl.on('line', (line) => {
      appendHistory(o.historyFile, line);
      pending.push(line);
      const text = pending.join('\n');
      if (needsMoreInput(text)) {
        rl.setPrompt(CONTINUE);
        rl.prompt();
        return;
      }
      pending = [];
      rl.setPrompt(PROMPT);
      if (text.trim() === '') {
        rl.prompt();
        return;
      }
      if (/^\s*:/.test(text)) {
        if (!command(text)) {
          rl.close();
          return;
        }
      } else {
        evaluate((ctl) => session.eval(text, ctl));
      }
      rl.prompt();
    });
    rl.on('SIGINT', () => {
      // Ctrl-C at the prompt: drop the input being typed; on an empty prompt, say how to leave.
      const typing = pending.length > 0 || rl.line !== '';
      pending = [];
      if (rl.line !== '') {
        rl.write(null, { ctrl: true, name: 'e' });
        rl.write(null, { ctrl: true, name: 'u' });
      }
      o.output.write(typing ? '^C\n' : '\n(To leave, type :quit or press Ctrl-D)\n');
      rl.setPrompt(PROMPT);
      rl.prompt();
    });
    // A SIGINT from outside (kill -INT) must not end the session either. Node delivers it only
    // between two inputs (never during a synchronous run), where it acts as Ctrl-C at the prompt.
    const onSignal = (): void => {
      if (running) Atomics.store(running, 0, 1);
      else rl.emit('SIGINT');
    };
    process.on('SIGINT', onSignal);
    rl.on('close', () => {
      process.off('SIGINT', onSignal);
      o.output.write('\n');
      finish();
    });
    if (o.banner) o.output.write(o.banner + '\n');
    rl.prompt();
  });
}
