/**
 * The time model: seconds to run one HOP on LOCAL, GPU or DIST, from its floating-point work,
 * the bytes it touches, and what must move first (host <-> device transfers, network shuffles
 * with a latency per message). Only relative values matter: the planner compares exec types.
 */
import type { ExecType, Hop } from '../hop.js';
import type { MachineDescription } from './machine.js';
import { outputBytes } from './memory.js';
import { CompilerOps } from '../../common/op-names.js';

/** The fixed cost of one distributed instruction when the configuration does not give one, µs. */
export const DIST_OP_OVERHEAD_US = 300;

function cells(h: Hop | undefined): number {
  if (!h || h.dims.rows < 0 || h.dims.cols < 0) return 0;
  return h.dims.rows * h.dims.cols;
}

/** Floating-point operations of a HOP (0 for data movement and scalars). */
export function flops(h: Hop): number {
  if (h.kind !== 'op' && h.kind !== 'rix' && h.kind !== 'lix') return 0;
  const a = h.inputs[0];
  const b = h.inputs[1];
  switch (h.op) {
    case '%*%': {
      if (!a || !b || a.dims.rows < 0 || a.dims.cols < 0 || b.dims.cols < 0) return 0;
      return 2 * a.dims.rows * a.dims.cols * b.dims.cols;
    }
    case CompilerOps.tmm: {
      if (!a || !b || a.dims.rows < 0 || a.dims.cols < 0 || b.dims.cols < 0) return 0;
      return 2 * a.dims.rows * a.dims.cols * b.dims.cols;
    }
    case CompilerOps.tsmm: {
      if (!a || a.dims.rows < 0 || a.dims.cols < 0) return 0;
      return a.dims.rows * a.dims.cols * a.dims.cols;
    }
    case 'solve':
    case 'inv':
    case 'cholesky':
    case 'qr':
    case 'lu':
    case 'det':
      return a && a.dims.rows > 0 ? (2 / 3) * a.dims.rows ** 3 + 2 * cells(b) * a.dims.rows : 0;
    case 'eigen':
    case 'svd':
      return a && a.dims.rows > 0 ? 10 * a.dims.rows ** 3 : 0;
    default:
      // Cell-wise ops and aggregates: about one flop per input cell.
      return Math.max(cells(a), cells(b), cells(h));
  }
}

/** Bytes read and written by a HOP. */
export function touchedBytes(h: Hop): number {
  let total = outputBytes(h);
  for (const i of h.inputs) total += outputBytes(i);
  return Number.isFinite(total) ? total : 0;
}

/** Bytes of the inputs that are not already where `h` would run (where they were placed). */
function inputBytesFrom(h: Hop, where: (exec: ExecType) => boolean): number {
  let total = 0;
  for (const i of h.inputs) if (where(i.exec ?? 'LOCAL')) total += outputBytes(i);
  return Number.isFinite(total) ? total : 0;
}

const G = 1e9;

/**
 * Estimated seconds to run `h` on `exec` (Infinity when that backend is not described).
 * Placement-aware: an input is charged its transfer only when it was placed elsewhere (its own
 * `exec`; block inputs are on the host), and a result is never charged its way back: the op that
 * needs it elsewhere pays for the move. A chain of ops on a device thus pays one transfer in and
 * one out, not two per op, and a LOCAL op reading a device result pays the download.
 */
export function estimateSeconds(h: Hop, exec: ExecType, m: MachineDescription): number {
  const f = flops(h);
  const bytes = touchedBytes(h);
  switch (exec) {
    case 'LOCAL': {
      const fromGpu = m.gpu ? inputBytesFrom(h, (e) => e === 'GPU') / (m.gpu.transferGBs * G) : 0;
      const fromDist = m.cluster ? inputBytesFrom(h, (e) => e === 'DIST') / (m.cluster.networkGBs * G) : 0;
      return f / (m.gflops * G) + bytes / (m.bandwidthGBs * G) + fromGpu + fromDist;
    }
    case 'GPU': {
      const g = m.gpu;
      if (!g) return Infinity;
      const transfer = inputBytesFrom(h, (e) => e !== 'GPU') / (g.transferGBs * G);
      return f / (g.gflops * G) + bytes / (g.bandwidthGBs * G) + transfer + (3 * g.latencyUs) / 1e6;
    }
    case 'DIST': {
      const c = m.cluster;
      if (!c) return Infinity;
      // Work splits over ranks; inputs not already partitioned are scattered, with a latency per
      // step of a tree broadcast/reduce.
      const network = inputBytesFrom(h, (e) => e !== 'DIST') / (c.networkGBs * G);
      const steps = 2 * Math.ceil(Math.log2(Math.max(2, c.ranks)));
      // Every distributed instruction also pays a fixed cost on every rank (the command's
      // broadcast, its decoding and planning, the collective's start): measured about 0.3 ms with
      // 2 ranks on one host (bench/dist.js), where a small op's own work may be 0.05 ms.
      const perOp = (c.opOverheadUs ?? DIST_OP_OVERHEAD_US) / 1e6;
      return (
        f / (c.gflopsPerRank * c.ranks * G) +
        bytes / c.ranks / (m.bandwidthGBs * G) +
        network +
        (steps * c.networkLatencyUs) / 1e6 +
        perOp
      );
    }
  }
}
