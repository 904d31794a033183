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
