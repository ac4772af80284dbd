import { describe, expect, it } from 'vitest';
import { printed } from '../../helpers/run.js';

describe('NaN and Inf constants at run time', () => {
  it('work as pattern arguments and in comparisons', () => {
    const out = printed(`X = matrix("1 2 3 4", rows=2, cols=2)
X[1,1] = NaN
print(sum(replace(target=X, pattern=NaN, replacement=0)))
print(-Inf < 0)
print(max(3, Inf))
print(pi)`);
    expect(out).toEqual(['9.0', 'TRUE', 'Infinity', '3.141592653589793']);
  });
});
