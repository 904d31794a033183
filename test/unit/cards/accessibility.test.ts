// Every card the app can produce (test/support/cardGallery.ts), checked as Teams parses it and as a
// screen reader or Immersive Reader user meets it.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { accessibilityProblems, describeTeamsCard } from '../../support/cardCheck.js';
import { CARD_GALLERY } from '../../support/cardGallery.js';
import { speech, SPEAK_MAX } from '../../../cards/text.js';

describe('Every card, for people who cannot see it', () => {
  it('the gallery holds every template in cards/templates, each under a distinct name', () => {
    const templates = readdirSync(join(__dirname, '../../../cards/templates')).map((f) => f.replace(/\.json$/, ''));
    expect([...new Set(CARD_GALLERY.map((c) => c.template))].sort()).to.deep.equal(templates.sort());
    expect(new Set(CARD_GALLERY.map((c) => c.name)).size).to.equal(CARD_GALLERY.length);
  });

  for (const { name, build } of CARD_GALLERY) {
    it(`${name}: speaks what it shows, labels every input with an error message, gives every image alt text and every chart a fallback`, () => {
      expect(accessibilityProblems(build())).to.deep.equal([]);
    });
  }
});

describe('Every card, as Teams parses it', () => {
  for (const { name, build } of CARD_GALLERY) describeTeamsCard(name, build);
});

describe('What a card says aloud (speak)', () => {
  const speakOf = (name: string) => String(CARD_GALLERY.find((c) => c.name === name)!.build().speak);

  it('a risk card says its ref, title, current score, band, appetite and an overdue review, as a sighted reader sees them', () => {
    expect(speakOf('risk card, shared view')).to.match(
      /^BPL-R-0004, Workforce gaps in community nursing, current score 20, Extreme, above appetite, review overdue\. Target 6 Moderate\./,
    );
  });

  it('an action card says its RAG in words, the owner and the due date', () => {
    expect(speakOf('action card, read only')).to.contain('Amber, due soon').and.contain('Owner Ruth Ellison, due Thu 3 Dec 2026');
  });

  it('a form says what it is for and each problem on it', () => {
    expect(speakOf('action form with problems, input kept')).to.equal(
      'Log an action: a form for who does what by when. Some details need attention. Description is required. The due date must be today or later.',
    );
    expect(speakOf('risk form with problems, input kept')).to.contain('The target score (9) cannot be higher than the current score (6).');
  });

  it('lists and the digest say their totals and the RAG or band split in words', () => {
    expect(speakOf('my actions')).to.contain('By RAG: 1 red, overdue; 2 amber, due soon.');
    expect(speakOf('risk register')).to.contain('By band: 2 Extreme, 0 High, 0 Moderate, 0 Low.');
    expect(speakOf('weekly digest')).to.contain('Open actions: 3 (1 red, overdue; 2 amber, due soon).').and.contain('Overdue actions: 1');
    expect(speakOf('sign-off card, approver’s view')).to.contain('Awaiting decision').and.contain('You are an approver.');
  });

  it('user text cannot turn into speech markup, and a long title is cut', () => {
    expect(speech('R&D <break time="5s"/> plan')).to.equal('R and D break time="5s"/ plan.');
    expect(speech('x'.repeat(5000)).length).to.be.at.most(SPEAK_MAX);
    expect(speech('', undefined, false, 'Only this')).to.equal('Only this.');
  });
});
