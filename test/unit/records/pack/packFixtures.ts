// A pack source built from arrays, and a stream that collects what a pack file writes.
import { Writable } from 'node:stream';
import type { Action } from '../../../../records/action.js';
import { packFile, type PackFileKind, type PackSource } from '../../../../records/pack/packFiles.js';
import type { Risk } from '../../../../records/risk.js';
import type { SignOff } from '../../../../records/signoff.js';
import { NOW } from '../fixtures.js';

async function* each<T>(list: readonly T[]): AsyncIterable<T> {
  for (const item of list) yield item;
}

export function sourceOf(records: { actions?: Action[]; risks?: Risk[]; decided?: SignOff[]; ratification?: SignOff[] } = {}, over: Partial<PackSource> = {}): PackSource {
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
