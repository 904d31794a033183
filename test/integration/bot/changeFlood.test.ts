// A flood of changes from one person in one place (issue 27, finding 4): every attempt, saved or
// refused, counts; the 121st in 10 minutes is refused with a line saying when to try again, the
// typed text kept; the digest reads only refs and kinds from the week's events.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { CHANGE_RATE } from '../../../records/changeRate.js';
import { addDays, londonToday } from '../../../records/dates.js';
import { ALEX, actionData, BotHarness } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';

describe('A flood of changes is refused past 120 in 10 minutes (bot + Azurite)', function () {
  this.timeout(120_000);
  let bot: BotHarness;
  let now = new Date('2026-11-23T10:00:00Z');

  before(async () => {
    bot = await BotHarness.start({ clock: () => now });
  });
  after(async () => bot?.stop());

  it('the 121st change in 10 minutes (refused attempts included) is refused, saying when to try again, with the text kept; 10 minutes on it is let through', async () => {
    const created = await bot.click('action.create', {
      place: 'BPL',
      description: 'Agree the delivery group terms of reference.',
      owner: ALEX.id,
      dueDate: addDays(londonToday(now), 30),
      people: [{ id: ALEX.id, name: ALEX.name }],
      formId: randomUUID(),
    });
    let data = actionData(created, 'action.addUpdate');
    // Half saved, half refused (a card without its ETag is out of date): all count.
    for (let i = 0; i < CHANGE_RATE.max; i++) {
      if (i % 2) {
        await bot.click('action.addUpdate', { ref: data.ref, updateText: `stale ${i}` });
      } else {
        const card = await bot.click('action.addUpdate', { ...data, updateText: `update ${i} ${'u'.repeat(1000)}` });
        expect(cardText(card), `change ${i}`).to.contain('Update saved');
        data = actionData(card, 'action.addUpdate');
      }
    }
    const refused = await bot.click('action.addUpdate', { ...data, updateText: 'One more' });
    expect(cardText(refused))
      .to.contain(`You have made ${CHANGE_RATE.max} changes in Blackpool in the last 10 minutes`)
      .and.contain('try again after');
    expect(findInput(refused, 'updateText')?.value).to.equal('One more');
    const stored = (await bot.runtime.records.get('action', data.ref as string))!;
    expect(stored.record.updates).to.have.length(CHANGE_RATE.max / 2);
    now = new Date(now.getTime() + 10 * 60_000 + 1000);
    const later = await bot.click('action.addUpdate', { ...actionData(refused, 'action.addUpdate'), updateText: 'After the wait' });
    expect(cardText(later)).to.contain('Update saved');
  });

  it('the digest reads only the ref and kind of the week’s events (select), whatever the events hold', async () => {
    const changed = await bot.runtime.records.changedRefsBetween('BPL', '2026-11-16T00:00:00Z', '2026-11-30T00:00:00Z');
    expect(changed).to.have.length(1);
    expect(Object.keys(changed[0]!).sort()).to.deep.equal(['kind', 'ref']);
    expect(changed[0]).to.deep.equal({ ref: 'BPL-A-0001', kind: 'action' });
  });
});
