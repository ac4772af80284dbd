/**
 * Java's Double.parseDouble for the numbers found in data files: decimal and E-notation with an
 * optional sign, NaN, Infinity (and a d/f suffix, as Java allows). Returns undefined for anything
 * else, so that a reader can report the line (JS's Number() would accept "", "0x10" and " ").
 */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;

export function parseJavaDouble(s: string): number | undefined {
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
