/**
 * Java's Double.parseDouble for the numbers found in data files: decimal and E-notation with an
 * optional sign, NaN, Infinity (and a d/f suffix, as Java allows). Returns undefined for anything
 * else, so that a reader can report the line (JS's Number() would accept "", "0x10" and " ").
 */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;

export function parseJavaDouble(s: string): number | undefined {
  // Fast path: Number() agrees with Java on plain decimals, but also takes "", " ", "0x1F", "0b1", "0o7".
  const c0 = s.charCodeAt(0);
  if ((c0 >= 48 && c0 <= 57) || c0 === 45) {
    const c1 = s.charCodeAt(1) | 32;
    if (c1 !== 120 /* x */ && c1 !== 98 /* b */ && c1 !== 111 /* o */) {
      const n = Number(s);
      if (!Number.isNaN(n)) return n;
    }
  }
  const t = s.trim();
  if (NUMBER_RE.test(t)) {
    const last = t.charCodeAt(t.length - 1);
    return Number(last > 64 && last !== 69 && last !== 101 ? t.slice(0, -1) : t);
  }
  switch (t) {
    case 'NaN':
    case '+NaN':
    case '-NaN':
      return NaN;
    case 'Infinity':
    case '+Infinity':
    case 'inf':
    case 'Inf':
      return Infinity;
    case '-Infinity':
    case '-inf':
    case '-Inf':
      return -Infinity;
    default:
      return undefined;
  }
}
