// A forum's delegates for key messages on its card: who signs for which chair (standing, or for one
// meeting), and, for a chair of the forum, the panel to name their own delegate or end one. Pure.
import type { Forum } from '../records/forum.js';
import type { Person } from '../records/people.js';
import { plain, truncate } from './text.js';
import { execute } from './commonCards.js';

/** What a chair's panel needs: the people offered, and what they typed when a naming was not saved. */
export interface DelegatePanel {
  chairId: string;
  people: readonly Person[];
  values?: { delegate?: string; delegateMeeting?: string };
}

const chairName = (f: Pick<Forum, 'chairs'>, id: string) => f.chairs.find((c) => c.id === id)?.name ?? 'a former chair';

/** "Ruth Ellison for Judith Mills (standing)", one fact a delegate. */
export function delegateFacts(f: Pick<Forum, 'chairs' | 'delegates'>): { title: string; value: string }[] {
  return (f.delegates ?? []).map((d) => ({
    title: 'Signs key messages for',
    value: plain(`${d.delegate.name} for ${chairName(f, d.chairId)} (${d.meetingRef ? `meeting ${d.meetingRef} only` : 'standing'})`),
  }));
}

/** The chair's own panel: name a delegate (a person, and a meeting or none for standing), or end one they named. */
export function delegatePanel(f: Forum, etag: string, panel: DelegatePanel): unknown[] {
  const data = { ref: f.ref, etag };
  const mine = (f.delegates ?? []).filter((d) => d.chairId === panel.chairId);
  const choices = panel.people
    .filter((p) => p.id !== panel.chairId && !f.chairs.some((c) => c.id === p.id))
    .slice(0, 50)
    .map((p) => ({ title: truncate(p.name, 80), value: p.id }));
  return [
    {
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: 'Your delegate for key messages', weight: 'Bolder', wrap: true },
        {
          type: 'TextBlock',
          text: 'They can sign off this forum’s key messages on your behalf; published, they read “<delegate> on behalf of you, your title”.',
          wrap: true,
          isSubtle: true,
          spacing: 'None',
        },
        {
          type: 'Input.ChoiceSet',
          id: 'delegate',
          label: 'Delegate',
          style: 'filtered',
          choices,
          'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
          value: panel.values?.delegate ?? '',
          errorMessage: 'Choose the person who will sign off for you.',
        },
        {
          type: 'Input.Text',
          id: 'delegateMeeting',
          label: 'For one meeting only: its ref, e.g. LAN-M-0003 (leave empty: every meeting, until you end it)',
          maxLength: 20,
          value: panel.values?.delegateMeeting ?? '',
        },
        {
          type: 'ActionSet',
          actions: [
            execute('Name delegate', 'forum.nameDelegate', data),
            ...mine.map((d) =>
              execute(`End ${truncate(d.delegate.name, 40)}${d.meetingRef ? ` (${d.meetingRef})` : ' (standing)'}`, 'forum.endDelegate', {
                ...data,
                delegateId: d.delegate.id,
                ...(d.meetingRef ? { meetingRef: d.meetingRef } : {}),
              }),
            ),
          ],
        },
      ],
    },
  ];
}
