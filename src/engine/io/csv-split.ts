/**
 * Splitting a CSV line into fields: `sep` is a literal string (not a regex); fields may be
 * quoted with "..." and then contain the separator and doubled quotes ("").
 */
export function splitCsvLine(line: string, sep: string): string[] | undefined {
  if (!line.includes('"')) return line.split(sep);
  const out: string[] = [];
  let k = 0;
  for (;;) {
    if (line.charCodeAt(k) === 34 /* '"' */) {
      let field = '';
      let p = k + 1;
      for (;;) {
        const q = line.indexOf('"', p);
        if (q < 0) return undefined; // unterminated quote
        field += line.slice(p, q);
        if (line.charCodeAt(q + 1) === 34) {
          field += '"';
          p = q + 2;
          continue;
        }
        p = q + 1;
        break;
      }
      out.push(field);
      if (p >= line.length) return out;
      if (!line.startsWith(sep, p)) return undefined; // text after the closing quote
      k = p + sep.length;
      if (k === line.length) {
        out.push('');
        return out;
      }
      continue;
    }
    const next = line.indexOf(sep, k);
    if (next < 0) {
      out.push(line.slice(k));
      return out;
    }
    out.push(line.slice(k, next));
    k = next + sep.length;
    if (k === line.length) {
      out.push('');
      return out;
    }
  }
}

/** Quotes a field when it holds the separator, a quote or a line break. */
export function quoteCsvField(s: string, sep: string): string {
  if (s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r'))
    return `"${s.replace(/"/g, '""')}"`;
  return s;
}
