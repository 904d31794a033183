// End to end through the Agents Playground's HTTP API, in the Blackpool Partnership channel: the
// board secretary asks "escalations Blackpool"; Imran Shah, named to receive for the Blackpool
// Health and Wellbeing Board line, tries the ICB Board's matter (refused), sends an empty note
// (refused, nothing written), then acknowledges his with a note; the channel's card is updated for
// everyone with the read-only view. Real Playground, bot host and Azurite; nothing mocked.
import { expect } from 'chai';
import { createForum, type ForumDraft } from '../../records/forum.js';
import { applyMeetingCommand, createMeeting, type MeetingCommand } from '../../records/meeting.js';
import { PlaceStore } from '../../records/store/placeStore.js';
import { RecordStore } from '../../records/store/recordStore.js';
import { CHAIR, MOCK_TENANT, SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { londonDate, startStack, texts, verbs, type Stack } from './stack.js';

const person = (u: typeof SECRETARY) => ({ id: u.aadObjectId, name: u.name });
const IMRAN = MOCK_TENANT.users[1]!;

describe('Escalations come back in Teams: “escalations Blackpool” and Acknowledge (Agents Playground HTTP API)', function () {
  this.timeout(60_000);
  let stack: Stack;
  let list: Reply;
  let meetingRef = '';

  before(async () => {
    stack = await startStack();
    const channel = stack.playground.config.team.channels[0]!;
    const places = PlaceStore.fromConnection({ connectionString: stack.storage.connectionString });
    await places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(CHAIR)],
      admins: [person(SECRETARY)],
      channels: [{ id: channel.id, name: channel.name }],
    });
    const records = RecordStore.fromConnection({ connectionString: stack.storage.connectionString });
    const sam = { ...person(SECRETARY), roles: ['admin' as const] };
    const now = new Date();
    const draft: ForumDraft = {
      place: 'BPL',
      name: 'Blackpool Place Partnership Board',
      chairs: [{ ...person(CHAIR), title: 'Chair, Blackpool Place Partnership' }],
      rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: londonDate(0).slice(0, 7) },
      startTime: '14:00',
      reportingLines: [
        { to: 'icb-board', name: 'ICB Board' },
        { to: 'hwb', name: 'Blackpool Health and Wellbeing Board', receiver: person(IMRAN) },
      ],
    };
    const forum = await records.create('forum', 'BPL', (ref) => createForum(draft, ref, sam, now));
    if (!forum.ok) throw new Error(forum.refusal.message);
    const made = await records.create('meeting', 'BPL', (ref) =>
      createMeeting(
        {
          place: 'BPL',
          forumRef: forum.stored.record.ref,
          reportingLines: draft.reportingLines,
          board: draft.name,
          date: londonDate(0),
          agenda: [],
        },
        ref,
        sam,
        now,
      ),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    let stored = made.stored;
    const matters: MeetingCommand[] = [
      { type: 'addMatter', text: 'Winter capacity needs ICB funding.', to: 'line:0' },
      { type: 'addMatter', text: 'The healthy weight plan needs the Health and Wellbeing Board’s support.', to: 'line:1' },
    ];
    for (const command of matters) {
      const done = await records.update('meeting', stored, applyMeetingCommand(stored.record, sam, command, now));
      if (!done.ok) throw new Error(done.refusal.message);
      stored = done.stored;
    }
    meetingRef = stored.record.ref;
  });
  after(async () => {
    await stack?.stop();
  });

  it('the secretary asks “escalations Blackpool” in the channel: each matter, where it went and who receives, not acknowledged yet', async () => {
    const sent = await stack.playground.sendInChannel('escalations Blackpool', 'Blackpool Partnership');
    list = await stack.playground.nextReply({ conversationId: sent.conversationId });
    const shown = texts(list.card!).join('\n');
    expect(shown).to.contain('Escalations from Blackpool').and.contain('2 matters sent, 2 not acknowledged');
    expect(shown).to.contain('To Blackpool Health and Wellbeing Board (received by Imran Shah)');
    expect(verbs(list.card!)).to.include('meeting.acknowledgeMatter');
    expect(stack.playground.problems()).to.deep.equal([]);
  });

  it('Imran, named for the Health and Wellbeing Board, may not acknowledge the ICB Board’s matter, nor with an empty note', async () => {
    const other = await stack.playground.execute(
      list,
      { matter: 0, [`ackNote.${meetingRef}.0`]: 'Seen.' },
      { verb: 'meeting.acknowledgeMatter', from: IMRAN.id },
    );
    expect(texts(other.card!).join('\n')).to.contain(
      'Only an admin of Blackpool can acknowledge that matter: nobody is named to receive for where it went.',
    );
    const empty = await stack.playground.execute(
      list,
      { matter: 1, [`ackNote.${meetingRef}.1`]: '' },
      { verb: 'meeting.acknowledgeMatter', from: IMRAN.id },
    );
    expect(texts(empty.card!).join('\n')).to.contain('Acknowledgement note is required.');
  });

  it('Imran acknowledges his with a note: his card says so, and the channel’s card is updated for everyone', async () => {
    const before = stack.playground.events.filter((e) => e.action === 'updateMessage').length;
    const note = 'Received: on the Health and Wellbeing Board agenda next month.';
    const done = await stack.playground.execute(
      list,
      { matter: 1, [`ackNote.${meetingRef}.1`]: note },
      { verb: 'meeting.acknowledgeMatter', from: IMRAN.id },
    );
    const shown = texts(done.card!).join('\n');
    expect(shown).to.contain('Acknowledged: your note is on the matter').and.contain(`Acknowledged by Imran Shah on`).and.contain(note);
    expect(shown).to.contain('2 matters sent, 1 not acknowledged');
    for (let i = 0; i < 100 && stack.playground.events.filter((e) => e.action === 'updateMessage').length === before; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(stack.playground.events.filter((e) => e.action === 'updateMessage').length).to.be.above(before);
  });
});
