// Files leaving the app (the board pack), beyond who may ask for them (packAccess.ts): how often a
// download link may be opened, that the person a file is made for still holds the role that let
// them ask, and how many files one person may have made. Pure: the caller keeps the counts.
import { admitCreate, type CreateAdmission } from './createRate.js';
import { formatInstant } from './dates.js';
import { whoMayMakeBoardPack } from './packAccess.js';
import type { PlaceSettings } from './placeSettings.js';

/** A download link opens at most this many times within its 15 minutes (a retry or two, never a share). */
export const LINK_MAX_USES = 3;

/** Whether a link opened `uses` times already may open once more. */
export function mayOpenLinkAgain(uses: number): boolean {
  return Number.isFinite(uses) && uses >= 0 && uses < LINK_MAX_USES;
}

/**
 * Checked again when the file is made (not only when the link or consent card was given): the
 * person is still a chair or admin of the place. A chair removed since gets nothing.
 */
export function stillMayHavePack(settings: Pick<PlaceSettings, 'chairs' | 'admins'> | undefined, personId: string): boolean {
  return whoMayMakeBoardPack(settings).some((p) => p.id === personId);
}

/** At most this many files made for one person in any hour, across places and ways out. */
export const FILE_RATE = { max: 30, windowMinutes: 60 } as const;

/** Lets one more file be made for a person who had `recent` made (instants; anything else ignored). */
export function admitFile(recent: readonly unknown[], now: Date): CreateAdmission {
  return admitCreate(recent, now, FILE_RATE);
}

/** What the person is told when over the file rate. */
export function fileRateLine(retryAt: string): string {
  return `You have had ${FILE_RATE.max} files made in the last hour, the most one person can. Ask again after ${formatInstant(retryAt)}.`;
}
