// Who else is in the conversation, asked of Teams (TeamsInfo): the member look-ups a flow may
// make, each bounded in time so a card still answers within Teams' 5 s.
import { TeamsInfo } from 'botbuilder';
import type { Person } from '../../records/people.js';
import { waitAtMost, within } from '../change/timeBound.js';
import { personFrom, speaker, type Turn } from '../turn.js';
import { contextOf } from './teamsTurn.js';

const MEMBER_LOOKUP_MS = 1500;

/**
 * People to offer as owners where the Teams people picker is not available: the speaker and the
 * members the bot can list in this conversation. Bounded in time so a card answers within 5 s.
 */
export async function peopleHere(turn: Turn): Promise<Person[]> {
  const me = speaker(turn);
  const people = new Map<string, Person>([[me.id, me]]);
  if (turn.activity.conversation?.conversationType === 'personal') return [...people.values()];
  try {
    const page = await within(TeamsInfo.getPagedMembers(contextOf(turn), 100), MEMBER_LOOKUP_MS, () => undefined);
    for (const m of page?.members ?? []) {
      const p = personFrom(m);
      if (!people.has(p.id)) people.set(p.id, p);
    }
  } catch {
    // Listing members is a convenience; the form still works with the speaker alone.
  }
  return [...people.values()].sort((a, b) => (a.id === me.id ? -1 : b.id === me.id ? 1 : a.name.localeCompare(b.name)));
}

/**
 * A person chosen on a form, by id, named as Teams names them: the speaker from the activity,
 * else people the place's settings already name (`known`, kept from earlier look-ups), else
 * Teams' member record (by id, else from the conversation's members as Teams lists them; bounded in
 * time), else an honest placeholder. Names sent back in card
 * data (the form's `people`) are never used: a client can write anything there.
 */
export async function resolvePerson(turn: Turn, id: string, known: readonly Person[] = []): Promise<Person> {
  const me = speaker(turn);
  if (id === me.id) return me;
  const settled = known.find((p) => p.id === id);
  if (settled) return { id: settled.id, name: settled.name };
  try {
    const member = await within(TeamsInfo.getMember(contextOf(turn), id), MEMBER_LOOKUP_MS, () => undefined);
    if (member) return personFrom(member);
  } catch {
    // Not found by that id (some clients know members by their Teams id only): the members' list below.
  }
  // The conversation's members as Teams lists them, matched by directory id (what the people picker gives).
  if (turn.activity.conversation?.conversationType !== 'personal') {
    try {
      const page = await within(TeamsInfo.getPagedMembers(contextOf(turn), 100), MEMBER_LOOKUP_MS, () => undefined);
      const listed = page?.members.find((m) => m.aadObjectId === id || m.id === id);
      if (listed) return personFrom(listed);
    } catch {
      // Teams did not answer: the placeholder below.
    }
  }
  return { id, name: 'Person chosen in Teams' };
}

/**
 * The Teams user ids ("29:…", what `refresh.userIds` wants) of people known by directory id:
 * the speaker's from the activity, others asked of Teams, all within a time bound so a card
 * still answers within 5 s. Anyone not found is left out (their directory id is used instead).
 */
export async function teamsIdsOf(turn: Turn, people: Person[]): Promise<{ personId: string; teamsId: string }[]> {
  const from = turn.activity.from;
  const me = speaker(turn);
  const found = new Map<string, string>();
  if (from?.id && from.id !== me.id) found.set(me.id, from.id);
  const others = people.filter((p) => !found.has(p.id));
  const lookups = Promise.all(
    others.map(async (p) => {
      try {
        const member = await TeamsInfo.getMember(contextOf(turn), p.id);
        if (member?.id && member.id !== p.id) found.set(p.id, member.id);
      } catch {
        // Not in this conversation, or Teams did not answer: the directory id stands in.
      }
    }),
  );
  await waitAtMost(lookups, MEMBER_LOOKUP_MS);
  return [...found].map(([personId, teamsId]) => ({ personId, teamsId }));
}

/**
 * A message's author as a person, with the id the people picker uses: the speaker when they
 * wrote it (Teams may give their Teams id or AAD id), else Teams' member record, else the name
 * the message gave. Bounded in time like the member list.
 */
export async function authorAsPerson(turn: Turn, author: Person): Promise<Person> {
  const { from } = turn.activity;
  if (author.id === from.id || author.id === from.aadObjectId) return speaker(turn);
  try {
    const member = await within(TeamsInfo.getMember(contextOf(turn), author.id), MEMBER_LOOKUP_MS, () => undefined);
    return member ? personFrom(member) : author;
  } catch {
    return author;
  }
}

/** The team's channels, by id and name (for naming a channel being linked to a place). */
export async function teamChannels(turn: Turn): Promise<{ id: string; name?: string }[]> {
  return (await TeamsInfo.getTeamChannels(contextOf(turn))).flatMap((c) =>
    c.id ? [{ id: c.id, ...(c.name ? { name: c.name } : {}) }] : [],
  );
}
