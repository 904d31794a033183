// Search as people meet it in Teams: `find` in chat and the search message extension, driven over
// HTTP through the local host, with the real store on Azurite.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { UNAVAILABLE_READ } from '../../../bot/change/messages.js';
import { SEARCH_COMMAND_ID } from '../../../bot/search/searchFlow.js';
import { ALEX, BotHarness, messageActivity, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' };
const BLACKPOOL_CHANNEL = '19:blackpool@thread.tacv2';
/** A guest account (Teams' member record says `userRole: guest`), added to Blackpool's partnership channel only. */
const GUEST: Sender = { id: 'aad-guest', name: 'Gail Guest', guest: true };
/** A guest in no partnership channel. */
const OUTSIDER: Sender = { id: 'aad-outsider', name: 'Olu Outsider', guest: true };
const TEAM = '19:team@thread.tacv2';

describe('Finding records: find in chat and the search message extension (bot + Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');
  const refs: Record<string, string> = {};

  async function logAction(place: string, description: string, owner: Sender = ALEX) {
    const card = await bot.click('action.create', {
      formId: randomUUID(),
      place,
      description,
      owner: owner.id,
      dueDate: '2026-12-18',
      priority: 'BCF',
      people: [{ id: owner.id, name: owner.name }],
    });
    const ref = /Action ([A-Z]+-A-\d{4}) logged/.exec(cardText(card))?.[1];
    if (!ref) throw new Error(`not logged: ${cardText(card)}`);
    return ref;
  }

  /** A composeExtension invoke as Teams sends it from the compose box (query) or a chosen result (selectItem). */
  async function extension(
    name: 'composeExtension/query' | 'composeExtension/selectItem',
    value: Record<string, unknown>,
    from: Sender = ALEX,
    channel?: string,
  ) {
    const base = messageActivity(bot.serviceUrl, '', {
      from,
      ...(channel ? { conversationId: channel, conversationType: 'channel' as const } : {}),
    });
    const activity = {
      ...base,
      type: 'invoke',
      name,
      value,
      ...(channel ? { channelData: { ...base.channelData, team: { id: TEAM }, channel: { id: channel } } } : {}),
    };
    const { status, body } = await bot.post(activity);
    expect(status, JSON.stringify(body)).to.equal(200);
    return (
      body as { composeExtension: { type: string; text?: string; attachmentLayout?: string; attachments?: Array<Record<string, unknown>> } }
    ).composeExtension;
  }
  const query = (text: string, from?: Sender, channel?: string) =>
    extension(
      'composeExtension/query',
      { commandId: SEARCH_COMMAND_ID, parameters: [{ name: 'query', value: text }], queryOptions: { skip: 0, count: 25 } },
      from,
      channel,
    );

  const listed = (card: Record<string, unknown>) =>
    checkCard(card)
      .executeActions.filter((a) => a.verb !== 'search.find')
      .map((a) => (a.data as { ref: string }).ref);

  before(async () => {
    bot = await BotHarness.start({
      clock: () => now,
      members: [ALEX, HELEN],
      conversationMembers: { [TEAM]: [ALEX, HELEN, GUEST, OUTSIDER], [BLACKPOOL_CHANNEL]: [ALEX, HELEN, GUEST] },
    });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      channels: [{ id: BLACKPOOL_CHANNEL, name: 'Blackpool Partnership' }],
    });
    refs.bcf = await logAction('BPL', 'Agree the BCF section 75 schedule with the council', HELEN);
    now = new Date(now.getTime() + 60_000);
    refs.workforce = await logAction('SC', 'Workforce plan for community nursing');
    now = new Date(now.getTime() + 60_000);
    refs.helen = await logAction('LAN', 'Workforce review of the neighbourhood teams', HELEN);
  });
  after(async () => bot?.stop());

  it('"find workforce" lists the matching records best first, newest first, each opening its own card', async () => {
    const [card] = await bot.say('find workforce');
    expect(cardText(card)).to.contain('2 found for “workforce”, best first');
    expect(listed(card!)).to.deep.equal([refs.helen, refs.workforce]);
    expect(card!.speak).to.contain('2 found for “workforce”');
    const opened = await bot.click('action.view', { ref: refs.helen });
    expect(cardText(opened)).to.contain('Workforce review of the neighbourhood teams');
  });

  it('"find actions Helen Price" lists Helen’s actions; "find BCF" finds the action tagged with the place priority; a place narrows', async () => {
    const [mine] = await bot.say('find actions Helen Price');
    expect(listed(mine!).sort()).to.deep.equal([refs.bcf, refs.helen].sort());
    const [bcf] = await bot.say('find BCF');
    expect(listed(bcf!)[0]).to.equal(refs.bcf, 'in its title first');
    const [place] = await bot.say('find workforce South Cumbria');
    expect(listed(place!)).to.deep.equal([refs.workforce]);
  });

  it('the results card searches again from its box, keeping what was typed', async () => {
    const card = await bot.click('search.find', { q: 'section 75' });
    expect(findInput(card, 'q')?.value).to.equal('section 75');
    expect(listed(card)).to.deep.equal([refs.bcf]);
  });

  for (const [typed, line] of [
    ['find', 'Type what to find after “find”'],
    ['find x', 'Type at least 2 letters or digits'],
    ['find the and of', 'too common to search for'],
    ['find ?!… 🙂🎉', 'no letters or numbers to search for'],
  ] as const) {
    it(`"${typed}": a clear line on the card, the input kept, nothing searched`, async () => {
      const [card] = await bot.say(typed);
      expect(cardText(card)).to.contain(line).and.not.contain('Nothing found');
      expect(findInput(card, 'q')?.value).to.equal(typed.slice(4).trim());
      expect(checkCard(card).warnings).to.deep.equal([]);
    });
  }

  it('500 characters: searches the first 200, says so, and keeps the text in the box', async () => {
    const long = `workforce ${'nursing '.repeat(70)}`.slice(0, 500);
    const [card] = await bot.say(`find ${long}`);
    expect(cardText(card)).to.contain('Only the first 200 of the 500 characters typed were searched');
    expect(findInput(card, 'q')?.value).to.equal(long.trim());
    expect(listed(card!)).to.deep.equal([refs.workforce]);
  });

  it('OData-looking text finds nothing and breaks nothing', async () => {
    const [card] = await bot.say("find ' or 1 eq 1");
    expect(cardText(card)).to.contain("Nothing found for “' or 1 eq 1”");
    expect(listed(card!)).to.deep.equal([]);
  });

  it('a guest sees only the places whose partnership channel they are in, and a guest in none sees nothing', async () => {
    const inChannel = await query('workforce', GUEST, BLACKPOOL_CHANNEL);
    expect(inChannel).to.deep.include({ type: 'message' });
    expect(inChannel.text).to.contain('Nothing found');
    const bcf = await query('BCF', GUEST, BLACKPOOL_CHANNEL);
    expect(bcf.attachments!.map((a) => (a.preview as { content: { title: string } }).content.title)).to.deep.equal([
      `${refs.bcf} · Agree the BCF section 75 schedule with the council`,
    ]);
    const outsider = await query('BCF', OUTSIDER, '19:another-channel@thread.tacv2');
    expect(outsider.text).to.contain('You can see no place’s records from here');
  });

  it('the message extension answers a preview per result; choosing one inserts the record’s card', async () => {
    const result = await query('workforce');
    expect(result).to.include({ type: 'result', attachmentLayout: 'list' });
    const previews = result.attachments!.map(
      (a) => a.preview as { contentType: string; content: { title: string; text: string; tap: { type: string; value: { ref: string } } } },
    );
    expect(previews.map((p) => p.content.tap.value.ref)).to.deep.equal([refs.helen, refs.workforce]);
    expect(previews[0]!.contentType).to.equal('application/vnd.microsoft.card.thumbnail');
    expect(previews[0]!.content.text).to.equal('Action · Lancashire · Open · Owner Helen Price');
    const chosen = await extension('composeExtension/selectItem', previews[1]!.content.tap.value);
    const attachment = chosen.attachments![0]!;
    expect(attachment.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    const card = attachment.content as Record<string, unknown>;
    expect(checkCard(card).warnings).to.deep.equal([]);
    expect(cardText(card)).to.contain(refs.workforce).and.contain('Workforce plan for community nursing').and.contain('Shared from search');
  });

  it('the message extension says why when there is nothing to search or nothing found, or the result is out of date', async () => {
    expect((await query('')).text).to.contain('Type what to find');
    expect((await query('zebra')).text).to.equal('Nothing found for “zebra”.');
    expect((await extension('composeExtension/selectItem', { ref: 'BPL-A-9999' })).text).to.contain('There is no record BPL-A-9999');
    expect((await extension('composeExtension/selectItem', { nonsense: true })).text).to.contain('out of date');
  });

  it('while storage is down, find and the message extension say the store is not answering', async () => {
    await bot.storage.stop();
    try {
      const [typed] = await bot.say('find workforce');
      expect(cardText(typed)).to.contain(UNAVAILABLE_READ);
      const clicked = await bot.click('search.find', { q: 'workforce' });
      expect(cardText(clicked)).to.contain(UNAVAILABLE_READ);
      expect((await query('workforce')).text).to.equal(UNAVAILABLE_READ);
    } finally {
      await bot.storage.restart();
    }
  });
});
