import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendHistory,
  HISTORY_SIZE,
  historyPath,
  loadHistory,
  trimHistory,
} from '../../../src/cli/repl/history.js';

describe('REPL history', () => {
  it('lives in ~/.dml_history unless $DML_HISTORY says otherwise (empty: off)', () => {
    expect(historyPath({})).toBe(path.join(homedir(), '.dml_history'));
    expect(historyPath({ DML_HISTORY: '/tmp/h' })).toBe('/tmp/h');
    expect(historyPath({ DML_HISTORY: '' })).toBeUndefined();
  });
  it('appends lines, loads them newest first, and keeps the newest HISTORY_SIZE', () => {
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'hist-')), 'h');
    expect(loadHistory(f)).toEqual([]);
    appendHistory(f, 'x = 1');
    appendHistory(f, '   ');
    appendHistory(f, 'print(x)');
    expect(loadHistory(f)).toEqual(['print(x)', 'x = 1']);
    writeFileSync(f, Array.from({ length: HISTORY_SIZE + 5 }, (_, i) => `l${i}`).join('\n') + '\n');
    trimHistory(f);
    const lines = readFileSync(f, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(HISTORY_SIZE);
    expect(lines[0]).toBe('l5');
    expect(loadHistory(undefined)).toEqual([]);
  });
});
