/**
 * Frame cells seen the way SystemDS's FrameBlock sees them: as tokens (getString: doubles in
 * Java's Double.toString form, booleans "true"/"false"), as numbers (getDouble), and as missing
 * values (null, the empty string, or a NaN double).
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import { javaDoubleToString } from '../../common/format-number.js';
import type { FrameCell, FrameColumnType } from '../data/values.js';
import { parseJavaDouble } from '../io/parse-number.js';

/** SystemDS's ValueType names for frame schemas, as detectSchema prints them. */
export const SCHEMA_NAME: Readonly<Record<FrameColumnType, string>> = {
  string: 'STRING',
  double: 'FP64',
  int: 'INT64',
  boolean: 'BOOLEAN',
};

/** Parses a schema type name (case-insensitive; FP32/INT32/STR/DOUBLE/... accepted as SystemDS does). */
export function parseSchemaName(s: string, span: Span): FrameColumnType {
  switch (s.trim().toUpperCase()) {
    case 'STRING':
    case 'STR':
    case 'CHARACTER':
    case 'CHAR':
      return 'string';
    case 'FP64':
    case 'FP32':
    case 'DOUBLE':
    case 'FLOAT':
      return 'double';
    case 'INT64':
    case 'INT32':
    case 'INT':
    case 'INTEGER':
    case 'UINT8':
      return 'int';
    case 'BOOLEAN':
    case 'BOOL':
      return 'boolean';
    default:
      return fail('DML5020', `unknown frame value type '${s}' (use STRING, FP64, INT64 or BOOLEAN)`, span);
  }
}

export function isMissing(c: FrameCell): boolean {
  return c === null || c === '' || (typeof c === 'number' && Number.isNaN(c));
}

/** The token of a cell (recode key, hash input); null when the cell is missing. */
export function cellToken(c: FrameCell, t: FrameColumnType): string | null {
  if (isMissing(c)) return null;
  if (typeof c === 'number') return t === 'int' ? String(c) : javaDoubleToString(c);
  if (typeof c === 'boolean') return c ? 'true' : 'false';
  return c as string;
}

/** Parses a token as a number (Java's Double.parseDouble forms); undefined when it is not one. */
export function parseNumber(s: string): number | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  const l = t.toLowerCase();
  if (l === 'true') return 1;
  if (l === 'false') return 0;
  return parseJavaDouble(t);
}

/** A cell as a double: missing is NaN; a string that is not a number is an error naming the column. */
export function cellNumber(c: FrameCell, column: string, span: Span): number {
  if (c === null) return NaN;
  if (typeof c === 'number') return c;
  if (typeof c === 'boolean') return c ? 1 : 0;
  if (c === '') return NaN;
  const v = parseNumber(c);
  if (v === undefined)
    fail('DML3001', `frame column '${column}': cannot convert the cell "${c}" to a number`, span);
  return v;
}

/** Java's String.hashCode (32-bit, UTF-16 code units), used by feature hashing. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Converts a cell to a column type; undefined when it does not fit (applySchema, left indexing). */
export function convertCell(c: FrameCell, t: FrameColumnType): FrameCell | undefined {
  if (c === null) return null;
  switch (t) {
    case 'string':
      return typeof c === 'string'
        ? c
        : typeof c === 'boolean'
          ? c
            ? 'true'
            : 'false'
          : javaDoubleToString(c);
    case 'double':
      if (typeof c === 'number') return c;
      if (typeof c === 'boolean') return c ? 1 : 0;
      return c === '' ? null : parseNumber(c);
    case 'int': {
      const v =
        typeof c === 'number' ? c : typeof c === 'boolean' ? (c ? 1 : 0) : c === '' ? null : parseNumber(c);
      if (v === null || v === undefined) return v;
      if (Number.isNaN(v)) return null;
      return Number.isFinite(v) ? Math.trunc(v) : undefined;
    }
    case 'boolean': {
      if (typeof c === 'boolean') return c;
      if (typeof c === 'number') return c !== 0;
      const l = c.trim().toLowerCase();
      if (l === '') return null;
      if (l === 'true' || l === 't' || l === '1' || l === '1.0') return true;
      if (l === 'false' || l === 'f' || l === '0' || l === '0.0') return false;
      return undefined;
    }
  }
}
