// The key messages as the secretary's first draft: seed 001's sections, each line a sentence a
// member of the public can read ("The Board agreed to close BPL-A-0004, publish the plan, because
// it is on the website."), matters with where they went ("… (escalated to the Finance and
// Performance Committee)."). The secretary edits the draft before it goes to the chair. Pure.
import { LIMITS } from './limits.js';
import { keyMessagesTitle, longDate, type Decision, type Matter, type Meeting } from './meeting.js';
import { paperSentence, type PaperAtMeeting } from './meetingPapers.js';
import { ending, midSentence, sentence } from './sentences.js';

/** What the meeting closed or declined, for its key messages: read from the actions themselves. */
export interface ClosedAtMeeting {
  ref: string;
  outcome: 'closed' | 'declined';
  description: string;
  text: string;
}

/** A key decision as typed, as a sentence, its linked record named before the full stop. */
export function decisionSentence(d: Pick<Decision, 'text' | 'link'>): string {
  return d.link ? sentence(`${ending(d.text).slice(0, -1)} (${d.link})`) : sentence(d.text);
}

/** A closure note that only says yes ("Agreed", "Complete") adds nothing to the sentence. */
const ONLY_YES = /^(agreed|approved|complete|completed|done|closed|yes|ok|noted)$/i;

/** ", because it is on the website": the chair's reason as the end of the sentence, never "because because". */
function because(text: string): string {
  const t = midSentence(text);
  if (!t || ONLY_YES.test(t)) return '';
  return /^(because|as|since)\b/i.test(t) ? `, ${t}` : `, because ${t}`;
}

/** "The Board agreed to close BPL-A-0004, publish the plan, because it is on the website." */
export function closedSentence(c: ClosedAtMeeting): string {
  const verb = c.outcome === 'closed' ? 'agreed to close' : 'did not agree to close';
  return ending(`The Board ${verb} ${c.ref}, ${midSentence(c.description)}${because(c.text)}`);
}

/** Where a matter went, mid-sentence: "the ICB Board", "the Finance and Performance Committee", "Blackburn with Darwen". */
export function escalatedTo(m: Pick<Matter, 'to' | 'toDetail'>): string {
  const named = m.toDetail?.trim();
  const the = (name: string) => (/^the\s/i.test(name) || /['’]s\b/.test(name) ? name.replace(/^The\s/, 'the ') : `the ${name}`);
  switch (m.to) {
    case 'icb-board':
      return 'the ICB Board';
    case 'committee':
      return named ? the(named) : 'a committee of the ICB';
    case 'other-place':
      return named ?? 'another place';
    case 'icb-corporate-register':
      return 'the ICB corporate risk register';
    case 'reporting-line':
      return named ? the(named) : 'a reporting line of the forum';
  }
}

/** "Workforce gaps in primary care (escalated to the People Board)." */
export function matterSentence(m: Pick<Matter, 'text' | 'to' | 'toDetail'>): string {
  return sentence(`${ending(m.text).slice(0, -1)} (escalated to ${escalatedTo(m)})`);
}

/**
 * The key messages in seed 001's format: title, meeting date, Key Decisions and Actions (the
 * decisions in the order taken, the papers decided, then the actions closed or declined), Matters
 * for Escalation (and where to); a section with nothing in it reads "N/A".
 */
export function composeKeyMessages(
  meeting: Pick<Meeting, 'board' | 'date' | 'decisions' | 'matters'>,
  closed: readonly ClosedAtMeeting[] = [],
  papers: readonly PaperAtMeeting[] = [],
): string {
  const decisions = [...meeting.decisions.map(decisionSentence), ...papers.map(paperSentence), ...closed.map(closedSentence)];
  const section = (lines: string[]) => (lines.length ? lines.join('\n') : 'N/A');
  const text = [
    keyMessagesTitle(meeting),
    `Meeting date ${longDate(meeting.date)}`,
    '',
    'Key Decisions and Actions',
    section(decisions),
    '',
    'Matters for Escalation (and where to)',
    section(meeting.matters.map(matterSentence)),
  ].join('\n');
  return text.length > LIMITS.longText ? `${text.slice(0, LIMITS.longText - 1)}…` : text;
}
