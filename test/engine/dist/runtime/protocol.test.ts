/**
 * The command protocol without MPI: what rank 0 broadcasts is replayed into a receiving rank's
 * broadcasts, in order. Small commands take one broadcast; long ones a second; scalars keep NaN,
 * the infinities and the sign of zero, which JSON alone loses.
 */
import { describe, expect, it } from 'vitest';
import type { Communicator } from '../../../../src/engine/dist/communicator.js';
import { receiveCommand, sendCommand, type Command } from '../../../../src/engine/dist/runtime/protocol.js';
import { dbl } from '../../../../src/engine/data/values.js';

/** Rank 0's side records its broadcasts; a receiving side replays them. */
function pair(): { sender: Communicator; receiver: Communicator; sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  const bytesOf = (v: ArrayBufferView): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const base = { size: 2, barrier: () => {}, finalize: () => {} } as unknown as Communicator;
  const sender = { ...base, rank: 0, bcast: (buf: ArrayBufferView) => sent.push(bytesOf(buf).slice()) } as Communicator;
  let next = 0;
  const receiver = {
    ...base,
    rank: 1,
    bcast: (buf: ArrayBufferView) => {
      const src = sent[next++];
      if (src === undefined || src.length !== buf.byteLength) throw new Error('broadcast sizes differ between ranks');
      bytesOf(buf).set(src);
    },
  } as Communicator;
  return { sender, receiver, sent };
}

describe('command protocol', () => {
  it('a small command is one broadcast and arrives intact, special doubles included', () => {
    const { sender, receiver, sent } = pair();
    const cmd: Command = {
      kind: 'run',
      opcode: '+',
      args: [
        { kind: 'matrix', id: 3 },
        { kind: 'scalar', value: dbl(-0) },
      ],
      shapes: [
        { kind: 'matrix', rows: 10, cols: 2, nnz: 20 },
        { kind: 'scalar', value: dbl(Number.NaN) },
      ],
      argNames: [null, null],
      out: 4,
      at: 'x.dml:1:1',
    };
    sendCommand(sender, cmd);
    expect(sent).toHaveLength(1);
    const got = receiveCommand(receiver);
    expect(got).toEqual(cmd);
    const scalar = (got as Extract<Command, { kind: 'run' }>).args[1] as { value: { value: number } };
    expect(Object.is(scalar.value.value, -0)).toBe(true);
  });

  it('a command longer than the frame takes a second broadcast', () => {
    const { sender, receiver, sent } = pair();
    const long = 'fused program '.repeat(400); // ~5.6 KB
    const cmd: Command = { kind: 'run', opcode: long, args: [], shapes: [], argNames: [], out: 1, at: 'y.dml:2:3' };
    sendCommand(sender, cmd);
    expect(sent).toHaveLength(2);
    expect(receiveCommand(receiver)).toEqual(cmd);
  });

  it('infinities survive', () => {
    const { sender, receiver } = pair();
    const cmd: Command = {
      kind: 'run',
      opcode: 'max',
      args: [{ kind: 'scalar', value: dbl(Number.POSITIVE_INFINITY) }, { kind: 'scalar', value: dbl(Number.NEGATIVE_INFINITY) }],
      shapes: [],
      argNames: [null, null],
      out: 2,
      at: 'z.dml:1:1',
    };
    sendCommand(sender, cmd);
    expect(receiveCommand(receiver)).toEqual(cmd);
  });
});
