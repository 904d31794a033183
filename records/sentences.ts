// Text as a member of the public reads it in published key messages: sentences that start with a
// capital and end with one full stop, titles lower-cased mid-sentence unless they are names or
// acronyms. Pure.

/** Text as the end of a sentence: trimmed, one full stop (or its own ? or !), never "..". */
export function ending(text: string): string {
  const t = text.trim().replace(/[.\s]+$/, '');
  return /[!?…]$/.test(t) ? t : `${t}.`;
}

/** A sentence of its own: a capital first letter and one full stop. */
export function sentence(text: string): string {
  const t = ending(text);
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** A title mid-sentence: "Q3 Finance report" stays, "Finance report" reads "finance report"; no closing full stop. */
export function midSentence(title: string): string {
  const t = title.trim().replace(/[.\s]+$/, '');
  const first = t.split(/\s+/)[0] ?? '';
  const keepsCapital = first.length > 1 && (first === first.toUpperCase() || /[A-Z]/.test(first.slice(1)));
  return keepsCapital ? t : t.charAt(0).toLowerCase() + t.slice(1);
}

/**
 * A paper's title mid-sentence: as midSentence, and a title opening with a name of several
 * capitalised words ("Place Integration Deal: …", "Better Care Fund plan") keeps its capitals.
 * Titles only: an action's description opens with a verb ("Publish Blackpool's plan").
 */
export function titleMidSentence(title: string): string {
  const [first = '', second = ''] = title.trim().split(/\s+/);
  return /^[A-Z]/.test(first) && /^[A-Z][a-z]/.test(second) ? title.trim().replace(/[.\s]+$/, '') : midSentence(title);
}
