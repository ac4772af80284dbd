/**
 * The builtin catalogue: every native DML builtin with its parameters and result types,
 * assembled from one file per group. Analysis, optimizer and engine all read it from here.
 */
import type { BuiltinSpec } from './spec.js';
import { SPECS as operators } from './groups/operators.js';
import { SPECS as cellwise } from './groups/cellwise.js';
import { SPECS as aggregates } from './groups/aggregates.js';
import { SPECS as reorg } from './groups/reorg.js';
import { SPECS as grouping } from './groups/grouping.js';
import { SPECS as linalg } from './groups/linalg.js';
import { SPECS as datagen } from './groups/datagen.js';
import { SPECS as distributions } from './groups/distributions.js';
import { SPECS as io } from './groups/io.js';
import { SPECS as core } from './groups/core.js';
import { SPECS as frames } from './groups/frames.js';

const ALL: readonly BuiltinSpec[] = [
  ...operators,
  ...cellwise,
  ...aggregates,
  ...reorg,
  ...grouping,
  ...linalg,
  ...datagen,
  ...distributions,
  ...io,
  ...core,
  ...frames,
];

const BY_NAME: ReadonlyMap<string, BuiltinSpec> = (() => {
  const m = new Map<string, BuiltinSpec>();
  for (const s of ALL) {
    if (m.has(s.name)) throw new Error(`builtin '${s.name}' is in the catalogue twice`);
    m.set(s.name, s);
  }
  return m;
})();

export function builtinSpec(name: string): BuiltinSpec | undefined {
  return BY_NAME.get(name);
}

export function builtinNames(): string[] {
  return [...BY_NAME.keys()].sort();
}
