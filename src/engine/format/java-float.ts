/**
 * Java's Formatter rounding of doubles for %f, %e and %g: Java starts from the shortest decimal
 * digits that round-trip (Double.toString's digits) and rounds those HALF_UP, so
 * String.format("%.2f", 0.125) is "0.13" and String.format("%.1f", 0.15) is "0.2".
 * Every function here takes a finite, non-negative value.
 */

interface Digits {
  /** Significant digits, no leading zeros (one "0" for zero). */
  readonly digits: string;
  /** Decimal exponent of the first digit: value = d.ddd x 10^exp. */
  readonly exp: number;
}

function shortest(a: number): Digits {
  if (a === 0) return { digits: '0', exp: 0 };
  const [mant, e] = a.toExponential().split('e') as [string, string];
  return { digits: mant.replace('.', ''), exp: Number(e) };
}

/** Adds one to a string of decimal digits ("" counts as 0). */
function increment(s: string): string {
  const cs = s.split('');
  let i = cs.length - 1;
  while (i >= 0) {
    if (cs[i] === '9') {
      cs[i] = '0';
      i--;
    } else {
      cs[i] = String.fromCharCode(cs[i]!.charCodeAt(0) + 1);
      return cs.join('');
    }
  }
  return `1${cs.join('')}`;
}

/** First `keep` digits of `d`, rounded HALF_UP on the next digit; returns the digits and whether a carry added one. */
function roundDigits(d: string, keep: number): { kept: string; carried: boolean } {
  if (keep < 0) return { kept: '', carried: false };
  let kept = d.slice(0, keep).padEnd(keep, '0');
  if (keep < d.length && d.charCodeAt(keep) >= 53 /* '5' */) {
    const before = kept.length;
    kept = increment(kept);
    return { kept, carried: kept.length > before };
  }
  return { kept, carried: false };
}

/** %.<prec>f of a >= 0. */
export function javaFixed(a: number, prec: number): string {
  const { digits, exp } = shortest(a);
  const keep = exp + 1 + prec;
  let n = a === 0 ? '0' : roundDigits(digits, keep).kept;
  if (n === '') n = '0';
  // n is the value times 10^prec as an integer string.
  n = n.padStart(prec + 1, '0');
  const intPart = n.slice(0, n.length - prec).replace(/^0+(?=\d)/, '');
  return prec > 0 ? `${intPart}.${n.slice(n.length - prec)}` : intPart;
}

/** %.<prec>e of a >= 0: mantissa with prec fraction digits, exponent with sign and at least two digits. */
export function javaScientific(a: number, prec: number, upper = false): string {
  let { digits, exp } = shortest(a);
  if (a !== 0) {
    const r = roundDigits(digits, prec + 1);
    digits = r.carried ? r.kept.slice(0, prec + 1) : r.kept;
    if (r.carried) exp++;
  } else {
    digits = '0'.repeat(prec + 1);
  }
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1)}` : digits[0]!;
  const e = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${mant}${upper ? 'E' : 'e'}${e}`;
}

/** %.<prec>g of a >= 0 (Java: never strips trailing zeros; fixed when 1e-4 <= rounded value < 10^prec). */
export function javaGeneral(a: number, precision: number, upper = false): string {
  const prec = precision === 0 ? 1 : precision;
  if (a === 0) return javaFixed(0, prec - 1);
  const { digits, exp } = shortest(a);
  const r = roundDigits(digits, prec);
  const expRounded = r.carried ? exp + 1 : exp;
  if (expRounded >= -4 && expRounded < prec) return javaFixed(a, prec - expRounded - 1);
  return javaScientific(a, prec - 1, upper);
}
