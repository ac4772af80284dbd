import { describe, expect, it } from 'vitest';
import { complete, type CompletionSources } from '../../../src/cli/repl/completion.js';

const src: CompletionSources = {
  builtins: () => ['sum', 'sqrt', 'seq', 'rowSums'],
  stdlib: () => ['lm', 'lmDS', 'scale'],
  variables: () => ['sales', 'X'],
  functions: () => ['myFit'],
  commands: [':help', ':vars', ':quit', ':load', ':explain'],
};

describe('complete', () => {
  it('completes builtins, stdlib names and variables at the cursor', () => {
    expect(complete('y = s', src)).toEqual([['sales', 'scale', 'seq', 'sqrt', 'sum'], 's']);
    expect(complete('B = lm', src)).toEqual([['lm', 'lmDS'], 'lm']);
    expect(complete('z = my', src)).toEqual([['myFit'], 'my']);
  });
  it('completes REPL commands and names after :help', () => {
    expect(complete(':h', src)).toEqual([[':help'], ':h']);
    expect(complete(':help ro', src)).toEqual([['rowSums'], 'ro']);
  });
  it('offers nothing after a non-name character', () => {
    expect(complete('x = (', src)).toEqual([[], '']);
  });
});
