// The search results card: what a person sees after `find`, checked as Teams would parse it.
import { expect } from 'chai';
import { resultPreview, searchResultsCard } from '../../../cards/searchCards.js';
import { TIER } from '../../../records/search.js';
import { action } from '../../support/actionFixtures.js';
import { cardText, checkCard, describeTeamsCard, findInput } from '../../support/cardCheck.js';
import { risk } from '../../support/riskFixtures.js';
import { signOff } from '../../support/signOffFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const longTitle = (i: number) => `Workforce plan ${i}: ${'é'.repeat(250)}`;
const many = Array.from({ length: 25 }, (_, i) => ({
  record: action(NOW, { description: longTitle(i) }, `BPL-A-${String(i + 1).padStart(4, '0')}`),
  match: TIER.title,
}));
const mixed = [
  { record: risk(NOW, { title: 'Workforce gaps in community nursing' }, 'BPL-R-0004'), match: 'ref' as const },
  { record: action(NOW, { place: 'SC', description: 'Workforce plan for the neighbourhood teams' }, 'SC-A-0012'), match: TIER.title },
  { record: signOff(NOW, { place: 'LAN', title: 'Workforce strategy sign-off' }, 'LAN-S-0003'), match: TIER.body },
];

describe('search results card', () => {
  describeTeamsCard('search results card with 25 long results', () =>
    searchResultsCard({ query: 'workforce', results: many, more: 480, moreAtLeast: true }),
  );
  describeTeamsCard('search results card for a query it could not search', () =>
    searchResultsCard({
      query: '?!… 🙂',
      results: [],
      searched: false,
      notice: { text: 'There are no letters or numbers to search for.', style: 'attention' },
    }),
  );

  it("lists each result with its ref, kind, place, status and owner, and opens its card with the kind's own verb", () => {
    const card = searchResultsCard({ query: 'workforce', results: mixed });
    const text = cardText(card);
    expect(text).to.contain('3 found for “workforce”, best first');
    expect(text)
      .to.contain('BPL-R-0004 · Risk · Blackpool · Open')
      .and.contain('SC-A-0012 · Action · South Cumbria')
      .and.contain('LAN-S-0003 · Sign-off · Lancashire');
    expect(text).to.contain('Its reference, as typed.').and.contain('In its title.').and.contain('In its details, updates or notes.');
    const opens = checkCard(card).executeActions.filter((a) => a.verb !== 'search.find');
    expect(opens.map((a) => [a.verb, (a.data as { ref: string }).ref])).to.deep.equal([
      ['risk.view', 'BPL-R-0004'],
      ['action.view', 'SC-A-0012'],
      ['signoff.view', 'LAN-S-0003'],
    ]);
  });

  it('speaks what a sighted reader sees at a glance: how many, the first results, and how many more', () => {
    const card = searchResultsCard({ query: 'workforce', results: mixed, more: 7 });
    expect(card.speak).to.equal(
      'Find. 3 found for “workforce”, best first. BPL-R-0004, Workforce gaps in community nursing, risk, open. SC-A-0012, Workforce plan for the neighbourhood teams, action, open. LAN-S-0003, Workforce strategy sign-off, sign-off, awaiting decision. 7 more not listed.',
    );
  });

  it('keeps what was typed in a labelled box, with an error message, to search again', () => {
    const card = searchResultsCard({
      query: 'the and of',
      results: [],
      searched: false,
      notice: { text: 'Too common.', style: 'attention' },
    });
    const box = findInput(card, 'q')!;
    expect(box).to.include({ value: 'the and of', label: 'Words, a name or a ref' });
    expect(box.errorMessage).to.be.a('string').and.not.equal('');
    expect(cardText(card)).to.contain('Too common.').and.not.contain('Nothing found');
  });

  it('says "Nothing found" when a search found nothing', () => {
    expect(cardText(searchResultsCard({ query: 'zebra', results: [] }))).to.contain('Nothing found for “zebra”.');
  });

  it('past 40 KB, lists what fits and counts the rest in "N more"', () => {
    const huge = Array.from({ length: 25 }, (_, i) => ({
      record: action(NOW, { description: `${'Ω'.repeat(1990)} ${i}` }, `BPL-A-${String(i + 1).padStart(4, '0')}`),
      match: TIER.title,
    }));
    // Even at 160 characters a title, 25 results fit; so make the card's budget bite with more text per result.
    const card = searchResultsCard({ query: 'omega', results: huge, more: 10, moreAtLeast: true });
    const report = checkCard(card);
    expect(report.bytes).to.be.below(40 * 1024);
    const listed = report.executeActions.filter((a) => a.verb === 'action.view').length;
    expect(cardText(card)).to.contain(`At least ${10 + 25 - listed} more matches not listed`);
  });

  it('a message extension preview names the record and asks for its card when chosen', () => {
    expect(resultPreview(mixed[0]!.record, 'ref')).to.deep.equal({
      title: 'BPL-R-0004 · Workforce gaps in community nursing',
      text: 'Risk · Blackpool · Open · Owner Ruth Ellison',
      tap: { type: 'invoke', value: { ref: 'BPL-R-0004' } },
    });
  });
});
