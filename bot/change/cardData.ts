// What every record card carries and gives back: its ref and the ETag it was drawn with (the one
// ETag comparison), and the typed text echoed back clipped to what a card can hold.
import { z } from 'zod';
import { LIMITS } from '../../records/limits.js';

/** The longest typed text a card echoes back; beyond it the card would pass Teams' size limit. */
export const ECHO_LIMIT = LIMITS.longText;

const cardRefSchema = z.object({ ref: z.string().max(40), etag: z.string().max(200).optional() });

/**
 * The one ETag comparison of a card against what is stored now, for records and place settings
 * alike: a card drawn at another version is out of date, and so is one carrying no ETag (a record
 * card always carries one; a setup form for a place not yet set up has none, so `noEtag: 'fresh'`
 * keeps setup as it was). Nothing stored yet: nothing to be out of date against.
 */
export function staleCard(
  cardEtag: string | undefined,
  stored: { etag: string } | undefined,
  noEtag: 'stale' | 'fresh' = 'stale',
): boolean {
  if (!stored) return false;
  if (!cardEtag) return noEtag === 'stale';
  return cardEtag !== stored.etag;
}

/** Teams did not answer when asked who is looking, so nothing is shown (bot/teams/viewer.ts); the guard says so. */
export class ViewerUnconfirmed extends Error {
  constructor() {
    super('Teams did not say who is looking');
  }
}

/** The ref (and the ETag it was drawn with) that every record card carries in its action data. */
export function cardRef(data: Record<string, unknown>): { ref: string; etag?: string } {
  return cardRefSchema.parse(data);
}

/**
 * The one echo clip: every typed string cut to what its box holds (`limits`, at most ECHO_LIMIT
 * characters), and a line saying so: 100 KB of update text comes back as its first 4,000
 * characters, not as a card past Teams' limit.
 */
export function clipEcho<V>(values: V, limits: Record<string, number> = {}): { values: V; clipped: string } {
  if (typeof values !== 'object' || values === null) return { values, clipped: '' };
  let longest = 0;
  let kept: number = ECHO_LIMIT;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const limit = Math.min(limits[k] ?? ECHO_LIMIT, ECHO_LIMIT);
    if (typeof v === 'string' && v.length > limit) {
      if (v.length > longest) [longest, kept] = [v.length, limit];
      out[k] = v.slice(0, limit);
    } else out[k] = v;
  }
  if (!longest) return { values, clipped: '' };
  const n = (x: number) => x.toLocaleString('en-GB');
  return { values: out as V, clipped: `Your entry was ${n(longest)} characters, too long to keep: the first ${n(kept)} are below.` };
}

/** A value a card carries as JSON text (e.g. the ETags of the rows it drew), or undefined if it is not JSON or too long. */
export function cardJson(v: unknown): unknown {
  if (typeof v !== 'string' || v.length > 20_000) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}
