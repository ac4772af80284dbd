/**
 * REPL history kept between sessions: ~/.dml_history, or the file $DML_HISTORY names (an empty
 * $DML_HISTORY turns saving off). One input line per file line, oldest first; the file is cut
 * to the newest HISTORY_SIZE lines when the REPL ends.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HISTORY_SIZE = 1000;

/** The history file, or undefined when saving is off. */
export function historyPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env['DML_HISTORY'];
  if (v !== undefined) return v === '' ? undefined : v;
  return join(homedir(), '.dml_history');
}

/** Saved lines, newest first (readline's order); empty when there is no file yet. */
export function loadHistory(path: string | undefined): string[] {
  if (path === undefined) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-HISTORY_SIZE)
    .reverse();
}

/** Appends one line as soon as it is entered, so a crash loses nothing. Errors are ignored: history is a convenience. */
export function appendHistory(path: string | undefined, line: string): void {
  if (path === undefined || line.trim() === '') return;
  try {
    appendFileSync(path, line.replace(/\n/g, ' ') + '\n');
  } catch {
    // unwritable home directory: the REPL still works
  }
}

/** Cuts the file to the newest HISTORY_SIZE lines. */
export function trimHistory(path: string | undefined): void {
  if (path === undefined) return;
  try {
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    if (lines.length > HISTORY_SIZE) writeFileSync(path, lines.slice(-HISTORY_SIZE).join('\n') + '\n');
  } catch {
    // nothing saved yet
  }
}
