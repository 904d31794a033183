// Per-kind knowledge of the store, one codec per kind: the zod schema a stored record must
// pass (on write and on read) and the few columns that queries filter on. The store itself
// is generic over these.
import type { z } from 'zod';
import { actionSchema, currentDueDate, isOpen as isOpenAction, type Action } from '../action.js';
import type { RecordKind } from '../audit.js';
import type { PlaceCode } from '../places.js';
import type { EntityProps } from './entity.js';

/** What every stored record has in common. */
export interface BaseRecord {
  kind: RecordKind;
  ref: string;
  place: PlaceCode;
  status: string;
}

export interface RecordTypes {
  action: Action;
  risk: never;
  signoff: never;
}
export type RecordOf<K extends RecordKind> = RecordTypes[K];

export interface Codec<T extends BaseRecord> {
  readonly kind: RecordKind;
  readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Still live (an open action, an open risk, a pending sign-off): the `open` column. */
  isOpen(record: T): boolean;
  /** Kind-specific queryable columns (besides kind, ref, status, open). */
  columns(record: T): EntityProps;
}

export const actionCodec: Codec<Action> = {
  kind: 'action',
  schema: actionSchema,
  isOpen: isOpenAction,
  columns: (a) => ({ ownerId: a.owner.id, dueDate: currentDueDate(a) }),
};

export const CODECS: { [K in RecordKind]?: Codec<BaseRecord & RecordOf<K>> } = {
  action: actionCodec,
};

export function codecOf<K extends RecordKind>(kind: K): Codec<BaseRecord & RecordOf<K>> {
  const codec = CODECS[kind];
  if (!codec) throw new Error(`No store codec for ${kind} records yet`);
  return codec as Codec<BaseRecord & RecordOf<K>>;
}

/** The columns every record entity carries. */
export function recordColumns<T extends BaseRecord>(codec: Codec<T>, record: T): EntityProps {
  return { kind: record.kind, ref: record.ref, status: record.status, open: codec.isOpen(record), ...codec.columns(record) };
}
