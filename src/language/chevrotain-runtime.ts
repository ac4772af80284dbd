/**
 * chevrotain's values (createToken, Lexer, CstParser, EOF, tokenMatcher) from its single-file
 * bundle rather than its package entry point. The entry point imports several hundred ESM files
 * (lodash-es), 0.4-1.3 s of every `dml` start-up on the 2-core machine; the bundle shipped in the
 * same package (same version, same API) loads in ~20 ms. Types still come from 'chevrotain'.
 * All parser files must take chevrotain's values from here: mixing the two copies would break
 * token-type identity.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Chevrotain from 'chevrotain';

async function loadChevrotain(): Promise<typeof Chevrotain> {
  try {
    // The entry resolves to lib/src/api.js; the bundle is lib/chevrotain.min.mjs.
    const entry = createRequire(import.meta.url).resolve('chevrotain');
    const bundle = join(dirname(entry), '..', 'chevrotain.min.mjs');
    return (await import(pathToFileURL(bundle).href)) as typeof Chevrotain;
  } catch {
    return import('chevrotain');
  }
}

const chevrotain = await loadChevrotain();

export const { CstParser, EOF, Lexer, createToken, tokenMatcher } = chevrotain;
export type CstParser = Chevrotain.CstParser;
export type Lexer = Chevrotain.Lexer;
