import { expect } from 'chai';
import { previewNotVisibleCard, registerNotVisibleCard, viewerUnconfirmedCard } from '../../../cards/accessCards.js';
import { cardText, checkCard } from '../../support/cardCheck.js';

describe('What a guest is told about places they cannot see', () => {
  const cards = {
    'a register of another place': registerNotVisibleCard('BPL', ['LAN', 'SC']),
    'a register, with no place to see': registerNotVisibleCard(undefined, []),
    'a digest preview of another place': previewNotVisibleCard('BWD'),
    'a digest preview, with no place to see': previewNotVisibleCard(),
    'Teams not saying who is asking': viewerUnconfirmedCard(),
  };

  for (const [what, card] of Object.entries(cards)) {
    it(`${what}: an Adaptive Card 1.5 that parses with no warnings, under 40 KB, that says aloud what it shows`, () => {
      const report = checkCard(card);
      expect(report.warnings).to.deep.equal([]);
      expect(report.bytes).to.be.below(40 * 1024);
      expect(card.version).to.equal('1.5');
      expect(report.executeActions.every((a) => typeof a.verb === 'string' && a.verb.length > 0)).to.equal(true);
      const [heading, message] = cardText(card).split('\n');
      expect(card.speak).to.equal(`${heading}. ${message}`);
    });
  }

  it('names the places the guest can see, and the one they asked for', () => {
    expect(cardText(cards['a register of another place']))
      .to.contain('not the Blackpool risk register')
      .and.contain('You can see: Lancashire, South Cumbria');
    expect(cardText(cards['a register, with no place to see'])).to.not.contain('You can see');
    expect(cardText(cards['a digest preview of another place'])).to.contain('Blackburn with Darwen’s digest');
  });
});
