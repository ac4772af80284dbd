import { describe, expect, it } from 'vitest';
import { DmlError } from '../../src/common/diagnostics.js';
import { cellwiseShape, sameShape, type OperandShape } from '../../src/common/shapes.js';
import { MatrixBlock } from '../../src/engine/data/matrix-block.js';
import { dbl } from '../../src/engine/data/values.js';
import { compileSource } from '../../src/language/index.js';
import { compileProgram } from '../../src/optimizer/index.js';
import { callBuiltin } from '../helpers/builtins.js';
import { runDml } from '../helpers/run.js';

const m = (rows: number, cols: number): OperandShape => ({ rows, cols });
const S: OperandShape = 'scalar';

describe('cell-wise broadcasting rule (common/shapes.ts)', () => {
  // [a, b, result when run, result at compile time if different] ('mismatch': they cannot combine).
  type Want = OperandShape | 'mismatch';
  const table: readonly [string, OperandShape, OperandShape, Want, Want?][] = [
    // scalars
    ['scalar op scalar', S, S, S],
    ['scalar op matrix', S, m(3, 4), m(3, 4)],
    ['matrix op scalar', m(3, 4), S, m(3, 4)],
    ['scalar op unknown matrix', S, m(-1, -1), m(-1, -1)],
    // same dims
    ['matrix op matrix', m(3, 4), m(3, 4), m(3, 4)],
    ['1x1 op 1x1', m(1, 1), m(1, 1), m(1, 1)],
    ['empty op empty', m(0, 4), m(0, 4), m(0, 4)],
    // row and column vectors, on either side
    ['matrix op row vector', m(3, 4), m(1, 4), m(3, 4)],
    ['matrix op column vector', m(3, 4), m(3, 1), m(3, 4)],
    ['row vector op matrix', m(1, 4), m(3, 4), m(3, 4)],
    ['column vector op matrix', m(3, 1), m(3, 4), m(3, 4)],
    ['empty matrix op row vector', m(0, 4), m(1, 4), m(0, 4)],
    ['column vector op 1x1', m(3, 1), m(1, 1), m(3, 1)],
    ['1x1 op row vector', m(1, 1), m(1, 4), m(1, 4)],
    // outer: column vector op row vector
    ['column op row (outer)', m(3, 1), m(1, 4), m(3, 4)],
    // mismatches (known dims)
    ['different dims', m(3, 4), m(2, 4), 'mismatch'],
    ['different columns', m(3, 4), m(3, 5), 'mismatch'],
    ['row vector of the wrong length', m(3, 4), m(1, 5), 'mismatch'],
    ['column vector of the wrong length', m(3, 4), m(2, 1), 'mismatch'],
    // only the orientation rules these out: a branch that never runs may hold them, so they
    // compile (dimension-wise dims) and fail when run
    ['row op column (not outer)', m(1, 4), m(3, 1), 'mismatch', m(3, 4)],
    ['1x1 matrix op matrix', m(1, 1), m(3, 4), 'mismatch', m(3, 4)],
    ['matrix op 1x1 matrix', m(3, 4), m(1, 1), 'mismatch', m(3, 4)],
    // unknown dims: a known side other than 1 decides, a proven conflict is a mismatch
    ['unknown op known', m(-1, -1), m(3, 4), m(3, 4)],
    ['known op unknown', m(3, 4), m(-1, -1), m(3, 4)],
    ['unknown op row vector', m(-1, -1), m(1, 4), m(-1, 4)],
    ['unknown rows op column vector', m(-1, 4), m(3, 1), m(3, 4)],
    ['unknown op unknown', m(-1, -1), m(-1, -1), m(-1, -1)],
    ['unknown rows, known columns conflict', m(-1, 4), m(-1, 5), 'mismatch'],
    ['known rows conflict, columns unknown', m(3, -1), m(2, -1), 'mismatch'],
    ['unknown rows against an empty matrix', m(-1, 4), m(0, 4), m(0, 4)],
  ];

  const check = (r: ReturnType<typeof cellwiseShape>, want: Want): void => {
    if (want === 'mismatch') {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('DML4001');
    } else {
      expect(r).toEqual({ ok: true, shape: want });
    }
  };
  for (const [what, a, b, run, compile] of table) {
    it(what, () => {
      check(cellwiseShape('+', a, b, 'run'), run);
      check(cellwiseShape('+', a, b, 'compile'), compile ?? run);
    });
  }

  it('names the operator and both shapes in the mismatch message (? for unknown dims)', () => {
    const r = cellwiseShape('*', m(3, 4), m(2, 4));
    expect(r.ok ? '' : r.error.message).toBe(
      "cell-wise '*': dimension mismatch between a 3x4 and a 2x4 matrix " +
        '(operands must have the same dims, or one must be a matching row or column vector)',
    );
    const u = cellwiseShape('-', m(-1, 4), m(-1, 5));
    expect(u.ok ? '' : u.error.message).toMatch(/between a \?x4 and a \?x5 matrix/);
  });

  it('ifelse: matrix operands of one shape, scalars broadcast', () => {
    expect(sameShape('ifelse()', [m(3, 4), S, m(3, 4)])).toEqual({ ok: true, shape: m(3, 4) });
    expect(sameShape('ifelse()', [S, S, S])).toEqual({ ok: true, shape: S });
    expect(sameShape('ifelse()', [m(-1, 4), m(3, -1), S])).toEqual({ ok: true, shape: m(3, 4) });
    const bad = sameShape('ifelse()', [m(3, 4), m(1, 4), S]);
    expect(bad.ok ? '' : bad.error.message).toBe(
      'ifelse(): matrix arguments must have the same dimensions, got 3x4, 1x4',
    );
    // At compile time a 1 is left to the run; two different sizes are not.
    expect(sameShape('ifelse()', [m(3, 4), m(1, 4), S], 'compile')).toEqual({ ok: true, shape: m(3, 4) });
    expect(sameShape('ifelse()', [m(17, 13), S, m(1, 1)], 'compile')).toEqual({ ok: true, shape: m(17, 13) });
    expect(sameShape('ifelse()', [m(3, 4), m(2, 4), S], 'compile').ok).toBe(false);
  });
});

/** The first error of compiling a script: from analysis, else from the optimizer (sizes). */
function compileError(text: string): { code: string; message: string } {
  const analyzed = compileSource(text, 'test.dml');
  const first = analyzed.diagnostics.find((d) => d.severity === 'error');
  if (first !== undefined) return { code: first.code, message: first.message };
  return thrown(() => compileProgram(analyzed));
}

/** The diagnostic a compile or a run throws. */
function thrown(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    // DmlError from the compiler and the engine; the run pipeline's DmlRunError carries the same list.
    const d =
      e instanceof DmlError
        ? e.diagnostics[0]
        : (e as { diagnostics?: DmlError['diagnostics'] }).diagnostics?.[0];
    if (d === undefined) throw e;
    return { code: d.code, message: d.message };
  }
  throw new Error('expected a DmlError');
}

describe('the same mismatch at compile time and at run time', () => {
  // Known sizes fail when the script is compiled; the same shapes with sizes only known at run
  // time (n comes from data) fail when the op runs. Code and message must be the same.
  const cases: readonly [string, string, string][] = [
    ['A + B', 'A = matrix(1, rows=3, cols=4)\nB = matrix(1, rows=2, cols=4)', 'A + B'],
    ['A * rowvector', 'A = matrix(1, rows=3, cols=4)\nB = matrix(1, rows=1, cols=5)', 'A * B'],
    ['n-ary max', 'A = matrix(1, rows=3, cols=4)\nB = matrix(1, rows=2, cols=2)', 'max(A, B, 0)'],
    ['xor()', 'A = matrix(1, rows=3, cols=4)\nB = matrix(1, rows=4, cols=3)', 'xor(A, B)'],
    ['ifelse()', 'A = matrix(1, rows=3, cols=4)\nB = matrix(1, rows=2, cols=4)', 'ifelse(A, B, 0)'],
  ];
  const unknownSizes = (setup: string): string =>
    'n = as.integer(sum(rand(rows=1, cols=1, min=1, max=1)))\n' +
    setup.replace(/(rows|cols)=(\d+)/g, '$1=$2*n');

  for (const [what, setup, expr] of cases) {
    it(what, () => {
      const known = `${setup}\nC = ${expr}\nprint(sum(C))\n`;
      const atCompile = compileError(known);
      const atRun = thrown(() => runDml(`${unknownSizes(setup)}\nC = ${expr}\nprint(sum(C))\n`));
      expect(atCompile.code).toBe('DML4001');
      expect(atRun).toEqual(atCompile);
    });
  }
});

describe('operands only their orientation rules out compile, and fail when run', () => {
  // The dead-branch pattern of SystemDS's ifelse tests: a branch not taken for these sizes holds the op.
  const cases: readonly [string, string, string][] = [
    ['row %/% column', 'A = matrix(1, rows=1, cols=4)\nB = matrix(1, rows=3, cols=1)', 'A %/% B'],
    ['matrix + 1x1 matrix', 'A = matrix(1, rows=3, cols=4)\nB = matrix(1, rows=1, cols=1)', 'A + B'],
    [
      'ifelse with a 1x1 matrix',
      'A = matrix(1, rows=3, cols=4)\nB = matrix(1, rows=1, cols=1)',
      'ifelse(A, B, 0)',
    ],
  ];
  for (const [what, setup, expr] of cases) {
    it(what, () => {
      const text = `${setup}\nC = ${expr}\nprint(sum(C))\n`;
      expect(compileSource(text, 'test.dml').diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const dead = `${setup}\nif (nrow(A) + nrow(B) > 100) {\n  C = ${expr}\n  print(sum(C))\n}\nprint("ok")\n`;
      expect(runDml(dead).out).toEqual(['ok']);
      const e = thrown(() => runDml(text));
      expect(e.code).toBe('DML4001');
      expect(e.message).toMatch(/dimension/);
    });
  }
});

describe('the engine builtins check with the same rule', () => {
  const ones = (r: number, c: number): MatrixBlock => MatrixBlock.filled(r, c, 1);
  const cases: readonly [string, MatrixBlock, MatrixBlock][] = [
    ['+', ones(3, 4), ones(2, 4)],
    ['<', ones(1, 4), ones(3, 1)],
    ['min', ones(3, 4), ones(1, 1)],
    ['bitwAnd', ones(2, 2), ones(3, 3)],
  ];
  for (const [op, a, b] of cases) {
    it(`${op} on ${a.rows}x${a.cols} and ${b.rows}x${b.cols}`, () => {
      const r = cellwiseShape(op, a, b);
      expect(r.ok).toBe(false);
      expect(thrown(() => callBuiltin(op, [a, b]))).toEqual(r.ok ? undefined : r.error);
    });
  }

  it('ifelse', () => {
    const r = sameShape('ifelse()', [ones(3, 4), ones(1, 4), 'scalar']);
    expect(thrown(() => callBuiltin('ifelse', [ones(3, 4), ones(1, 4), dbl(0)]))).toEqual(
      r.ok ? undefined : r.error,
    );
  });
});
