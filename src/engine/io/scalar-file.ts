/**
 * Scalars in files: the value's text on one line (doubles as Java's Double.toString, booleans
 * "TRUE"/"FALSE"), with a .mtd saying data_type "scalar" and the value type. Reading parses by
 * value type (default double); booleans accept TRUE/FALSE in any case and 0/1.
 */
import type { Span } from '../../common/span.js';
import { bool, dbl, int, str, type ScalarValue } from '../data/values.js';
import { scalarString as scalarToString } from '../../common/scalar-ops.js';
import { malformed } from './assemble.js';
import type { FileValueType } from './formats.js';
import { parseJavaDouble } from './parse-number.js';

export function readScalar(text: string, vt: FileValueType, file: string, span: Span): ScalarValue {
  // A string keeps its spaces; only the line break the writer added is dropped.
  const raw = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  if (vt === 'string') return str(raw);
  const t = raw.trim();
  if (vt === 'boolean') {
    const l = t.toLowerCase();
    if (l === 'true' || l === '1') return bool(true);
    if (l === 'false' || l === '0') return bool(false);
    return malformed(file, 1, `expected TRUE or FALSE, got '${t}'`, span);
  }
  const v = parseJavaDouble(t);
  if (v === undefined) return malformed(file, 1, `expected a number, got '${t}'`, span);
  if (vt === 'int') {
    if (!Number.isInteger(v)) return malformed(file, 1, `expected an integer, got '${t}'`, span);
    return int(v);
  }
  return dbl(v);
}

export function writeScalar(v: ScalarValue): string {
  return `${scalarToString(v)}\n`;
}
