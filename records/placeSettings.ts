// Per-place settings: who chairs, approves and administers a partnership, its channels,
// its escalation threshold and default risk appetite. Stored in Tables; changed only by admins.
import { z } from 'zod';
import { boundedList, boundedText, LIMITS } from './limits.js';
import { personSchema, type PlaceRole } from './people.js';
import { localitySchema, placeCodeSchema } from './places.js';
import { appetiteInputSchema, DEFAULT_APPETITE } from './risk.js';

/** A partnership channel by name; its conversation reference is stored elsewhere under `id`. */
export const placeChannelSchema = z.object({
  id: z.string().trim().min(1).max(LIMITS.shortText),
  name: boundedText('Channel name', LIMITS.shortText),
  locality: localitySchema.optional(),
});

const people = (field: string) =>
  boundedList(field, personSchema, 50).refine(
    (list) => new Set(list.map((p) => p.id)).size === list.length,
    `${field}: each person can be listed only once.`,
  );

export const DEFAULT_ESCALATION_THRESHOLD = 15;

/** The Government Security Classification most board papers carry: every pack file's header and footer print it. */
export const DEFAULT_MARKING = 'OFFICIAL';
/** A protective marking is one short line of capitals, digits and - : / (e.g. "OFFICIAL-SENSITIVE"), so it fits a page footer. */
const MARKING_LIMIT = 40;
const markingSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(/\s+/g, ' ').toUpperCase()) : v),
  z
    .string({ invalid_type_error: 'Protective marking must be text.' })
    .max(MARKING_LIMIT, `Protective marking must be ${MARKING_LIMIT} characters or fewer.`)
    .regex(/^[A-Z0-9][A-Z0-9 \-:/]*$/, 'Protective marking: use letters, digits, spaces and - : / only, e.g. OFFICIAL-SENSITIVE.')
    .default(DEFAULT_MARKING),
);

export const placeSettingsSchema = z.object({
  place: placeCodeSchema,
  displayName: boundedText('Display name', LIMITS.shortText),
  chairs: people('Chairs').default([]),
  approvers: people('Approvers').default([]),
  admins: people('Admins').default([]),
  channels: boundedList('Channels', placeChannelSchema, 20).default([]),
  /** A risk whose current score reaches this is flagged for escalation. */
  escalationThreshold: z.coerce
    .number({ invalid_type_error: 'Escalation threshold must be a number from 1 to 25.' })
    .int('Escalation threshold must be a whole number.')
    .min(1, 'Escalation threshold must be from 1 to 25.')
    .max(25, 'Escalation threshold must be from 1 to 25.')
    .default(DEFAULT_ESCALATION_THRESHOLD),
  defaultAppetite: appetiteInputSchema.default(DEFAULT_APPETITE),
  digestEnabled: z.boolean().default(true),
  /** Printed in every pack file's header and footer (default OFFICIAL). */
  marking: markingSchema,
});
export type PlaceSettings = z.infer<typeof placeSettingsSchema>;
export type PlaceSettingsInput = z.input<typeof placeSettingsSchema>;

/** The roles a person holds in a place, for building an `Actor`. */
export function rolesOf(settings: Pick<PlaceSettings, 'chairs' | 'approvers' | 'admins'>, personId: string): PlaceRole[] {
  const roles: PlaceRole[] = [];
  if (settings.chairs.some((p) => p.id === personId)) roles.push('chair');
  if (settings.approvers.some((p) => p.id === personId)) roles.push('approver');
  if (settings.admins.some((p) => p.id === personId)) roles.push('admin');
  return roles;
}
