/**
 * Rewrite validation after every firing (types, known dims, well-formed DAG; the message names
 * the rule) and the driver's observer (the whole DAG after each rule that fired, in order).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DmlError } from '../../../src/common/diagnostics.js';
import { NO_SPAN } from '../../../src/common/span.js';
import type { Hop } from '../../../src/optimizer/hop.js';
import { HopFactory } from '../../../src/optimizer/hop-factory.js';
import { explainDagText } from '../../../src/optimizer/explain.js';
import { applyRewrites } from '../../../src/optimizer/rewrites/driver.js';
import { BLOCK_RULES, defaultRules } from '../../../src/optimizer/rewrites/index.js';
import { unchanged, type RewriteRule } from '../../../src/optimizer/rewrites/rule.js';
import { RewriteTrace } from '../../../src/optimizer/rewrites/trace.js';
import { VALIDATE_ENV, validationDefault } from '../../../src/optimizer/rewrites/validate.js';
import type { RewriteSite } from '../../../src/optimizer/index.js';
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

/** A test rule that rewrites every `t(...)` HOP with `make`. */
function ruleOnTranspose(name: string, make: (h: Hop) => Hop): RewriteRule {
  return {
    name,
    rewrite(h) {
      return h.kind === 'op' && h.op === 't' ? { hop: make(h), changed: true } : unchanged(h);
    },
  };
}

function thrown(fn: () => unknown): DmlError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DmlError) return e;
    throw e;
  }
  throw new Error('expected a DmlError');
}

type MutableHop = { -readonly [K in keyof Hop]: Hop[K] };

describe('rewrite validation', () => {
  const saved = process.env[VALIDATE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[VALIDATE_ENV];
    else process.env[VALIDATE_ENV] = saved;
  });

  it('catches a rule that changes dims, naming the rule, the hop and the change', () => {
    const x = mat('X', 100, 10);
    const tx = op('t', x);
    // Deliberately broken: t(X) -> X keeps the type but swaps the dims.
    const broken = ruleOnTranspose('broken-transpose', (h) => h.inputs[0]!);
    const e = thrown(() =>
      applyRewrites([op('sum', tx)], [broken], { factory: f }, undefined, { validate: true }),
    );
    expect(e.diagnostics[0]!.code).toBe('DML5999');
    expect(e.diagnostics[0]!.message).toBe(
      `internal error: rewrite rule 'broken-transpose' changed hop ${tx.id} (t) from [10,100] to [100,10]`,
    );
    expect(e.diagnostics[0]!.hint).toContain("disableRules: ['broken-transpose']");
  });

  it('catches a changed data type or value type', () => {
    const x = mat('X', 3, 3);
    const toScalar = ruleOnTranspose('to-scalar', (h) => op('sum', h.inputs[0]!));
    expect(() =>
      applyRewrites([op('t', x)], [toScalar], { factory: f }, undefined, { validate: true }),
    ).toThrow(
      /rule 'to-scalar' changed the data type of hop \d+ \(t\) from MATRIX\.DOUBLE to SCALAR\.DOUBLE/,
    );
    const toInt = ruleOnTranspose('to-int', (h) => ({ ...h, valueType: 'int' }));
    expect(() => applyRewrites([op('t', x)], [toInt], { factory: f }, undefined, { validate: true })).toThrow(
      /rule 'to-int' changed the value type of hop \d+ \(t\) from MATRIX\.DOUBLE to MATRIX\.INT/,
    );
  });

  it('catches a cycle and an undefined input', () => {
    const x = mat('X', 3, 3);
    const cyclic = ruleOnTranspose('make-cycle', (h) => {
      const c: MutableHop = { ...h };
      const plus: MutableHop = { ...op('+', x, x) };
      plus.inputs = [c, x];
      c.inputs = [plus];
      return c;
    });
    expect(() =>
      applyRewrites([op('t', x)], [cyclic], { factory: f }, undefined, { validate: true }),
    ).toThrow(/rule 'make-cycle' made a cycle through hop \d+ \(t\)/);
    const hole = ruleOnTranspose('drop-input', (h) => {
      const c: MutableHop = { ...h };
      c.inputs = [undefined as unknown as Hop];
      return c;
    });
    expect(() => applyRewrites([op('t', x)], [hole], { factory: f }, undefined, { validate: true })).toThrow(
      /rule 'drop-input' left hop \d+ \(t\) with input 1 undefined/,
    );
  });

  it('is off when switched off (option or environment) and on under vitest by default', () => {
    const x = mat('X', 3, 2);
    const broken = ruleOnTranspose('broken-transpose', (h) => h.inputs[0]!);
    expect(() =>
      applyRewrites([op('t', x)], [broken], { factory: f }, undefined, { validate: false }),
    ).not.toThrow();
    delete process.env[VALIDATE_ENV];
    expect(validationDefault()).toBe(true); // VITEST is set
    expect(() => applyRewrites([op('t', x)], [broken], { factory: f })).toThrow(/broken-transpose/);
    process.env[VALIDATE_ENV] = '0';
    expect(validationDefault()).toBe(false);
    expect(() => applyRewrites([op('t', x)], [broken], { factory: f })).not.toThrow();
    process.env[VALIDATE_ENV] = '1';
    expect(validationDefault()).toBe(true);
  });

  it('passes every default rule on a script that fires many of them', () => {
    const src = [
      'X = rand(rows=20, cols=5, seed=1)',
      'y = rand(rows=5, cols=1, seed=2)',
      'A = t(t(X)) * 1 + 0',
      'G = t(X) %*% X',
      'b = t(X) %*% (X %*% y)',
      's = sum(rowSums(A)) + sum(X^2) + nrow(X)',
      'print(sum(G) + sum(b) + s)',
    ].join('\n');
    const c = compile(src, { validateRewrites: true });
    expect(c.rewritesFired.length).toBeGreaterThan(5);
  });
});

describe('rewrite observer', () => {
  it('receives each fired rule in order, with the whole DAG after it', () => {
    const x = mat('X', 4, 3);
    const root = op('sum', op('t', op('t', x)));
    const seen: { rule: string; text: string }[] = [];
    const r = applyRewrites([root], defaultRules(), { factory: f }, undefined, {
      onRuleFired: (rule, after) => seen.push({ rule, text: explainDagText('', after) }),
    });
    expect(seen.map((s) => s.rule)).toEqual(r.fired);
    expect(r.fired[0]).toBe('remove-double-transpose');
    // The first snapshot is the whole DAG (root included) with the double transpose gone.
    expect(seen[0]!.text).not.toMatch(/\) t /);
    expect(seen[0]!.text).toMatch(/\) sum /);
    // The last snapshot is the final DAG.
    expect(seen[seen.length - 1]!.text).toBe(explainDagText('', r.roots));
  });

  it('sees a DAG after a deep firing while its ancestors are still being visited', () => {
    const x = mat('X', 4, 3);
    const y = mat('Y', 4, 3);
    // The firing in the left operand happens before the right operand and the root are visited.
    const root = op('+', op('t', op('t', x)), op('t', op('t', y)));
    const texts: string[] = [];
    applyRewrites([root], defaultRules(), { factory: f }, undefined, {
      onRuleFired: (_rule, after) => texts.push(explainDagText('', after)),
    });
    expect(texts[0]).toMatch(/TRead X/);
    expect(texts[0]).toMatch(/\) \+ /);
    expect(texts[0]!.match(/\) t /g)).toHaveLength(2); // Y's double transpose is still there
    expect(texts[1]).not.toMatch(/\) t /);
  });

  it('is called by compileProgram for every HOP rule in rewritesFired, with the block', () => {
    const src = 'X = rand(rows=10, cols=3, seed=1)\nB = t(X) %*% X\nprint(sum(B))';
    const seen: { rule: string; site: RewriteSite; roots: readonly Hop[] }[] = [];
    const c = compile(src, { onRuleFired: (rule, roots, site) => seen.push({ rule, site, roots }) });
    const hopRules = c.rewritesFired.filter((n) => !(BLOCK_RULES as readonly string[]).includes(n));
    expect(seen.map((s) => s.rule)).toEqual(hopRules);
    const tsmm = seen.find((s) => s.rule === 'matmul-to-tsmm')!;
    expect(tsmm.site.kind).toBe('block');
    expect(tsmm.site.span.line).toBe(1);
    expect(explainDagText('', tsmm.roots)).toMatch(/\) tsmm /);
  });

  it('RewriteTrace prints one section per firing with the block line', () => {
    const trace = new RewriteTrace();
    compile('x = 3\nX = rand(rows=10, cols=3, seed=1)\nB = t(X) %*% X\nprint(sum(B))', {
      onRuleFired: trace.observer,
    });
    expect(trace.count).toBeGreaterThan(0);
    expect(trace.text()).toMatch(
      /^--- after matmul-to-tsmm \(block at line 1\)\n(--\(\d+\) .*\n)*--\(\d+\) tsmm /m,
    );
    const none = new RewriteTrace();
    compile('print(1)', { onRuleFired: none.observer });
    expect(none.text()).toBe('--- no rewrite rule fired');
  });
});
