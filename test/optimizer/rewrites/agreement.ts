/** Runs a script at optLevel 0 and 2 and checks the printed numbers agree within 1e-9 relative. */
import { expect } from 'vitest';
import { runScript } from '../../../src/api/run.js';

export function printed(text: string, optLevel: 0 | 2): string[] {
  const out: string[] = [];
  runScript({ text, optLevel, print: (l) => out.push(l), seed: 7 });
  return out;
}

function close(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  const scale = Math.max(Math.abs(x), Math.abs(y));
  return Math.abs(x - y) <= 1e-9 * scale || scale < 1e-12;
}

export function expectLevelsAgree(text: string): void {
  const o2 = printed(text, 2).join('\n').split(/\s+/);
  const o0 = printed(text, 0).join('\n').split(/\s+/);
  expect(o2.length).toBe(o0.length);
  const bad = o0.findIndex((t, i) => !close(t, o2[i]!));
  expect(bad, `token ${bad}: ${o0[bad]} vs ${o2[bad]}`).toBe(-1);
}
