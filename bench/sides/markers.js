// Every side prints its results as marker lines (@@best ms, @@acc the accumulated result, @@info an
// optional note), so scripts may print anything else without confusing the parser.

/** Reads the marker lines of one side's output. */
export function parseMarkers(lines) {
  const get = (tag) =>
    lines
      .find((l) => l.startsWith(`@@${tag} `))
      ?.slice(tag.length + 3)
      .trim();
  const best = Number(get('best'));
  if (!Number.isFinite(best)) return { error: `no timing in output: ${lines.slice(-3).join(' | ')}` };
  return { ms: best, acc: get('acc'), info: get('info') };
}
