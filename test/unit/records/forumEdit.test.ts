// Editing a forum as typed (records/forumEdit.ts): the form shows a forum as an admin would type it
// and reads it back unchanged; a duplicate name, a chair with no title, a reporting line with no
// name and a new rhythm that gives no date are messages on their fields; only a place admin edits.
import { expect } from 'chai';
import { createForum, type Forum, type ForumDraft } from '../../../records/forum.js';
import { applyForumCardCommand, type ForumEdit } from '../../../records/forumEdit.js';
import { forumAsTyped } from '../../../records/forumInput.js';
import { parseRhythm, rhythmAsTyped, type Rhythm } from '../../../records/forumRhythm.js';
import type { Actor } from '../../../records/people.js';

const NOW = new Date('2026-03-20T10:00:00Z');
const ADMIN: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const CHAIR: Actor = { id: 'aad-judith', name: 'Judith Mills', roles: ['chair'] };

const forum = (over: Partial<ForumDraft> = {}): Forum => {
  const t = createForum(
    {
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      chairs: [{ id: CHAIR.id, name: CHAIR.name, title: 'Independent Chair' }],
      secretary: { id: ADMIN.id, name: ADMIN.name },
      rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
      startTime: '14:00',
      channelId: '19:central@thread.tacv2',
      reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
      ...over,
    },
    'LAN-F-0001',
    ADMIN,
    NOW,
  );
  if (!t.ok) throw new Error(JSON.stringify(t.refusal));
  return t.record;
};

const edit = (f: Forum, over: Partial<ForumEdit['typed']> = {}, others: ForumEdit['others'] = []): ForumEdit => ({
  type: 'change',
  typed: { ...forumAsTyped(f), ...over },
  known: [],
  others,
});

const errorsOf = (t: ReturnType<typeof applyForumCardCommand>) => (t.ok ? {} : (t.refusal.fieldErrors ?? { message: t.refusal.message }));

describe('Editing a forum as typed (records/forumEdit.ts)', () => {
  it('every rhythm reads back as itself from the way the form shows it', () => {
    const rhythms: Rhythm[] = [
      { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
      { type: 'monthly', nth: -1, weekday: 5, every: 2, from: '2026-03' },
      { type: 'monthly', nth: 1, weekday: 2, every: 4, from: '2025-11' },
      { type: 'monthly', nth: 3, weekday: 1, every: 12, from: '2026-06' },
      { type: 'dates', dates: ['2026-01-15', '2026-05-14'] },
    ];
    for (const r of rhythms) expect(parseRhythm(rhythmAsTyped(r), '2026-03-20')).to.deep.equal({ ok: true, rhythm: r });
  });

  it('submitted as shown, the forum is unchanged (its channel, not on the form, kept) and the change is audited', () => {
    const f = forum();
    const t = applyForumCardCommand(f, ADMIN, edit(f), NOW);
    expect(t.ok).to.equal(true);
    if (!t.ok) return;
    expect(t.record).to.deep.equal(f);
    expect(t.event).to.include({ command: 'change', ref: 'LAN-F-0001' });
  });

  it('a forum whose listed dates have all passed can still be renamed; a new list with no date to come is refused with an example', () => {
    // Stored when its date was still to come.
    const f: Forum = { ...forum(), rhythm: { type: 'dates', dates: ['2026-01-15'] } };
    expect(applyForumCardCommand(f, ADMIN, edit(f, { name: 'Central Partnership Board' }), NOW).ok).to.equal(true);
    expect(errorsOf(applyForumCardCommand(f, ADMIN, edit(f, { rhythm: 'dates 2026-02-12' }), NOW)).rhythm).to.include(
      'e.g. “monthly on the second Thursday”',
    );
  });

  it('a name another forum of the place has (case and spacing aside) is refused; keeping its own name is not', () => {
    const f = forum();
    const others = [
      { ref: 'LAN-F-0001', name: 'Central Lancashire Partnership Board' },
      { ref: 'LAN-F-0002', name: 'North Lancashire Partnership Board' },
    ];
    expect(
      errorsOf(applyForumCardCommand(f, ADMIN, edit(f, { name: ' north lancashire   Partnership board' }, others), NOW)).name,
    ).to.include('Lancashire already has a forum called');
    expect(applyForumCardCommand(f, ADMIN, edit(f, {}, others), NOW).ok).to.equal(true);
  });

  it('a chair with no title and a reporting line with no name are refused on their fields', () => {
    const f = forum();
    const errors = errorsOf(applyForumCardCommand(f, ADMIN, edit(f, { chairs: 'Judith Mills |', reportingLines: 'icp | ' }), NOW));
    expect(errors.chairs).to.include('the title they sign with');
    expect(errors.reportingLines).to.include('Name the');
  });

  it('a person the place does not name cannot be made chair; one the forum already names can stay', () => {
    const f = forum();
    expect(errorsOf(applyForumCardCommand(f, ADMIN, edit(f, { chairs: 'Zed Stranger | Chair' }), NOW)).chairs).to.include(
      'not one of this place’s named people',
    );
    expect(applyForumCardCommand(f, ADMIN, edit(f, { chairs: 'Judith Mills | Chair' }), NOW).ok).to.equal(true);
  });

  it('only a place admin edits a forum: a chair of it is refused before the form is read', () => {
    const f = forum();
    const t = applyForumCardCommand(f, CHAIR, edit(f, { chairs: 'nonsense' }), NOW);
    expect(t.ok).to.equal(false);
    if (t.ok) return;
    expect(t.refusal.code).to.equal('WRONG_PERSON');
    expect(t.refusal.fieldErrors).to.equal(undefined);
  });
});
