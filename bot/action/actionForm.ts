// Turns the action form's submitted data into a typed draft, or a message per field,
// through the shared form mechanics in forms.ts.
import { ACTION_FORM_FIELDS, type ActionFormField, type ActionFormValues } from '../../cards/actionCards.js';
import { actionDraftSchema, dueDateProblem, type ActionDraft } from '../../records/action.js';
import { LIMITS } from '../../records/limits.js';
import type { Person } from '../../records/people.js';
import { PLACE_NAMES, placeCodeSchema } from '../../records/places.js';
import { placeTagProblems, type PlaceTags } from '../../records/placeTags.js';
import { formatRef, parseRef } from '../../records/refs.js';
import {
  blank,
  echoValues,
  fieldNamed,
  parseForm,
  submitted,
  submittedSource,
  text,
  type FormResult,
  type FormSpec,
} from '../change/forms.js';

export { offeredPeople } from '../change/forms.js';

const LINK_FIELDS: Record<string, ActionFormField> = {
  workstream: 'workstream',
  ward: 'ward',
  strategicObjective: 'strategicObjective',
};

export const ACTION_FORM: FormSpec<ActionFormField> = {
  fields: ACTION_FORM_FIELDS,
  echoLimit: {
    place: 10,
    locality: 20,
    description: LIMITS.description,
    owner: 200,
    dueDate: 10,
    sourceMeeting: LIMITS.title,
    sourceDate: 10,
    sourceMinuteRef: LIMITS.shortText,
    priority: 20,
    strategicObjective: 5,
    youSaid: LIMITS.note,
    workstream: LIMITS.shortText,
    ward: LIMITS.shortText,
  },
  fieldOf([head, sub]) {
    if (head === 'source') return sub === 'date' ? 'sourceDate' : sub === 'minuteRef' ? 'sourceMinuteRef' : 'sourceMeeting';
    if (head === 'links') return LINK_FIELDS[String(sub)] ?? 'priority';
    if (head === 'feedback') return 'youSaid';
    if (head === 'owner') return 'owner';
    return fieldNamed(ACTION_FORM_FIELDS, head, 'description');
  },
  friendly: {
    place: 'Choose a place.',
    owner: 'Choose who owns the action.',
    dueDate: 'Choose a due date, today or later.',
    priority: 'Choose one of the listed priorities.',
    strategicObjective: 'Choose one of SO1 to SO6.',
    locality: 'Choose Central, North or East.',
  },
  maxLength: {
    description: { label: 'description', max: LIMITS.description },
    youSaid: { label: '“You said”', max: LIMITS.note },
  },
};

/** Values as the person typed them, clipped to what a card can carry back. */
export function formValues(data: unknown): ActionFormValues {
  return echoValues(ACTION_FORM, data);
}

/** The risk a mitigating action is for, carried in the form's data; anything that is not a risk ref is ignored. */
function riskRefOf(v: unknown): string | undefined {
  const parsed = typeof v === 'string' ? parseRef(v) : undefined;
  return parsed?.kind === 'risk' ? formatRef(parsed.place, 'risk', parsed.n) : undefined;
}

/** The risk a form for a mitigating action was opened from, to keep it on the form when it comes back with errors. */
export function mitigatesOf(data: unknown): { ref: string; title: string } | undefined {
  const v = submitted(data);
  const ref = riskRefOf(v.riskRef);
  return ref ? { ref, title: text(v.riskTitle).slice(0, LIMITS.shortText) } : undefined;
}

export type ParsedForm = FormResult<ActionDraft, ActionFormField>;

/**
 * Validates everything at once so the person sees every problem in one go.
 * `owner` must already be resolved to a person (or undefined when none was chosen).
 */
export function parseActionForm(data: unknown, owner: Person | undefined, now: Date): ParsedForm {
  const v = submitted(data);
  const sourceMeeting = blank(v.sourceMeeting);
  const sourceDate = blank(v.sourceDate);
  const sourceMinuteRef = blank(v.sourceMinuteRef);
  const riskRef = riskRefOf(v.riskRef);
  const youSaid = blank(v.youSaid);
  const candidate = {
    place: blank(v.place),
    locality: blank(v.locality),
    description: v.description ?? '',
    owner,
    dueDate: blank(v.dueDate),
    source:
      sourceMeeting !== undefined || sourceDate !== undefined || sourceMinuteRef !== undefined
        ? { meeting: sourceMeeting ?? '', date: sourceDate, ...(sourceMinuteRef !== undefined ? { minuteRef: sourceMinuteRef } : {}) }
        : undefined,
    // Only the tags given: a stored action keeps no empty keys.
    links: Object.fromEntries(
      Object.entries({
        priority: blank(v.priority),
        strategicObjective: blank(v.strategicObjective),
        workstream: blank(v.workstream),
        ward: blank(v.ward),
        riskRef,
      }).filter(([key, value]) => key === 'priority' || value !== undefined),
    ) as { priority?: unknown; strategicObjective?: unknown; workstream?: unknown; ward?: unknown; riskRef?: string },
    // "You said, we did": what people told us, when the action answers it; closing then asks what we did.
    ...(youSaid !== undefined ? { feedback: { youSaid } } : {}),
    // A source link that is not a Teams message link is dropped, as on the risk form.
    sourceUrl: submittedSource(data)?.url,
  };
  return parseForm(ACTION_FORM, actionDraftSchema, data, candidate, (errors) => {
    if ((sourceDate !== undefined || sourceMinuteRef !== undefined) && sourceMeeting === undefined)
      errors.sourceMeeting = `Name the meeting or forum for that ${sourceDate !== undefined ? 'date' : 'minute'}.`;
    if (candidate.locality !== undefined && candidate.place !== undefined && candidate.place !== 'LAN') {
      errors.locality ??= 'Localities apply to Lancashire only.';
    }
    const place = placeCodeSchema.safeParse(candidate.place);
    const tags = { workstream: candidate.links.workstream, ward: candidate.links.ward };
    if (place.success) Object.assign(errors, { ...placeTagProblems(place.data, strings(tags)), ...errors });
    const risk = candidate.links.riskRef ? parseRef(candidate.links.riskRef) : undefined;
    if (risk && candidate.place !== undefined && candidate.place !== risk.place) {
      errors.place ??= `A mitigating action for ${candidate.links.riskRef} belongs to ${PLACE_NAMES[risk.place]}.`;
    }
    if (typeof candidate.dueDate === 'string' && !errors.dueDate) {
      const problem = dueDateProblem(candidate.dueDate, now);
      if (problem) errors.dueDate = problem;
    }
  });
}

/** The tags that were given as text (a forged submission may send anything else, which the schema refuses). */
function strings(tags: Record<keyof PlaceTags, unknown>): PlaceTags {
  return Object.fromEntries(Object.entries(tags).filter(([, v]) => typeof v === 'string')) as PlaceTags;
}
