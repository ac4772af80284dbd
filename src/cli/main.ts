/**
 * The `dml` command, SystemDS-compatible:
 *   dml -f script.dml [-args a b c | -nvargs k=v ...] [-explain [level]] [-stats [k]]
 *   dml -s "inline script" ...      dml script.dml ...
 *   dml [repl] [--quiet]            the REPL on a terminal; with piped stdin, stdin is the script
 * SystemDS spells its long flags with one dash (-nvargs); they are normalised to commander's
 * double-dash form before parsing.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { DmlError, formatDiagnostics } from '../common/diagnostics.js';
import { defaultConfig, loadConfig, type TesseraConfig } from '../common/config.js';
import { compileScript, DmlRunError, explain, runCompiled, type ExplainLevel } from '../api/run.js';
import { loadColumnarFormats } from '../engine/io/columnar.js';
import { formatStats } from './stats-report.js';
import { calibrate } from './calibrate.js';
import { VERSION, versionText } from './version.js';
import { ProgressLine, progressEnabled } from './progress.js';
import { RewriteTrace } from '../optimizer/rewrites/trace.js';
import type { DistJob } from '../engine/dist/runtime/job.js';
import { detectLaunch, distLaunchHelp, localMpirunArgs } from '../engine/dist/launch.js';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** `-explain` levels: the API's, plus `rewrites` (the DAG after every rewrite rule that fired). */
type CliExplainLevel = ExplainLevel | 'rewrites';
const EXPLAIN_LEVELS: readonly CliExplainLevel[] = [
  'hops',
  'runtime',
  'recompile_hops',
  'recompile_runtime',
  'rewrites',
];

const LONG_FLAGS = [
  'args',
  'nvargs',
  'explain',
  'stats',
  'exec',
  'gpu',
  'config',
  'optlevel',
  'seed',
  'help',
  'version',
  'debug',
  'quiet',
  'ranks',
];

/** `-nvargs` -> `--nvargs` (only SystemDS's long flags; `-f` and `-s` stay short). */
export function normaliseArgv(argv: readonly string[]): string[] {
  return argv.map((a) => (/^-[a-z]{2,}$/.test(a) && LONG_FLAGS.includes(a.slice(1)) ? `-${a}` : a));
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

function parseNvargs(list: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const kv of list) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`-nvargs expects name=value pairs, got '${kv}'`);
    m.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  return m;
}

class UsageError extends Error {}

/** Runs the command; resolves to the process exit code. */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  if (argv.length === 1 && argv[0] === 'calibrate') {
    // `dml calibrate`: measure once and cache (a script must not be named "calibrate" alone).
    calibrate(io.out);
    return 0;
  }
  // `dml repl [options]`: as `dml` with no script (a script file named "repl" needs -f repl).
  const replAsked = argv[0] === 'repl';
  if (replAsked) argv = argv.slice(1);
  const program = new Command('dml')
    .description('Run DML (Apache SystemDS) scripts with Tessera')
    .usage(
      '[-f script.dml | -s "script" | script.dml] [-args a b ... | -nvargs k=v ...] [options]\n       dml [repl] [--quiet]   (no script: the REPL on a terminal, else stdin is the script)',
    )
    .option('-f, --file <script>', 'DML script file to run')
    .option('-s, --script <text>', 'DML script given inline')
    .option('--args <values...>', 'positional script arguments, read as $1, $2, ...')
    .option('--nvargs <pairs...>', 'named script arguments name=value, read as $name')
    .addOption(
      new Option(
        '--explain [level]',
        'print the plan: hops, runtime, recompile_hops or recompile_runtime (also each block recompiled at run time), or rewrites (the HOP DAG after each rewrite rule that fired)',
      )
        .choices(EXPLAIN_LEVELS)
        .preset('runtime'),
    )
    .option('--stats [k]', 'print total time and the k operators that took longest (default 10)')
    .addOption(
      new Option('--exec <mode>', 'execution mode').choices(['singlenode', 'hybrid', 'dist', 'spark']),
    )
    .option('--gpu [force]', 'use the GPU backend (not available yet)')
    .option('--config <file>', 'configuration file (JSON; keys in docs/configuration.md)')
    .addOption(
      new Option('--optlevel <n>', 'optimization level: 0 (no rewrites) or 2')
        .choices(['0', '2'])
        .default('2'),
    )
    .option('--seed <n>', 'seed for rand/sample calls without an explicit seed')
    .option('--quiet', 'no progress line on the terminal for long runs')
    .option('--ranks <n>', 'run as a local MPI job of n ranks (starts mpirun; Open MPI)')
    .argument('[script]', 'DML script file (same as -f)')
    .helpOption('-h, --help', 'show this help')
    .version(
      versionText(argv.includes('-V') || argv.includes('--version')),
      '-V, --version',
      'print the version and the compute paths in use',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run dml --help for usage)');

  try {
    program.parse(normaliseArgv(argv), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    throw e;
  }
  const o = program.opts<{
    file?: string;
    script?: string;
    args?: string[];
    nvargs?: string[];
    explain?: CliExplainLevel;
    stats?: string | boolean;
    exec?: string;
    gpu?: string | boolean;
    config?: string;
    optlevel: string;
    seed?: string;
    quiet?: boolean;
    ranks?: string;
  }>();
  if (o.ranks !== undefined) return runLocalJob(o.ranks, argv, io);

  let job: DistJob | undefined;
  try {
    if (o.gpu !== undefined) throw new UsageError('-gpu: the GPU backend is not supported yet (DML9001)');
    let config: TesseraConfig = defaultConfig();
    if (o.config !== undefined) {
      try {
        config = loadConfig(o.config, config);
      } catch (e) {
        if (e instanceof DmlError) throw new UsageError(e.message);
        throw e;
      }
    }
    if (o.exec !== undefined)
      config = {
        ...config,
        execMode: o.exec === 'spark' ? 'dist' : (o.exec as 'singlenode' | 'hybrid' | 'dist'),
      };
    // Started by mpirun/mpiexec/srun: this process is one rank of a distributed job. Workers
    // serve the driver (rank 0) and never read the script.
    job = await startDistJob(config);
    if (job?.role === 'worker') {
      job.serve();
      return 0;
    }
    if (config.execMode === 'dist' && job === undefined) {
      const { mpiUnavailable } = await import('../engine/dist/mpi/binding.js');
      throw new UsageError(distLaunchHelp(mpiUnavailable()));
    }
    if (job !== undefined) config = { ...config, cluster: job.cluster, threads: job.threads };
    if (config.gpuMode !== 'off')
      throw new UsageError('gpuMode: the GPU backend is not supported yet (DML9001)');
    const positional = program.args[0];
    const sources = [o.file, o.script, positional].filter((x) => x !== undefined);
    if (replAsked && sources.length > 0)
      throw new UsageError('dml repl takes no script (use :load file.dml in it)');
    if (job !== undefined && (replAsked || sources.length === 0))
      throw new UsageError('a distributed job runs a script (-f FILE or -s SCRIPT), not the REPL or stdin');
    const seedOpt = o.seed === undefined ? undefined : Number(o.seed);
    const fromStdin = sources.length === 0;
    if (fromStdin && process.stdin.isTTY) {
      // No script on a terminal: the REPL (loaded only here, so scripts start no faster or slower).
      if (seedOpt !== undefined && !Number.isInteger(seedOpt))
        throw new UsageError(`--seed expects an integer, got '${o.seed}'`);
      if (o.explain !== undefined)
        throw new UsageError('-explain applies to scripts; in the REPL use :explain <statement>');
      const replStats = o.stats === undefined ? undefined : o.stats === true ? 10 : Number(o.stats);
      if (replStats !== undefined && !(Number.isInteger(replStats) && replStats > 0))
        throw new UsageError(`-stats expects a positive count, got '${o.stats}'`);
      if (o.args && o.nvargs) throw new UsageError('-args and -nvargs cannot be combined (as in SystemDS)');
      const replArgs = o.nvargs
        ? parseNvargs(o.nvargs)
        : new Map((o.args ?? []).map((v, i) => [String(i + 1), v] as const));
      const { startRepl } = await import('./repl/repl.js');
      const { historyPath } = await import('./repl/history.js');
      return startRepl({
        input: process.stdin,
        output: process.stdout,
        err: process.stderr,
        historyFile: historyPath(),
        progress: progressEnabled({
          isTTY: process.stderr.isTTY === true,
          quiet: o.quiet === true,
          term: process.env['TERM'],
          ci: process.env['CI'],
        }),
        banner: `Tessera ${VERSION}: DML REPL. :help for help, :quit or Ctrl-D to leave.`,
        cwd: process.cwd(),
        config,
        optLevel: o.optlevel === '0' ? 0 : 2,
        args: replArgs,
        ...(seedOpt !== undefined ? { seed: seedOpt } : {}),
        ...(replStats !== undefined ? { stats: replStats } : {}),
      });
    }
    if (sources.length > 1) throw new UsageError('give exactly one of -f FILE, -s SCRIPT or a script path');
    if (o.args && o.nvargs) throw new UsageError('-args and -nvargs cannot be combined (as in SystemDS)');
    let text: string;
    let file: string;
    if (fromStdin) {
      // Piped stdin without a script: stdin is the script, run as a whole (as `dml -f`).
      text = readFileSync(0, 'utf8');
      file = '<stdin>';
    } else if (o.script !== undefined) {
      text = o.script;
      file = '<inline>';
    } else {
      file = (o.file ?? positional)!;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
        io.err(`dml: cannot read script '${file}': ${why}\n`);
        return 1;
      }
    }
    const args = o.nvargs
      ? parseNvargs(o.nvargs)
      : new Map((o.args ?? []).map((v, i) => [String(i + 1), v] as const));
    const seed = o.seed === undefined ? undefined : Number(o.seed);
    if (seed !== undefined && !Number.isInteger(seed))
      throw new UsageError(`--seed expects an integer, got '${o.seed}'`);
    const statsK = o.stats === undefined ? undefined : o.stats === true ? 10 : Number(o.stats);
    if (statsK !== undefined && !(Number.isInteger(statsK) && statsK > 0))
      throw new UsageError(`-stats expects a positive count, got '${o.stats}'`);

    const t0 = performance.now();
    // The progress line only when stderr is the real terminal (not when io is redirected in tests).
    const progress =
      io === defaultIo &&
      progressEnabled({
        isTTY: process.stderr.isTTY === true,
        quiet: o.quiet === true,
        term: process.env['TERM'],
        ci: process.env['CI'],
      })
        ? new ProgressLine({
            write: (s) => process.stderr.write(s),
            width: () => process.stderr.columns || 80,
            mainFile: file,
          })
        : undefined;
    const trace = o.explain === 'rewrites' ? new RewriteTrace() : undefined;
    const runOpts = {
      text,
      file,
      args,
      cwd: process.cwd(),
      optLevel: o.optlevel === '0' ? (0 as const) : (2 as const),
      print: (line: string) => {
        progress?.clear();
        io.out(line + '\n');
      },
      ...(progress
        ? {
            checkCancelled: () => progress.tickSometimes(),
            onIteration: (
              loop: { readonly kind: 'for' | 'while'; readonly span: { readonly line: number } },
              it: number,
            ) => progress.iteration(loop.kind, loop.span.line, it),
          }
        : {}),
      stats: statsK !== undefined,
      seed,
      config,
      ...(job !== undefined ? { backends: [job.backend] } : {}),
      returnVariables: false,
      // The planner's rates: `dml calibrate`'s cache (the pipeline's default, as for every entry point).
      explainRecompile:
        o.explain === 'recompile_hops'
          ? ('hops' as const)
          : o.explain === 'recompile_runtime'
            ? ('runtime' as const)
            : undefined,
      ...(trace ? { onRuleFired: trace.observer } : {}),
    };
    let compiled: ReturnType<typeof compileScript>;
    try {
      compiled = compileScript(runOpts);
    } finally {
      // The rewrites up to a failure too (e.g. a rule that broke the DAG's dims or types).
      if (trace) io.out(trace.text() + '\n');
    }
    for (const w of compiled.warnings) io.err(formatDiagnostics([w], compiled.sources) + '\n');
    // As SystemDS does, the plan is printed before the program runs.
    if (o.explain && o.explain !== 'rewrites') io.out(explain(compiled.compiled, o.explain) + '\n');
    // Arrow/Parquet support is loaded only for scripts that can touch files (start-up time).
    if ([...compiled.sources.values()].some((t) => /\b(read|write)\s*\(/.test(t)))
      await loadColumnarFormats();
    let result;
    try {
      result = runCompiled(compiled, runOpts, performance.now() - t0);
    } finally {
      progress?.clear();
    }
    if (statsK !== undefined && result.stats)
      io.err(
        formatStats(result.stats, statsK, performance.now() - t0, result.compiled.rewritesFired, compiled) +
          '\n',
      );
    return 0;
  } catch (e) {
    if (e instanceof DmlRunError) {
      io.err(e.message + '\n');
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`dml: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    // The driver ends the job whether the script succeeded or failed: the workers leave their
    // loop and every rank finalizes MPI (a rank that exits without it fails the whole job).
    if (job?.role === 'driver') job.end();
  }
}

/**
 * `dml --ranks N ...`: the same command as a local MPI job of N ranks, started through mpirun
 * (each rank runs `dml ...` without --ranks; rank 0 drives, the others serve it).
 */
function runLocalJob(ranksText: string, argv: readonly string[], io: Io): number {
  const ranks = Number(ranksText);
  if (!Number.isSafeInteger(ranks) || ranks < 1) {
    io.err(`dml: --ranks expects a positive whole number, got '${ranksText}'\n`);
    return 1;
  }
  if (detectLaunch(process.env, '') !== undefined) {
    io.err('dml: --ranks starts an MPI job; this process already is a rank of one\n');
    return 1;
  }
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--ranks' || argv[i] === '-ranks') i++;
    else if (!/^--?ranks=/.test(argv[i]!)) rest.push(argv[i]!);
  }
  const dml = fileURLToPath(new URL('../../bin/dml.js', import.meta.url));
  const [cmd, ...args] = localMpirunArgs({
    ranks,
    command: [process.execPath, dml, ...rest],
    asRoot: process.getuid?.() === 0,
    cores: os.availableParallelism?.() ?? os.cpus().length,
  });
  const r = spawnSync(cmd!, args, { stdio: 'inherit' });
  if (r.error !== undefined) {
    io.err(`dml: --ranks needs Open MPI's mpirun on the PATH (${r.error.message}); install openmpi-bin\n`);
    return 1;
  }
  return r.status ?? 1;
}

/** Joins the MPI job this process was launched into (loads MPI only then). */
async function startDistJob(config: TesseraConfig): Promise<DistJob | undefined> {
  if (detectLaunch(process.env, '') === undefined) return undefined;
  const { joinDistJob } = await import('../engine/dist/runtime/job.js');
  try {
    return joinDistJob(config);
  } catch (e) {
    throw new UsageError(`cannot start the distributed job: ${(e as Error).message}`);
  }
}

export { VERSION };
