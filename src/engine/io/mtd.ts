/**
 * `.mtd` metadata files: the JSON SystemDS writes beside every file (data_type, value_type,
 * rows, cols, nnz, format, header, sep, schema, author, created, ...). Reading accepts what
 * SystemDS writes (numbers or numeric strings, upper- or lower-case type names, format aliases);
 * unknown keys are ignored.
 */
import { closeSync, existsSync, readFileSync } from 'node:fs';
import { DmlError, fail } from '../../common/diagnostics.js';
import type { FileAccess } from '../../common/file-access.js';
import type { Span } from '../../common/span.js';
import type { FrameColumnType } from '../data/values.js';
import {
  IO_ERR,
  columnTypeName,
  normalizeColumnType,
  normalizeDataType,
  normalizeFormat,
  normalizeValueType,
  type FileDataType,
  type FileFormat,
  type FileValueType,
} from './formats.js';

/** What a file is, as far as the metadata (and read()'s arguments) say. Absent = not said. */
export interface Metadata {
  dataType?: FileDataType;
  valueType?: FileValueType;
  rows?: number;
  cols?: number;
  nnz?: number;
  format?: FileFormat;
  header?: boolean;
  sep?: string;
  schema?: FrameColumnType[];
  description?: string;
}

export function mtdPath(file: string): string {
  return `${file}.mtd`;
}

/** Reads `<file>.mtd` through the file access if it exists; unreadable is an error naming it. */
export function readMtdIfExists(file: string, files: FileAccess, span: Span): Metadata | undefined {
  const p = mtdPath(file);
  if (!existsSync(p)) return undefined;
  let text: string;
  try {
    const fd = files.openRead(p, p, span);
    try {
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if (e instanceof DmlError) throw e;
    const err = e as NodeJS.ErrnoException;
    return fail(IO_ERR.missing, `cannot read metadata file '${p}': ${err.code ?? ''} ${err.message}`.trim(), span);
  }
  return parseMtd(text, p, span);
}

export function parseMtd(text: string, where: string, span: Span): Metadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(IO_ERR.malformed, `${where}: not valid JSON metadata (${(e as Error).message})`, span);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(IO_ERR.malformed, `${where}: metadata must be a JSON object`, span);
  }
  const o = json as Record<string, unknown>;
  const md: Metadata = {};
  const bad = (key: string): never =>
    fail(IO_ERR.malformed, `${where}: invalid value for "${key}": ${JSON.stringify(o[key])}`, span);
  const num = (key: string): number | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isInteger(n)) bad(key);
    return n < 0 ? undefined : n; // SystemDS writes -1 for unknown
  };
  const str = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') bad(key);
    return v as string;
  };
  const dt = str('data_type');
  if (dt !== undefined) md.dataType = normalizeDataType(dt) ?? bad('data_type');
  const vt = str('value_type');
  if (vt !== undefined) md.valueType = normalizeValueType(vt) ?? bad('value_type');
  const rows = num('rows');
  if (rows !== undefined) md.rows = rows;
  const cols = num('cols');
  if (cols !== undefined) md.cols = cols;
  const nnz = num('nnz');
  if (nnz !== undefined) md.nnz = nnz;
  const fmt = str('format');
  if (fmt !== undefined) md.format = normalizeFormat(fmt) ?? bad('format');
  const h = o['header'];
  if (h !== undefined && h !== null) {
    if (typeof h === 'boolean') md.header = h;
    else if (typeof h === 'string' && /^(true|false)$/i.test(h)) md.header = h.toLowerCase() === 'true';
    else bad('header');
  }
  const sep = str('sep');
  if (sep !== undefined) md.sep = sep;
  const schema = o['schema'];
  if (schema !== undefined && schema !== null) md.schema = parseSchema(schema, span, where) ?? bad('schema');
  const desc = o['description'];
  if (typeof desc === 'string') md.description = desc;
  return md;
}

/** A frame schema from "STRING,FP64" (SystemDS's .mtd form), a JSON array of names, or DML names. */
export function parseSchema(v: unknown, span: Span, where: string): FrameColumnType[] | undefined {
  const names = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : undefined;
  if (names === undefined) return undefined;
  const out: FrameColumnType[] = [];
  for (const n of names) {
    const t = typeof n === 'string' ? normalizeColumnType(n) : undefined;
    if (t === undefined)
      fail(IO_ERR.badArgument, `${where}: unknown frame column type ${JSON.stringify(n)}`, span);
    out.push(t);
  }
  return out;
}

/**
 * Adds read() arguments to the metadata; an argument that contradicts the .mtd is an error
 * (SystemDS: the metadata file is authoritative, arguments may only fill in what it lacks).
 */
export function mergeMetadata(
  file: string,
  fromMtd: Metadata | undefined,
  fromArgs: Metadata,
  span: Span,
): Metadata {
  if (!fromMtd) return { ...fromArgs };
  const out: Metadata = { ...fromMtd };
  const keys: (keyof Metadata)[] = [
    'dataType',
    'valueType',
    'rows',
    'cols',
    'nnz',
    'format',
    'header',
    'sep',
    'schema',
  ];
  for (const k of keys) {
    const a = fromArgs[k];
    if (a === undefined) continue;
    const m = fromMtd[k];
    if (m !== undefined && JSON.stringify(m) !== JSON.stringify(a)) {
      fail(
        IO_ERR.contradiction,
        `read('${file}'): argument ${ARG_NAMES[k]}=${JSON.stringify(a)} contradicts ${mtdPath(file)} (${ARG_NAMES[k]}=${JSON.stringify(m)})`,
        span,
      );
    }
    (out as Record<string, unknown>)[k] = a;
  }
  return out;
}

const ARG_NAMES: Record<keyof Metadata, string> = {
  dataType: 'data_type',
  valueType: 'value_type',
  rows: 'rows',
  cols: 'cols',
  nnz: 'nnz',
  format: 'format',
  header: 'header',
  sep: 'sep',
  schema: 'schema',
  description: 'description',
};

/** "yyyy-MM-dd HH:mm:ss UTC", as SystemDS's "created" field. */
function createdNow(): string {
  const d = new Date();
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

/** The .mtd JSON text for a written object (SystemDS's key order, 4-space indent). */
export function formatMtd(md: Metadata): string {
  const o: Record<string, unknown> = {};
  if (md.dataType !== undefined) o['data_type'] = md.dataType;
  if (md.valueType !== undefined) o['value_type'] = md.valueType;
  if (md.rows !== undefined) o['rows'] = md.rows;
  if (md.cols !== undefined) o['cols'] = md.cols;
  if (md.nnz !== undefined) o['nnz'] = md.nnz;
  if (md.schema !== undefined) o['schema'] = md.schema.map(columnTypeName).join(',');
  if (md.format !== undefined) o['format'] = md.format;
  if (md.header !== undefined) o['header'] = md.header;
  if (md.sep !== undefined) o['sep'] = md.sep;
  if (md.description !== undefined) o['description'] = md.description;
  o['author'] = 'tessera';
  o['created'] = createdNow();
  return `${JSON.stringify(o, null, 4)}\n`;
}
