// A pack source built from arrays, and a stream that collects what a pack file writes.
import { Writable } from 'node:stream';
import type { Action } from '../../../../records/action.js';
import { packFile, type PackFileKind, type PackMeeting, type PackSource } from '../../../../records/pack/packFiles.js';
import type { Risk } from '../../../../records/risk.js';
import type { SignOff } from '../../../../records/signoff.js';
import { NOW } from '../fixtures.js';

async function* each<T>(list: readonly T[]): AsyncIterable<T> {
  for (const item of list) yield item;
}

export function sourceOf(
  records: { actions?: Action[]; risks?: Risk[]; decided?: SignOff[]; ratification?: SignOff[] } = {},
  over: Partial<PackSource> = {},
): PackSource {
  return {
    place: 'BPL',
    board: 'Blackpool Place Partnership Board',
    madeAt: NOW.toISOString(),
    madeBy: { id: 'u-sam', name: 'Sam Patel' },
    actions: () => each(records.actions ?? []),
    risks: () => each(records.risks ?? []),
    signOffsDecidedSince: () => each(records.decided ?? []),
    awaitingRatification: () => each(records.ratification ?? []),
    ...over,
  };
}

/** Blackpool's last board meeting, with a key decision and a matter escalated to the ICB Board. */
export const LAST_MEETING: PackMeeting = {
  ref: 'BPL-M-0001',
  board: 'Blackpool Place Partnership Board',
  date: '2026-11-12',
  decisions: [
    {
      text: 'Approved the <b>winter</b> plan & its funding',
      link: 'BPL-S-0002',
      by: { id: 'u-helen', name: 'Helen Price' },
      at: '2026-11-12T11:00:00.000Z',
    },
  ],
  matters: [
    {
      text: 'Discharge delays at the acute trust',
      to: 'icb-board',
      by: { id: 'u-helen', name: 'Helen Price' },
      at: '2026-11-12T11:05:00.000Z',
    },
  ],
};

/** A writable that keeps every byte, and whether it was ended. */
export class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  ended = false;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  override _final(done: (err?: Error | null) => void): void {
    this.ended = true;
    done();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export async function make(kind: PackFileKind, source: PackSource): Promise<Buffer> {
  const out = new Collector();
  await packFile(kind, source).writeTo(out);
  if (!out.ended) throw new Error('the file was not ended');
  return out.bytes;
}
