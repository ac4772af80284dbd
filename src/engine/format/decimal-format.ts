/**
 * Java's java.text.DecimalFormat as SystemDS uses it for toString (grouping off, a minimum and a
 * maximum number of fraction digits, HALF_EVEN rounding of the double's exact binary value).
 * Java keeps the sign of negative values that round to zero ("-0.000"); so do we.
 */

/** Formats a finite double with between minFrac and maxFrac fraction digits (trailing zeros dropped down to minFrac). */
export function formatDecimal(x: number, minFrac: number, maxFrac: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const body = a < 1e21 ? roundHalfEven(a, Math.min(maxFrac, 100)) : hugeInteger(a);
  const [intPart, fracPart = ''] = body.split('.') as [string, string?];
  let frac = fracPart;
  if (frac.length < minFrac) frac = frac.padEnd(minFrac, '0');
  let end = frac.length;
  while (end > minFrac && frac.charCodeAt(end - 1) === 48 /* '0' */) end--;
  frac = frac.slice(0, end);
  return `${neg ? '-' : ''}${intPart}${frac.length > 0 ? `.${frac}` : ''}`;
}

/**
 * `a.toFixed(d)` rounds the exact binary value correctly but breaks exact ties upwards; Java's
 * DecimalFormat breaks them to even. A tie needs the exact expansion to end one digit after d
 * with a 5, which toFixed(100) shows exactly (a double's expansion has as many fraction digits
 * as fraction bits, so a tie at d <= 99 fits in 100 digits).
 */
function roundHalfEven(a: number, d: number): string {
  const up = a.toFixed(d);
  if (d >= 100) return up;
  const full = a.toFixed(100);
  const dot = full.indexOf('.');
  const tail = full.slice(dot + 1 + d);
  if (tail.charCodeAt(0) !== 53 /* '5' */ || !/^50*$/.test(tail)) return up;
  const truncated = d === 0 ? full.slice(0, dot) : full.slice(0, dot + 1 + d);
  const last = truncated.charCodeAt(truncated.length - 1) - 48;
  return last % 2 === 0 ? truncated : up;
}

/** Values >= 1e21 are integers; Java prints their shortest repr digits padded with zeros. */
function hugeInteger(a: number): string {
  const [mant, exp] = a.toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const e = Number(exp);
  return digits.padEnd(e + 1, '0');
}
