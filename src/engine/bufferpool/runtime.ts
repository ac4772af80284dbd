/**
 * Compatibility: the engine resources of a run now live in ../resources.ts (one EngineResources
 * per run, handed to the interpreter). These re-exports keep the older import path working for
 * src/api and src/cli until they import ../resources.js; remove this file then (it is the only
 * reason for the bufferpool <-> resources.ts entry in test/engine/import-cycles.test.ts).
 */
export { withEngineResources, type EngineRunStats } from '../resources.js';
