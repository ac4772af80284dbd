/**
 * Structure-aware mutation of DML scripts for the fuzzing harness (fuzz.test.ts). Mutations work
 * on the lexer's tokens and on lines, so most mutants are still close to real DML and reach deep
 * into analysis, the optimizer and the engine instead of stopping at the first syntax error:
 * delete/duplicate/swap tokens, replace numbers with edge values, identifiers with other
 * identifiers or builtin names, operators with other operators, drop/duplicate/swap lines,
 * truncate. Generators add deep nesting and long scripts. Everything is driven by a seeded PRNG,
 * so a failure is reproduced from its seed.
 */
import { builtinNames } from '../../../src/common/builtins/catalogue.js';
import { lexDml } from '../../../src/language/tokens.js';

/** Mulberry32: small, fast, good enough for choosing mutations; reproducible from a seed. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly image: string;
}

function tokensOf(text: string): Tok[] {
  return lexDml(text, 'fuzz.dml').tokens.map((t) => ({
    start: t.startOffset,
    end: (t.endOffset ?? t.startOffset) + 1,
    type: t.tokenType.name,
    image: t.image,
  }));
}

const EDGE_NUMBERS = [
  '0',
  '-1',
  '1',
  '2',
  '1e9',
  '1e308',
  '-1e308',
  '0.5',
  '1e-320',
  '3000000000',
  '2147483648',
  'NaN',
  'Inf',
  '-Inf',
  '100000',
];
const OPERATORS = [
  '+',
  '-',
  '*',
  '/',
  '^',
  '%*%',
  '%%',
  '%/%',
  '<',
  '>',
  '<=',
  '>=',
  '==',
  '!=',
  '&',
  '|',
  '&&',
  '||',
  '=',
];
const BUILTINS = builtinNames().filter((n) => /^[A-Za-z]/.test(n));

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** One mutation of `text`; `names` are identifiers seen in the corpus. */
export function mutateOnce(text: string, rng: Rng, names: readonly string[]): string {
  const toks = tokensOf(text);
  if (toks.length === 0) return text + rng.pick(OPERATORS);
  const t = rng.pick(toks);
  switch (rng.int(11)) {
    case 0: // delete a token
      return splice(text, t.start, t.end, '');
    case 1: // duplicate a token
      return splice(text, t.end, t.end, ` ${t.image}`);
    case 2: {
      // swap two tokens
      const u = rng.pick(toks);
      if (u === t) return text;
      const [a, b] = t.start < u.start ? [t, u] : [u, t];
      return text.slice(0, a.start) + b.image + text.slice(a.end, b.start) + a.image + text.slice(b.end);
    }
    case 3: {
      // a number becomes an edge value
      const nums = toks.filter((x) => x.type === 'DoubleLiteral' || x.type === 'IntLiteral');
      const n = nums.length > 0 ? rng.pick(nums) : t;
      return splice(text, n.start, n.end, rng.pick(EDGE_NUMBERS));
    }
    case 4: {
      // an identifier becomes another identifier or a builtin's name
      const ids = toks.filter((x) => x.type === 'Identifier');
      const id = ids.length > 0 ? rng.pick(ids) : t;
      return splice(text, id.start, id.end, rng.int(2) === 0 ? rng.pick(names) : rng.pick(BUILTINS));
    }
    case 5: {
      // an operator becomes another operator
      const ops = toks.filter((x) => OPERATORS.includes(x.image));
      const o = ops.length > 0 ? rng.pick(ops) : t;
      return splice(text, o.start, o.end, rng.pick(OPERATORS));
    }
    case 6: // insert a token from elsewhere
      return splice(text, t.start, t.start, `${rng.pick(toks).image} `);
    case 7: {
      // drop a line
      const lines = text.split('\n');
      lines.splice(rng.int(lines.length), 1);
      return lines.join('\n');
    }
    case 8: {
      // duplicate a line
      const lines = text.split('\n');
      const k = rng.int(lines.length);
      lines.splice(k, 0, lines[k]!);
      return lines.join('\n');
    }
    case 9: {
      // swap two lines
      const lines = text.split('\n');
      const a = rng.int(lines.length);
      const b = rng.int(lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    default: // truncate
      return text.slice(0, t.start);
  }
}

/** 1 to 4 mutations of a corpus script. */
export function mutant(corpus: readonly string[], rng: Rng, names: readonly string[]): string {
  let text = rng.pick(corpus);
  const n = 1 + rng.int(4);
  for (let k = 0; k < n; k++) text = mutateOnce(text, rng, names);
  return text;
}

/** Deep nesting or a long script, with sizes drawn below the documented limits and beyond them. */
export function generated(rng: Rng): string {
  const depth = 1 + rng.int(rng.int(2) === 0 ? 60 : 400);
  switch (rng.int(5)) {
    case 0:
      return `x = ${'('.repeat(depth)}1${')'.repeat(depth)}\nprint(x)`;
    case 1:
      return `x = 0\n${'if (x < 1) {\n'.repeat(depth)}x = 1\n${'}\n'.repeat(depth)}print(x)`;
    case 2:
      return `x = 0\n${'x = x + 1\n'.repeat(depth * 10)}print(x)`;
    case 3:
      return `x = ${Array.from({ length: depth * 5 }, () => '1').join(' + ')}\nprint(x)`;
    default: {
      const loops = 1 + rng.int(24);
      let s = 's = 0\n';
      for (let k = 0; k < loops; k++) s += `for (i${k} in 1:1) {\n`;
      return `${s}s = s + 1\n${'}\n'.repeat(loops)}print(s)`;
    }
  }
}

/** Identifiers used across the corpus (for identifier replacement). */
export function identifiersOf(corpus: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of corpus) for (const t of tokensOf(text)) if (t.type === 'Identifier') out.add(t.image);
  return [...out];
}
