import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../src/language/parse.js';

const samplesDir = join(dirname(fileURLToPath(import.meta.url)), 'samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.dml'));

describe('sample scripts parse without diagnostics', () => {
  it('has samples', () => expect(samples.length).toBeGreaterThanOrEqual(5));
  for (const f of samples) {
    it(f, () => {
      const r = parseProgram(readFileSync(join(samplesDir, f), 'utf8'), f);
      expect(r.diagnostics.map((d) => `${d.code} ${d.span?.line}:${d.span?.col} ${d.message}`)).toEqual([]);
      expect(r.program.body.length).toBeGreaterThan(0);
    });
  }

  it('clustering.dml: the else chain with ; before else nests, and `C = C_new` follows the if', () => {
    const r = parseProgram(readFileSync(join(samplesDir, 'clustering.dml'), 'utf8'), 'clustering.dml');
    const fn = r.program.body[0];
    if (fn?.kind !== 'function') throw new Error('expected a function');
    const parfor = fn.body.find((s) => s.kind === 'for' && s.parallel);
    if (parfor?.kind !== 'for') throw new Error('expected parfor');
    const loop = parfor.body.find((s) => s.kind === 'while');
    if (loop?.kind !== 'while') throw new Error('expected while');
    const tail = loop.body.slice(-2).map((s) => s.kind);
    expect(tail).toEqual(['if', 'assign']);
  });
});

describe('performance sanity (printed, not gated)', () => {
  it('parses a 5,000-line script', () => {
    const block = readFileSync(join(samplesDir, 'clustering.dml'), 'utf8').split('\n');
    const lines: string[] = [];
    let n = 0;
    while (lines.length < 5000) {
      // rename the functions so the copies stay distinct
      for (const l of block) lines.push(l.replace(/^(m_cluster|samples) =/, `$1_${n} =`));
      n++;
    }
    const text = lines.slice(0, 5000).join('\n');
    // the cut may end mid-function: parse the whole copies only
    const whole = lines.slice(0, block.length * Math.floor(5000 / block.length)).join('\n');
    parseProgram(whole, 'warmup.dml');
    const t0 = performance.now();
    const r = parseProgram(whole, 'big.dml');
    const ms = performance.now() - t0;
    console.log(
      `parsed ${whole.split('\n').length} lines (${(whole.length / 1024).toFixed(0)} KiB) in ${ms.toFixed(1)} ms`,
    );
    expect(r.diagnostics).toEqual([]);
    expect(text.length).toBeGreaterThan(0);
  });
});
