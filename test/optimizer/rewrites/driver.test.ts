import { describe, expect, it } from 'vitest';
import { NO_SPAN } from '../../../src/common/span.js';
import type { Hop } from '../../../src/optimizer/hop.js';
import { HopFactory } from '../../../src/optimizer/hop-factory.js';
import { BATCHES } from '../../../src/optimizer/rewrites/batches.js';
import { applyRewrites, countRewrites, validateReplacement } from '../../../src/optimizer/rewrites/driver.js';
import { defaultRules, ruleNames } from '../../../src/optimizer/rewrites/index.js';
import { unchanged, type RewriteRule } from '../../../src/optimizer/rewrites/rule.js';
import { compile } from '../helpers.js';

const f = new HopFactory();
const mat = (name: string, rows: number, cols: number): Hop =>
  f.make({
    kind: 'tread',
    op: 'tread',
    name,
    inputs: [],
    span: NO_SPAN,
    type: { dataType: 'matrix', valueType: 'double' },
    knownDims: { rows, cols, nnz: -1 },
  });
const op = (name: string, ...inputs: Hop[]): Hop => f.make({ kind: 'op', op: name, inputs, span: NO_SPAN });

/** A rule that never fires and counts the HOPs it was shown. */
function countingRule(name: string, batch: string | undefined): RewriteRule & { seen: number } {
  const r = {
    name,
    batch,
    seen: 0,
    rewrite(h: Hop) {
      r.seen++;
      return unchanged(h);
    },
  };
  return r;
}

describe('rewrite driver', () => {
  it('runs "once" batches a single pass and fixpoint batches until nothing changes', () => {
    const x = mat('X', 3, 2);
    const once = countingRule('probe-once', 'fusion');
    const fix = countingRule('probe-fix', 'simplify');
    applyRewrites([op('t', x)], [fix, once], { factory: f });
    expect(once.seen).toBe(2); // one pass over 2 hops
    expect(fix.seen).toBe(2); // nothing changed: the fixpoint stops after one pass
  });

  it('repeats a fixpoint batch while rules keep firing, up to its pass limit', () => {
    let fires = 0;
    const flip: RewriteRule = {
      name: 'flip',
      batch: 'simplify',
      rewrite(h) {
        if (h.kind !== 'op' || h.op !== 't') return unchanged(h);
        fires++;
        return { hop: op('t', h.inputs[0]!), changed: true }; // always "changes"
      },
    };
    const limit = BATCHES.find((b) => b.name === 'simplify')!.maxPasses;
    const r = applyRewrites([op('t', mat('X', 2, 2))], [flip], { factory: f });
    expect(fires).toBe(limit);
    expect(r.fired).toHaveLength(limit);
    fires = 0;
    applyRewrites([op('t', mat('X', 2, 2))], [flip], { factory: f }, 3);
    expect(fires).toBe(3);
  });

  it('counts consumers by id for rules that must not absorb shared intermediates', () => {
    const x = mat('X', 3, 3);
    const shared = op('*', x, x);
    const seen = new Map<string, number>();
    const probe: RewriteRule = {
      name: 'probe',
      rewrite(h, ctx) {
        seen.set(`${h.op}${h.id}`, ctx.consumers!(h));
        return unchanged(h);
      },
    };
    applyRewrites([op('sum', shared), op('t', shared)], [probe], { factory: f });
    expect(seen.get(`*${shared.id}`)).toBe(2);
  });

  it('validation rejects a rule that changes dims or types', () => {
    const x = mat('X', 3, 2);
    const bad: RewriteRule = {
      name: 'bad',
      rewrite(h) {
        return h.kind === 'op' && h.op === 't' ? { hop: x, changed: true } : unchanged(h);
      },
    };
    expect(() => applyRewrites([op('t', x)], [bad], { factory: f })).toThrow(/rewrite rule 'bad' changed hop \d+ \(t\) from \[2,3\] to \[3,2\]/);
    expect(() => applyRewrites([op('t', x)], [bad], { factory: f, validate: false })).not.toThrow();
    expect(() => validateReplacement('r', op('sum', x), x)).toThrow(/data type/);
  });

  it('counts firings per rule', () => {
    expect([...countRewrites(['b', 'a', 'b'])]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const c = compile('X = rand(rows=5, cols=3, seed=1)\nA = t(t(X))\nB = t(t(X + 1))\nprint(sum(A) + sum(B))');
    expect(countRewrites(c.rewritesFired).get('remove-double-transpose')).toBe(2);
  });

  it('has at least 40 rules, every one named once and in a known batch', () => {
    const rules = defaultRules();
    const batches = new Set(BATCHES.map((b) => b.name));
    for (const r of rules) expect(batches.has(r.batch ?? '')).toBe(true);
    const names = rules.map((r) => r.name);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dup).toEqual(['common-subexpression-elimination']); // runs in two batches
    expect(ruleNames().length).toBeGreaterThanOrEqual(40);
  });

  it('disableRules switches off any rule by name, optLevel 0 all of them', () => {
    const src = 'X = rand(rows=5, cols=3, seed=1)\nG = t(X) %*% X\nprint(sum(G))';
    expect(compile(src).rewritesFired).toContain('matmul-to-tsmm');
    expect(compile(src, { disableRules: ['matmul-to-tsmm'] }).rewritesFired).not.toContain('matmul-to-tsmm');
    expect(compile(src, { optLevel: 0 }).rewritesFired).toEqual([]);
  });
});
