// Who may have a place's board pack made, and the short-lived download links that carry it
// where Teams cannot attach a file. Pure: no I/O, no clock of its own (the caller says when).
import { z } from 'zod';
import { maySeePlace, type Viewer } from './access.js';
import type { Forum } from './forum.js';
import type { Person } from './people.js';
import type { PlaceSettings } from './placeSettings.js';
import { PLACE_NAMES, placeCodeSchema, type PlaceCode } from './places.js';

export type PackPermission = { ok: true } | { ok: false; reason: string };

/** A forum a pack is made for (its meeting's, or the one the meeting cycle offers it to): its own people may have it. */
export type PackForum = Pick<Forum, 'name' | 'chairs' | 'secretary'>;

/**
 * The people who may have a place's board pack made: its chairs and admins, and, for a pack made
 * for a forum's meeting, that forum's chairs and secretary (a locality board's chair need not chair
 * the place); each once.
 */
export function whoMayMakeBoardPack(settings: Pick<PlaceSettings, 'chairs' | 'admins'> | undefined, forum?: PackForum): Person[] {
  const seen = new Map<string, Person>();
  const own = forum ? [...forum.chairs, ...(forum.secretary ? [forum.secretary] : [])] : [];
  for (const p of [...(settings?.chairs ?? []), ...(settings?.admins ?? []), ...own])
    if (!seen.has(p.id)) seen.set(p.id, { id: p.id, name: p.name });
  return [...seen.values()];
}

/**
 * May this person have `place`'s board pack made? Only someone who may see the place
 * (records/access.ts) and is one of its chairs or admins. Anyone else is told who can.
 */
export function mayMakeBoardPack(
  viewer: Viewer,
  place: PlaceCode,
  settings: Pick<PlaceSettings, 'chairs' | 'admins'> | undefined,
  forum?: PackForum,
): PackPermission {
  const allowed = whoMayMakeBoardPack(settings, forum);
  if (maySeePlace(viewer, place) && allowed.some((p) => p.id === viewer.id)) return { ok: true };
  const name = PLACE_NAMES[place];
  const who = allowed.map((p) => p.name);
  const whose = forum
    ? `a chair or admin of ${name}, or the secretary or a chair of ${forum.name}, can have this`
    : `a chair or admin of ${name} can have its`;
  return {
    ok: false,
    reason: who.length
      ? `Only ${whose} board pack made. Ask ${listOf(who)}.`
      : `Only a chair or admin of ${name} can have its board pack made, and ${name} has none yet: its setup names them.`,
  };
}

function listOf(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

// ---- download links ------------------------------------------------------------------------

/** How long a download link works after it is made. */
export const LINK_LIFETIME_MS = 15 * 60 * 1000;

/** A token is 32 random bytes, base64url: 43 characters of A–Z a–z 0–9 - _. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const fileLinkSchema = z.object({
  token: z.string().regex(LINK_TOKEN_PATTERN),
  place: placeCodeSchema,
  /** Which file (records/pack/packFiles.ts PACK_FILE_KINDS); checked again where it is made. */
  kind: z.string().min(1).max(40),
  /** The pack for this meeting of the place (BPL-M-0002), when it was asked for one. */
  meeting: z
    .string()
    .regex(/^(BPL|BWD|LAN|SC)-M-\d{4,}$/)
    .optional(),
  madeFor: z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(200) }),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
});
export type FileLink = z.infer<typeof fileLinkSchema>;

export function newFileLink(token: string, place: PlaceCode, kind: string, madeFor: Person, now: Date, meeting?: string): FileLink {
  return fileLinkSchema.parse({
    token,
    place,
    kind,
    ...(meeting ? { meeting } : {}),
    madeFor: { id: madeFor.id, name: madeFor.name },
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString(),
  });
}

/**
 * Who is asking for a file, as the download request proves it: the signed-in person's Entra
 * object id from App Service authentication (`X-MS-CLIENT-PRINCIPAL-ID`), or nobody proven.
 */
export interface Downloader {
  principalId?: string;
}

/**
 * May this request have the link's file? Only before it expires, and only for the person it was
 * made for. `identityRequired` (deployed, behind App Service authentication): the request must
 * name that person. Without it (the local run, on loopback only) the token alone is enough, but a
 * request that names someone else is still refused. Every refusal looks the same to the caller.
 */
export function mayDownload(link: FileLink | undefined, who: Downloader, identityRequired: boolean, now: Date): boolean {
  if (!link) return false;
  if (now.getTime() >= Date.parse(link.expiresAt)) return false;
  if (who.principalId === undefined) return !identityRequired;
  return who.principalId.toLowerCase() === link.madeFor.id.toLowerCase();
}

// ---- the audit of files made -----------------------------------------------------------------

/** How a file left the app: uploaded to the person's OneDrive (personal chat), or downloaded by link. */
export type FileDelivery = 'upload' | 'download';

/**
 * A file made from a place's records: who it was made for, which place, which file, how it went
 * and whether it arrived. Appended once per file made; never changed.
 */
export interface FileMadeEvent {
  place: PlaceCode;
  kind: string;
  fileName: string;
  madeFor: Person;
  at: string;
  delivery: FileDelivery;
  /** `sent`: the whole file went; `failed`: it did not (nothing half-sent is claimed). */
  outcome: 'sent' | 'failed';
  /** For a failure: what went wrong, for whoever reads the audit. */
  detail?: string;
}
