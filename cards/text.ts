// User text on cards goes into TextRun elements, which hosts render literally (no markdown,
// no links, no mentions). These helpers keep it single-paragraph-safe and short where a
// summary is wanted.

/** Removes control characters (except newlines and tabs) that hosts render unpredictably. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}

export function truncate(text: string, max: number): string {
  const t = plain(text).replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** The most a card's `speak` says: what a sighted reader takes in at a glance, not the whole card. */
export const SPEAK_MAX = 600;

/**
 * A card's `speak` text from its phrases, in the order a sighted reader meets them: empty ones
 * dropped, each made one plain line, joined as sentences. Teams reads `speak` as SSML, so `&`, `<`
 * and `>` in user text are put in words or dropped rather than read as markup.
 */
export function speech(...phrases: (string | false | undefined | null)[]): string {
  const text = phrases
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) => {
      const line = plain(p)
        .replace(/\s+/g, ' ')
        .replace(/ · /g, ', ')
        .replace(/[.:;]+,/g, ',')
        .trim()
        .replace(/[.:;,]+$/, '');
      return /[?!]$/.test(line) ? line : `${line}.`;
    })
    .join(' ')
    .replace(/&/g, ' and ')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(text, SPEAK_MAX);
}
