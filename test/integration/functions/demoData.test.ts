// The demo data a local run starts with: what a person trying the bot will find in each place.
import { expect } from 'chai';
import { DEMO_PEOPLE, loadDemoData } from '../../../functions/demoData.js';
import { londonToday } from '../../../records/dates.js';
import { PLACE_CODES } from '../../../records/places.js';
import { currentScore, isReviewOverdue } from '../../../records/risk.js';
import { BotHarness } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';

describe('Demo risks (Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  // Any day will do: the demo is built relative to the day it is loaded.
  for (const now of [new Date('2026-11-23T10:00:00Z'), new Date('2027-03-01T08:00:00Z')]) {
    describe(`loaded on ${londonToday(now)}`, () => {
      before(async () => {
        bot = await BotHarness.start({ clock: () => now });
        expect(await loadDemoData(bot.runtime, now)).to.equal(true);
      });
      after(async () => bot?.stop());

      for (const place of PLACE_CODES) {
        it(`${place} has 3–5 open risks with score history: one review overdue, one above appetite, one on the ICB register`, async () => {
          const risks = (await bot.runtime.records.listByPlace('risk', place, { openOnly: true })).map((s) => s.record);
          expect(risks.length).to.be.within(3, 5);
          expect(risks.some((r) => r.scoreHistory.length > 1)).to.equal(true);
          expect(risks.filter((r) => isReviewOverdue(r, now)).length, 'overdue').to.be.at.least(1);
          expect(risks.filter((r) => currentScore(r) > r.appetite.toleratedScore).length, 'above appetite').to.be.at.least(1);
          expect(risks.filter((r) => r.registerLevel === 'ICB_CORPORATE').length, 'escalated').to.equal(1);
        });
      }

      it('forums: each place’s board, the three Lancashire locality boards and Blackpool’s delivery group, each chair with a title', async () => {
        const names = async (place: 'BPL' | 'LAN') => (await bot.runtime.records.listByPlace('forum', place)).map((s) => s.record);
        const lan = await names('LAN');
        expect(lan.map((f) => f.locality).filter(Boolean)).to.have.members(['Central', 'North', 'East']);
        expect((await names('BPL')).map((f) => f.name)).to.include('Place Integration Deal Delivery Group');
        for (const f of [...lan, ...(await names('BPL'))]) for (const c of f.chairs) expect(c.title).to.not.equal('');
      });

      it('one Blackpool risk has a mitigating action, linked both ways', async () => {
        const risks = (await bot.runtime.records.listByPlace('risk', 'BPL', { openOnly: true })).map((s) => s.record);
        const linked = risks.filter((r) => r.linkedActions.length > 0);
        expect(linked).to.have.length(1);
        const action = await bot.runtime.records.get('action', linked[0]!.linkedActions[0]!);
        expect(action?.record.links.riskRef).to.equal(linked[0]!.ref);
      });

      it('the Playground user (Sam Patel) owns risks in several places, so “my risks” is not empty', async () => {
        const mine = await bot.runtime.records.listOpenRisksByOwner(DEMO_PEOPLE.sam.id);
        expect(new Set(mine.map((s) => s.record.place)).size).to.be.at.least(3);
        expect(mine, 'as the README says').to.have.length(5);
        expect(await bot.runtime.records.listOpenActionsByOwner(DEMO_PEOPLE.sam.id), 'as the README says').to.have.length(5);
        const [card] = await bot.say('my risks', { from: { ...DEMO_PEOPLE.sam } });
        expect(cardText(card)).to.contain(`Your open risks: ${mine.length}`);
      });
    });
  }
});
