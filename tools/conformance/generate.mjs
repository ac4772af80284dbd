#!/usr/bin/env node
// Regenerates the inputs (in/), case.json and the R-computed expected outputs (expected/) of the
// conformance cases listed in cases.mjs. Needs Rscript with the Matrix (and matrixStats) packages;
// CI never runs this: everything it produces is committed.
//
// usage: node tools/conformance/generate.mjs [filter]   (filter: substring of the case dir)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './cases.mjs';
import { materialise } from './matrices.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../test/conformance');
const filter = process.argv[2] ?? '';

function fmt(v) {
  // Shortest round-trip decimal: both R (readMM) and the engine parse it back to the same double.
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** IJV text ("i j v", 1-based, nonzeros only) plus its .mtd, the way SystemDS's test harness writes inputs. */
function writeIjv(file, m) {
  const lines = [];
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j];
      if (v !== 0) lines.push(`${i + 1} ${j + 1} ${fmt(v)}`);
    }
  fs.writeFileSync(file, lines.join('\n') + (lines.length ? '\n' : ''));
  const mtd = { data_type: 'matrix', value_type: 'double', rows: m.rows, cols: m.cols, nnz: lines.length, format: 'text' };
  fs.writeFileSync(file + '.mtd', JSON.stringify(mtd, null, 2) + '\n');
  return lines;
}

function writeMtx(file, m, lines) {
  const body = [`%%MatrixMarket matrix coordinate real general`, `${m.rows} ${m.cols} ${lines.length}`, ...lines];
  fs.writeFileSync(file, body.join('\n') + '\n');
}

function subst(s, dirs) {
  return s.replaceAll('{in}', dirs.in).replaceAll('{expected}', dirs.expected);
}

let failed = 0;
for (const c of CASES) {
  if (!c.dir.includes(filter)) continue;
  const caseDir = path.join(root, c.dir);
  if (!fs.existsSync(path.join(caseDir, 'script.dml'))) throw new Error(`${c.dir}: script.dml missing`);
  const inDir = path.join(caseDir, 'in');
  const expDir = path.join(caseDir, 'expected');
  fs.rmSync(inDir, { recursive: true, force: true });
  fs.rmSync(expDir, { recursive: true, force: true });
  fs.mkdirSync(expDir, { recursive: true });
  // R reads Matrix Market copies from a scratch dir; only the IJV+.mtd files are committed.
  const rIn = fs.mkdtempSync(path.join(os.tmpdir(), 'conf-r-'));
  const inputs = c.inputs ?? [];
  if (inputs.length) fs.mkdirSync(inDir, { recursive: true });
  for (const spec of inputs) {
    const m = materialise(spec);
    const lines = writeIjv(path.join(inDir, spec.name), m);
    writeMtx(path.join(rIn, `${spec.name}.mtx`), m, lines);
  }
  for (const [name, text] of Object.entries(c.rfiles ?? {})) fs.writeFileSync(path.join(rIn, name), text);
  const json = { source: c.source };
  if (c.rsource) json.rsource = c.rsource;
  if (c.test) json.test = c.test;
  if (c.args) json.args = c.args;
  if (c.nvargs) json.nvargs = c.nvargs;
  json.outputs = c.outputs;
  if (c.stdout) {
    // Values the script prints (SystemDS's self-checking scripts), each computed by an R expression.
    json.stdout = c.stdout.map(({ prefix, rexpr, tol }) => {
      const r = spawnSync('Rscript', ['-e', `cat(format(${rexpr}, digits=17))`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${c.dir}: Rscript -e failed: ${r.stderr}`);
      return { prefix, value: Number(r.stdout.trim()), rexpr, ...(tol ? { tol } : {}) };
    });
  }
  if (c.stdoutExcludes) json.stdoutExcludes = c.stdoutExcludes;
  if (c.notes) json.notes = c.notes;
  fs.writeFileSync(path.join(caseDir, 'case.json'), JSON.stringify(json, null, 2) + '\n');

  if (!fs.existsSync(path.join(caseDir, 'ref.R'))) {
    // No R twin: only stdout checks (computed above) apply.
  } else if (c.expected) {
    // Hand-derived expectations (cases without an R twin): written verbatim, documented in notes.
    for (const [name, text] of Object.entries(c.expected)) fs.writeFileSync(path.join(expDir, name), text);
  } else {
    const rargs = (c.rargs ?? ['{in}/', '{expected}/']).map((a) => subst(a, { in: rIn, expected: expDir }));
    const r = spawnSync('Rscript', [path.join(caseDir, 'ref.R'), ...rargs], { cwd: caseDir, encoding: 'utf8' });
    if (r.status !== 0) {
      failed++;
      console.error(`FAIL ${c.dir}\n${r.stderr}`);
    }
  }
  fs.rmSync(rIn, { recursive: true, force: true });
  const outs = fs.readdirSync(expDir);
  for (const o of c.outputs) if (!outs.includes(o.expected ?? o.name)) { failed++; console.error(`MISSING ${c.dir}: expected/${o.expected ?? o.name}`); }
  console.log(`ok ${c.dir} (${outs.join(', ')})`);
}
if (failed) { console.error(`${failed} problem(s)`); process.exit(1); }
