#!/usr/bin/env node
// Times one workload through the Tessera build at a given root (its dist/), in a fresh process,
// and prints the result as JSON. Used by before-after.js to compare two builds side by side.
// Usage: node bench/tessera-child.js <repo root with dist/> <workload name> <repeat>
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseMarkers } from './sides/markers.js';
import { script } from './sides/tessera.js';
import { workloads } from './workloads.js';

const [root, name, repeat] = process.argv.slice(2);
const { runScript } = await import(pathToFileURL(join(root, 'dist', 'api', 'index.js')).href);
const w = workloads.find((x) => x.name === name);
if (!w) throw new Error(`no workload '${name}'`);
const lines = [];
try {
  runScript({ text: script(w, Number(repeat)), print: (l) => lines.push(l) });
  console.log(JSON.stringify(parseMarkers(lines)));
} catch (e) {
  console.log(JSON.stringify({ error: String(e instanceof Error ? e.message : e).split('\n')[0] }));
}
