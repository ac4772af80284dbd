/**
 * Runtime of the io group: read, write, print (with printf formats), toString, stop, assert.
 * Paths resolve through ctx.files (working dir and confinement); file formats live in engine/io, text forms in
 * engine/format.
 */
import { builtinSpec } from '../../common/builtins/catalogue.js';
import type { BuiltinSpec } from '../../common/builtins/spec.js';
import { fail } from '../../common/diagnostics.js';
import type { Span } from '../../common/span.js';
import type { ScalarValue, Value } from '../data/values.js';
import { str } from '../data/values.js';
import { javaFormat, PRINTF_ERROR } from '../format/printf.js';
import { TOSTRING_DEFAULTS, valueToString, type ToStringOptions } from '../format/to-string.js';
import {
  IO_ERR,
  normalizeDataType,
  normalizeFormat,
  normalizeValueType,
  type FileFormat,
} from '../io/formats.js';
import { parseSchema, type Metadata } from '../io/mtd.js';
import { readValue } from '../io/read.js';
import { writeValue } from '../io/write.js';
import { BoundArgs, describe, scalarToString, toBoolean, toNumber } from './args.js';
import type { BuiltinCall, BuiltinRegistry } from './registry.js';

export const STOP_ERROR = 'DML5000';
export const ASSERT_ERROR = 'DML5005';

function spec(name: string): BuiltinSpec {
  const s = builtinSpec(name);
  if (!s) throw new Error(`builtin '${name}' is missing from the catalogue`);
  return s;
}

function bind(call: BuiltinCall): BoundArgs {
  return BoundArgs.bind(call, spec(call.name));
}

export function registerIo(reg: BuiltinRegistry): void {
  reg.register('read', (call) => readBuiltin(call));
  reg.register('readMM', (call) => readBuiltin(call, 'mm'));
  reg.register('read.csv', (call) => readBuiltin(call, 'csv'));
  reg.register('write', writeBuiltin);
  reg.register('print', printBuiltin);
  reg.register('toString', toStringBuiltin);
  reg.register('stop', stopBuiltin);
  reg.register('assert', assertBuiltin);
}

// ---------------------------------------------------------------- read / write

function formatArg(a: BoundArgs, dflt?: FileFormat): FileFormat | undefined {
  if (!a.has('format')) return dflt;
  const s = a.string('format');
  const f = normalizeFormat(s);
  if (f === undefined)
    fail(
      IO_ERR.badArgument,
      `${a.call.name}: unknown format '${s}' (text, csv, mm, binary, libsvm, arrow, parquet)`,
      a.span,
    );
  return f;
}

/** naStrings: one string (several separated by SystemDS's "·"), or a list/frame of strings. */
function naStringsArg(a: BoundArgs): string[] | undefined {
  const v = a.get('naStrings');
  if (v === undefined) return undefined;
  if (v.dt === 'scalar') return scalarToString(v).split('\u00b7');
  if (v.dt === 'list')
    return v.items.map((x) =>
      x.dt === 'scalar'
        ? scalarToString(x)
        : fail(IO_ERR.badArgument, 'read: naStrings must hold strings', a.span),
    );
  if (v.dt === 'frame') return v.columns.flatMap((c) => c.map((x) => String(x)));
  return fail(
    IO_ERR.badArgument,
    `read: naStrings must be a string or a list of strings, got a ${describe(v)}`,
    a.span,
  );
}

function dimArg(a: BoundArgs, name: string): number | undefined {
  if (!a.has(name)) return undefined;
  const n = a.number(name);
  if (n < 0) return undefined; // -1: unknown, as SystemDS
  if (!Number.isInteger(n)) fail(IO_ERR.badArgument, `read: ${name} must be an integer, got ${n}`, a.span);
  return n;
}

/** `forced`: the format implied by readMM / read.csv (SystemDS adds it as the format argument). */
function readBuiltin(call: BuiltinCall, forced?: FileFormat): Value {
  const a = bind(call);
  const name = a.string('file');
  const args: Metadata = {};
  const format = forced ?? formatArg(a);
  if (format !== undefined) args.format = format;
  const rows = dimArg(a, 'rows');
  if (rows !== undefined) args.rows = rows;
  const cols = dimArg(a, 'cols');
  if (cols !== undefined) args.cols = cols;
  if (a.has('data_type')) {
    const s = a.string('data_type');
    args.dataType =
      normalizeDataType(s) ??
      fail(IO_ERR.badArgument, `read: unknown data_type '${s}' (matrix, frame, scalar)`, a.span);
  }
  if (a.has('value_type')) {
    const s = a.string('value_type');
    args.valueType =
      normalizeValueType(s) ?? fail(IO_ERR.badArgument, `read: unknown value_type '${s}'`, a.span);
  }
  if (a.has('header')) args.header = a.boolean('header');
  if (a.has('sep')) args.sep = a.string('sep');
  if (a.has('schema')) {
    const v = a.required('schema');
    const raw =
      v.dt === 'scalar'
        ? scalarToString(v)
        : v.dt === 'frame'
          ? v.columns.map((c) => String(c[0]))
          : undefined;
    args.schema =
      parseSchema(raw, a.span, 'read: schema') ??
      fail(IO_ERR.badArgument, 'read: schema must be a string such as "STRING,FP64"', a.span);
  }
  const naStrings = naStringsArg(a);
  return readValue(
    {
      path: call.ctx.files.resolve(name, call.span),
      files: call.ctx.files,
      name,
      args,
      fill: a.has('fill') ? a.boolean('fill') : undefined,
      fillValue: a.has('default') ? a.number('default') : undefined,
      naStrings,
      indSep: a.has('indSep') ? a.string('indSep') : undefined,
    },
    call.span,
  );
}

function writeBuiltin(call: BuiltinCall): void {
  const a = bind(call);
  const x = a.required('x');
  const name = a.string('file');
  if (name.trim() === '')
    fail(
      IO_ERR.badArgument,
      'write: the file name is empty (an unset $argument?); nothing was written',
      call.span,
    );
  writeValue(
    x,
    {
      path: call.ctx.files.resolve(name, call.span),
      files: call.ctx.files,
      format: formatArg(a, 'text')!,
      header: a.boolean('header', false),
      sep: a.string('sep', ','),
      sparse: a.boolean('sparse', false),
      description: a.has('description') ? a.string('description') : undefined,
    },
    call.span,
  );
}

// ---------------------------------------------------------------- printing

/** What print(x) shows for one value: scalars as DML strings, the rest through toString. */
export function printString(v: Value): string {
  return v.dt === 'scalar' ? scalarToString(v) : valueToString(v, TOSTRING_DEFAULTS);
}

function printfArg(v: Value, k: number, span: Span): ScalarValue {
  if (v.dt === 'scalar') return v;
  return fail(PRINTF_ERROR, `print: format argument ${k + 1} must be a scalar, got a ${describe(v)}`, span);
}

function printBuiltin(call: BuiltinCall): void {
  const a = bind(call);
  const x = a.required('x');
  const rest = a.rest();
  if (rest.length === 0) {
    call.ctx.print(printString(x));
    return;
  }
  if (x.dt !== 'scalar' || x.vt !== 'string') {
    fail(
      PRINTF_ERROR,
      `print: with several arguments the first must be a format string, got a ${describe(x)}`,
      call.span,
    );
  }
  call.ctx.print(
    javaFormat(
      x.value,
      rest.map((v, k) => printfArg(v, k, call.span)),
      call.span,
    ),
  );
}

function toStringBuiltin(call: BuiltinCall): Value {
  const a = bind(call);
  const target = a.required('target');
  const int = (n: string, d: number): number => {
    const v = a.number(n, d);
    if (!Number.isInteger(v)) fail('DML3001', `toString: ${n} must be an integer, got ${v}`, a.span);
    return v;
  };
  const o: ToStringOptions = {
    rows: int('rows', TOSTRING_DEFAULTS.rows),
    cols: int('cols', TOSTRING_DEFAULTS.cols),
    decimal: int('decimal', TOSTRING_DEFAULTS.decimal),
    sparse: a.boolean('sparse', TOSTRING_DEFAULTS.sparse),
    sep: a.string('sep', TOSTRING_DEFAULTS.sep),
    linesep: a.string('linesep', TOSTRING_DEFAULTS.linesep),
  };
  // Java's DecimalFormat prints at most 340 fraction digits; more only makes a huge string.
  if (o.decimal > MAX_DECIMAL)
    fail('DML3001', `toString: decimal must be at most ${MAX_DECIMAL}, got ${o.decimal}`, a.span);
  return str(valueToString(target, o));
}

const MAX_DECIMAL = 340;

function stopBuiltin(call: BuiltinCall): void {
  const a = bind(call);
  const m = a.get('message');
  fail(STOP_ERROR, m === undefined ? '' : printString(m), call.span);
}

function assertBuiltin(call: BuiltinCall): void {
  const a = bind(call);
  const c = a.required('condition');
  const ok =
    c.dt === 'scalar' && c.vt !== 'string'
      ? toBoolean(c, 'assert(condition)', call.span)
      : toNumber(c, 'assert(condition)', call.span) !== 0;
  if (!ok) fail(ASSERT_ERROR, 'assertion failed', call.span);
}
