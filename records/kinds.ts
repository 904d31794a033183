// The kinds of record, declared once. Every table that must know every kind (refs, audit,
// search, the digest, cards, the bot's views) is typed `satisfies Record<RecordKind, …>`, so a
// kind added here and left out of any of them fails the type check, not a user.
//
// This file imports nothing: the kinds' own modules (action.ts, risk.ts, …) may use it, and the
// table of what each kind is (records/kindTable.ts) imports them.

/** Each kind and the letter of its refs (BPL-A-0042, SC-R-0007, LAN-S-0003, BPL-M-0001). */
export const KIND_LETTER = { action: 'A', risk: 'R', signoff: 'S', meeting: 'M', forum: 'F' } as const;

export type RecordKind = keyof typeof KIND_LETTER;

export const RECORD_KINDS = Object.keys(KIND_LETTER) as RecordKind[];

/** How people name each kind, and the words that filter a search to it ("find open risks Blackpool"). */
export const KIND_LABELS = {
  action: { noun: 'action', title: 'Action', plural: 'actions', searchWord: /\bactions?\b/g },
  risk: { noun: 'risk', title: 'Risk', plural: 'risks', searchWord: /\brisks?\b/g },
  signoff: { noun: 'sign-off', title: 'Sign-off', plural: 'sign-offs', searchWord: /\bsign[\s-]*offs?\b/g },
  meeting: { noun: 'meeting', title: 'Meeting', plural: 'meetings', searchWord: /\bmeetings?\b/g },
  forum: { noun: 'forum', title: 'Forum', plural: 'forums', searchWord: /\bforums?\b/g },
} as const satisfies Record<RecordKind, { noun: string; title: string; plural: string; searchWord: RegExp }>;

/** The kind whose refs carry this letter. */
export function kindOfLetter(letter: string): RecordKind | undefined {
  return RECORD_KINDS.find((k) => KIND_LETTER[k] === letter.toUpperCase());
}

/** The ref letters as a regex character class, e.g. `[ARSMF]`. */
export const KIND_LETTER_CLASS = `[${Object.values(KIND_LETTER).join('')}]`;
