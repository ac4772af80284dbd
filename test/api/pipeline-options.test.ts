/**
 * Every option through every entry point (issue 11, item 5): runScript, Session.run,
 * Session.prepare().execute, the REPL's session object and the `dml` command (spawned, where the
 * option has a flag) all go through api/pipeline.ts, so each option must have the same
 * observable effect through each. A case runs its variants through every entry point that can
 * express them, checks the effect, and checks that all entry points observed the same thing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DmlRunError,
  runScript,
  Session,
  type ExecBackend,
  type MachineDescription,
  type RatesOption,
  type RunStats,
} from '../../src/api/index.js';
import { parseConfig, type TesseraConfig } from '../../src/common/config.js';
import { ReplSession } from '../../src/cli/repl/session.js';
import { TestBackend } from '../engine/backends/test-backend.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/dml.js');

/** The options of the table, each spelt as every entry point spells it. */
interface Options {
  readonly optLevel?: 0 | 2;
  /** Configuration keys as in a `-config` file. */
  readonly config?: Readonly<Record<string, unknown>>;
  readonly measured?: RatesOption;
  readonly seed?: number;
  readonly cwd?: string;
  readonly allowedDirs?: readonly string[];
  /** Fresh backends for each run. */
  readonly backends?: () => ExecBackend[];
  readonly stats?: boolean;
  readonly args?: Readonly<Record<string, string>>;
  /** XDG_CACHE_HOME of the run: where `dml calibrate`'s cache is (default: an empty directory). */
  readonly cache?: string;
}

/** What an entry point lets a caller observe of a run, in one form for all. */
interface Observed {
  readonly printed: readonly string[];
  /** The diagnostic code of a failed run. */
  readonly error?: string;
  /** With stats on: */
  readonly instructions?: number;
  readonly recompilations?: number;
  /** The planner's local matmul rate (GFLOP/s). */
  readonly gflops?: number;
  /** Backend instructions that ran (`GPU %*%`, ...). */
  readonly backendOps?: readonly string[];
}

interface EntryPoint {
  readonly name: string;
  /** Options it has no way to express (a variant using one is skipped for it). */
  readonly lacks: ReadonlySet<keyof Options>;
  run(script: string, o: Options): Observed;
}

let emptyCache = '';
const savedCache = process.env.XDG_CACHE_HOME;
beforeAll(() => {
  emptyCache = mkdtempSync(path.join(tmpdir(), 'pipeline-nocache-'));
  process.env.XDG_CACHE_HOME = emptyCache;
  if (!existsSync(path.join(root, 'dist/cli/main.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
});
afterAll(() => {
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
});

function withCache<T>(dir: string | undefined, fn: () => T): T {
  process.env.XDG_CACHE_HOME = dir ?? emptyCache;
  try {
    return fn();
  } finally {
    process.env.XDG_CACHE_HOME = emptyCache;
  }
}

function config(o: Options): TesseraConfig | undefined {
  return o.config === undefined ? undefined : parseConfig(JSON.stringify(o.config), 'case.json');
}

/** The options every in-process entry point takes alike. */
function common(o: Options) {
  const c = config(o);
  return {
    ...(c !== undefined ? { config: c } : {}),
    ...(o.optLevel !== undefined ? { optLevel: o.optLevel } : {}),
    ...(o.measured !== undefined ? { measured: o.measured } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
    ...(o.allowedDirs !== undefined ? { allowedDirs: o.allowedDirs } : {}),
    ...(o.backends !== undefined ? { backends: o.backends() } : {}),
  };
}

function fromApi(
  printed: string[],
  o: Options,
  stats: RunStats | undefined,
  machine: MachineDescription | undefined,
): Observed {
  if (!o.stats) return { printed };
  expect(stats).toBeDefined();
  return {
    printed,
    instructions: stats!.instructions,
    recompilations: stats!.recompilations,
    gflops: machine!.gflops,
    backendOps: [...(stats!.devices?.ran.keys() ?? [])].sort(),
  };
}

function failed(e: unknown, printed: string[]): Observed {
  if (!(e instanceof DmlRunError)) throw e;
  return { printed, error: e.diagnostics[0]!.code };
}

/** The same observation from `-stats` text (the CLI's and the REPL's). */
function fromStatsText(printed: string[], o: Options, text: string | undefined): Observed {
  if (!o.stats) return { printed };
  expect(text).toBeDefined();
  const num = (re: RegExp): number => Number(re.exec(text!)?.[1]);
  const ran = /Backend instructions:\s*(.*)\./.exec(text!)?.[1];
  return {
    printed,
    instructions: num(/Number of executed instructions:\s*(\d+)/),
    recompilations: num(/HOP DAGs recompiled:\s*(\d+)/),
    gflops: num(/Planner machine:\s*([\d.]+) GFLOP\/s/),
    backendOps: ran === undefined || ran === 'none' ? [] : ran.split(', ').map((s) => s.replace(/ x\d+$/, '')).sort(),
  };
}

const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    name: 'runScript',
    lacks: new Set(),
    run: (script, o) =>
      withCache(o.cache, () => {
        const printed: string[] = [];
        try {
          const r = runScript({
            text: script,
            print: (l) => printed.push(l),
            ...common(o),
            ...(o.args ? { args: o.args } : {}),
            ...(o.stats ? { stats: true } : {}),
          });
          return fromApi(printed, o, r.stats, r.machine);
        } catch (e) {
          return failed(e, printed);
        }
      }),
  },
  {
    name: 'Session.run',
    lacks: new Set(),
    run: (script, o) =>
      withCache(o.cache, () => {
        const printed: string[] = [];
        try {
          const s = new Session({ ...common(o), print: (l) => printed.push(l) });
          const r = s.run(script, { ...(o.args ? { args: o.args } : {}), ...(o.stats ? { stats: true } : {}) });
          return fromApi(printed, o, r.stats, r.machine);
        } catch (e) {
          return failed(e, printed);
        }
      }),
  },
  {
    name: 'Session.prepare().execute',
    lacks: new Set(),
    run: (script, o) =>
      withCache(o.cache, () => {
        const printed: string[] = [];
        try {
          const s = new Session({ ...common(o), print: (l) => printed.push(l) });
          // Every variable declared an output: runScript and Session.run return them all (and
          // keep them live to the end), a prepared script only what it declares.
          const outputs = [...script.matchAll(/^([A-Za-z]\w*)\s*=/gm)].map((m) => m[1]!);
          const p = s.prepare(script, { outputs, ...(o.args ? { args: o.args } : {}) });
          const r = p.execute({}, o.stats ? { stats: true } : {});
          return fromApi(printed, o, r.stats, r.machine);
        } catch (e) {
          return failed(e, printed);
        }
      }),
  },
  {
    name: 'REPL session',
    lacks: new Set(),
    run: (script, o) =>
      withCache(o.cache, () => {
        const printed: string[] = [];
        let s: ReplSession;
        try {
          s = new ReplSession({
            print: (l) => printed.push(l),
            ...common(o),
            ...(o.args ? { args: new Map(Object.entries(o.args)) } : {}),
            ...(o.stats ? { stats: true } : {}),
          });
        } catch (e) {
          return failed(e, printed);
        }
        const r = s.eval(script);
        if (!r.ok) return { printed, error: /error\[(DML\d+)\]/.exec(r.error ?? '')?.[1] ?? r.error ?? '?' };
        return fromStatsText(printed, o, r.stats);
      }),
  },
  {
    name: 'dml (spawned)',
    lacks: new Set(['measured', 'allowedDirs', 'backends']),
    run: (script, o) => {
      const argv = [bin, '-s', script];
      if (o.optLevel !== undefined) argv.push('-optlevel', String(o.optLevel));
      if (o.seed !== undefined) argv.push('-seed', String(o.seed));
      if (o.stats) argv.push('-stats');
      if (o.config !== undefined) {
        const f = path.join(mkdtempSync(path.join(tmpdir(), 'pipeline-conf-')), 'conf.json');
        writeFileSync(f, JSON.stringify(o.config));
        argv.push('-config', f);
      }
      if (o.args) argv.push('-nvargs', ...Object.entries(o.args).map(([k, v]) => `${k}=${v}`));
      const r = spawnSync(process.execPath, argv, {
        cwd: o.cwd ?? root,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, XDG_CACHE_HOME: o.cache ?? emptyCache },
      });
      const printed = r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n');
      if (r.status !== 0) return { printed, error: /error\[(DML\d+)\]/.exec(r.stderr)?.[1] ?? r.stderr };
      return fromStatsText(printed, o, r.stderr);
    },
  },
];

interface Variant {
  readonly options: Options;
  /** The script, when the case's differs for this variant. */
  readonly script?: string;
  readonly expect: (o: Observed) => void;
}

interface Case {
  readonly option: string;
  readonly script: string;
  readonly variants: () => readonly Variant[];
  /** Across the variants of one entry point (undefined where the entry point skipped one). */
  readonly compare?: (obs: readonly (Observed | undefined)[]) => void;
}

function dir(files: Readonly<Record<string, string>>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'pipeline-case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
    writeFileSync(path.join(d, name), text);
  }
  return d;
}

/** A `dml calibrate` cache with rates no machine measures, so they are recognisable. */
function calibrated(): string {
  return dir({
    'tessera/machine.json': JSON.stringify({
      gflops: 123.5,
      bandwidthGBs: 45.5,
      measuredAt: '2024-01-01T00:00:00Z',
      host: 'test',
      cpus: 2,
    }),
  });
}

const CSV_30x3 = Array.from({ length: 30 }, (_, i) => `${i + 1},${2 * i},1`).join('\n') + '\n';

const CASES: readonly Case[] = [
  {
    option: 'optLevel',
    script: 'X = matrix(1, rows=3, cols=3)\nY = t(t(X)) + t(t(X))\nprint(sum(Y))',
    variants: () => [
      { options: { optLevel: 0, stats: true }, expect: (o) => expect(o.printed).toEqual(['18.0']) },
      { options: { optLevel: 2, stats: true }, expect: (o) => expect(o.printed).toEqual(['18.0']) },
    ],
    // Level 2 removes the double transposes and the common subexpression: fewer instructions run.
    compare: ([l0, l2]) => expect(l0!.instructions!).toBeGreaterThan(l2!.instructions!),
  },
  {
    option: 'config.dynamicRecompilation',
    // A CSV without .mtd: its sizes are unknown until it is read.
    script: 'X = read("X.csv", format="csv")\nY = X %*% matrix(2, rows=3, cols=2)\nprint(sum(Y))',
    variants: () => {
      const cwd = dir({ 'X.csv': CSV_30x3 });
      return [
        { options: { cwd, stats: true }, expect: (o) => expect(o.recompilations).toBeGreaterThanOrEqual(1) },
        {
          options: { cwd, stats: true, config: { dynamicRecompilation: false } },
          expect: (o) => expect(o.recompilations).toBe(0),
        },
      ];
    },
    compare: ([on, off]) => expect(off!.printed).toEqual(on!.printed),
  },
  {
    option: 'measured (dml calibrate rates reach the planner)',
    script: 'print(sum(matrix(1, rows=2, cols=2)))',
    variants: () => {
      const cache = calibrated();
      return [
        // By default every entry point plans with the cached rates ...
        { options: { cache, stats: true }, expect: (o) => expect(o.gflops).toBe(123.5) },
        // ... a configured rate wins ...
        { options: { cache, stats: true, config: { blasGflops: 77 } }, expect: (o) => expect(o.gflops).toBe(77) },
        // ... 'defaults' ignores the cache (fixed plans), and given rates are used as they are.
        { options: { cache, stats: true, measured: 'defaults' }, expect: (o) => expect(o.gflops).toBe(3.5) },
        {
          options: { stats: true, measured: { gflops: 55, bandwidthGBs: 5 } },
          expect: (o) => expect(o.gflops).toBe(55),
        },
        // No cache: the built-in default.
        { options: { stats: true }, expect: (o) => expect(o.gflops).toBe(3.5) },
      ];
    },
  },
  {
    option: 'seed',
    script: 'X = rand(rows=3, cols=3)\nprint(sum(X))',
    variants: () => [
      { options: { seed: 7 }, expect: (o) => expect(o.printed).toHaveLength(1) },
      { options: { seed: 7 }, expect: (o) => expect(o.printed).toHaveLength(1) },
      { options: { seed: 8 }, expect: (o) => expect(o.printed).toHaveLength(1) },
    ],
    compare: ([a, b, c]) => {
      expect(b!.printed).toEqual(a!.printed);
      expect(c!.printed).not.toEqual(a!.printed);
    },
  },
  {
    option: 'cwd',
    script: 'X = read("data/in.csv", format="csv")\nprint(sum(X))',
    variants: () => [
      {
        options: { cwd: dir({ 'data/in.csv': '1,2\n3,4\n' }) },
        expect: (o) => expect(o.printed).toEqual(['10.0']),
      },
    ],
  },
  {
    option: 'allowedDirs',
    script: 'X = read("ok.csv", format="csv")\nprint(sum(X))',
    variants: () => {
      const top = dir({ 'box/ok.csv': '1,2\n3,4\n', 'outside/secret.csv': '42\n' });
      const box = path.join(top, 'box');
      return [
        { options: { cwd: box, allowedDirs: [box] }, expect: (o) => expect(o.printed).toEqual(['10.0']) },
        {
          options: { cwd: box, allowedDirs: [box] },
          script: 'X = read("../outside/secret.csv", format="csv")\nprint(sum(X))',
          expect: (o) => expect(o.error).toBe('DML6006'),
        },
      ];
    },
  },
  {
    option: 'backends',
    script: 'X = rand(rows=200, cols=30, seed=1)\nW = rand(rows=30, cols=5, seed=2)\nprint(sum(X %*% W))',
    variants: () => [
      {
        options: { backends: () => [new TestBackend()], config: { gpuMode: 'on' }, stats: true },
        expect: (o) => expect(o.backendOps).toContain('GPU %*%'),
      },
      { options: { stats: true }, expect: (o) => expect(o.backendOps).toEqual([]) },
    ],
    compare: ([gpu, local]) => {
      if (gpu !== undefined) expect(gpu.printed).toEqual(local!.printed);
    },
  },
  {
    option: 'stats',
    script: 'X = matrix(1, rows=3, cols=3)\nprint(sum(X %*% X))',
    variants: () => [
      { options: { stats: true }, expect: (o) => expect(o.instructions).toBeGreaterThan(0) },
      { options: {}, expect: (o) => expect(o.instructions).toBeUndefined() },
    ],
  },
  {
    option: 'args',
    script: 'print($a + 1)\nprint($b)',
    variants: () => [
      { options: { args: { a: '41', b: 'x' } }, expect: (o) => expect(o.printed).toEqual(['42', 'x']) },
    ],
  },
];

describe.each(CASES)('$option through every entry point', (c) => {
  it('has the same effect through each', () => {
    const variants = c.variants();
    const seen = new Map<string, (Observed | undefined)[]>();
    for (const ep of ENTRY_POINTS) {
      const obs = variants.map((v) => {
        const uses = (Object.keys(v.options) as (keyof Options)[]).filter((k) => ep.lacks.has(k));
        if (uses.length > 0) return undefined;
        const o = ep.run(v.script ?? c.script, v.options);
        try {
          v.expect(o);
        } catch (e) {
          throw new Error(`${ep.name}, ${JSON.stringify(v.options)}: ${(e as Error).message}\n${JSON.stringify(o)}`);
        }
        return o;
      });
      c.compare?.(obs);
      seen.set(ep.name, obs);
    }
    // Every entry point that ran a variant observed the same as runScript.
    const reference = seen.get('runScript')!;
    for (const [name, obs] of seen)
      obs.forEach((o, i) => {
        if (o !== undefined) expect({ entry: name, variant: i, ...o }).toEqual({ entry: name, variant: i, ...reference[i] });
      });
  });
});

describe('what the entry points did differently before the one pipeline', () => {
  it('script files are read through the confined file access (Session {file}, the REPL :load)', () => {
    const top = dir({ 'box/ok.dml': 'print(1)\n', 'outside/evil.dml': 'print(2)\n' });
    const box = path.join(top, 'box');
    const s = new Session({ cwd: box, allowedDirs: [box], print: () => {} });
    expect(s.run({ file: 'ok.dml' }).output).toEqual(['1']);
    expect(() => s.run({ file: '../outside/evil.dml' })).toThrow(/DML6006/);
    const printed: string[] = [];
    const repl = new ReplSession({ cwd: box, allowedDirs: [box], print: (l) => printed.push(l) });
    expect(repl.load('ok.dml').ok).toBe(true);
    expect(repl.load('../outside/evil.dml').error).toMatch(/DML6006/);
    expect(printed).toEqual(['1']);
  });

  it('syntax errors and analysis errors are reported together, by every entry point', () => {
    const script = 'z = nosuchfn(1)\nx = 1 + ) 2\nprint(x)';
    const codes = (f: () => unknown): string[] => {
      try {
        f();
      } catch (e) {
        if (e instanceof DmlRunError) return e.diagnostics.map((d) => d.code);
        throw e;
      }
      return [];
    };
    const viaRun = codes(() => runScript({ text: script, print: () => {} }));
    expect(viaRun).toEqual(expect.arrayContaining(['DML1001', 'DML2002'])); // syntax, unknown function
    expect(codes(() => new Session({ print: () => {} }).run(script))).toEqual(viaRun);
    expect(codes(() => new Session({ print: () => {} }).prepare(script))).toEqual(viaRun);
  });

  it('a prepared script keeps its memoized recompiled plans between executions without stats', () => {
    const s = new Session({ print: () => {} });
    const p = s.prepare('Y = X %*% t(X)\ns = sum(Y)', { inputs: ['X'], outputs: ['s'] });
    const X = [
      [1, 2],
      [3, 4],
    ];
    expect(p.execute({ X }).number('s')).toBe(p.execute({ X }).number('s'));
    // Observed executions count their own recompilations.
    expect(p.execute({ X }, { stats: true }).stats!.recompilations).toBeGreaterThanOrEqual(1);
  });
});
