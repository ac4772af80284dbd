/** Creates HOPs with fresh ids, inferring types and sizes from their inputs. */
import type { TypeInfo } from '../common/builtins/spec.js';
import type { Dims } from '../common/types.js';
import type { Hop, ReadFacts, ReadFactsLookup } from './hop.js';
import type { LiteralValue } from './plan.js';
import { argByName, literalString, SCALAR_DIMS } from './sizes/common.js';
import { inferShape, type HopDraft } from './sizes/index.js';
import { NO_SPAN, type Span } from '../common/span.js';

export interface HopInit extends HopDraft {
  /** Static type from analysis; wins over inference where it is known. */
  readonly type?: TypeInfo;
  /** Known sizes (e.g. of a variable read, from earlier blocks). */
  readonly knownDims?: Dims;
}

export class HopFactory {
  private nextId = 1;

  /** `readFacts`: the `.mtd` look-up for read() HOPs (absent: sizes of reads stay unknown). */
  constructor(private readonly readFacts?: ReadFactsLookup) {}

  make(init: HopInit): Hop {
    const { type, knownDims, ...draft } = init;
    const facts = this.readFacts && draft.op === 'read' && draft.kind === 'op' ? this.factsOf(draft) : undefined;
    return finish(this.nextId++, facts ? { ...draft, fileFacts: facts } : draft, type, knownDims);
  }

  private factsOf(draft: HopDraft): ReadFacts | undefined {
    const file = literalString(argByName(draft as Hop, ['file']).get('file'));
    return file === undefined ? undefined : this.readFacts!(file);
  }

  literal(value: LiteralValue, span: Span = NO_SPAN): Hop {
    return this.make({ kind: 'literal', op: 'literal', inputs: [], value, span });
  }

  none(span: Span = NO_SPAN): Hop {
    return this.make({ kind: 'none', op: 'none', inputs: [], span });
  }
}

/** Same HOP (same id) over new inputs: sizes are inferred again, types kept. */
export function rebuild(h: Hop, inputs: readonly Hop[]): Hop {
  const draft: HopDraft = { ...h, inputs };
  const shape = inferShape(draft);
  return { ...h, inputs, dims: h.dataType === 'scalar' ? SCALAR_DIMS : shape.dims };
}

function finish(id: number, draft: HopDraft, type: TypeInfo | undefined, knownDims: Dims | undefined): Hop {
  const shape = inferShape(draft);
  const dataType = type && type.dataType !== 'unknown' ? type.dataType : shape.dataType;
  const valueType = type && type.valueType !== 'unknown' ? type.valueType : shape.valueType;
  const dims = dataType === 'scalar' ? SCALAR_DIMS : (knownDims ?? shape.dims);
  return { ...draft, id, dataType, valueType, dims };
}
