// "Log as action" from a message's "…" menu, driven over HTTP through the local host with the
// real store on Azurite: the dialog opens prefilled from the message, and submitting it runs
// the chat form's own validation and create path.
import { expect } from 'chai';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison', teamsId: '29:ruth' };
const LINK = 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1732356000000?context=%7B%7D';
const GROUP = { conversationType: 'groupChat' as const, conversationId: '19:group-blackpool@thread.v2' };
const CENTRAL_CHANNEL = '19:lan-central@thread.tacv2';

function message(html: string, from: Sender = RUTH, extra: Record<string, unknown> = {}) {
  return {
    id: '1732356000000',
    createdDateTime: '2026-11-23T09:00:00.000Z',
    linkToMessage: LINK,
    from: { user: { id: from.id, displayName: from.name, userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: html },
    attachments: [],
    mentions: [],
    ...extra,
  };
}

type Dialog = { title: string; card: { contentType: string; content: Record<string, unknown> } };

describe('Log as action, from a message’s “…” menu (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const today = () => londonToday(now);

  const open = async (payload: unknown, opts: Parameters<BotHarness['messageAction']>[2] = GROUP) => {
    const { task } = await bot.messageAction('composeExtension/fetchTask', { commandId: 'logAction', messagePayload: payload }, opts);
    expect(task.type).to.equal('continue');
    const dialog = task.value as Dialog;
    expect(dialog.card.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    return { title: dialog.title, form: dialog.card.content };
  };

  /** What the dialog's Action.Submit sends: the inputs merged over the submit action's data. */
  const submitData = (form: Record<string, unknown>, inputs: Record<string, unknown>) => {
    const submit = (form.actions as Record<string, unknown>[]).find((a) => a.type === 'Action.Submit');
    return { ...(submit?.data as Record<string, unknown>), ...inputs };
  };
  const submit = (data: Record<string, unknown>, opts: Parameters<BotHarness['messageAction']>[2] = GROUP) =>
    bot.messageAction('composeExtension/submitAction', { commandId: 'logAction', data }, opts);

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [ALEX, RUTH] });
    await bot.runtime.places.put({ place: 'BPL', displayName: 'Blackpool' });
    await bot.runtime.places.put({
      place: 'LAN',
      displayName: 'Lancashire',
      channels: [{ id: CENTRAL_CHANNEL, name: 'Central Lancashire partnership', locality: 'Central' }],
    });
  });
  after(async () => bot?.stop());

  it('opens the action form in a dialog with the message’s text, its author as owner and a link back to it', async () => {
    const html =
      '<p>Can <at id="0">Public Health</at> circulate the revised ToR&nbsp;before the next board?</p>' +
      '<ul><li>ToR v3</li><li>membership list</li></ul><p>Draft: <a href="https://example.nhs.uk/tor">ToR</a></p>';
    const mentions = [{ id: 0, mentionText: 'Public Health', mentioned: { user: { id: 'aad-ph', displayName: 'Public Health Team' } } }];
    const { title, form } = await open(message(html, RUTH, { mentions }));
    expect(title).to.equal('Log as action');
    expect(findInput(form, 'description')?.value).to.equal(
      'Can Public Health Team circulate the revised ToR before the next board?\n\n• ToR v3\n• membership list\n\nDraft: ToR (https://example.nhs.uk/tor)',
    );
    expect(findInput(form, 'owner')?.value).to.equal(RUTH.id);
    expect(findInput(form, 'owner')?.choices).to.deep.include({ title: RUTH.name, value: RUTH.id });
    expect(findInput(form, 'owner')?.choices).to.deep.include({ title: ALEX.name, value: ALEX.id });
    const text = cardText(form);
    expect(text).to.contain('Copied from Ruth Ellison’s message').and.contain('Raised from: ');
    expect(JSON.stringify(form)).to.contain(JSON.stringify(LINK).slice(1, -1));
    const report = checkCard(form);
    expect(report.warnings).to.deep.equal([]);
    expect(report.bytes).to.be.below(40 * 1024);
    // A dialog submits with Action.Submit (its own close button replaces Cancel).
    expect(report.executeActions).to.deep.equal([]);
    expect((form.actions as { type: string; title: string }[]).map((a) => `${a.type} ${a.title}`)).to.deep.equal([
      'Action.Submit Log action',
    ]);
  });

  it('in a channel linked to a place, the place (and locality) is guessed, and can still be changed', async () => {
    const { form } = await open(message('<p>Agree the neighbourhood team pilot sites.</p>'), {
      conversationType: 'channel',
      conversationId: `${CENTRAL_CHANNEL};messageid=1`,
      channel: CENTRAL_CHANNEL,
    });
    expect(findInput(form, 'place')?.value).to.equal('LAN');
    expect(findInput(form, 'locality')?.value).to.equal('Central');
    expect((findInput(form, 'place')?.choices as unknown[]).length).to.equal(4);
  });

  it('in a group chat or an unlinked channel no place is guessed', async () => {
    expect(findInput((await open(message('<p>x</p>'))).form, 'place')?.value).to.equal('');
    const unlinked = await open(message('<p>x</p>'), {
      conversationType: 'channel',
      conversationId: '19:other@thread.tacv2',
      channel: '19:other@thread.tacv2',
    });
    expect(findInput(unlinked.form, 'place')?.value).to.equal('');
  });

  it('a message with no text (an image) still opens the form, empty, saying why', async () => {
    const { form } = await open(
      message('<img src="https://example.nhs.uk/chart.png" alt="">', RUTH, { attachments: [{ contentType: 'image/png' }] }),
    );
    expect(findInput(form, 'description')?.value).to.equal('');
    expect(cardText(form)).to.contain('There was no text to copy from Ruth Ellison’s message');
    expect(findInput(form, 'owner')?.value).to.equal(RUTH.id);
  });

  it('a 100 KB message is cut to the form’s 2,000 characters with a note, and the dialog stays small', async () => {
    const { form } = await open(message(`<p>${'Blackpool BCF narrative. '.repeat(4200)}</p>`));
    const description = String(findInput(form, 'description')?.value);
    expect(description).to.have.length(2000);
    expect(description.endsWith('…')).to.equal(true);
    // Only the beginning of a long message is ever converted (a hostile one cannot stall the bot), so it says "more than".
    expect(cardText(form)).to.match(/It is more than [\d,]+ characters, so only the first 2,000 fit/);
    expect(checkCard(form).bytes).to.be.below(40 * 1024);
  });

  it('a submit with problems comes back in the dialog with the messages and every input kept; nothing is saved', async () => {
    const { form } = await open(message('<p>Circulate the revised ToR.</p>'));
    const { task, posted } = await submit(
      submitData(form, { place: 'BPL', description: 'Circulate the revised ToR.', owner: RUTH.id, dueDate: '' }),
    );
    expect(task.type).to.equal('continue');
    const again = (task.value as Dialog).card.content;
    expect(cardText(again)).to.contain('Some details need attention').and.contain('Choose a due date, today or later.');
    expect(findInput(again, 'description')?.value).to.equal('Circulate the revised ToR.');
    expect(findInput(again, 'place')?.value).to.equal('BPL');
    expect(JSON.stringify(again)).to.contain('Raised from: ');
    expect(posted).to.deep.equal([]);
    expect(await bot.runtime.records.get('action', 'BPL-A-0001')).to.equal(undefined);
  });

  it('a valid submit closes the form with a line, posts the card into the conversation, and keeps the message link', async () => {
    const { form } = await open(message('<p>Circulate the revised ToR before the next board.</p>'));
    const dueDate = addDays(today(), 14);
    const { task, posted } = await submit(
      submitData(form, { place: 'BPL', description: 'Circulate the revised ToR before the next board.', owner: RUTH.id, dueDate }),
    );
    expect(task).to.deep.equal({
      type: 'message',
      value: 'Action BPL-A-0001 logged for Ruth Ellison. Its card is now in the conversation.',
    });
    expect(posted).to.have.length(1);
    expect(cardText(posted[0])).to.contain('Logged by Alex Wilber for Ruth Ellison.').and.contain('Open BPL-A-0001');
    const stored = await bot.runtime.records.get('action', 'BPL-A-0001');
    expect(stored?.record).to.include({ description: 'Circulate the revised ToR before the next board.', dueDate, sourceUrl: LINK });
    expect(stored?.record.owner).to.deep.equal({ id: RUTH.id, name: RUTH.name });
    const history = await bot.runtime.records.history('action', 'BPL-A-0001');
    expect(history.map((e) => [e.command, e.actor.name, e.after.sourceUrl])).to.deep.equal([['create', ALEX.name, LINK]]);
  });

  it('in personal chat the person who logged it gets their own card, with a button back to the message', async () => {
    const { form } = await open(message('<p>Book the December development session.</p>', ALEX), { conversationType: 'personal' });
    expect(findInput(form, 'owner')?.value).to.equal(ALEX.id);
    const { task, posted } = await submit(
      submitData(form, {
        place: 'BPL',
        description: 'Book the December development session.',
        owner: ALEX.id,
        dueDate: addDays(today(), 7),
      }),
      { conversationType: 'personal' },
    );
    expect(task.type).to.equal('message');
    expect(cardText(posted[0])).to.contain('Action BPL-A-0002 logged').and.contain('Open the source');
  });

  it('while storage is down, the dialog says nothing was saved and keeps every input', async () => {
    const { form } = await open(message('<p>Agree the BCF review scope.</p>'));
    await bot.storage.stop();
    try {
      const { task, posted } = await submit(
        submitData(form, { place: 'BPL', description: 'Agree the BCF review scope.', owner: RUTH.id, dueDate: addDays(today(), 3) }),
      );
      expect(task.type).to.equal('continue');
      const again = (task.value as Dialog).card.content;
      expect(cardText(again)).to.contain('The record store is not answering just now, so nothing was saved');
      expect(findInput(again, 'description')?.value).to.equal('Agree the BCF review scope.');
      expect(posted).to.deep.equal([]);
    } finally {
      await bot.storage.restart();
    }
  });

  it('the dialog opens even while storage is down (the place guess is skipped)', async () => {
    await bot.storage.stop();
    try {
      const { form } = await open(message('<p>x</p>'), {
        conversationType: 'channel',
        conversationId: `${CENTRAL_CHANNEL};messageid=2`,
        channel: CENTRAL_CHANNEL,
      });
      expect(findInput(form, 'place')?.value).to.equal('');
      expect(findInput(form, 'description')?.value).to.equal('x');
    } finally {
      await bot.storage.restart();
    }
  });

  describe('Raise as risk: the same mechanism with the risk form', () => {
    const openRisk = async (payload: unknown, opts: Parameters<BotHarness['messageAction']>[2] = GROUP) => {
      const { task } = await bot.messageAction('composeExtension/fetchTask', { commandId: 'raiseRisk', messagePayload: payload }, opts);
      expect(task.type).to.equal('continue');
      const dialog = task.value as Dialog;
      return { title: dialog.title, form: dialog.card.content };
    };
    const riskInputs = (o: Record<string, unknown> = {}) => ({
      place: 'LAN',
      locality: 'Central',
      title: 'Neighbourhood teams over-asked',
      event: 'neighbourhood teams cannot take on the new programmes',
      cause: 'several partners asking the same staff',
      effect: 'delays to care closer to home',
      category: 'workforce',
      owner: RUTH.id,
      initialLikelihood: '4',
      initialConsequence: '5',
      targetLikelihood: '2',
      targetConsequence: '4',
      appetite: 'cautious',
      response: 'treat',
      ...o,
    });

    it('opens the risk form with the message as the risk, its author as owner, the channel’s place and a link back', async () => {
      const { title, form } = await openRisk(
        message('<p>Neighbourhood teams cannot take on the new programmes.</p><p>Three asks this month.</p>'),
        {
          conversationType: 'channel',
          conversationId: `${CENTRAL_CHANNEL};messageid=3`,
          channel: CENTRAL_CHANNEL,
        },
      );
      expect(title).to.equal('Raise as risk');
      expect(findInput(form, 'title')?.value).to.equal('Neighbourhood teams cannot take on the new programmes.');
      expect(findInput(form, 'event')?.value).to.equal('Neighbourhood teams cannot take on the new programmes.\n\nThree asks this month.');
      expect(findInput(form, 'owner')?.value).to.equal(RUTH.id);
      expect(findInput(form, 'place')?.value).to.equal('LAN');
      expect(findInput(form, 'locality')?.value).to.equal('Central');
      expect(cardText(form)).to.contain('Copied from Ruth Ellison’s message').and.contain('Raised from: ');
      const report = checkCard(form);
      expect(report.warnings).to.deep.equal([]);
      expect(report.bytes).to.be.below(40 * 1024);
      expect((form.actions as { type: string; title: string }[]).map((a) => a.type)).to.deep.equal(['Action.Submit']);
    });

    it('a submit with problems comes back in the dialog with the risk form’s own messages and the input kept', async () => {
      const { form } = await openRisk(message('<p>Capacity risk.</p>'));
      const { task, posted } = await bot.messageAction(
        'composeExtension/submitAction',
        {
          commandId: 'raiseRisk',
          data: submitData(form, riskInputs({ targetLikelihood: '5', targetConsequence: '5', title: 'Capacity risk' })),
        },
        GROUP,
      );
      expect(task.type).to.equal('continue');
      const again = (task.value as Dialog).card.content;
      expect(cardText(again)).to.contain('Some details need attention before the risk can be raised.').and.contain('cannot be higher');
      expect(findInput(again, 'title')?.value).to.equal('Capacity risk');
      expect(posted).to.deep.equal([]);
    });

    it('a valid submit raises the risk with the message link, posts its card into the conversation and closes the form', async () => {
      const { form } = await openRisk(message('<p>Neighbourhood teams over-asked.</p>'));
      const { task, posted } = await bot.messageAction(
        'composeExtension/submitAction',
        { commandId: 'raiseRisk', data: submitData(form, riskInputs()) },
        GROUP,
      );
      expect(task).to.deep.equal({
        type: 'message',
        value: 'Risk LAN-R-0001 raised on the Lancashire register, owned by Ruth Ellison. Its card is now in the conversation.',
      });
      expect(posted).to.have.length(1);
      expect(cardText(posted[0])).to.contain('Raised by Alex Wilber, owned by Ruth Ellison.');
      const stored = await bot.runtime.records.get('risk', 'LAN-R-0001');
      expect(stored?.record).to.include({ title: 'Neighbourhood teams over-asked', sourceUrl: LINK, locality: 'Central' });
    });
  });
});
