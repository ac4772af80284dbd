/**
 * Whether a REPL input is complete: it continues while a bracket, a string or a block comment is
 * still open, as in R's console. Only the lexical shape is checked; syntax errors are left to
 * the parser so they are reported with their usual diagnostics.
 */
export function needsMoreInput(text: string): boolean {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return true;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') break; // DML strings do not span lines: let the parser report it
        i++;
      }
      if (i >= n) return true;
      i++;
      continue;
    }
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    i++;
  }
  // A closing bracket too many is a syntax error for the parser, not a reason to wait.
  return depth > 0;
}
