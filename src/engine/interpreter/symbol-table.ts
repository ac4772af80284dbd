/** Variables of one scope (the main program, or one function invocation). */
import type { Value } from '../data/values.js';

export class SymbolTable {
  private readonly vars = new Map<string, Value>();

  get(name: string): Value | undefined {
    return this.vars.get(name);
  }
  set(name: string, v: Value): void {
    this.vars.set(name, v);
  }
  delete(name: string): void {
    this.vars.delete(name);
  }
  has(name: string): boolean {
    return this.vars.has(name);
  }
  names(): string[] {
    return [...this.vars.keys()];
  }
  /** Shallow copy: values are immutable, so this is a full by-value snapshot (parfor workers). */
  clone(): SymbolTable {
    const t = new SymbolTable();
    for (const [k, v] of this.vars) t.vars.set(k, v);
    return t;
  }
}
