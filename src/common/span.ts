/** A source range. Lines and columns are 1-based; `endCol` is inclusive of the last character. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Placeholder span for nodes synthesized by the compiler (no user text behind them). */
export const NO_SPAN: Span = Object.freeze({ file: '<generated>', line: 0, col: 0, endLine: 0, endCol: 0 });

/** Smallest span covering both (assumes the same file). */
export function joinSpans(a: Span, b: Span): Span {
  const startsFirst = a.line < b.line || (a.line === b.line && a.col <= b.col);
  const endsLast = a.endLine > b.endLine || (a.endLine === b.endLine && a.endCol >= b.endCol);
  const s = startsFirst ? a : b;
  const e = endsLast ? a : b;
  return { file: a.file, line: s.line, col: s.col, endLine: e.endLine, endCol: e.endCol };
}
