import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/api/run.js';
import { blockInstructions, compile } from './helpers.js';

function printedBy(text: string, optLevel: 0 | 2 = 2): string[] {
  const out: string[] = [];
  runScript({ text, print: (l) => out.push(l), optLevel });
  return out;
}

describe('lowering of statement forms', () => {
  it('assignments and builtins write straight into their variables', () => {
    const c = compile('X = rand(rows=10, cols=5, seed=1)\nY = t(X) %*% X\ns = sum(Y)', { disableRules: ['matmul-to-tsmm'] });
    expect(blockInstructions(c)).toEqual([
      'CP rand rows=10 cols=5 seed=1 -> X',
      'CP t X -> _t2',
      'CP %*% _t2 X -> Y',
      'CP rmvar _t2',
      'CP sum Y -> s',
    ]);
  });

  it('operators, unary minus and not, += and unary plus', () => {
    const c = compile('a = 3\nb = -a + +a\nc = !(a > b)\na += 2', { optLevel: 0 });
    expect(blockInstructions(c)).toEqual([
      // a's final value is computed first: nothing reads variable a in this block.
      'CP + 3 2 -> a',
      'CP u- 3 -> _t2',
      'CP + _t2 3 -> b',
      'CP rmvar _t2',
      'CP > 3 b -> _t4',
      'CP ! _t4 -> c',
      'CP rmvar _t4',
    ]);
  });

  it('right and left indexing, with single and absent parts', () => {
    const c = compile('X = matrix(0, rows=3, cols=3)\nX[1, 2] = 7\nX[2, ] = X[1, ]\ny = X[1:2, 3]', { optLevel: 0 });
    expect(blockInstructions(c)).toEqual([
      'CP matrix 0 rows=3 cols=3 -> _t1',
      'CP lix _t1 7 1 1 2 2 -> _t2',
      'CP rmvar _t1',
      'CP rix _t2 1 1 _ _ -> _t3',
      'CP lix _t2 _t3 2 2 _ _ -> X',
      'CP rmvar _t2 _t3',
      'CP rix X 1 2 3 3 -> y',
    ]);
  });

  it('list indexing carries listIndex', () => {
    const c = compile('L = list(1, 2)\nL[2] = 5\nx = L[1]');
    const ins = blockInstructions(c);
    expect(ins).toContain('CP lix _t1 5 2 2 _ _ {listIndex=true} -> L');
    expect(ins).toContain('CP rix L 1 1 _ _ {listIndex=true} -> x');
  });

  it('user function calls: single result, multi-assignment (own block), statement call', () => {
    const src = `f = function(Double a, Double b = 2) return (Double x, Double y) { x = a + b; y = a * b }
g = function(Double a) { print(a) }
z = f(1, b=3)
[p, q] = f(4)
g(5)`;
    const c = compile(src, { disableRules: ['inline-functions'] });
    expect(blockInstructions(c, 0)).toEqual(['CP fcall f 1 b=3 -> z']);
    expect(blockInstructions(c, 1)).toEqual(['CP fcall f 4 -> p q']);
    expect(blockInstructions(c, 2)).toEqual(['CP fcall g 5']);
    const f = c.runtime.functions.get('f')!;
    expect(f.params.map((p) => p.name)).toEqual(['a', 'b']);
    expect(f.params[1]!.default?.result).toEqual({ kind: 'lit', value: { vt: 'int', value: 2 } });
    expect(f.outputs.map((o) => o.name)).toEqual(['x', 'y']);
    expect(blockInstructions(c, 0, f.body)).toEqual(['CP + a b -> x', 'CP * a b -> y']);
  });

  it('multi-return builtins are one instruction with several outputs', () => {
    const c = compile('A = matrix(1, rows=2, cols=2)\n[Q, R] = qr(A)');
    expect(blockInstructions(c, 1)).toEqual(['CP qr A -> Q R']);
  });

  it('control flow: if/else, for with seq, while, parfor parameters and result variables', () => {
    const c = compile(`s = 0
if (s > 1) { s = 1 } else { s = 2 }
for (i in seq(1, 9, 2)) { s = s + i }
while (s < 100) { s = s * 2 }
R = matrix(0, rows=4, cols=1)
parfor (j in 1:4, check=0, par=2) { R[j, 1] = j }
print(sum(R) + s)`);
    const [b0, iff, forB, whileB, b4, parB] = c.runtime.main;
    expect(b0?.kind).toBe('basic');
    expect(iff?.kind === 'if' && iff.predicate.instructions.map((i) => i.opcode)).toEqual(['>']);
    if (forB?.kind !== 'for') throw new Error('for expected');
    expect(forB.isSeq).toBe(true);
    expect(forB.by?.result).toEqual({ kind: 'lit', value: { vt: 'int', value: 2 } });
    expect(forB.parfor).toBeUndefined();
    expect(whileB?.kind).toBe('while');
    expect(b4?.kind).toBe('basic');
    if (parB?.kind !== 'for') throw new Error('parfor expected');
    expect(parB.parfor).toEqual({ check: false, par: 2, mode: 'LOCAL', raw: { check: 0, par: 2 } });
    expect(parB.resultVars).toEqual(['R']);
    expect(parB.isSeq).toBe(false);
  });

  it('every instruction carries a span and a hop id', () => {
    const c = compile('x = 1 + 2\nprint(x)');
    const b = c.runtime.main[0]!;
    if (b.kind !== 'basic') throw new Error('basic expected');
    for (const i of b.instructions) {
      expect(i.span.line).toBeGreaterThan(0);
      if (i.opcode !== 'rmvar') expect(i.hopId).toBeTypeOf('number');
    }
  });
});

describe('simultaneous assignment and side-effect order', () => {
  it('t = a; a = b; b = t swaps', () => {
    const src = 'a = 1; b = 2\nfor (i in 1:1) { t = a; a = b; b = t }\nprint(a + " " + b)';
    const c = compile(src);
    const loop = c.runtime.main[1]!;
    if (loop.kind !== 'for') throw new Error('for expected');
    const body = blockInstructions(c, 0, loop.body);
    // a's old value is saved before a is overwritten.
    expect(body.indexOf('CP cpvar a -> _t1')).toBeLessThan(body.indexOf('CP cpvar b -> a'));
    expect(printedBy(src)).toEqual(['2 1']);
    expect(printedBy(src, 0)).toEqual(['2 1']);
  });

  it('a chain of copies reads block-entry values', () => {
    const src = 'a = 1; b = 2; c = 3\nfor (i in 1:1) { a = b; b = c; c = a }\nprint(a + " " + b + " " + c)';
    expect(printedBy(src)).toEqual(['2 3 2']);
  });

  it('prints see the value current at their statement', () => {
    const src = 'x = 1\nprint(x)\nx = 2\nprint(x)\nx = x + 1\nprint(x)';
    expect(printedBy(src)).toEqual(['1', '2', '3']);
    const ins = blockInstructions(compile(src, { optLevel: 0 }));
    expect(ins.filter((i) => i.startsWith('CP print'))).toEqual(['CP print 1', 'CP print 2', 'CP print x']);
  });

  it('side effects keep statement order, values are computed before their consumer', () => {
    const src = 'print("a")\ny = 5\nprint("b")\nprint(y * 2)';
    const ins = blockInstructions(compile(src, { optLevel: 0 }));
    expect(ins.filter((i) => i.includes('print'))).toEqual(['CP print "a"', 'CP print "b"', 'CP print _t1']);
    expect(ins.indexOf('CP * 5 2 -> _t1')).toBeLessThan(ins.indexOf('CP print _t1'));
  });

  it('function calls run in statement order even when their results are unused', () => {
    const src = `f = function(Double a) return (Double b) { print("f" + a); b = a }
x = f(1)
print("mid")
y = f(2)`;
    expect(printedBy(src)).toEqual(['f1.0', 'mid', 'f2.0']);
  });
});

describe('ordered value builtins', () => {
  it('read and time run at their statement, before later writes', () => {
    const c = compile('t0 = time()\nX = rand(rows=2, cols=2, seed=1)\ns = sum(X)\nt1 = time()\nprint(s)\nprint(t1 - t0)', { optLevel: 0 });
    // time() statements get blocks of their own, so the work between them runs between them.
    expect(c.runtime.main).toHaveLength(4);
    expect(blockInstructions(c, 0)).toEqual(['CP time -> t0']);
    expect(blockInstructions(c, 1)).toEqual(['CP rand rows=2 cols=2 seed=1 -> X', 'CP sum X -> s']);
    expect(blockInstructions(c, 2)).toEqual(['CP time -> t1']);
  });

  it('a read runs at its statement, before a later write of the same file', () => {
    const c = compile('Y = read("f.csv", rows=2, cols=2)\nwrite(matrix(0, rows=2, cols=2), "f.csv")\nprint(sum(Y))', { optLevel: 0 });
    const ops = blockInstructions(c).map((i) => i.split(' ')[1]);
    expect(ops.indexOf('read')).toBeLessThan(ops.indexOf('write'));
  });
});
