/**
 * Number formatting shared by the engine (print, string concatenation) and the optimizer's
 * constant folding, so that both give the same text for the same double.
 */

/** Java's Double.toString: shortest round-trip digits, "x.0" for integral values, E-notation outside [1e-3, 1e7). */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const ax = Math.abs(x);
  if (ax >= 1e-3 && ax < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  // Scientific: mantissa with at least one fractional digit, exponent without '+'.
  const [mant, exp] = x.toExponential().split('e') as [string, string];
  const m = mant.includes('.') ? mant : `${mant}.0`;
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}
