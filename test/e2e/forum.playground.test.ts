// End to end through the Agents Playground: the board secretary changes Blackpool's board from its
// card ("forums Blackpool" → Edit → the form as first shown, a changed rhythm saved); two admins
// editing it at once in the Blackpool channel: one wins, the other is told and keeps their entry;
// the chair names a delegate for its key messages from the forum's card, and the secretary trying
// the same is refused. Real Playground, bot host and Azurite; nothing mocked.
import { expect } from 'chai';
import { createForum } from '../../records/forum.js';
import { PlaceStore } from '../../records/store/placeStore.js';
import { RecordStore } from '../../records/store/recordStore.js';
import { CHAIR, MOCK_TENANT, SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { inputValues, startStack, texts, verbs, type Stack } from './stack.js';

const person = (u: typeof SECRETARY) => ({ id: u.aadObjectId, name: u.name });
const RUTH = MOCK_TENANT.users[2]!; // a second Blackpool admin
const IMRAN = MOCK_TENANT.users[1]!; // a named approver of the place
const TITLE = 'Chair of Blackpool Teaching Hospitals NHS Foundation Trust';

describe('A forum changed from its card, and who speaks for it (Agents Playground)', function () {
  this.timeout(120_000);
  let stack: Stack;
  let records: RecordStore;
  let forumRef: string;

  before(async () => {
    stack = await startStack();
    const pg = stack.playground;
    const channel = pg.config.team.channels[0]!;
    await PlaceStore.fromConnection({ connectionString: stack.storage.connectionString }).put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(CHAIR)],
      approvers: [person(IMRAN)],
      admins: [person(SECRETARY), person(RUTH)],
      channels: [{ id: channel.id, name: channel.name }],
    });
    records = RecordStore.fromConnection({ connectionString: stack.storage.connectionString });
    const created = await records.create('forum', 'BPL', (ref) =>
      createForum(
        {
          place: 'BPL',
          name: 'Blackpool Place Partnership Board',
          chairs: [{ ...person(CHAIR), title: TITLE }],
          secretary: person(SECRETARY),
          rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
          startTime: '14:00',
          reportingLines: [{ to: 'hwb', name: 'Blackpool Health and Wellbeing Board' }],
        },
        ref,
        { ...person(SECRETARY), roles: ['admin'] },
        new Date(),
      ),
    );
    if (!created.ok) throw new Error(created.refusal.message);
    forumRef = created.stored.record.ref;
  });
  after(async () => stack?.stop());

  it('the secretary types “forums Blackpool”, clicks Edit, and saves the form with a new rhythm: the card shows it', async () => {
    const pg = stack.playground;
    const sent = await pg.send('forums Blackpool');
    const [list] = await pg.waitForReplies(sent.mark, 1);
    expect(verbs(list!.card!)).to.include('forum.edit');
    const form = await pg.execute(list!, {}, { verb: 'forum.edit' });
    const shown = inputValues(form.card!);
    expect(shown).to.deep.include({ name: 'Blackpool Place Partnership Board', chairs: `${CHAIR.name} | ${TITLE}` });
    const saved = await pg.execute(
      { ...list!, card: form.card! },
      { ...shown, rhythm: 'monthly on the last Wednesday' },
      { verb: 'forum.change' },
    );
    expect(texts(saved.card!).join(' | ')).to.contain('Saved').and.contain('monthly on the last Wednesday');
    expect((await records.get('forum', forumRef))!.record.rhythm).to.deep.include({ nth: -1, weekday: 3 });
  });

  it('two admins edit it at once in the channel: the first is saved, the second is told and keeps their entry', async () => {
    const pg = stack.playground;
    const sent = await pg.sendInChannel('forums Blackpool', pg.config.team.channels[0]!.name);
    const list: Reply = await pg.nextReply({ conversationId: sent.conversationId });
    const samForm = await pg.execute(list, {}, { verb: 'forum.edit', from: SECRETARY.id });
    const ruthForm = await pg.execute(list, {}, { verb: 'forum.edit', from: RUTH.id });
    const first = await pg.execute(
      { ...list, card: samForm.card! },
      { ...inputValues(samForm.card!), startTime: '10:00' },
      {
        verb: 'forum.change',
        from: SECRETARY.id,
      },
    );
    expect(texts(first.card!).join(' | ')).to.contain('Saved');
    const second = await pg.execute(
      { ...list, card: ruthForm.card! },
      { ...inputValues(ruthForm.card!), startTime: '16:30' },
      {
        verb: 'forum.change',
        from: RUTH.id,
      },
    );
    expect(texts(second.card!).join(' | ')).to.contain('Someone else changed this forum');
    expect(inputValues(second.card!).startTime).to.equal('16:30');
    expect((await records.get('forum', forumRef))!.record.startTime).to.equal('10:00');
  });

  it('the chair names a delegate for its key messages from the forum’s card; the secretary doing so is refused', async () => {
    const pg = stack.playground;
    const sent = await pg.sendInChannel('forums Blackpool', pg.config.team.channels[0]!.name);
    const list: Reply = await pg.nextReply({ conversationId: sent.conversationId });
    const chairs = await pg.execute(list, {}, { verb: 'forum.view', from: CHAIR.id });
    expect(verbs(chairs.card!)).to.include('forum.nameDelegate');
    const refused = await pg.execute(
      { ...list, card: chairs.card! },
      { delegate: IMRAN.aadObjectId },
      {
        verb: 'forum.nameDelegate',
        from: SECRETARY.id,
      },
    );
    expect(texts(refused.card!).join(' | ')).to.contain('Only a chair of Blackpool Place Partnership Board can name a delegate');
    const named = await pg.execute(
      { ...list, card: chairs.card! },
      { delegate: IMRAN.aadObjectId },
      {
        verb: 'forum.nameDelegate',
        from: CHAIR.id,
      },
    );
    expect(texts(named.card!).join(' | ')).to.contain(`${IMRAN.name} for ${CHAIR.name} (standing)`);
    expect((await records.get('forum', forumRef))!.record.delegates?.map((d) => d.delegate.id)).to.deep.equal([IMRAN.aadObjectId]);
  });
});
