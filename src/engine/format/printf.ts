/**
 * DML's printf (print with a format and arguments): Java's String.format over the scalar
 * arguments, as SystemDS passes them (int -> Long, double -> Double, boolean -> Boolean,
 * string -> String). Supported: %s %S %b %B %d %x %X %o %f %e %E %g %G %% %n with flags
 * - + space 0 , ( #, width, precision and explicit argument indices (%2$s).
 * Deliberate leniency where Java would throw: %d/%x/%o accept a double holding an integral
 * value, and %f/%e/%g accept an int (converted to double); anything else that Java rejects is
 * a DmlError DML5010.
 */
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { ScalarValue } from '../data/values.js';
import { javaDoubleToString } from '../../common/format-number.js';
import { javaFixed, javaGeneral, javaScientific } from './java-float.js';

export const PRINTF_ERROR = 'DML5010';

interface Spec {
  readonly argIndex: number | undefined;
  readonly flags: string;
  readonly width: number | undefined;
  readonly precision: number | undefined;
  readonly conv: string;
  readonly text: string;
}

const SPEC_RE = /%(\d+\$)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])/y;

export function javaFormat(format: string, args: readonly ScalarValue[], span: Span): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    SPEC_RE.lastIndex = pct;
    const m = SPEC_RE.exec(format);
    if (!m)
      fail(PRINTF_ERROR, `printf: bad format specifier '${format.slice(pct, pct + 3)}' in "${format}"`, span);
    const spec: Spec = {
      argIndex: m[1] ? Number(m[1].slice(0, -1)) : undefined,
      flags: m[2] ?? '',
      width: m[3] !== undefined ? Number(m[3]) : undefined,
      precision: m[4] !== undefined ? Number(m[4].slice(1)) : undefined,
      conv: m[5]!,
      text: m[0],
    };
    i = pct + m[0].length;
    if (spec.conv === '%') {
      out += pad('%', spec);
      continue;
    }
    if (spec.conv === 'n') {
      out += '\n';
      continue;
    }
    let arg: ScalarValue | undefined;
    if (spec.argIndex !== undefined) arg = args[spec.argIndex - 1];
    else arg = args[next++];
    if (arg === undefined)
      fail(PRINTF_ERROR, `printf: no argument for format specifier '${spec.text}'`, span);
    out += convert(spec, arg, span);
  }
  return out;
}

function convert(spec: Spec, arg: ScalarValue, span: Span): string {
  const upper = spec.conv === spec.conv.toUpperCase();
  switch (spec.conv.toLowerCase()) {
    case 's': {
      let s = javaObjectString(arg);
      if (spec.precision !== undefined) s = s.slice(0, spec.precision);
      return pad(upper ? s.toUpperCase() : s, spec);
    }
    case 'b': {
      let s = arg.vt === 'boolean' ? String(arg.value) : 'true';
      if (spec.precision !== undefined) s = s.slice(0, spec.precision);
      return pad(upper ? s.toUpperCase() : s, spec);
    }
    case 'd':
      noPrecision(spec, span);
      return integral(spec, integerArg(spec, arg, span), 10, span);
    case 'x':
      noPrecision(spec, span);
      return integral(spec, integerArg(spec, arg, span), 16, span, upper);
    case 'o':
      noPrecision(spec, span);
      return integral(spec, integerArg(spec, arg, span), 8, span);
    case 'f':
    case 'e':
    case 'g':
      return floating(spec, doubleArg(spec, arg, span), upper);
    default:
      return fail(PRINTF_ERROR, `printf: unsupported conversion '${spec.text}'`, span);
  }
}

/** String.valueOf of the Java object SystemDS passes: Double.toString, Long, "true"/"false", the string. */
function javaObjectString(v: ScalarValue): string {
  switch (v.vt) {
    case 'double':
      return javaDoubleToString(v.value);
    case 'int':
      return String(v.value);
    case 'boolean':
      return v.value ? 'true' : 'false';
    case 'string':
      return v.value;
  }
}

function noPrecision(spec: Spec, span: Span): void {
  if (spec.precision !== undefined)
    fail(PRINTF_ERROR, `printf: precision is not allowed in '${spec.text}'`, span);
}

function integerArg(spec: Spec, v: ScalarValue, span: Span): bigint {
  if (v.vt === 'int') return BigInt(Math.trunc(v.value));
  if (v.vt === 'double' && Number.isInteger(v.value)) return BigInt(v.value);
  const what = v.vt === 'double' ? `the double ${javaDoubleToString(v.value)}` : `a ${v.vt}`;
  return fail(PRINTF_ERROR, `printf: '${spec.text}' needs an integer, got ${what}`, span);
}

function doubleArg(spec: Spec, v: ScalarValue, span: Span): number {
  if (v.vt === 'double' || v.vt === 'int') return v.value;
  return fail(PRINTF_ERROR, `printf: '${spec.text}' needs a number, got a ${v.vt}`, span);
}

function integral(spec: Spec, n: bigint, radix: number, span: Span, upper = false): string {
  const f = spec.flags;
  if (radix !== 10) {
    // Java prints hex/octal of a negative long as its two's complement.
    let s = BigInt.asUintN(64, n).toString(radix);
    if (upper) s = s.toUpperCase();
    if (f.includes('#')) s = (radix === 16 ? (upper ? '0X' : '0x') : '0') + s;
    return zeroOrSpacePad(s, '', spec);
  }
  if (f.includes('#')) fail(PRINTF_ERROR, `printf: flag '#' is not allowed in '${spec.text}'`, span);
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (f.includes(',')) digits = group(digits);
  return signed(digits, neg, spec);
}

function floating(spec: Spec, x: number, upper: boolean): string {
  const conv = spec.conv.toLowerCase();
  if (!Number.isFinite(x)) {
    // Java: NaN and Infinity are never zero-padded; '(' and '+' still apply to -Infinity/Infinity.
    const neg = x < 0;
    let s = Number.isNaN(x) ? 'NaN' : 'Infinity';
    if (!Number.isNaN(x)) {
      if (neg) s = spec.flags.includes('(') ? `(${s})` : `-${s}`;
      else if (spec.flags.includes('+')) s = `+${s}`;
      else if (spec.flags.includes(' ')) s = ` ${s}`;
    }
    return pad(upper ? s.toUpperCase() : s, { ...spec, flags: spec.flags.replace('0', '') });
  }
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const prec = spec.precision ?? 6;
  let body: string;
  if (conv === 'f') body = javaFixed(a, prec);
  else if (conv === 'e') body = javaScientific(a, prec, upper);
  else body = javaGeneral(a, prec, upper);
  if (spec.flags.includes(',') && conv !== 'e') {
    const dot = body.indexOf('.');
    const intPart = dot < 0 ? body : body.slice(0, dot);
    if (/^\d+$/.test(intPart)) body = group(intPart) + (dot < 0 ? '' : body.slice(dot));
  }
  return signed(body, neg, spec);
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Applies sign flags and width (zero padding goes after the sign). */
function signed(body: string, neg: boolean, spec: Spec): string {
  const f = spec.flags;
  let prefix = '';
  let suffix = '';
  if (neg) {
    if (f.includes('(')) {
      prefix = '(';
      suffix = ')';
    } else prefix = '-';
  } else if (f.includes('+')) prefix = '+';
  else if (f.includes(' ')) prefix = ' ';
  return zeroOrSpacePad(body, prefix, spec, suffix);
}

function zeroOrSpacePad(body: string, prefix: string, spec: Spec, suffix = ''): string {
  const width = spec.width ?? 0;
  const len = prefix.length + body.length + suffix.length;
  if (len >= width) return prefix + body + suffix;
  if (spec.flags.includes('0') && !spec.flags.includes('-'))
    return prefix + '0'.repeat(width - len) + body + suffix;
  return pad(prefix + body + suffix, spec);
}

function pad(s: string, spec: Spec): string {
  const width = spec.width ?? 0;
  if (s.length >= width) return s;
  return spec.flags.includes('-') ? s.padEnd(width, ' ') : s.padStart(width, ' ');
}
