// Turns the sign-off request form's submitted data into a draft, or a message per field,
// through the shared form mechanics in forms.ts.
import { DUE_MAX_DAYS, SIGNOFF_FORM_FIELDS, type SignOffFormField, type SignOffFormValues } from '../../cards/signOffCards.js';
import { addDays, londonToday } from '../../records/dates.js';
import { LIMITS } from '../../records/limits.js';
import { toPerson, type Person } from '../../records/people.js';
import { PLACE_NAMES, type PlaceCode } from '../../records/places.js';
import { signOffDraftSchema, type SignOffDraft } from '../../records/signoff.js';
import { coverRiskRefProblem } from '../../records/coverSheet.js';
import { COVER_ECHO, COVER_MAX_LENGTH, coverCandidate, coverDateProblems, coverFieldOf } from './coverSheetForm.js';
import { blank, echoValues, fieldNamed, parseForm, submitted, text, type FormResult, type FormSpec } from '../change/forms.js';

export const SIGNOFF_FORM: FormSpec<SignOffFormField> = {
  fields: SIGNOFF_FORM_FIELDS,
  echoLimit: {
    board: LIMITS.title,
    title: LIMITS.title,
    summary: LIMITS.longText,
    paperUrl: LIMITS.url,
    itemType: 30,
    route: 30,
    approvers: 3000,
    mode: 10,
    dueBy: 10,
    conflictNature: 10,
    conflictHowManaged: LIMITS.note,
    ...COVER_ECHO,
  },
  fieldOf([head, ...rest]) {
    if (head === 'cover') return coverFieldOf(rest);
    if (head === 'conflicts') return 'conflictHowManaged';
    if (head === 'expiresOn') return 'dueBy';
    return fieldNamed(SIGNOFF_FORM_FIELDS, head, 'summary');
  },
  friendly: {
    itemType: 'Choose the item type.',
    route: 'Choose the route: at a meeting, chair’s action, or between meetings.',
    mode: 'Choose how it is decided.',
    dueBy: 'Choose a due date, today or later.',
    paperUrl: 'Give a full link, starting https://',
  },
  maxLength: {
    summary: { label: 'summary', max: LIMITS.longText },
    title: { label: 'title', max: LIMITS.title },
    board: { label: 'board or forum', max: LIMITS.title },
    conflictHowManaged: { label: 'note on how the conflict is managed', max: LIMITS.note },
    ...COVER_MAX_LENGTH,
  },
};

export function signOffFormValues(data: unknown): SignOffFormValues {
  return echoValues(SIGNOFF_FORM, data);
}

export interface SignOffFormContext {
  place: PlaceCode;
  requester: Person;
  chairs: Person[];
  approvers: Person[];
  now: Date;
}

/**
 * Validates the whole form at once. Approvers are chosen among the place's chairs and named
 * approvers only; a chair's action goes to chairs only and the first (the chair's) answer decides.
 * The request expires when it falls due.
 */
export function parseSignOffForm(data: unknown, ctx: SignOffFormContext): FormResult<SignOffDraft, SignOffFormField> {
  const v = submitted(data);
  const today = londonToday(ctx.now);
  const eligible = new Map([...ctx.chairs, ...ctx.approvers].map((p) => [p.id, toPerson(p)]));
  const chosen = text(v.approvers)
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = chosen.filter((id) => !eligible.has(id));
  const route = blank(v.route);
  const nature = blank(v.conflictNature);
  const howManaged = text(v.conflictHowManaged);
  const dueBy = blank(v.dueBy);
  const candidate = {
    place: ctx.place,
    board: v.board ?? '',
    title: v.title ?? '',
    summary: v.summary ?? '',
    paperUrl: blank(v.paperUrl),
    itemType: blank(v.itemType),
    route,
    approvers: chosen.filter((id) => eligible.has(id)).map((id) => eligible.get(id)!),
    mode: route === 'chairs-action' ? 'FIRST' : blank(v.mode),
    dueBy,
    expiresOn: dueBy,
    conflicts: nature && nature !== 'none' ? [{ person: toPerson(ctx.requester), nature, howManaged }] : [],
    ...coverCandidate(v),
  };
  return parseForm(SIGNOFF_FORM, signOffDraftSchema, data, candidate, (errors) => {
    if (unknown.length > 0) errors.approvers = `Only the chairs and named approvers of ${PLACE_NAMES[ctx.place]} can be approvers.`;
    else if (chosen.length === 0) errors.approvers = 'Choose at least one approver.';
    if (route === 'chairs-action' && chosen.some((id) => !ctx.chairs.some((c) => c.id === id))) {
      errors.approvers = 'A chair’s action is decided by the chair alone: choose only the chair.';
    }
    if (typeof dueBy === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dueBy)) {
      if (dueBy < today) errors.dueBy = 'The due date must be today or later.';
      else if (dueBy > addDays(today, DUE_MAX_DAYS)) errors.dueBy = `The due date can be at most ${DUE_MAX_DAYS} days ahead.`;
    }
    if (nature && nature !== 'none' && !['actual', 'potential', 'perceived'].includes(String(nature)))
      errors.conflictNature = 'Choose no, or actual, potential or perceived.';
    if (nature && nature !== 'none' && !howManaged.trim()) errors.conflictHowManaged = 'Say how your conflict of interest is managed.';
    // The cover sheet's associated risks are this place's (whether each exists is the flow's look-up).
    const other = text(v.coverRiskRefs)
      .split(/[\s,;]+/)
      .find((r) => r && coverRiskRefProblem(r.toUpperCase(), ctx.place));
    if (other && !errors.coverRiskRefs) errors.coverRiskRefs = coverRiskRefProblem(other.toUpperCase(), ctx.place);
    for (const [id, problem] of Object.entries(coverDateProblems(v, today))) errors[id as SignOffFormField] ??= problem;
  });
}
