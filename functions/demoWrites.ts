// How the demo data is written, for every kind: through the store like any other record (with its
// audit events), and a record or change the rules refuse stops the load saying why: demo data the
// domain rejects is a bug to see at once, never a silently missing record.
import type { Transition } from '../records/outcome.js';
import type { PlaceCode } from '../records/places.js';
import type { RecordKind } from '../records/audit.js';
import type { RecordOf } from '../records/store/codecs.js';
import type { Stored } from '../records/store/entity.js';
import type { Runtime } from './runtime.js';

export async function demoCreate<K extends RecordKind>(
  runtime: Runtime,
  kind: K,
  place: PlaceCode,
  build: (ref: string) => Transition<RecordOf<K>>,
): Promise<Stored<RecordOf<K>>> {
  const created = await runtime.records.create(kind, place, build);
  if (!created.ok) throw new Error(`demo ${kind} refused: ${created.refusal.message} ${JSON.stringify(created.refusal.fieldErrors ?? {})}`);
  return created.stored;
}

export async function demoChange<K extends RecordKind>(
  runtime: Runtime,
  kind: K,
  stored: Stored<RecordOf<K>>,
  next: Transition<RecordOf<K>>,
): Promise<Stored<RecordOf<K>>> {
  const written = await runtime.records.update(kind, stored, next);
  if (!written.ok) throw new Error(`demo ${kind} ${stored.record.ref}: ${written.refusal.message}`);
  return written.stored;
}
