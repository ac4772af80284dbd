/**
 * Rewrite validation (in the spirit of DataFusion's schema check after every optimizer rule): a
 * rule's replacement must keep the data type, value type and known dims of the HOP it replaces,
 * and the DAG it leaves must be well-formed (every input defined, no cycles). A violation is an
 * internal error (DML5999) naming the rule, the HOP (id, op) and what changed.
 *
 * Off by default in normal runs (the driver skips these calls entirely); on under vitest, with
 * TESSERA_VALIDATE_REWRITES=1 in the environment, or with the optimizer option validateRewrites.
 */
import { DmlError, diag } from '../../common/diagnostics.js';
import type { Hop } from '../hop.js';

/** The environment variable that switches validation on (`1`/`true`) or off (`0`/`false`). */
export const VALIDATE_ENV = 'TESSERA_VALIDATE_REWRITES';

/** Validation default when no option says otherwise: the env variable, else on under vitest. */
export function validationDefault(): boolean {
  if (typeof process === 'undefined') return false;
  const v = process.env[VALIDATE_ENV];
  if (v !== undefined && v !== '') return v !== '0' && v.toLowerCase() !== 'false';
  return process.env.VITEST !== undefined;
}

function broken(rule: string, hop: Hop, what: string): never {
  throw new DmlError(
    diag(
      'DML5999',
      `internal error: rewrite rule '${rule}' ${what}`,
      hop.span.line > 0 ? hop.span : undefined,
      `switch the rule off with disableRules: ['${rule}'] and please report this with the script`,
    ),
  );
}

const typeText = (h: Hop): string => `${h.dataType.toUpperCase()}.${h.valueType.toUpperCase()}`;
const dimsText = (h: Hop): string => `[${h.dims.rows},${h.dims.cols}]`;

/** Checks that `after` (what `rule` returned for `before`) keeps its types and known dims. */
export function validateReplacement(rule: string, before: Hop, after: Hop): void {
  const where = `hop ${before.id} (${before.op})`;
  if (before.dataType !== 'unknown' && after.dataType !== before.dataType)
    broken(rule, before, `changed the data type of ${where} from ${typeText(before)} to ${typeText(after)}`);
  if (before.valueType !== 'unknown' && after.valueType !== 'unknown' && after.valueType !== before.valueType)
    broken(rule, before, `changed the value type of ${where} from ${typeText(before)} to ${typeText(after)}`);
  const d0 = before.dims;
  const d1 = after.dims;
  if (
    (d0.rows >= 0 && d1.rows >= 0 && d0.rows !== d1.rows) ||
    (d0.cols >= 0 && d1.cols >= 0 && d0.cols !== d1.cols)
  )
    broken(rule, before, `changed ${where} from ${dimsText(before)} to ${dimsText(after)}`);
}

/**
 * Checks that the sub-DAG under `root` (what `rule` just produced) has every input defined and no
 * cycle. HOPs in `checked` were found well-formed before and are not walked again (HOPs are
 * immutable), so validating every firing stays linear in the HOPs the rules create.
 */
export function validateDag(rule: string, root: Hop, checked: WeakSet<Hop>): void {
  const onPath = new Set<Hop>();
  const visit = (h: Hop): void => {
    if (checked.has(h)) return;
    if (onPath.has(h)) broken(rule, h, `made a cycle through hop ${h.id} (${h.op})`);
    if (!Array.isArray(h.inputs)) broken(rule, h, `left hop ${h.id} (${h.op}) without an input list`);
    onPath.add(h);
    for (let i = 0; i < h.inputs.length; i++) {
      const x = h.inputs[i] as Hop | undefined | null;
      if (x === undefined || x === null)
        broken(rule, h, `left hop ${h.id} (${h.op}) with input ${i + 1} undefined`);
      visit(x);
    }
    onPath.delete(h);
    checked.add(h);
  };
  visit(root);
}
