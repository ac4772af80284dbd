/**
 * Transform specifications: the JSON object of transformencode/apply/decode, e.g.
 *   {"ids": true, "recode": [1, 2], "bin": [{"id": 3, "method": "equi-width", "numbins": 4}]}
 * SystemDS parses it with json4j, which also takes unquoted keys and words ({recode:[C1]}), so the
 * parser here is lenient the same way. Columns are named (default) or 1-based ids ("ids": true).
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** A lenient JSON parser: quoted ('...' or "...") or bare strings, numbers, true/false/null. */
export function parseLenientJson(text: string, span: Span): Json {
  let i = 0;
  const bad = (what: string): never =>
    fail('DML5020', `transform spec: ${what} at position ${i + 1} of ${JSON.stringify(text)}`, span);
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === undefined) return bad('unexpected end');
    if (c === '{') {
      i++;
      const o: { [k: string]: Json } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        const k = value();
        if (typeof k !== 'string') bad('an object key must be a string');
        ws();
        if (text[i] !== ':') bad("expected ':'");
        i++;
        o[k as string] = value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        return bad("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const a: Json[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        return bad("expected ',' or ']'");
      }
    }
    if (c === '"' || c === "'") {
      i++;
      let s = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          const e = text[++i]!;
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else s += text[i];
        i++;
      }
      if (i >= text.length) bad('unterminated string');
      i++;
      return s;
    }
    const m = /^[^\s,:{}[\]]+/.exec(text.slice(i));
    if (!m) return bad('unexpected character');
    i += m[0].length;
    const w = m[0];
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(w) ? Number(w) : w;
  };
  const v = value();
  ws();
  if (i < text.length) bad('unexpected text after the spec');
  return v;
}

export type BinMethod = 'equi-width' | 'equi-height';
export type ImputeMethod = 'global_mean' | 'global_mode' | 'constant';

/** A spec resolved against a frame's column names: 0-based column indices. */
export interface TransformSpec {
  readonly recode: ReadonlySet<number>;
  readonly dummycode: ReadonlySet<number>;
  readonly hash: ReadonlySet<number>;
  readonly hashK: number;
  readonly bin: ReadonlyMap<number, { method: BinMethod; numbins: number }>;
  readonly impute: ReadonlyMap<number, { method: ImputeMethod; value?: string }>;
  readonly omit: ReadonlySet<number>;
}

const KNOWN_KEYS = new Set(['ids', 'recode', 'dummycode', 'hash', 'K', 'bin', 'impute', 'omit']);
const UNSUPPORTED_KEYS = new Set(['udf', 'word_embedding', 'bag_of_words', 'ragged', 'scale']);

export function parseTransformSpec(text: string, colnames: readonly string[], span: Span): TransformSpec {
  const json = parseLenientJson(text, span);
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    fail('DML5020', 'transform spec must be a JSON object', span);
  const o = json as { [k: string]: Json };
  for (const k of Object.keys(o)) {
    if (UNSUPPORTED_KEYS.has(k)) fail('DML9001', `transform spec: '${k}' is not supported yet`, span);
    if (!KNOWN_KEYS.has(k))
      fail('DML5020', `transform spec: unknown key '${k}' (known: ${[...KNOWN_KEYS].join(', ')})`, span);
  }
  const ids = o.ids === true || o.ids === 'true';
  const column = (ref: Json, where: string): number => {
    if (ids) {
      const id = typeof ref === 'number' ? ref : typeof ref === 'string' ? Number(ref) : NaN;
      if (!Number.isInteger(id) || id < 1)
        fail('DML5020', `transform spec: ${where}: '${String(ref)}' is not a column id (1-based)`, span);
      if (id > colnames.length)
        fail(
          'DML5020',
          `transform spec: ${where}: column id ${id} out of range (the frame has ${colnames.length} columns)`,
          span,
        );
      return id - 1;
    }
    const name = typeof ref === 'string' || typeof ref === 'number' ? String(ref) : undefined;
    const j = name === undefined ? -1 : colnames.indexOf(name);
    if (j < 0)
      fail(
        'DML5020',
        `transform spec: ${where}: no column named '${String(ref)}' (columns: ${colnames.join(', ')}; use "ids": true for 1-based ids)`,
        span,
      );
    return j;
  };
  const list = (key: string): Json[] => {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) return fail('DML5020', `transform spec: '${key}' must be a list`, span);
    return v;
  };
  const colSet = (key: string): Set<number> => new Set(list(key).map((r) => column(r, key)));
  const objRef = (e: Json, key: string): { obj: { [k: string]: Json }; col: number } => {
    if (e === null || typeof e !== 'object' || Array.isArray(e))
      fail(
        'DML5020',
        `transform spec: each '${key}' entry must be an object with "${ids ? 'id' : 'name'}"`,
        span,
      );
    const obj = e as { [k: string]: Json };
    const ref = ids ? obj.id : (obj.name ?? obj.id);
    if (ref === undefined)
      fail('DML5020', `transform spec: a '${key}' entry has no "${ids ? 'id' : 'name'}"`, span);
    // {"id": 3} without "ids": true still means the third column.
    if (!ids && obj.name === undefined && typeof ref === 'number') {
      if (!Number.isInteger(ref) || ref < 1 || ref > colnames.length)
        fail('DML5020', `transform spec: ${key}: column id ${ref} out of range`, span);
      return { obj, col: ref - 1 };
    }
    return { obj, col: column(ref, key) };
  };

  const recode = colSet('recode');
  const dummycode = colSet('dummycode');
  const hash = colSet('hash');
  const omit = colSet('omit');
  const hashK = o.K === undefined ? 0 : Number(o.K);
  if (hash.size > 0 && !(Number.isInteger(hashK) && hashK > 0))
    fail('DML5020', 'transform spec: hash needs a positive integer "K"', span);
  const bin = new Map<number, { method: BinMethod; numbins: number }>();
  for (const e of list('bin')) {
    const { obj, col } = objRef(e, 'bin');
    const m = String(obj.method ?? 'equi-width').toLowerCase();
    if (m === 'equi-height-approx')
      fail('DML9001', 'transform spec: bin method equi-height-approx is not supported yet', span);
    if (m !== 'equi-width' && m !== 'equi-height')
      fail('DML5020', `transform spec: unknown bin method '${m}' (equi-width, equi-height)`, span);
    const numbins = obj.numbins === undefined ? 1 : Number(obj.numbins);
    if (!Number.isInteger(numbins) || numbins < 1)
      fail(
        'DML5020',
        `transform spec: numbins must be a positive integer, got '${String(obj.numbins)}'`,
        span,
      );
    bin.set(col, { method: m, numbins });
  }
  const impute = new Map<number, { method: ImputeMethod; value?: string }>();
  for (const e of list('impute')) {
    const { obj, col } = objRef(e, 'impute');
    const m = String(obj.method ?? '').toLowerCase();
    if (m !== 'global_mean' && m !== 'global_mode' && m !== 'constant')
      fail(
        'DML5020',
        `transform spec: unknown impute method '${m}' (global_mean, global_mode, constant)`,
        span,
      );
    if (m === 'constant' && (obj.value === undefined || obj.value === null))
      fail('DML5020', 'transform spec: impute method constant needs a "value"', span);
    impute.set(col, m === 'constant' ? { method: m, value: String(obj.value) } : { method: m });
  }
  // As SystemDS: at most one first-level encoder (recode, bin, hash) per column.
  for (const j of recode)
    if (bin.has(j) || hash.has(j))
      fail('DML5020', `transform spec: column '${colnames[j]}' has more than one of recode, bin, hash`, span);
  for (const j of hash)
    if (bin.has(j)) fail('DML5020', `transform spec: column '${colnames[j]}' has both bin and hash`, span);
  // Dummycode needs codes: a column that is not binned or hashed is recoded first (SystemDS).
  for (const j of dummycode) if (!bin.has(j) && !hash.has(j)) recode.add(j);
  return { recode, dummycode, hash, hashK, bin, impute, omit };
}
