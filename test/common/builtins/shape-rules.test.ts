/**
 * Every builtin whose catalogue entry has a shape rule: the dims the compiler gives its result
 * (`-explain hops`, from the rule) equal the dims of the value the run produces, on random shapes.
 */
import { describe, expect, it } from 'vitest';
import { builtinNames, builtinSpec } from '../../../src/common/builtins/catalogue.js';
import { explainHops } from '../../../src/optimizer/index.js';
import { runDml } from '../../helpers/run.js';

/** A small deterministic generator (tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Case {
  /** Statements defining the inputs. */
  readonly setup: string;
  /** The expression assigned to Y. */
  readonly expr: string;
}

type Gen = (r: () => number) => Case;

let seed = 0;
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const mat = (name: string, rows: number, cols: number): string =>
  `${name} = rand(rows=${rows}, cols=${cols}, min=-2, max=2, seed=${++seed})`;

/** Two operands of a cell-wise binary op in one of the broadcasting forms (names A and B). */
function broadcastPair(r: () => number): string {
  const m = int(r, 2, 5);
  const n = int(r, 2, 5);
  const forms: readonly [number, number, number, number][] = [
    [m, n, m, n], // same dims
    [m, n, 1, n], // row vector on the right
    [m, n, m, 1], // column vector on the right
    [1, n, m, n], // row vector on the left
    [m, 1, m, n], // column vector on the left
    [m, 1, 1, n], // outer
  ];
  const [a, b, c, d] = forms[int(r, 0, forms.length - 1)]!;
  return `${mat('A', a, b)}\n${mat('B', c, d)}`;
}

const binary =
  (f: (a: string, b: string) => string): Gen =>
  (r) => {
    const form = int(r, 0, 2);
    if (form === 0) return { setup: broadcastPair(r), expr: f('A', 'B') };
    const setup = mat('A', int(r, 1, 5), int(r, 1, 5));
    return { setup, expr: form === 1 ? f('A', '2') : f('3', 'A') };
  };

const unary =
  (f: (x: string) => string, rows?: number, cols?: number): Gen =>
  (r) => ({ setup: mat('A', rows ?? int(r, 1, 6), cols ?? int(r, 1, 6)), expr: f('A') });

const square =
  (f: (x: string) => string): Gen =>
  (r) => {
    const n = int(r, 2, 5);
    return {
      setup: `${mat('X', n + 2, n)}\nA = t(X) %*% X + diag(matrix(1, rows=${n}, cols=1))`,
      expr: f('A'),
    };
  };

const columnVector =
  (f: (x: string) => string): Gen =>
  (r) => ({ setup: mat('A', int(r, 3, 9), 1), expr: f('A') });

const CASES = new Map<string, Gen>();
for (const op of ['+', '-', '*', '/', '^', '%%', '%/%', '==', '!=', '<', '<=', '>', '>=', '&', '|'])
  CASES.set(
    op,
    binary((a, b) => `${a} ${op} ${b}`),
  );
CASES.set(
  'u-',
  unary((x) => `-${x}`),
);
CASES.set(
  '!',
  unary((x) => `!${x}`),
);
for (const f of [
  'abs',
  'exp',
  'sqrt',
  'round',
  'floor',
  'ceil',
  'ceiling',
  'sign',
  'sin',
  'cos',
  'tan',
  'asin',
])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`),
  );
for (const f of [
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'sigmoid',
  'is.na',
  'isNA',
  'is.nan',
  'isNaN',
  'is.infinite',
  'isInf',
])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`),
  );
CASES.set('log', (r) => (r() < 0.5 ? unary((x) => `log(${x})`)(r) : binary((a, b) => `log(${a}, ${b})`)(r)));
for (const f of ['bitwAnd', 'bitwOr', 'bitwXor', 'bitwShiftL', 'bitwShiftR'])
  CASES.set(
    f,
    binary((a, b) => `${f}(round(abs(${a}) * 5), round(abs(${b})))`),
  );
CASES.set(
  'xor',
  binary((a, b) => `xor(${a}, ${b})`),
);
CASES.set(
  'ppred',
  binary((a, b) => `ppred(${a}, ${b}, ">")`),
);
for (const f of ['sum', 'prod', 'mean', 'avg', 'var', 'sd'])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`),
  );
CASES.set(
  'trace',
  square((x) => `trace(${x})`),
);
for (const f of [
  'rowSums',
  'colSums',
  'rowMeans',
  'colMeans',
  'rowMaxs',
  'colMaxs',
  'rowMins',
  'colMins',
  'rowProds',
])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`),
  );
for (const f of [
  'colProds',
  'rowVars',
  'colVars',
  'rowSds',
  'colSds',
  'rowIndexMax',
  'rowIndexMin',
  'cumsum',
  'cumprod',
])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`, undefined, f.endsWith('Vars') || f.endsWith('Sds') ? 3 : undefined),
  );
for (const f of ['cummin', 'cummax', 'rowcumsum'])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`),
  );
CASES.set('cumsumprod', (r) => unary((x) => `cumsumprod(${x})`, int(r, 1, 6), 2)(r));
CASES.set('min', (r) =>
  r() < 0.3 ? unary((x) => `min(${x})`)(r) : binary((a, b) => `min(${a}, ${b}, 0.5)`)(r),
);
CASES.set('max', (r) =>
  r() < 0.3 ? unary((x) => `max(${x})`)(r) : binary((a, b) => `max(${a}, 0.5, ${b})`)(r),
);
for (const f of ['median', 'interQuartileMean'])
  CASES.set(
    f,
    columnVector((x) => `${f}(${x})`),
  );
CASES.set(
  'moment',
  columnVector((x) => `moment(${x}, 3)`),
);
CASES.set(
  'centralMoment',
  columnVector((x) => `centralMoment(${x}, 2)`),
);
CASES.set('cov', (r) => {
  const n = int(r, 3, 9);
  return { setup: `${mat('A', n, 1)}\n${mat('B', n, 1)}`, expr: 'cov(A, B)' };
});
CASES.set('quantile', (r) => {
  const n = int(r, 3, 9);
  if (r() < 0.5) return { setup: mat('A', n, 1), expr: 'quantile(A, 0.25)' };
  return { setup: `${mat('A', n, 1)}\nP = seq(1, ${int(r, 1, 4)}) / 5`, expr: 'quantile(A, P)' };
});
CASES.set(
  't',
  unary((x) => `t(${x})`),
);
CASES.set(
  'rev',
  unary((x) => `rev(${x})`),
);
CASES.set('diag', (r) => (r() < 0.5 ? columnVector((x) => `diag(${x})`)(r) : square((x) => `diag(${x})`)(r)));
for (const f of ['cbind', 'rbind'] as const)
  CASES.set(f, (r) => {
    const m = int(r, 1, 4);
    const k = int(r, 2, 3);
    const dims = (i: number): [number, number] => (f === 'cbind' ? [m, i + 1] : [i + 1, m]);
    const names = Array.from({ length: k }, (_, i) => `A${i}`);
    return { setup: names.map((n, i) => mat(n, ...dims(i))).join('\n'), expr: `${f}(${names.join(', ')})` };
  });
CASES.set(
  'lower.tri',
  unary((x) => `lower.tri(target=${x}, diag=TRUE, values=TRUE)`),
);
CASES.set(
  'upper.tri',
  unary((x) => `upper.tri(target=${x})`),
);
CASES.set(
  'replace',
  unary((x) => `replace(target=round(${x}), pattern=0, replacement=7)`),
);
CASES.set('ifelse', (r) => {
  const m = int(r, 1, 5);
  const n = int(r, 1, 5);
  const setup = `${mat('A', m, n)}\n${mat('B', m, n)}`;
  return { setup, expr: r() < 0.5 ? 'ifelse(A > 0, A, B)' : 'ifelse(A > 0, 1, B)' };
});
CASES.set('%*%', (r) => {
  const k = int(r, 1, 5);
  return { setup: `${mat('A', int(r, 1, 5), k)}\n${mat('B', k, int(r, 1, 5))}`, expr: 'A %*% B' };
});
CASES.set('solve', (r) => {
  const n = int(r, 2, 5);
  const setup = `${mat('X', n + 2, n)}\nA = t(X) %*% X + diag(matrix(1, rows=${n}, cols=1))\n${mat('B', n, int(r, 1, 3))}`;
  return { setup, expr: 'solve(A, B)' };
});
for (const f of ['inv', 'inverse', 'cholesky', 'det'])
  CASES.set(
    f,
    square((x) => `${f}(${x})`),
  );
for (const f of ['as.scalar', 'castAsScalar'])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`, 1, 1),
  );
CASES.set('as.matrix', (r) =>
  r() < 0.5 ? { setup: 'a = 3', expr: 'as.matrix(a)' } : unary((x) => `as.matrix(${x})`)(r),
);
for (const f of ['as.double', 'as.integer', 'as.logical', 'as.boolean'])
  CASES.set(f, () => ({ setup: 'a = 2.5', expr: `${f}(a)` }));
for (const f of ['nrow', 'ncol', 'length', 'toString'])
  CASES.set(
    f,
    unary((x) => `${f}(${x})`),
  );

/** Catalogue entries with a shape rule that the engine does not run yet (DML9001). */
const NO_RUNTIME: ReadonlySet<string> = new Set(['typeof']);
CASES.set(
  'exists',
  unary(() => 'exists(A)'),
);
CASES.set('matrix', (r) => {
  const m = int(r, 1, 5);
  const n = int(r, 1, 5);
  const form = int(r, 0, 2);
  if (form === 0) return { setup: '', expr: `matrix(${int(r, 0, 1)}, rows=${m}, cols=${n})` };
  const setup = mat('A', m, n);
  return form === 1
    ? { setup, expr: `matrix(A, rows=${n}, cols=${m})` }
    : { setup, expr: `matrix(A, rows=1, cols=${m * n})` };
});
for (const f of ['rand', 'Rand'])
  CASES.set(f, (r) => ({
    setup: '',
    expr: `${f}(rows=${int(r, 0, 5)}, cols=${int(r, 1, 5)}, sparsity=${r() < 0.3 ? 0 : 0.5}, seed=3)`,
  }));
CASES.set('seq', (r) => {
  const a = int(r, -5, 5);
  const b = int(r, -5, 5);
  return {
    setup: '',
    expr: r() < 0.5 ? `seq(${a}, ${b})` : `seq(${Math.min(a, b)}, ${Math.max(a, b) + 3}, ${int(r, 1, 3)})`,
  };
});

const WITH_RULE = builtinNames().filter((n) => builtinSpec(n)!.shape !== undefined);

/** The dims of the value written to Y, as `-explain hops` prints them: [rows,cols,nnz]. */
function explainedDims(text: string): [number, number] {
  const m = /TWrite Y \(\d+\) \[(-?\d+),(-?\d+),-?\d+\] \S+ (\w+)\./.exec(text);
  if (m === null) throw new Error(`no TWrite Y in:\n${text}`);
  return m[3] === 'SCALAR' ? [0, 0] : [Number(m[1]), Number(m[2])];
}

describe('catalogue shape rules: compile-time dims equal run-time dims', () => {
  it('every builtin with a shape rule has a case here', () => {
    expect(WITH_RULE.filter((n) => !CASES.has(n) && !NO_RUNTIME.has(n))).toEqual([]);
    expect(WITH_RULE.length).toBeGreaterThan(100);
  });

  for (const name of WITH_RULE) {
    it(name, () => {
      if (NO_RUNTIME.has(name)) {
        expect(() => runDml('Y = ' + name + '(1)\nprint(Y)\n')).toThrow(/DML9001/);
        return;
      }
      const gen = CASES.get(name);
      if (gen === undefined) return;
      const r = rng(name.split('').reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
      for (let trial = 0; trial < 4; trial++) {
        const { setup, expr } = gen(r);
        const text = `${setup}\nY = ${expr}\nprint(toString(Y))\n`;
        // Rewrites off: the dims are the rule's own, not a rewritten HOP's.
        const { result } = runDml(text, { optLevel: 0 });
        const [rows, cols] = explainedDims(explainHops(result.compiled));
        const y = result.variables.get('Y');
        const where = `${name}: ${text}`;
        expect(y, where).toBeDefined();
        if (y!.dt === 'matrix') {
          expect([rows, cols], where).toEqual([y!.rows, y!.cols]);
        } else {
          expect(y!.dt, where).toBe('scalar');
          expect([rows, cols], where).toEqual([0, 0]);
        }
      }
    });
  }
});
