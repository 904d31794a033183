// A guest of the ICB tenant (Teams `userRole: guest`), or a user of another organisation, reads
// only the places whose partnership channel they were added to: every read by ref or by place
// (a ref typed or clicked, my actions, my risks, sign-offs, the risk register, the digest
// preview) goes through records/access.ts. Members of the tenant see every place, as before.
import { expect } from 'chai';
import { createAction } from '../../../records/action.js';
import { addDays, londonToday } from '../../../records/dates.js';
import type { PlaceCode } from '../../../records/places.js';
import { createRisk } from '../../../records/risk.js';
import { createSignOff } from '../../../records/signoff.js';
import { ALEX, BotHarness, type Sender } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { riskDraftFor } from '../../support/riskFixtures.js';
import { SECRETARY, signOffDraft } from '../../support/signOffFixtures.js';

/** A guest account in the ICB tenant, added to South Cumbria's partnership channel only. */
const GUEST: Sender = { id: 'aad-guest-vic', name: 'Vic Guest (Westmorland council)', teamsId: '29:guest-vic', guest: true };
/** A user of another organisation's tenant (Teams gives their home tenant), in no partnership channel. */
const EXTERNAL: Sender = { id: 'aad-ext-kim', name: 'Kim External', teamsId: '29:ext-kim', tenantId: 'tenant-elsewhere' };
const SC_CHANNEL = '19:sc-partnership@thread.tacv2';
const BPL_CHANNEL = '19:bpl-partnership@thread.tacv2';

describe('Guests read only the places whose partnership channel they are in (bot + Azurite)', function () {
  this.timeout(30_000);
  let bot: BotHarness;
  const now = new Date('2026-11-23T10:00:00Z');
  const refs: Record<string, string> = {};

  async function create<K extends 'action' | 'risk' | 'signoff'>(
    kind: K,
    place: PlaceCode,
    build: Parameters<BotHarness['runtime']['records']['create']>[2],
  ) {
    const res = await bot.runtime.records.create(kind, place, build as never);
    if (!res.ok) throw new Error(res.refusal.message);
    return res.stored.record.ref;
  }

  before(async () => {
    bot = await BotHarness.start({
      clock: () => now,
      env: { ALLOWED_TENANT_IDS: 'tenant-1' },
      conversationMembers: { [SC_CHANNEL]: [GUEST, ALEX], [BPL_CHANNEL]: [ALEX] },
    });
    await bot.runtime.places.put({
      place: 'SC',
      displayName: 'South Cumbria',
      channels: [{ id: SC_CHANNEL, name: 'South Cumbria Partnership' }],
    });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      channels: [{ id: BPL_CHANNEL, name: 'Blackpool Partnership' }],
    });
    const due = addDays(londonToday(now), 20);
    for (const [place, who] of [
      ['SC', GUEST],
      ['BPL', GUEST],
      ['BPL', EXTERNAL],
    ] as const) {
      const owner = { id: who.id, name: who.name };
      refs[`action-${place}-${who.id}`] = await create('action', place, (ref) =>
        createAction({ place, description: `Report for ${place}`, owner, dueDate: due, links: {} }, ref, SECRETARY, now),
      );
      refs[`risk-${place}-${who.id}`] = await create('risk', place, (ref) =>
        createRisk(riskDraftFor(place, { owner, title: `Risk held in ${place}` }), ref, SECRETARY, now),
      );
      refs[`signoff-${place}-${who.id}`] = await create('signoff', place, (ref) =>
        createSignOff(
          signOffDraft({ place, board: `${place} board`, title: `Paper for ${place}`, approvers: [owner] }),
          ref,
          SECRETARY,
          now,
        ),
      );
    }
  });
  after(async () => bot?.stop());

  const text = (cards: unknown[]) => cards.map(cardText).join('\n');

  it('a guest opening a ref of a place whose channel they are not in is told there is no such record; one in their place opens', async () => {
    for (const kind of ['action', 'risk', 'signoff'] as const) {
      const hidden = refs[`${kind}-BPL-${GUEST.id}`]!;
      const theirs = refs[`${kind}-SC-${GUEST.id}`]!;
      const [refused] = await bot.say(hidden, { from: GUEST });
      expect(cardText(refused), hidden)
        .to.match(/^No (action|risk|sign-off) /)
        .and.contain('There is no');
      const [opened] = await bot.say(theirs, { from: GUEST });
      expect(cardText(opened), theirs).to.contain(theirs).and.not.match(/^No /);
    }
  });

  it('a guest clicking a card button for a ref of another place gets "no such record", and nothing changes', async () => {
    const hidden = refs[`action-BPL-${GUEST.id}`]!;
    const before = await bot.runtime.records.get('action', hidden);
    const card = await bot.click('action.view', { ref: hidden }, { from: GUEST });
    expect(cardText(card)).to.contain(`No action ${hidden}`);
    const update = await bot.click(
      'action.addUpdate',
      { ref: hidden, etag: before!.etag, updateText: 'Seen from outside' },
      { from: GUEST },
    );
    expect(cardText(update)).to.contain(`No action ${hidden}`);
    expect((await bot.runtime.records.get('action', hidden))!.etag).to.equal(before!.etag);
  });

  it('"my actions", "my risks" and "sign-offs" list only the guest\'s records in their places', async () => {
    const [actions] = await bot.say('my actions', { from: GUEST });
    const [risks] = await bot.say('my risks', { from: GUEST });
    const [signOffs] = await bot.say('sign-offs', { from: GUEST });
    const all = text([actions, risks, signOffs]);
    for (const kind of ['action', 'risk', 'signoff']) {
      expect(all, kind).to.contain(refs[`${kind}-SC-${GUEST.id}`]).and.not.contain(refs[`${kind}-BPL-${GUEST.id}`]);
    }
  });

  it("the risk register: the guest gets their own place's, and is told which they can see when they ask for another", async () => {
    const [mine] = await bot.say('risk register', { from: GUEST });
    expect(cardText(mine)).to.contain(refs[`risk-SC-${GUEST.id}`]).and.not.contain(refs[`risk-BPL-${GUEST.id}`]);
    const [blackpool] = await bot.say('risk register Blackpool', { from: GUEST });
    expect(cardText(blackpool))
      .to.contain('No register to show')
      .and.contain('You can see: South Cumbria')
      .and.not.contain(refs[`risk-BPL-${GUEST.id}`]);
  });

  it('the digest preview offers a guest only their place, and refuses another', async () => {
    const [chooser] = await bot.say('digest preview', { from: GUEST });
    const offered = JSON.stringify(chooser);
    expect(offered).to.contain('"place":"SC"').and.not.contain('"place":"BPL"');
    const [member] = await bot.say('digest preview', { from: ALEX });
    expect(JSON.stringify(member)).to.contain('"place":"SC"').and.contain('"place":"BPL"');
    const refused = await bot.click('digest.preview', { place: 'BPL' }, { from: GUEST });
    expect(cardText(refused)).to.contain('No digest to preview');
  });

  it("a user of another organisation's tenant is a guest too: in no partnership channel, they see none of their own records", async () => {
    const [actions] = await bot.say('my actions', { from: EXTERNAL });
    expect(cardText(actions)).to.not.contain(refs[`action-BPL-${EXTERNAL.id}`]);
    const [opened] = await bot.say(refs[`signoff-BPL-${EXTERNAL.id}`]!, { from: EXTERNAL });
    expect(cardText(opened)).to.match(/^No sign-off /);
    const [register] = await bot.say('risk register', { from: EXTERNAL });
    expect(cardText(register)).to.contain('No register to show');
  });

  it('a member of the tenant still sees every place', async () => {
    const [blackpool] = await bot.say('risk register Blackpool', { from: ALEX });
    expect(cardText(blackpool)).to.contain(refs[`risk-BPL-${GUEST.id}`]);
    const [opened] = await bot.say(refs[`action-BPL-${GUEST.id}`]!, { from: ALEX });
    expect(cardText(opened)).to.contain(refs[`action-BPL-${GUEST.id}`]).and.not.match(/^No /);
    const [signOffs] = await bot.say('sign-offs', { from: ALEX });
    expect(cardText(signOffs)).to.not.contain('Could not check');
  });

  it('when Teams does not say who is asking, nothing is shown and they are told why (never a member by default)', async () => {
    const NEWCOMER: Sender = { id: 'aad-new-lee', name: 'Lee Newcomer', teamsId: '29:new-lee' };
    bot.memberLookupsFailing.add(`a:personal-${NEWCOMER.id}`);
    try {
      for (const typed of [refs[`action-BPL-${GUEST.id}`]!, 'my actions', 'risk register Blackpool', 'sign-offs']) {
        const [card] = await bot.say(typed, { from: NEWCOMER });
        expect(cardText(card), typed).to.contain('Could not check who you are').and.not.contain(refs[`action-BPL-${GUEST.id}`]);
      }
    } finally {
      bot.memberLookupsFailing.delete(`a:personal-${NEWCOMER.id}`);
    }
    const [open] = await bot.say(refs[`action-BPL-${GUEST.id}`]!, { from: NEWCOMER });
    expect(cardText(open)).to.contain(refs[`action-BPL-${GUEST.id}`]).and.not.match(/^No /);
  });
});
