/**
 * The compiler's `.mtd` look-up (sizes of read() at compile time), through the run's file access:
 * the same reader the engine uses, relative to the run's working directory, confined like every
 * other access. A missing, refused or malformed `.mtd` gives no facts: the read reports it (with
 * its span) when it runs, and a refused path must not reveal here whether a file exists.
 */
import type { FileAccess } from '../common/file-access.js';
import { NO_SPAN } from '../common/span.js';
import { readMtdIfExists } from '../engine/io/mtd.js';
import type { ReadFacts, ReadFactsLookup } from '../optimizer/hop.js';

export function readFactsThrough(files: FileAccess): ReadFactsLookup {
  return (file: string): ReadFacts | undefined => {
    try {
      const md = readMtdIfExists(files.resolve(file), files, NO_SPAN);
      if (md === undefined) return undefined;
      return {
        ...(md.dataType !== undefined ? { dataType: md.dataType } : {}),
        ...(md.valueType !== undefined ? { valueType: md.valueType } : {}),
        ...(md.rows !== undefined ? { rows: md.rows } : {}),
        ...(md.cols !== undefined ? { cols: md.cols } : {}),
        ...(md.nnz !== undefined ? { nnz: md.nnz } : {}),
      };
    } catch {
      return undefined;
    }
  };
}
