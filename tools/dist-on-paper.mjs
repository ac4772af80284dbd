#!/usr/bin/env node
// Scale on paper (issue 12, item 7): what the optimizer plans, and what its cost model predicts,
// for lm (normal equations), l2svm and kmeans on a 1e9 x 1000 dense X and a cluster of 64 GiB
// ranks (64 of them unless RANKS says otherwise), with no data at all: X and y are described only
// by .mtd files in a temporary directory, which the compiler's .mtd look-up reads as a run would.
// Run after `npm run build`:
//
//   node tools/dist-on-paper.mjs > /tmp/on-paper.md              (64 ranks)
//   RANKS=192 node tools/dist-on-paper.mjs > /tmp/on-paper-192.md  (the same with 192 ranks)
//
// (the tables of docs/distributed-on-paper.md). The planner's own warnings (what `-explain hops`
// and `-explain recompile_hops` print) are listed per algorithm.
//
// The tool never patches the model. Where a question needs something the model does not give
// (how often a loop runs, the sizes a block has when it is recompiled at run time, the collective
// a DIST kernel performs), the assumption is written next to the number it feeds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileSource } from '../dist/language/index.js';
import { compileProgram } from '../dist/optimizer/index.js';
import { recompileDag } from '../dist/optimizer/recompile/index.js';
import { machineFrom, formatBytes, outputBytes, BUDGET_FRACTION } from '../dist/optimizer/cost/index.js';
import { estimateSeconds, flops, touchedBytes } from '../dist/optimizer/cost/time.js';
import { readFactsThrough } from '../dist/api/read-facts.js';
import { openFileAccess } from '../dist/common/file-access.js';
import { DIST_OPS, planDist } from '../dist/engine/dist/ops/index.js';
import { GB } from '../dist/common/config.js';

// ---- The machine -------------------------------------------------------------------------------
// One node: a 64-core server (e.g. 2 x 32-core or 1 x 64-core AMD EPYC Zen 4). Its FP64 peak is
// about 3 TFLOP/s and its DDR5 about 460 GB/s; the model takes sustained rates, so we assume a
// third of the peak for matmul and a quarter of the peak bandwidth for streaming kernels.
const NODE = { gflops: 1000, bandwidthGBs: 100 };
const N = 1e9; // rows of X
const D = 1000; // columns of X
// ranks of the cluster: 64 unless RANKS says otherwise (RANKS=192 node tools/dist-on-paper.mjs)
const RANKS = process.env.RANKS === undefined || process.env.RANKS === '' ? 64 : Number(process.env.RANKS);
if (!Number.isInteger(RANKS) || RANKS < 1) {
  console.error(`dist-on-paper: RANKS must be a positive integer (got ${JSON.stringify(process.env.RANKS)})`);
  process.exit(2);
}
const CONFIG = {
  memoryBytes: 64 * GB, // the driver (rank 0): 64 GiB
  threads: 16,
  blasGflops: NODE.gflops,
  memoryBandwidthGBs: NODE.bandwidthGBs,
  execMode: 'hybrid',
  gpuMode: 'off',
  cluster: {
    ranks: RANKS,
    memoryPerRankBytes: 64 * GB,
    gflopsPerRank: NODE.gflops,
    networkGBs: 3.125, // 25 GbE
    networkLatencyUs: 50,
  },
};
// The real DIST backend's op list: an op without a distributed kernel is never placed on DIST.
const BACKENDS = [{ exec: 'DIST', supports: (op) => DIST_OPS.has(op) }];
const machine = machineFrom(CONFIG, undefined, BACKENDS);
const cluster = CONFIG.cluster;

// ---- The algorithms ----------------------------------------------------------------------------
const dense = (rows, cols) => ({ rows, cols, nnz: rows * cols });
const K = 10; // kmeans centroids
const SAMPLE = K * 50; // kmeans++ sample: k * avg_sample_size_per_centroid (default 50)

/**
 * Each algorithm: its script; the sizes of the variables blocks read when they are recompiled at
 * run time (compile time forgets the sizes of variables written in loops and branches, so those
 * blocks are planned again with real sizes when they run: these are those real sizes, per function);
 * and the control flow (iterations of each loop, branch taken by each if, keyed file:line).
 * An if whose then-branch only calls stop() or print() is an input check: not taken.
 */
const ALGORITHMS = [
  {
    name: 'lm',
    title: 'lm (normal equations: lm calls lmDS for ncol(X) <= 1024)',
    script: 'X = read("X")\ny = read("y")\nB = lm(X=X, y=y, icpt=0, reg=1e-7, verbose=FALSE)\nwrite(B, "B")\n',
    sizes: { lm: { X: dense(N, D), y: dense(N, 1) }, lmDS: { X: dense(N, D), y: dense(N, 1) } },
    // lm's `if (ncol(X) <= 1024)` is decided at compile time (ncol(X) = 1000 is known): lmDS.
    control: {},
    mainLoop: undefined,
  },
  {
    name: 'l2svm',
    title: 'l2svm (20 outer iterations of nonlinear CG, 3 Newton steps each)',
    script: 'X = read("X")\ny = read("y")\nw = l2svm(X=X, Y=y, maxIterations=20, verbose=FALSE)\nwrite(w, "w")\n',
    sizes: {
      l2svm: {
        X: dense(N, D),
        Y: dense(N, 1),
        w: dense(D, 1),
        s: dense(D, 1),
        gOld: dense(D, 1),
        Xw: dense(N, 1),
        Xs: dense(N, 1),
      },
    },
    control: {
      // (the ifs on verbose and intercept are decided at compile time: constants)
      'l2svm.dml:54': 'else', // labels already -1/+1: no remapping
      'l2svm.dml:70': 20, // outer CG iterations (maxIterations = 20, assumed all run)
      'l2svm.dml:78': 3, // Newton steps per line search (at most maxii = 20)
    },
    mainLoop: 'l2svm.dml:70',
  },
  {
    name: 'kmeans',
    title: `kmeans (k = ${K}, one run, 10 Lloyd iterations)`,
    script: `X = read("X")\n[C, Y] = kmeans(X=X, k=${K}, runs=1, max_iter=10, seed=7)\nwrite(C, "C")\nwrite(Y, "Y")\n`,
    sizes: {
      kmeans: { X: dense(N, D), C: dense(K, D), Cr: dense(K, D), Y: dense(N, 1) },
      kmeans_init: {
        X: dense(N, D),
        S: dense(SAMPLE, D),
        C: dense(K, D),
        ids: dense(SAMPLE, 1),
        u: dense(K, 1),
        sq: dense(SAMPLE, 1),
        minD: dense(SAMPLE, 1),
        cdf: dense(SAMPLE, 1),
        n: { scalar: { vt: 'int', value: N } },
        sampleSize: { scalar: { vt: 'int', value: SAMPLE } },
        m: { scalar: { vt: 'int', value: SAMPLE } },
        k: { scalar: { vt: 'int', value: K } },
      },
      kmeans_lloyd: {
        X: dense(N, D),
        C0: dense(K, D),
        C: dense(K, D),
        D: dense(N, K),
        minD: dense(N, 1),
        // membership: one 1 per row (ties have measure zero on real data)
        P: { rows: N, cols: K, nnz: N },
        counts: dense(K, 1),
        sums: dense(K, D),
        empty: dense(K, 1),
      },
      kmeans_assign: { X: dense(N, D), C: dense(K, D) },
    },
    control: {
      // (the ifs on is_verbose, verbose and k > 1 are decided at compile time: constants)
      'kmeans.dml:49': 1, // runs = 1
      'kmeans.dml:55': 'then', // the first run is the best so far
      'kmeans.dml:70': 'then', // sampleSize (500) < n: seed on a sample
      'kmeans.dml:85': K - 1, // for i in 2:k
      'kmeans.dml:87': 'else', // total > 0
      'kmeans.dml:113': 11, // 10 Lloyd updates, then the pass that stops at max_iter
      'kmeans.dml:121': { then: 1 / 11, else: 10 / 11 }, // 10 updates, 1 stop
      'kmeans.dml:126': 'else', // sum(P) = n: no ties
    },
    mainLoop: 'kmeans.dml:113',
  },
];

// ---- Walking a compiled program ----------------------------------------------------------------
const FREE = new Set(['literal', 'tread', 'twrite', 'none', 'fcall']);
const finite = (b) => (Number.isFinite(b) ? b : 0);
// Unknown sizes (Infinity) are not "large": they are listed apart, as unpriced.
const isLarge = (h) => Math.max(finite(h.mem ?? 0), finite(outputBytes(h))) >= 1e9 || flops(h) >= 1e11;
const unknownSize = (h) => h.dataType === 'matrix' && (h.dims.rows < 0 || h.dims.cols < 0);
const key = (span) => `${path.basename(span.file)}:${span.line}`;

function dagHops(roots) {
  const seen = new Set();
  const out = [];
  const visit = (h) => {
    if (seen.has(h)) return;
    seen.add(h);
    h.inputs.forEach(visit);
    out.push(h);
  };
  roots.forEach(visit);
  return out;
}

/** An if that only guards stop()/print(): an input check, not taken on valid input. */
function isCheck(b) {
  const only = (blocks) =>
    blocks.every((x) => x.kind === 'basic' && dagHops(x.hops?.roots ?? []).every((h) => FREE.has(h.kind) || h.kind === 'literal' || h.op === 'stop' || h.op === 'print' || h.dataType === 'scalar'));
  return b.else.length === 0 && only(b.then);
}

/** The shapes a DIST kernel is asked about (sizes of matrices, values of literal scalars). */
function argShape(h) {
  if (h.dataType === 'matrix') return { kind: 'matrix', rows: h.dims.rows, cols: h.dims.cols, nnz: h.dims.nnz };
  if (h.dataType === 'scalar' && h.value) return { kind: 'scalar', value: { dt: 'scalar', ...h.value } };
  if (h.dataType === 'scalar') return { kind: 'scalar', value: { dt: 'scalar', vt: 'double', value: 1 } };
  return { kind: 'other' };
}

/** The collective the real DIST kernel performs for this HOP (not charged by the model). */
function collectiveOf(h) {
  try {
    const plan = planDist(h.op, { args: h.inputs.map(argShape), argNames: h.argNames ?? h.inputs.map(() => undefined), span: h.span });
    if (!plan) return { text: 'declined: LOCAL runs it', seconds: 0, bytes: 0 };
    if (plan.combine === 'rows' || plan.combine === 'cols') return { text: `none (${plan.combine}-partitioned result)`, seconds: 0, bytes: 0 };
    // alpha-beta of a ring allreduce / allgather over P ranks (what MPI does for large buffers).
    const P = cluster.ranks;
    const bytes = 8 * plan.length * (plan.combine === 'allgather' ? P : 1);
    const moved = plan.combine === 'allreduce' ? (2 * (P - 1) / P) * bytes : ((P - 1) / P) * bytes;
    const seconds = moved / (cluster.networkGBs * 1e9) + 2 * (P - 1) * cluster.networkLatencyUs * 1e-6;
    return { text: `${plan.combine} ${formatBytes(bytes)}`, seconds, bytes: moved };
  } catch (e) {
    return { text: `? (${e.message})`, seconds: 0, bytes: 0 };
  }
}

/** Seconds of the model's estimate split into compute, memory traffic and network. */
function split(h) {
  const exec = h.exec ?? 'LOCAL';
  const total = estimateSeconds(h, exec, machine);
  const ranks = exec === 'DIST' ? cluster.ranks : 1;
  const rate = exec === 'DIST' ? cluster.gflopsPerRank * ranks : machine.gflops;
  const compute = flops(h) / (rate * 1e9);
  const memory = touchedBytes(h) / ranks / (machine.bandwidthGBs * 1e9);
  const network = total - compute - memory;
  return { total, compute, memory, network: Math.abs(network) < 1e-9 * total ? 0 : network };
}

function analyse(alg) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-on-paper-'));
  try {
    const mtd = (rows, cols) => JSON.stringify({ data_type: 'matrix', value_type: 'double', rows, cols, nnz: rows * cols, format: 'binary' });
    writeFileSync(path.join(dir, 'X.mtd'), mtd(N, D));
    writeFileSync(path.join(dir, 'y.mtd'), mtd(N, 1));
    const analyzed = compileSource(alg.script, 'script.dml');
    const errors = analyzed.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
    const program = compileProgram(analyzed, { config: CONFIG, backends: BACKENDS, readFacts: readFactsThrough(openFileAccess(dir)) });
    return walkProgram(alg, program);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function walkProgram(alg, program) {
  const rows = []; // one per HOP execution site: { where, h, count, inLoop, recompiled, note, ... }
  const defaulted = [];
  const used = new Set();
  const ctx = program.recompileContext;

  // The planner's warnings: compile time's for blocks planned once, recompilation's for the others.
  let notes = program.notes;
  const hopsOf = (roots, fn, recompile) => {
    if (!recompile) {
      notes = program.notes;
      return roots;
    }
    const sizes = alg.sizes[fn] ?? {};
    const r = recompileDag(roots, (name) => sizes[name] && (sizes[name].scalar ? { scalar: sizes[name].scalar } : { dims: sizes[name] }), ctx);
    notes = r.notes;
    return r.roots;
  };

  const visitHops = (hops, where, fn, count, inLoop, recompiled) => {
    const blockNotes = notes; // a function called from this block recompiles its own
    for (const h of dagHops(hops)) {
      if (h.kind === 'fcall') {
        const f = program.runtime.functions.get(h.fn);
        if (f) walk(f.body, f.key, count, inLoop);
        continue;
      }
      if (h.kind === 'twrite') rows.push({ where, fn, h, count: 0, inLoop, recompiled, write: true });
      if (FREE.has(h.kind)) continue;
      rows.push({ where, fn, h, count, inLoop, recompiled, note: blockNotes.get(h) });
    }
  };

  const computation = (c, fn, count, inLoop) => {
    const roots = program.computationHops.get(c) ?? [];
    const unknown = roots.some((r) => dagHops([r]).some(unknownSize));
    visitHops(hopsOf(roots, fn, unknown), key(c.span) + ' (predicate)', fn, count, inLoop, unknown);
  };

  const walk = (blocks, fn, count, inLoop) => {
    for (const b of blocks) {
      if (count === 0) return;
      if (b.kind === 'basic') {
        const marked = program.marked.has(b);
        visitHops(hopsOf(b.hops?.roots ?? [], fn, marked), key(b.span), fn, count, inLoop, marked);
      } else if (b.kind === 'if') {
        const k = key(b.span);
        let d = alg.control[k];
        if (d === undefined && isCheck(b)) {
          d = 'else';
          defaulted.push(k);
        }
        if (d === undefined) throw new Error(`${alg.name}: no branch decision for the if at ${k}`);
        used.add(k);
        computation(b.predicate, fn, count, inLoop);
        const share = typeof d === 'string' ? { then: d === 'then' ? 1 : 0, else: d === 'else' ? 1 : 0 } : d;
        if (share.then > 0) walk(b.then, fn, count * share.then, inLoop);
        if (share.else > 0) walk(b.else, fn, count * share.else, inLoop);
      } else {
        const k = key(b.span);
        const n = alg.control[k];
        if (typeof n !== 'number') throw new Error(`${alg.name}: no iteration count for the loop at ${k}`);
        used.add(k);
        // The first pass apart from the others: where values live differs on the first one.
        const loop = inLoop || k === alg.mainLoop;
        for (const c of n > 1 ? [count, count * (n - 1)] : [count * n]) {
          if (b.kind === 'while') computation(b.predicate, fn, c, loop);
          walk(b.body, fn, c, loop);
        }
      }
    }
  };
  walk(program.runtime.main, 'main', 1, false);
  const unused = Object.keys(alg.control).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`${alg.name}: control entries match no block: ${unused.join(', ')}`);
  return { rows, defaulted };
}

// ---- Printing ----------------------------------------------------------------------------------
const fmtS = (s) => (s >= 100 ? s.toFixed(0) : s >= 1 ? s.toFixed(1) : s >= 0.001 ? s.toFixed(3) : s === 0 ? '0' : s.toExponential(1));
const fmtN = (n) => String(Math.round(n * 100) / 100);
function dims(d) {
  const f = (v) => (v < 0 ? '?' : v >= 1e6 ? v.toExponential().replace('e+', 'e') : String(v));
  return `${f(d.rows)} x ${f(d.cols)}`;
}

/**
 * The model's charges for moving a HOP's variable inputs, recounted with where each variable
 * really lives (the engine keeps a value's copies until it is reassigned: a DIST result stays on
 * DIST, an uploaded copy is reused, a downloaded one too). The model instead sees every variable
 * a block reads as on the host (a block's inputs are placed LOCAL), so it charges each DIST op
 * the scatter of X again and never charges a LOCAL op the gather of a DIST result from an earlier
 * block. Variables are tracked by name across functions (the scripts pass X, C, ... unrenamed).
 */
function recount(rows) {
  const where = new Map(); // variable -> Set of exec types holding it
  const net = (b) => finite(b) / (cluster.networkGBs * 1e9);
  let total = 0;
  let moved = 0;
  for (const r of rows) {
    if (r.write) {
      const v = r.h.inputs[0];
      // a copy (x = y) shares y's places; anything else lives where it was made
      where.set(r.h.name, v.kind === 'tread' ? new Set(where.get(v.name) ?? ['LOCAL']) : new Set([v.exec ?? 'LOCAL']));
      continue;
    }
    const exec = r.h.exec ?? 'LOCAL';
    let s = r.split.total;
    for (const i of new Set(r.h.inputs)) {
      if (i.kind !== 'tread' || i.dataType !== 'matrix') continue;
      if (exec === 'DIST') s -= net(outputBytes(i)); // what the model charged for it
      const at = where.get(i.name) ?? new Set(['LOCAL']);
      if (!at.has(exec) && !(exec === 'LOCAL' && at.size === 0)) {
        s += net(outputBytes(i));
        moved += finite(outputBytes(i)) * r.count;
        at.add(exec);
        where.set(i.name, at);
      }
    }
    total += s * r.count;
  }
  return { seconds: total, moved };
}

function report(alg) {
  const { rows: all, defaulted } = analyse(alg);
  const rows = all.filter((r) => !r.write);
  const out = [];
  out.push(`### ${alg.title}, ${cluster.ranks} ranks`, '');
  out.push('```dml', alg.script.trimEnd(), '```', '');
  if (defaulted.length > 0) out.push(`Input checks assumed passing (branch not taken): ${defaulted.join(', ')}.`, '');
  const control = Object.entries(alg.control)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? `${v} iterations` : typeof v === 'string' ? v : `then ${fmtN(v.then)}, else ${fmtN(v.else)} of the passes`}`)
    .join('; ');
  if (control !== '') out.push(`Control flow assumed (file:line): ${control}.`, '');

  const total = { model: 0, loop: 0, network: 0, collective: 0, collectiveBytes: 0, planner: [], warnings: [] };
  const perRankBudget = BUDGET_FRACTION * cluster.memoryPerRankBytes;
  const merged = new Map(); // one table row per HOP: runs summed over loop passes
  for (const r of rows) {
    const s = split(r.h);
    r.split = s;
    total.model += s.total * r.count;
    total.network += s.network * r.count;
    if (r.inLoop) total.loop += s.total * r.count;
    if (r.h.exec === 'DIST') {
      const c = collectiveOf(r.h);
      total.collective += c.seconds * r.count;
      total.collectiveBytes += c.bytes * r.count;
      r.collective = c;
      if (finite(r.h.mem) / cluster.ranks > perRankBudget && !r.note)
        total.warnings.push(`${r.where} ${r.h.op} (DIST): ${formatBytes(r.h.mem / cluster.ranks)} per rank > 0.7 x ${formatBytes(cluster.memoryPerRankBytes)}`);
    }
    if (r.note) total.planner.push(`${r.where} ${r.h.op} (${r.h.exec ?? 'LOCAL'}): ${r.note}`);
    if (finite(r.h.mem) > BUDGET_FRACTION * CONFIG.memoryBytes && (r.h.exec ?? 'LOCAL') === 'LOCAL' && !r.note)
      total.warnings.push(`${r.where} ${r.h.op} (LOCAL): ${formatBytes(r.h.mem)} > the driver's budget ${formatBytes(BUDGET_FRACTION * CONFIG.memoryBytes)}`);
    // a loop body recompiled per pass gets new HOP ids: the same HOP is the same op, size and place
    const k = `${r.where}|${r.h.op}|${dims(r.h.dims)}|${r.h.exec}|${r.h.mem}`;
    const m = merged.get(k);
    if (m) m.count += r.count;
    else merged.set(k, { ...r, count: r.count });
  }
  const list = [...merged.values()];
  out.push("| where | HOP | op | dims | exec | memory estimate | runs | model s/run | compute | mem traffic | network | DIST kernel's collective (not charged) |");
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of list.filter((x) => isLarge(x.h))) {
    const s = r.split;
    out.push(
      `| ${r.where}${r.recompiled ? ' (recompiled)' : ''} | ${r.h.id} | ${r.h.op} | ${dims(r.h.dims)} | ${r.h.exec ?? 'LOCAL'} | ${formatBytes(r.h.mem)} | ${fmtN(r.count)} | ${fmtS(s.total)} | ${fmtS(s.compute)} | ${fmtS(s.memory)} | ${fmtS(s.network)} | ${r.collective?.text ?? ''} |`,
    );
  }
  const small = list.filter((x) => !isLarge(x.h));
  const smallS = small.reduce((a, r) => a + r.split.total * r.count, 0);
  out.push(`| | | ${small.length} small HOPs | | | | | total ${fmtS(smallS)} | | | | |`, '');
  const unpriced = [...new Set(small.filter((x) => unknownSize(x.h)).map((x) => `${x.where} ${x.h.op}`))];
  if (unpriced.length > 0)
    out.push(`Sizes still unknown after recompilation with the sizes above, so priced at 0: ${unpriced.join(', ')}.`, '');

  const placed = recount(all);
  const iters = alg.mainLoop ? alg.control[alg.mainLoop] : undefined;
  out.push('| total | seconds |', '|---|---|');
  out.push(`| whole script, the model's sum | ${fmtS(total.model)} |`);
  out.push(`| of which network (inputs placed elsewhere) | ${fmtS(total.network)} |`);
  if (iters !== undefined) out.push(`| one pass of the main loop (${alg.mainLoop}), the model's sum / ${iters} | ${fmtS(total.loop / iters)} |`);
  out.push(`| whole script, moves recounted where values really live (${formatBytes(placed.moved)} of variables moved) | ${fmtS(placed.seconds)} |`);
  out.push(`| collectives the DIST kernels perform, not charged by the model (ring α-β, ${formatBytes(total.collectiveBytes)} per rank) | ${fmtS(total.collective)} |`);
  out.push('');
  const planner = [...new Set(total.planner)];
  if (planner.length > 0) {
    out.push("The planner's warnings (`-explain hops`; `-explain recompile_hops` for recompiled blocks):", '');
    for (const w of planner) out.push(`- ${w}`);
    out.push('');
  } else out.push("The planner's warnings: none.", '');
  const unflagged = [...new Set(total.warnings)];
  if (unflagged.length > 0) {
    out.push('Over budget (the per-rank share against 0.7 x a rank, or a LOCAL op against the driver) with no planner warning:', '');
    for (const w of unflagged) out.push(`- ${w}`);
    out.push('');
  } else out.push('Over budget with no planner warning (the per-rank share against 0.7 x a rank, a LOCAL op against the driver): none.', '');
  return { text: out.join('\n'), total, placed };
}

const started = Date.now();
const lines = [];
lines.push(`<!-- generated by \`npm run build && ${RANKS === 64 ? '' : `RANKS=${RANKS} `}node tools/dist-on-paper.mjs\`; do not edit by hand -->`);
lines.push('');
lines.push(
  `Machine: driver ${formatBytes(CONFIG.memoryBytes)}, ${CONFIG.threads} threads, ${NODE.gflops} GFLOP/s, ${NODE.bandwidthGBs} GB/s; ` +
    `cluster ${cluster.ranks} ranks x ${formatBytes(cluster.memoryPerRankBytes)}, ${cluster.gflopsPerRank} GFLOP/s per rank, ` +
    `network ${cluster.networkGBs} GB/s (25 GbE), ${cluster.networkLatencyUs} µs latency; exec mode ${CONFIG.execMode}; ` +
    `DIST ops: the DIST backend's ${DIST_OPS.size} opcodes. Data: X ${N.toExponential()} x ${D} dense (${formatBytes(8 * N * D)}), y ${N.toExponential()} x 1, from .mtd files only.`,
);
lines.push('');
lines.push(
  'Columns: `model s/run` is estimateSeconds(HOP, its exec type) = compute (flops / rate) + memory traffic (bytes touched / bandwidth, ' +
    'split over ranks on DIST) + network (inputs placed elsewhere / network rate, plus 2 ⌈log2 P⌉ latencies on DIST). ' +
    '`(recompiled)`: the block has unknown sizes at compile time and is planned again at run time; shown with the sizes it will have then. ' +
    'HOPs under 1 GB and 1e11 flops are summed in one row.',
);
lines.push('');
const summary = [];
for (const alg of ALGORITHMS) {
  const r = report(alg);
  lines.push(r.text);
  summary.push(`| ${alg.name} | ${fmtS(r.total.model)} | ${fmtS(r.placed.seconds)} | ${fmtS(r.total.collective)} | ${new Set(r.total.planner).size} |`);
}
lines.push(`### Summary, ${cluster.ranks} ranks`, '');
lines.push("| algorithm | model's sum, s | moves recounted, s | uncharged collectives, s | planner warnings |", '|---|---|---|---|---|', ...summary, '');
console.log(lines.join('\n'));
console.error(`dist-on-paper: ${((Date.now() - started) / 1000).toFixed(1)} s`);
