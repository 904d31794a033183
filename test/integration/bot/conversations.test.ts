// The bot where Teams people meet it: 1:1, group chats and channels (with an @mention).
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { ALEX, actionData, BotHarness, cardsOf, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

const GRACE: Sender = { id: 'aad-grace', name: 'Grace Okafor' };
const TOM: Sender = { id: 'aad-tom', name: 'Tom Whitfield' };

describe('Talking to the bot in chats and channels', function () {
  this.timeout(30_000);
  let bot: BotHarness;

  before(async () => {
    bot = await BotHarness.start({ members: [ALEX, GRACE, TOM] });
  });
  after(async () => bot?.stop());

  it('in a channel, "@bot log action" opens the form', async () => {
    const [form] = await bot.mention('log action');
    expect(cardText(form)).to.contain('Log an action');
  });

  it('in a channel, an @mention with unknown words gets help, naming only what was said', async () => {
    const [help] = await bot.mention('please minute this');
    const text = cardText(help);
    expect(text).to.contain("I didn't recognise “please minute this”");
    expect(text).not.to.contain('<at>');
  });

  it('in a group chat, the owner list offers the people in the chat, the speaker first', async () => {
    const [form] = await bot.say('log action', { conversationType: 'groupChat', conversationId: '19:group@thread.v2' });
    const choices = findInput(form, 'owner')?.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.title)).to.deep.equal(['Alex Wilber', 'Grace Okafor', 'Tom Whitfield']);
    expect(choices.map((c) => c.value)).to.deep.equal([ALEX.id, GRACE.id, TOM.id]);
  });

  it('an owner chosen from the chat is stored with their name', async () => {
    const card = await bot.click(
      'action.create',
      {
        place: 'SC',
        description: 'Confirm chairing options for the South Cumbria Partnership Board.',
        owner: TOM.id,
        dueDate: '2099-01-31',
        people: [ALEX, GRACE, TOM].map(({ id, name }) => ({ id, name })),
        formId: randomUUID(),
      },
      { conversationType: 'groupChat', conversationId: '19:group@thread.v2' },
    );
    expect(cardText(card)).to.contain('Action SC-A-0001 logged').and.contain('Tom Whitfield');
    const [mine] = await bot.say('my actions', { from: TOM });
    expect(cardText(mine)).to.contain('SC-A-0001');
  });

  it('in a group chat, logging an action updates the shared card for everyone: read-only, with an Open button', async () => {
    const before = bot.updates.length;
    const group = { conversationType: 'groupChat' as const, conversationId: '19:group@thread.v2' };
    await bot.click(
      'action.create',
      {
        place: 'BPL',
        description: 'Report Care Connexions uptake.',
        owner: GRACE.id,
        dueDate: '2099-02-28',
        people: [ALEX, GRACE],
        formId: randomUUID(),
      },
      group,
    );
    const shared = bot.updates.slice(before);
    expect(shared).to.have.length(1);
    expect(shared[0]!.activityId).to.equal('card-activity-1'); // the form's message, replaced in place
    const [card] = cardsOf(shared[0]!.activity);
    expect(cardText(card)).to.contain('Logged by Alex Wilber for Grace Okafor.').and.contain('Report Care Connexions uptake.');
    expect(checkCard(card).executeActions.map((a) => a.verb)).to.deep.equal(['action.view', 'action.mine']);
  });

  it('in a channel, an update is shown to everyone on the shared card, naming who made it', async () => {
    const channel = { conversationType: 'channel' as const, conversationId: '19:channel@thread.tacv2' };
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' }, { ...channel, from: GRACE });
    const before = bot.updates.length;
    await bot.click(
      'action.addUpdate',
      { ...actionData(view, 'action.addUpdate'), updateText: 'Figures from the first month are in.' },
      { ...channel, from: GRACE },
    );
    const [card] = cardsOf(bot.updates.slice(before)[0]!.activity);
    expect(cardText(card)).to.contain('Update added by Grace Okafor.').and.contain('Figures from the first month are in.');
  });

  it("in a personal chat nothing else is updated: the reply is the only viewer's card", async () => {
    const before = bot.updates.length;
    const view = await bot.click('action.view', { ref: 'BPL-A-0001' }, { from: GRACE });
    await bot.click(
      'action.addUpdate',
      { ...actionData(view, 'action.addUpdate'), updateText: 'Shared with the ICB team.' },
      { from: GRACE },
    );
    expect(bot.updates.length).to.equal(before);
  });

  it('when the bot is added to a conversation it introduces itself once', async () => {
    const before = bot.replies.length;
    const { status } = await bot.post({
      type: 'conversationUpdate',
      channelId: 'msteams',
      serviceUrl: bot.serviceUrl,
      from: { id: '29:alex', name: 'Alex Wilber' },
      recipient: { id: '28:bot', name: 'Place Partnership bot' },
      conversation: { id: '19:group@thread.v2', conversationType: 'groupChat' },
      membersAdded: [{ id: '28:bot' }],
    });
    expect(status).to.equal(200);
    const sent = bot.replies.slice(before);
    expect(sent).to.have.length(1);
    expect(JSON.stringify(sent[0]!.activity)).to.contain('Hello! I help your place partnership');
  });
});
