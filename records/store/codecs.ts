// Per-kind knowledge of the store, one codec per kind: the zod schema a stored record must
// pass (on write and on read) and the few columns that queries filter on. The store itself
// is generic over these.
import type { z } from 'zod';
import { actionSchema, currentDueDate, isOpen as isOpenAction, type Action } from '../action.js';
import type { RecordKind } from '../audit.js';
import type { PlaceCode } from '../places.js';
import { currentBand, currentScore, isOpenRisk, riskSchema, type Risk } from '../risk.js';
import { OPEN_SIGNOFF_STATUSES, signOffSchema, type SignOff } from '../signoff.js';
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
  risk: Risk;
  signoff: SignOff;
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

export const riskCodec: Codec<Risk> = {
  kind: 'risk',
  schema: riskSchema,
  isOpen: isOpenRisk,
  columns: (r) => {
    const score = currentScore(r);
    return {
      ownerId: r.owner.id,
      score,
      band: currentBand(r),
      nextReviewDate: r.nextReviewDate,
      aboveAppetite: score > r.appetite.toleratedScore,
      registerLevel: r.registerLevel,
    };
  },
};

/** `|id|id|` of everyone who may answer a sign-off: its approvers and their recorded delegates. */
export function approverIdsColumn(s: Pick<SignOff, 'approvers' | 'delegates'>): string {
  const ids = new Set([...s.approvers.map((a) => a.id), ...s.delegates.map((d) => d.delegate.id)]);
  return `|${[...ids].join('|')}|`;
}

export const signOffCodec: Codec<SignOff> = {
  kind: 'signoff',
  schema: signOffSchema,
  isOpen: (s) => OPEN_SIGNOFF_STATUSES.includes(s.status),
  columns: (s) => ({ approverIds: approverIdsColumn(s), requestedById: s.requestedBy.id, dueBy: s.dueBy, expiresOn: s.expiresOn }),
};

export const CODECS: { [K in RecordKind]: Codec<BaseRecord & RecordOf<K>> } = {
  action: actionCodec,
  risk: riskCodec,
  signoff: signOffCodec,
};

export function codecOf<K extends RecordKind>(kind: K): Codec<BaseRecord & RecordOf<K>> {
  return CODECS[kind] as Codec<BaseRecord & RecordOf<K>>;
}

/** The columns every record entity carries. */
export function recordColumns<T extends BaseRecord>(codec: Codec<T>, record: T): EntityProps {
  return { kind: record.kind, ref: record.ref, status: record.status, open: codec.isOpen(record), ...codec.columns(record) };
}
