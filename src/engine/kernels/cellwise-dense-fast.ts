/**
 * Monomorphic loops for the most frequent dense cell-wise ops (+ - * / and comparisons) over
 * same-shape dense arrays or an array and a scalar. The generic kernel calls a per-op closure per
 * cell, which V8 cannot inline once several ops share the call site; these loops run several
 * times faster and give identical values. Comparisons store Number(bool): branch-free, where
 * `c ? 1 : 0` mispredicts on every other cell of random data (5x slower).
 */

type Side = Float64Array | number;

/** Fills out[k] = a[k] op b[k] (either side may be a scalar); false when op has no fast loop. */
export function denseFast(op: string, a: Side, b: Side, out: Float64Array): boolean {
  const n = out.length;
  if (typeof a !== 'number' && typeof b !== 'number') {
    switch (op) {
      case '+':
        for (let k = 0; k < n; k++) out[k] = a[k]! + b[k]!;
        return true;
      case '-':
        for (let k = 0; k < n; k++) out[k] = a[k]! - b[k]!;
        return true;
      case '*':
        for (let k = 0; k < n; k++) out[k] = a[k]! * b[k]!;
        return true;
      case '/':
        for (let k = 0; k < n; k++) out[k] = a[k]! / b[k]!;
        return true;
      case '>':
        for (let k = 0; k < n; k++) out[k] = Number(a[k]! > b[k]!);
        return true;
      case '<':
        for (let k = 0; k < n; k++) out[k] = Number(a[k]! < b[k]!);
        return true;
      case '==':
        for (let k = 0; k < n; k++) out[k] = Number(a[k]! === b[k]!);
        return true;
      default:
        return false;
    }
  }
  if (typeof a !== 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        for (let k = 0; k < n; k++) out[k] = a[k]! + b;
        return true;
      case '-':
        for (let k = 0; k < n; k++) out[k] = a[k]! - b;
        return true;
      case '*':
        for (let k = 0; k < n; k++) out[k] = a[k]! * b;
        return true;
      case '/':
        for (let k = 0; k < n; k++) out[k] = a[k]! / b;
        return true;
      case '>':
        for (let k = 0; k < n; k++) out[k] = Number(a[k]! > b);
        return true;
      case '<':
        for (let k = 0; k < n; k++) out[k] = Number(a[k]! < b);
        return true;
      default:
        return false;
    }
  }
  if (typeof a === 'number' && typeof b !== 'number') {
    switch (op) {
      case '+':
        for (let k = 0; k < n; k++) out[k] = a + b[k]!;
        return true;
      case '-':
        for (let k = 0; k < n; k++) out[k] = a - b[k]!;
        return true;
      case '*':
        for (let k = 0; k < n; k++) out[k] = a * b[k]!;
        return true;
      case '/':
        for (let k = 0; k < n; k++) out[k] = a / b[k]!;
        return true;
      default:
        return false;
    }
  }
  return false;
}
