// The bot where Teams people meet it: 1:1, group chats and channels (with an @mention).
import { expect } from 'chai';
import { ALEX, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';

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
    expect(text).to.contain('I didn\'t recognise “please minute this”');
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
      },
      { conversationType: 'groupChat', conversationId: '19:group@thread.v2' },
    );
    expect(cardText(card)).to.contain('Action SC-A-0001 logged').and.contain('Tom Whitfield');
    const [mine] = await bot.say('my actions', { from: TOM });
    expect(cardText(mine)).to.contain('SC-A-0001');
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
