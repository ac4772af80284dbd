/**
 * The backends of one run and the data on them: runs an instruction on the backend the planner
 * chose (or declines, and the LOCAL builtin runs), moves values there and back lazily, keeps one
 * copy per value and backend, frees copies under memory pressure, and counts every move for -stats.
 * One object per run (part of the engine resources handed to the interpreter): two Sessions never
 * share device state.
 */
import type { Binding } from '../../common/builtins/bind.js';
import type { BackendCapability } from '../../optimizer/cost/machine.js';
import type { ExecType } from '../../optimizer/hop.js';
import type { Span } from '../../common/span.js';
import type { MatrixBlock } from '../data/matrix-block.js';
import type { ScalarValue, Value } from '../data/values.js';
import {
  DeviceMemoryError,
  type ArgShape,
  type BackendArg,
  type DeviceData,
  type ExecBackend,
} from './backend.js';
import { DeviceMatrix, type DeviceOwner } from './device-matrix.js';

/** A move between two locations (`LOCAL->GPU`) and how much it carried. */
export interface TransferStat {
  count: number;
  bytes: number;
}

export interface DeviceRunStats {
  /** Keyed `FROM->TO`, e.g. `LOCAL->GPU`. */
  readonly transfers: ReadonlyMap<string, TransferStat>;
  /** Instructions each backend ran, keyed `GPU ba+*`-style (`exec op`). */
  readonly ran: ReadonlyMap<string, number>;
  /** Instructions placed on a backend that ran LOCAL instead, keyed `exec op: why`. */
  readonly declined: ReadonlyMap<string, number>;
  /** Cached copies freed because a backend ran out of memory. */
  readonly evictions: number;
  /** What the backends report of themselves (ExecBackend.statsLines). */
  readonly backendLines: readonly string[];
}

/** What a slot may hold that an instruction can take as an argument. */
export type RawArg = Value | DeviceMatrix | undefined;

export class Devices implements DeviceOwner {
  private readonly byExec = new Map<ExecType, ExecBackend>();
  /** Host blocks' copies on each backend (a copy dies with its host block or under pressure). */
  private readonly copies = new WeakMap<MatrixBlock, Map<ExecBackend, DeviceMatrix>>();
  /** Every handle that holds backend bytes, for eviction and the final release. */
  private readonly resident = new Set<DeviceMatrix>();
  private clock = 0;
  private readonly transfers = new Map<string, TransferStat>();
  private readonly ran = new Map<string, number>();
  private readonly declined = new Map<string, number>();
  private evictions = 0;

  constructor(backends: readonly ExecBackend[]) {
    for (const b of backends) {
      if (this.byExec.has(b.exec)) throw new Error(`two backends registered for ${b.exec}`);
      this.byExec.set(b.exec, b);
    }
  }

  get backends(): readonly ExecBackend[] {
    return [...this.byExec.values()];
  }

  /**
   * Runs `op` on the backend for `exec`; undefined when it declines (no backend, no kernel, the
   * kernel does not support these inputs, or no memory even after freeing cached copies).
   */
  run(
    exec: ExecType,
    op: string,
    raw: readonly RawArg[],
    argNames: readonly (string | undefined)[],
    span: Span,
    bound?: Binding,
  ): DeviceMatrix | ScalarValue | undefined {
    const b = this.byExec.get(exec);
    if (b === undefined) return this.decline(exec, op, 'no backend registered');
    const kernel = b.kernel(op);
    if (kernel === undefined) return this.decline(exec, op, 'no kernel');
    const shapes = raw.map(shapeOf);
    const names = { argNames, span, ...(bound !== undefined && { bound }) };
    if (!kernel.supports({ args: shapes, ...names })) return this.decline(exec, op, 'inputs not supported');
    const attempt = (): DeviceMatrix | ScalarValue => {
      const args = raw.map((a): BackendArg<DeviceData> => {
        if (a !== undefined && (a.dt === 'matrix' || a instanceof DeviceMatrix))
          return { kind: 'matrix', data: this.onBackend(a, b) };
        return { kind: 'scalar', value: a as ScalarValue };
      });
      const r = kernel.run({ args, ...names });
      if ('dt' in r) return r;
      const d = new DeviceMatrix(this, b, r);
      this.track(d);
      return d;
    };
    let result: DeviceMatrix | ScalarValue;
    try {
      result = attempt();
    } catch (e) {
      if (!(e instanceof DeviceMemoryError)) throw e;
      this.evict(b);
      try {
        result = attempt();
      } catch (e2) {
        if (!(e2 instanceof DeviceMemoryError)) throw e2;
        return this.decline(exec, op, 'out of device memory');
      }
    }
    const key = `${exec} ${op}`;
    this.ran.set(key, (this.ran.get(key) ?? 0) + 1);
    return result;
  }

  /** The host value of a device-resident matrix (downloaded once, counted). */
  hostOf(d: DeviceMatrix): MatrixBlock {
    if (d.host !== null) return d.host;
    const data = d.data!;
    const m = d.backend.download(data);
    this.count(`${d.backend.exec}->LOCAL`, data.bytes);
    d.host = m;
    // The device copy stays valid: a later op there uses it without another upload.
    let per = this.copies.get(m);
    if (!per) this.copies.set(m, (per = new Map()));
    per.set(d.backend, d);
    return m;
  }

  /** A slot let go of `d` (overwritten or deleted): dead device-only data is freed at once. */
  dropSlot(d: DeviceMatrix): void {
    d.slots--;
    if (d.slots <= 0 && d.host === null) this.free(d);
  }

  /** Frees everything on every backend (end of run). */
  releaseAll(): void {
    for (const d of [...this.resident]) this.free(d);
  }

  stats(): DeviceRunStats {
    return {
      transfers: this.transfers,
      ran: this.ran,
      declined: this.declined,
      evictions: this.evictions,
      backendLines: this.backends.flatMap((b) => b.statsLines?.() ?? []),
    };
  }

  // ---------------------------------------------------------------- moves

  private onBackend(v: MatrixBlock | DeviceMatrix, b: ExecBackend): DeviceData {
    if (v instanceof DeviceMatrix) {
      if (v.backend === b && v.data !== null) {
        v.lastUse = ++this.clock;
        return v.data;
      }
      return this.onBackend(this.hostOf(v), b);
    }
    const cached = this.copies.get(v)?.get(b);
    if (cached !== undefined && cached.data !== null) {
      cached.lastUse = ++this.clock;
      return cached.data;
    }
    const data = b.upload(v);
    this.count(`LOCAL->${b.exec}`, data.bytes);
    const d = new DeviceMatrix(this, b, data);
    d.host = v;
    this.track(d);
    let per = this.copies.get(v);
    if (!per) this.copies.set(v, (per = new Map()));
    per.set(b, d);
    return data;
  }

  private track(d: DeviceMatrix): void {
    d.lastUse = ++this.clock;
    this.resident.add(d);
  }

  private free(d: DeviceMatrix): void {
    if (d.data === null) return;
    d.backend.release(d.data);
    d.data = null;
    this.resident.delete(d);
  }

  /**
   * Frees `b`'s copies, least recently used first: copies of host values, and results no slot
   * holds any more. A result still in a slot is downloaded first (so nothing is lost).
   */
  private evict(b: ExecBackend): void {
    const victims = [...this.resident].filter((d) => d.backend === b).sort((x, y) => x.lastUse - y.lastUse);
    for (const d of victims) {
      if (d.host === null && d.slots > 0) this.hostOf(d);
      this.free(d);
      this.evictions++;
    }
  }

  private count(key: string, bytes: number): void {
    let s = this.transfers.get(key);
    if (!s) this.transfers.set(key, (s = { count: 0, bytes: 0 }));
    s.count++;
    s.bytes += bytes;
  }

  private decline(exec: ExecType, op: string, why: string): undefined {
    const key = `${exec} ${op}: ${why}`;
    this.declined.set(key, (this.declined.get(key) ?? 0) + 1);
    return undefined;
  }
}

function shapeOf(a: RawArg): ArgShape {
  if (a === undefined) return { kind: 'other' };
  if (a.dt === 'matrix' || a instanceof DeviceMatrix)
    return { kind: 'matrix', rows: a.rows, cols: a.cols, nnz: a.nnz };
  if (a.dt === 'scalar') return { kind: 'scalar', value: a };
  return { kind: 'other' };
}

/** What the planner needs to know of the registered backends (nothing else decides placement). */
export function plannerView(backends: readonly ExecBackend[]): BackendCapability[] {
  return backends.map((b) => ({
    exec: b.exec,
    supports: (op: string) => b.kernel(op) !== undefined,
    ...(b.exec === 'GPU' ? { gpu: b.description } : {}),
  }));
}
