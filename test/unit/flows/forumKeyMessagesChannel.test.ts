// Key messages, once signed off, are posted in the forum's own channel when it works in one,
// else in the place's channel as before, through the real bot on Table Storage in memory: the
// Central Lancashire Partnership Board works in its locality's channel, so Central's key messages
// go there and not to the Lancashire channel; the place board has no channel of its own.
import { expect } from 'chai';
import { createForum, type ForumDraft } from '../../../records/forum.js';
import type { Actor } from '../../../records/people.js';
import { actionData, cardsOf } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' };
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };
const LAN_CHANNEL = '19:lancashire@thread.tacv2';
const CENTRAL_CHANNEL = '19:central-lancashire@thread.tacv2';

describe('Flows in-process: key messages are posted in the forum’s own channel (bot + in-memory table)', function () {
  let bot: FlowHarness;
  const now = new Date('2026-03-20T10:00:00Z');
  const monthly = { type: 'monthly' as const, nth: 2 as const, weekday: 4, every: 1, from: '2026-01' };
  const chairs = [{ ...RUTH, title: 'Independent Chair' }];

  async function addForum(draft: ForumDraft): Promise<void> {
    const res = await bot.runtime.records.create('forum', draft.place, (ref) => createForum(draft, ref, ADMIN, now));
    if (!res.ok) throw new Error(res.refusal.message);
  }

  /** Prepares a meeting of `forum` today, drafts and sends its key messages, and the chair approves them: the channels posted to. */
  async function publishedIn(forum: string): Promise<string[]> {
    const [form] = await bot.say(`prepare meeting ${forum}`, { from: SAM });
    let card = await bot.click(
      'meeting.create',
      { ...actionData(form, 'meeting.create'), board: forum, date: '2026-03-20' },
      { from: SAM },
    );
    const ref = /Meeting (LAN-M-\d{4}) prepared/.exec(cardText(card))![1]!;
    card = await bot.click('meeting.view', { ref }, { from: SAM });
    card = await bot.click(
      'meeting.draftKeyMessages',
      { ...actionData(card, 'meeting.draftKeyMessages'), keyMessages: String(findInput(card, 'keyMessages')?.value) },
      { from: SAM },
    );
    card = await bot.click('meeting.sendKeyMessages', actionData(card, 'meeting.sendKeyMessages'), { from: SAM });
    const signOffRef = /as (LAN-S-\d{4})/.exec(cardText(card))![1]!;
    const asked = (await bot.runtime.records.get('signoff', signOffRef))!;
    const before = bot.replies.length;
    await bot.click('signoff.approve', { ref: signOffRef, etag: asked.etag }, { from: RUTH });
    return bot.replies
      .slice(before)
      .filter((r) => cardsOf(r.activity).some((c) => cardText(c).includes('Completed and Signed off by')))
      .map((r) => [LAN_CHANNEL, CENTRAL_CHANNEL].find((c) => decodeURIComponent(r.path).includes(c)) ?? 'elsewhere');
  }

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, RUTH] });
    await bot.runtime.places.put({
      place: 'LAN',
      displayName: 'Lancashire',
      chairs: [RUTH],
      admins: [SAM],
      channels: [
        { id: LAN_CHANNEL, name: 'Lancashire Partnership' },
        { id: CENTRAL_CHANNEL, name: 'Central Lancashire', locality: 'Central' },
      ],
    });
    for (const id of [LAN_CHANNEL, CENTRAL_CHANNEL])
      await bot.runtime.places.saveChannelReference('LAN', id, {
        channelId: 'msteams',
        serviceUrl: bot.serviceUrl,
        conversation: { id, isGroup: true, conversationType: 'channel' } as never,
        bot: { id: 'bot', name: 'Place Partnership' },
      });
    await addForum({
      place: 'LAN',
      name: 'Lancashire Place Partnership Board',
      chairs,
      rhythm: { ...monthly, nth: -1 },
      startTime: '14:00',
      reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
    });
    await addForum({
      place: 'LAN',
      name: 'Central Lancashire Partnership Board',
      locality: 'Central',
      chairs,
      rhythm: monthly,
      startTime: '09:30',
      channelId: CENTRAL_CHANNEL,
      reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
    });
    await addForum({
      place: 'LAN',
      name: 'North Lancashire Partnership Board',
      locality: 'North',
      chairs,
      rhythm: monthly,
      startTime: '09:30',
      channelId: '19:north-not-linked@thread.tacv2',
      reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
    });
  });
  after(async () => bot?.stop());

  it('the Central board’s key messages, signed off by its chair, are posted in Central’s channel only', async () => {
    expect(await publishedIn('Central Lancashire Partnership Board')).to.deep.equal([CENTRAL_CHANNEL]);
  });

  it('the place board, with no channel of its own, posts its key messages in the place’s channels as before', async () => {
    expect((await publishedIn('Lancashire Place Partnership Board')).sort()).to.deep.equal([CENTRAL_CHANNEL, LAN_CHANNEL].sort());
  });

  it('a forum whose channel is not linked to the place (nothing can be posted there) posts in the place’s channels', async () => {
    expect((await publishedIn('North Lancashire Partnership Board')).sort()).to.deep.equal([CENTRAL_CHANNEL, LAN_CHANNEL].sort());
  });
});
