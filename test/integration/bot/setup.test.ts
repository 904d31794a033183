// `setup` and `digest preview` through the bot over HTTP, with the real store on Azurite.
import { expect } from 'chai';
import { ALEX, actionData, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

const SAM: Sender = { id: '00000000-0000-0000-0000-000000000020', name: 'Sam Patel', teamsId: '29:sam' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price', teamsId: '29:helen' };
const CHANNEL = '19:channel@thread.tacv2';
const inChannel = (from: Sender) => ({ from, conversationType: 'channel' as const, conversationId: `${CHANNEL};messageid=1` });

describe('Place setup in chat', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  const now = new Date('2026-11-25T10:00:00Z'); // a Wednesday

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, env: { SETUP_ADMIN_IDS: SAM.id }, members: [SAM, HELEN, ALEX] });
  });
  after(async () => bot?.stop());

  it('before any place is set up, someone not in SETUP_ADMIN_IDS is refused and told who can', async () => {
    const [card] = await bot.mention('setup', inChannel(ALEX));
    expect(cardText(card)).to.contain('Only a place’s admins can set it up').and.contain('SETUP_ADMIN_IDS');
  });

  it('the bootstrap admin is asked which place the channel is for, then gets the form with the team’s people', async () => {
    const [chooser] = await bot.mention('setup', inChannel(SAM));
    expect(cardText(chooser)).to.contain('Which place is');
    const form = await bot.click('setup.open', actionData(chooser, 'setup.open'), inChannel(SAM));
    expect(checkCard(form).warnings).to.deep.equal([]);
    expect(cardText(form)).to.contain('Set up Blackpool in this channel');
    const chairs = findInput(form, 'chairs')!;
    expect((chairs.choices as { title: string }[]).map((c) => c.title)).to.include.members(['Sam Patel', 'Helen Price', 'Alex Wilber']);
    expect(findInput(form, 'admins')!.value).to.equal(SAM.id);
  });

  it('saving links the channel, stores the settings (audited) and says when the first digest comes', async () => {
    const [chooser] = await bot.mention('setup', inChannel(SAM));
    const form = await bot.click('setup.open', actionData(chooser, 'setup.open'), inChannel(SAM));
    const data = {
      ...actionData(form, 'setup.save'),
      chairs: HELEN.id,
      approvers: `${HELEN.id},${SAM.id}`,
      admins: SAM.id,
      threshold: '16',
      digest: 'true',
    };
    const saved = await bot.click('setup.save', data, inChannel(SAM));
    expect(cardText(saved)).to.contain('This channel is linked to Blackpool').and.contain('the first on 30 Nov 2026, 09:00');
    const settings = (await bot.runtime.places.get('BPL'))!.record;
    expect(settings.chairs).to.deep.equal([{ id: HELEN.id, name: 'Helen Price' }]);
    expect(settings.approvers.map((p) => p.name)).to.deep.equal(['Helen Price', 'Sam Patel']);
    expect(settings.escalationThreshold).to.equal(16);
    expect(settings.channels.map((c) => c.id)).to.deep.equal([CHANNEL]);
    const ref = await bot.runtime.places.getChannelReference('BPL', CHANNEL);
    expect(ref?.reference.conversation?.id).to.equal(CHANNEL);
    expect(ref?.reference.serviceUrl).to.equal(bot.serviceUrl);
    const history = await bot.runtime.places.settingsHistory('BPL');
    expect(history.at(-1)).to.deep.include({ command: 'setup', actor: { id: SAM.id, name: 'Sam Patel' } });
  });

  it('a stale setup card saves nothing and shows the latest with the entries kept', async () => {
    const [form] = await bot.mention('setup', inChannel(SAM));
    const data = {
      ...actionData(form, 'setup.save'),
      etag: 'W/"old"',
      chairs: SAM.id,
      approvers: '',
      admins: SAM.id,
      threshold: '9',
      digest: 'true',
    };
    const card = await bot.click('setup.save', data, inChannel(SAM));
    expect(cardText(card)).to.contain('Someone else changed these settings');
    expect(findInput(card, 'threshold')!.value).to.equal('9');
    expect((await bot.runtime.places.get('BPL'))!.record.escalationThreshold).to.equal(16);
  });

  it('removing every admin is refused beside the field; nothing is saved', async () => {
    const [form] = await bot.mention('setup', inChannel(SAM));
    const card = await bot.click(
      'setup.save',
      { ...actionData(form, 'setup.save'), chairs: '', approvers: '', admins: '', threshold: '15', digest: 'true' },
      inChannel(SAM),
    );
    expect(cardText(card)).to.contain('Name at least one admin');
    expect((await bot.runtime.places.get('BPL'))!.record.admins).to.have.length(1);
  });

  it('a person who is not an admin is refused in the linked channel, and told who can', async () => {
    const [card] = await bot.mention('setup', inChannel(HELEN));
    expect(cardText(card)).to.contain('Only a place’s admins can set it up').and.contain('Sam Patel (Blackpool)');
  });

  it('a forged save by a non-admin is refused too', async () => {
    const card = await bot.click(
      'setup.save',
      { place: 'BPL', etag: '', admins: HELEN.id, chairs: '', approvers: '', threshold: '15', digest: 'true' },
      inChannel(HELEN),
    );
    expect(cardText(card)).to.contain('Only a place’s admins');
    expect((await bot.runtime.places.get('BPL'))!.record.admins.map((a) => a.id)).to.deep.equal([SAM.id]);
  });

  it('in personal chat an admin sees their places with chairs, approvers and linked channels', async () => {
    const [card] = await bot.say('setup', { from: SAM });
    const text = cardText(card);
    expect(text).to.contain('Place setup').and.contain('Helen Price').and.contain('Blackpool');
    expect(checkCard(card).warnings).to.deep.equal([]);
  });

  it('in personal chat an admin changes the chairs without being in the channel; the channel stays linked', async () => {
    const [overview] = await bot.say('setup', { from: SAM });
    const form = await bot.click('setup.open', actionData(overview, 'setup.open'), { from: SAM });
    expect(cardText(form)).to.contain('Settings for Blackpool');
    const saved = await bot.click(
      'setup.save',
      { ...actionData(form, 'setup.save'), chairs: SAM.id, approvers: HELEN.id, admins: SAM.id, threshold: '16', digest: 'true' },
      { from: SAM },
    );
    expect(cardText(saved)).to.contain('Blackpool is set up');
    const settings = (await bot.runtime.places.get('BPL'))!.record;
    expect(settings.chairs.map((c) => c.name)).to.deep.equal(['Sam Patel']);
    expect(settings.channels.map((c) => c.id)).to.deep.equal([CHANNEL]);
  });

  it('"digest preview" in the channel offers a preview only the presser sees; it shows the place’s next digest', async () => {
    const [offer] = await bot.mention('digest preview', inChannel(HELEN));
    const preview = await bot.click('digest.preview', actionData(offer, 'digest.preview'), inChannel(HELEN));
    const text = cardText(preview);
    expect(text).to.contain('Blackpool: weekly digest').and.contain('Preview: only you can see this');
    expect(checkCard(preview).warnings).to.deep.equal([]);
  });

  const SECOND = '19:second@thread.tacv2';
  const inSecond = (from: Sender) => ({ from, conversationType: 'channel' as const, conversationId: `${SECOND};messageid=7` });
  const channelsOf = async (place: 'BWD' | 'SC') => ((await bot.runtime.places.get(place))?.record.channels ?? []).map((c) => c.id);
  const saveData = (place: string, over: Record<string, unknown> = {}) => ({
    place,
    etag: '',
    chairs: '',
    approvers: '',
    admins: SAM.id,
    threshold: '15',
    digest: 'true',
    ...over,
  });

  it('saving links the channel the card was pressed in, never a channel named in the card’s data', async () => {
    const saved = await bot.click(
      'setup.save',
      saveData('BWD', { channelId: '19:forged@thread.tacv2', channelName: '**Forged**' }),
      inSecond(SAM),
    );
    expect(cardText(saved)).to.contain('This channel is linked to Blackburn with Darwen');
    expect(await channelsOf('BWD')).to.deep.equal([SECOND]);
    expect(await bot.runtime.places.getChannelReference('BWD', '19:forged@thread.tacv2')).to.equal(undefined);
  });

  it('saving from personal chat links no channel, whatever the card’s data names', async () => {
    const saved = await bot.click('setup.save', saveData('BWD', { channelId: '19:forged@thread.tacv2', channelName: 'Forged' }), {
      from: SAM,
    });
    expect(cardText(saved)).to.contain('Blackburn with Darwen is set up');
    expect(await channelsOf('BWD')).to.deep.equal([SECOND]);
  });

  it('a channel already linked to another place is refused, naming that place; nothing is saved', async () => {
    const card = await bot.click('setup.save', saveData('SC'), inSecond(SAM));
    expect(cardText(card)).to.contain('This channel is already linked to Blackburn with Darwen');
    expect(await channelsOf('SC')).to.deep.equal([]);
    expect(await bot.runtime.places.get('SC')).to.equal(undefined);
    const opened = await bot.click('setup.open', { place: 'SC' }, inSecond(SAM));
    expect(cardText(opened)).to.contain('This channel is already linked to Blackburn with Darwen');
  });

  it('"Stop the digest" stops it only in the channel it is pressed in, never one named in the card’s data', async () => {
    const card = await bot.click('setup.unlink', { place: 'BWD', channelId: SECOND }, { from: SAM });
    expect(cardText(card)).to.contain('Post “setup” in the channel');
    expect(await channelsOf('BWD')).to.deep.equal([SECOND]);
  });

  it('"Stop the digest in this channel" unlinks it and records why', async () => {
    const [form] = await bot.mention('setup', inChannel(SAM));
    const card = await bot.click('setup.unlink', actionData(form, 'setup.unlink'), inChannel(SAM));
    expect(cardText(card)).to.contain('Digest stopped in this channel');
    expect((await bot.runtime.places.get('BPL'))!.record.channels).to.deep.equal([]);
    expect((await bot.runtime.places.getChannelReference('BPL', CHANNEL))?.stopped?.reason).to.equal('unlinked by Sam Patel');
  });
});
