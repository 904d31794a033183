// The cover sheet's part of the sign-off request form: its inputs read into the draft's `cover`
// (absent until the requester starts it), where each of the draft's issues is shown, and how long
// each input may be. Rows are read by the index their input ids carry, so a forged card with more
// rows than the form offers is told so rather than cut short.
import { COVER_ROWS, SECTION_LIMITS } from '../../records/coverSheetSections.js';
import { LIMITS } from '../../records/limits.js';
import { askInputs, COVER_INPUTS, discussedInputs, untouched, type CoverInput } from '../../cards/coverSheetCards.js';
import { blank, text } from '../change/forms.js';

const CHOICES: readonly string[] = ['coverPurpose', 'coverPriority', 'coverRisksNa', 'coverFinancial', 'coverQia', 'coverEia', 'coverDpia'];

/** Free-text inputs, each with its label in a message and its limit. */
const FREE_TEXT: Partial<Record<CoverInput, { label: string; max: number }>> = {
  coverRiskRefs: { label: 'list of associated risks', max: 300 },
  coverFinancialComment: { label: 'comment on financial implications', max: SECTION_LIMITS.comment },
  coverConflicts: { label: 'conflicts of interest', max: SECTION_LIMITS.conflicts },
  coverQiaComment: { label: 'comment on the quality impact assessment', max: SECTION_LIMITS.comment },
  coverEiaComment: { label: 'comment on the equality impact assessment', max: SECTION_LIMITS.comment },
  coverDpiaComment: { label: 'comment on the data privacy impact assessment', max: SECTION_LIMITS.comment },
  coverPublic: { label: 'public involvement', max: SECTION_LIMITS.involvement },
  coverAuthor: { label: 'report author', max: LIMITS.shortText },
  coverSponsor: { label: 'accountable director', max: LIMITS.shortText },
  coverAuthorisedName: { label: 'name of who authorised the report', max: LIMITS.shortText },
  coverAuthorisedRole: { label: 'role of who authorised the report', max: LIMITS.shortText },
};
for (let i = 1; i <= COVER_ROWS.recommendations; i++)
  FREE_TEXT[askInputs(i).text] = { label: `recommendation ${i}`, max: SECTION_LIMITS.recommendation };
for (let i = 1; i <= COVER_ROWS.discussed; i++) {
  FREE_TEXT[discussedInputs(i).forum] = { label: `meeting of row ${i} where the paper was discussed`, max: SECTION_LIMITS.forum };
  FREE_TEXT[discussedInputs(i).outcome] = { label: `outcome of row ${i} where the paper was discussed`, max: SECTION_LIMITS.outcome };
}

const echoOf = (id: CoverInput) => FREE_TEXT[id]?.max ?? (id === 'coverObjectives' ? 30 : CHOICES.includes(id) ? 30 : 10);

/** What a card may carry back of each cover-sheet input. */
export const COVER_ECHO = Object.fromEntries(COVER_INPUTS.map((id) => [id, echoOf(id)])) as Record<CoverInput, number>;

/** Free-text cover-sheet inputs: an over-long one is named with its length and clipped on the echo. */
export const COVER_MAX_LENGTH = FREE_TEXT;

/** The form input showing an issue at `path` under the draft's `cover` (a row's index beyond the form shows on its first row). */
export function coverFieldOf([section, index, part]: (string | number)[]): CoverInput {
  const row = (n: number) => (typeof index === 'number' && index < n ? index + 1 : 1);
  const named: Record<string, CoverInput> = {
    purpose: 'coverPurpose',
    objectives: 'coverObjectives',
    priority: 'coverPriority',
    associatedRisks: 'coverRiskRefs',
    riskRef: 'coverRiskRefs',
    risksNotApplicable: 'coverRisksNa',
    conflictsOfInterest: 'coverConflicts',
    publicInvolvement: 'coverPublic',
    author: 'coverAuthor',
    sponsor: 'coverSponsor',
  };
  if (section === 'asks') {
    const ids = askInputs(row(COVER_ROWS.recommendations));
    return part === 'action' ? ids.action : ids.text;
  }
  if (section === 'discussed') {
    const ids = discussedInputs(row(COVER_ROWS.discussed));
    return part === 'date' ? ids.date : part === 'outcome' ? ids.outcome : ids.forum;
  }
  if (section === 'financial' || section === 'qia' || section === 'eia' || section === 'dpia') {
    const base = section === 'financial' ? 'Financial' : `${section.charAt(0).toUpperCase()}${section.slice(1)}`;
    return (index === 'comment' ? `cover${base}Comment` : `cover${base}`) as CoverInput;
  }
  if (section === 'authorisedBy') return index === 'role' ? 'coverAuthorisedRole' : 'coverAuthorisedName';
  return named[String(section)] ?? askInputs(1).text;
}

/** The 1-based row numbers a submission carries for inputs named `prefix<n><suffix>`, in order. */
function rowNumbers(v: Record<string, unknown>, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix}(\\d{1,3})[A-Z]`);
  const found = new Set<number>();
  for (const key of Object.keys(v)) {
    const m = pattern.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The rows a submission carries for inputs `prefix<n>…`, by their number: a blank row before the
 * last filled one is a hole (undefined), so each problem lands on the row the person filled.
 */
function rows<I extends Record<string, string>>(
  v: Record<string, unknown>,
  prefix: string,
  inputs: (i: number) => I,
  read: (ids: I) => Record<string, unknown>,
): (Record<string, unknown> | undefined)[] {
  const filled = rowNumbers(v, prefix).filter((i) => Object.values(inputs(i)).some((id) => !untouched(v[id])));
  const last = filled.at(-1) ?? 0;
  return Array.from({ length: last }, (_, k) => (filled.includes(k + 1) ? read(inputs(k + 1)) : undefined));
}

/** A Yes / No / N/A with its comment; absent when neither is given. */
function answered(v: Record<string, unknown>, answer: string, comment: string) {
  if (untouched(v[answer]) && untouched(v[comment])) return undefined;
  return { answer: blank(v[answer]), comment: blank(v[comment]) };
}

/** `{ cover }` from the submitted inputs once any is filled; nothing when the requester left it closed. */
export function coverCandidate(v: Record<string, unknown>): { cover?: Record<string, unknown> } {
  const started = Object.keys(v).some((k) => k.startsWith('cover') && !untouched(v[k], k));
  if (!started) return {};
  const asks = rows(v, 'coverAsk', askInputs, (ids) => ({ action: blank(v[ids.action]), text: v[ids.text] ?? '' }));
  const discussed = rows(v, 'coverDiscussed', discussedInputs, (ids) => ({
    forum: v[ids.forum] ?? '',
    date: blank(v[ids.date]),
    outcome: v[ids.outcome] ?? '',
  }));
  const refs = text(v.coverRiskRefs)
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((r) => ({ ref: r.toUpperCase() }));
  const na = v.coverRisksNa === 'na';
  const name = blank(v.coverAuthorisedName);
  const role = blank(v.coverAuthorisedRole);
  return {
    cover: {
      purpose: blank(v.coverPurpose),
      author: blank(v.coverAuthor),
      sponsor: blank(v.coverSponsor),
      priority: blank(v.coverPriority),
      ...(asks.length ? { asks } : {}),
      ...(untouched(v.coverObjectives) ? {} : { objectives: text(v.coverObjectives).split(',').filter(Boolean) }),
      ...(refs.length ? { associatedRisks: refs } : {}),
      ...(na ? { risksNotApplicable: true } : {}),
      financial: answered(v, 'coverFinancial', 'coverFinancialComment'),
      ...(discussed.length ? { discussed } : {}),
      conflictsOfInterest: blank(v.coverConflicts),
      qia: answered(v, 'coverQia', 'coverQiaComment'),
      eia: answered(v, 'coverEia', 'coverEiaComment'),
      dpia: answered(v, 'coverDpia', 'coverDpiaComment'),
      publicInvolvement: blank(v.coverPublic),
      ...(name || role ? { authorisedBy: { name: name ?? '', role: role ?? '' } } : {}),
    },
  };
}

/** Where-discussed rows dated after today: a paper can only have been discussed already. */
export function coverDateProblems(v: Record<string, unknown>, today: string): Partial<Record<CoverInput, string>> {
  const problems: Partial<Record<CoverInput, string>> = {};
  for (let i = 1; i <= COVER_ROWS.discussed; i++) {
    const id = discussedInputs(i).date;
    const date = text(v[id]);
    if (/^\d{4}-\d{2}-\d{2}$/.test(date) && date > today)
      problems[id] = `Meeting ${i} is dated after today: list only meetings that have already discussed the paper.`;
  }
  return problems;
}
