/**
 * Reads the doc header that starts every stdlib file (format in stdlib/README.md). The REPL's
 * `:help name` and docs/stdlib.md are generated from it, so the header is the one place where a
 * function's documentation lives.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStdlibDir } from './analysis/modules.js';

export interface DocParam {
  readonly name: string;
  readonly type: string;
  /** `required`, or the DML literal of the default (inputs only). */
  readonly default?: string;
  readonly meaning: string;
}

export interface StdlibDoc {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly inputs: readonly DocParam[];
  readonly outputs: readonly DocParam[];
}

export class DocHeaderError extends Error {}

/** The leading comment block of a file, without the `#` markers (one space after `#` dropped). */
function headerLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (!line.startsWith('#')) break;
    out.push(line.slice(1).startsWith(' ') ? line.slice(2) : line.slice(1));
  }
  return out;
}

/** Parses a table section (lines after `INPUT:`/`OUTPUT:` up to a blank line). */
function parseTable(
  lines: readonly string[],
  withDefault: boolean,
  file: string,
  section: string,
): DocParam[] {
  const rows: { name: string; type: string; default?: string; meaning: string }[] = [];
  let meaningCol = -1;
  for (const line of lines) {
    if (line.trim() === '') break;
    const cells = line.trim().split(/\s{2,}/);
    if (cells[0] === 'NAME') {
      meaningCol = line.indexOf('MEANING');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    // A continuation line is indented past the name column (to the MEANING column).
    if (rows.length > 0 && meaningCol > 0 && indent >= meaningCol - 1) {
      const last = rows[rows.length - 1]!;
      last.meaning = `${last.meaning} ${line.trim()}`;
      continue;
    }
    const need = withDefault ? 4 : 3;
    if (cells.length < need)
      throw new DocHeaderError(
        `${file}: ${section} row '${line.trim()}' needs ${need} columns separated by two or more spaces`,
      );
    const [name, type] = cells as [string, string];
    const meaning = cells.slice(withDefault ? 3 : 2).join('  ');
    rows.push(withDefault ? { name, type, default: cells[2]!, meaning } : { name, type, meaning });
  }
  return rows;
}

/** Parses the header of one stdlib file's text. Throws DocHeaderError naming the file when malformed. */
export function parseDocHeader(text: string, file: string): StdlibDoc {
  const lines = headerLines(text);
  const first = /^(\w+):\s*(.+)$/.exec(lines[0] ?? '');
  if (!first) throw new DocHeaderError(`${file}: the first line must be '# <name>: <one-line summary>'`);
  const inputAt = lines.findIndex((l) => l.trim() === 'INPUT:');
  const outputAt = lines.findIndex((l) => l.trim() === 'OUTPUT:');
  if (inputAt < 0 || outputAt < 0 || outputAt < inputAt)
    throw new DocHeaderError(
      `${file}: the header needs an 'INPUT:' section followed by an 'OUTPUT:' section`,
    );
  const description = lines.slice(1, inputAt).join('\n').trim();
  return {
    name: first[1]!,
    summary: first[2]!.trim(),
    description,
    inputs: parseTable(lines.slice(inputAt + 1), true, file, 'INPUT'),
    outputs: parseTable(lines.slice(outputAt + 1), false, file, 'OUTPUT'),
  };
}

/** Names of the stdlib's public functions (one file each). */
export function stdlibNames(dir: string = defaultStdlibDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.dml'))
    .map((f) => f.slice(0, -4))
    .sort((a, b) => a.localeCompare(b));
}

/** The doc of stdlib function `name`, or undefined when there is no such file. */
export function stdlibDoc(name: string, dir: string = defaultStdlibDir()): StdlibDoc | undefined {
  const path = join(dir, `${name}.dml`);
  if (!existsSync(path)) return undefined;
  return parseDocHeader(readFileSync(path, 'utf8'), `stdlib/${name}.dml`);
}

/** Plain-text help for the REPL and `dml help`. */
export function formatDoc(doc: StdlibDoc): string {
  const table = (ps: readonly DocParam[], withDefault: boolean): string[] => {
    const w = Math.max(4, ...ps.map((p) => p.name.length));
    const t = Math.max(4, ...ps.map((p) => p.type.length));
    const d = withDefault ? Math.max(7, ...ps.map((p) => (p.default ?? '').length)) : 0;
    return ps.map(
      (p) =>
        `  ${p.name.padEnd(w)}  ${p.type.padEnd(t)}  ${withDefault ? `${(p.default ?? '').padEnd(d)}  ` : ''}${p.meaning}`,
    );
  };
  return [
    `${doc.name}: ${doc.summary}`,
    ...(doc.description ? ['', doc.description] : []),
    '',
    'INPUT:',
    ...table(doc.inputs, true),
    '',
    'OUTPUT:',
    ...table(doc.outputs, false),
  ].join('\n');
}

/** docs/stdlib.md: every stdlib function's header as Markdown (regenerate with `npm run docs:stdlib`). */
export function renderStdlibMarkdown(dir: string = defaultStdlibDir()): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const parts = [
    '# The stdlib',
    '',
    'Generated from the doc headers of `stdlib/*.dml` by `npm run docs:stdlib`; do not edit by hand.',
    'Call these from any DML script by name (`B = lm(X=X, y=y)`); a function of your own with the',
    'same name takes precedence.',
    '',
  ];
  for (const name of stdlibNames(dir)) {
    const doc = stdlibDoc(name, dir)!;
    parts.push(`## ${doc.name}`, '', doc.summary, '');
    if (doc.description) parts.push(doc.description, '');
    parts.push('| input | type | default | meaning |', '|---|---|---|---|');
    for (const p of doc.inputs)
      parts.push(`| ${p.name} | ${p.type} | ${cell(p.default ?? '')} | ${cell(p.meaning)} |`);
    parts.push('', '| output | type | meaning |', '|---|---|---|');
    for (const p of doc.outputs) parts.push(`| ${p.name} | ${p.type} | ${cell(p.meaning)} |`);
    parts.push('');
  }
  return parts.join('\n');
}
