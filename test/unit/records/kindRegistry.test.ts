// Contract tests generated from the kind registry (records/kinds.ts): whatever kinds there are,
// each is found by its ref and by a word of its title, and draws a search line and a shared card.
// A kind added to the registry without a sample here fails the type check below.
import { expect } from 'chai';
import { sharedCardOf } from '../../../bot/sharedCards.js';
import { recordLine, VIEW_VERB } from '../../../cards/kindCards.js';
import { resultLine } from '../../../cards/searchCards.js';
import { createForum } from '../../../records/forum.js';
import { createMeeting } from '../../../records/meeting.js';
import { KIND_LABELS, KIND_LETTER, RECORD_KINDS, type RecordKind } from '../../../records/kinds.js';
import type { RecordOf } from '../../../records/recordTypes.js';
import { formatRef, parseRef } from '../../../records/refs.js';
import { matchTier, parseQuery, searchDocument, terms, TIER } from '../../../records/search.js';
import { action, SECRETARY } from '../../support/actionFixtures.js';
import { checkCard, cardText } from '../../support/cardCheck.js';
import { risk } from '../../support/riskFixtures.js';
import { signOff } from '../../support/signOffFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');

function meeting(): RecordOf<'meeting'> {
  const t = createMeeting(
    { place: 'BPL', board: 'Blackpool Place Partnership Board', date: '2026-11-12', agenda: [] },
    'BPL-M-0002',
    SECRETARY,
    NOW,
  );
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

/** One record of every kind: the compiler asks for a new kind's sample here. */
const SAMPLES: { [K in RecordKind]: () => RecordOf<K> } = {
  action: () => action(NOW, { description: 'Agree the neighbourhood falls pathway with the council' }, 'BPL-A-0007'),
  risk: () => risk(NOW, { title: 'Community nursing vacancies in the winter months' }, 'BPL-R-0004'),
  signoff: () => signOff(NOW, { title: 'Better Care Fund quarterly return' }, 'BPL-S-0003'),
  meeting,
  forum: () => {
    const t = createForum(
      {
        place: 'LAN',
        name: 'Central Lancashire Partnership Board',
        locality: 'Central',
        chairs: [{ id: 'aad-judith', name: 'Judith Mills', title: 'Central Lancashire Partnership Independent Chair' }],
        rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
        startTime: '14:00',
        reportingLines: [{ to: 'place-board', name: 'Lancashire Place Partnership Board' }],
      },
      'LAN-F-0002',
      SECRETARY,
      NOW,
    );
    if (!t.ok) throw new Error(t.refusal.message);
    return t.record;
  },
};

const deps = {
  clock: () => NOW,
  places: { riskPolicyOf: async () => ({ escalationThreshold: 15, defaultAppetite: 'moderate' as const }) },
} as unknown as Parameters<typeof sharedCardOf>[2];

describe('Every kind of record, from the registry (records/kinds.ts)', () => {
  it('each kind has its own ref letter, and the ref pattern reads every letter back to its kind', () => {
    const letters = RECORD_KINDS.map((k) => KIND_LETTER[k]);
    expect(new Set(letters).size).to.equal(letters.length);
    for (const kind of RECORD_KINDS) expect(parseRef(formatRef('SC', kind, 42))).to.deep.equal({ place: 'SC', kind, n: 42 });
  });

  for (const kind of RECORD_KINDS) {
    describe(`a ${KIND_LABELS[kind].noun}`, () => {
      const record = SAMPLES[kind]();

      it('is of its kind', () => expect(record.kind).to.equal(kind));

      it('is found by its ref, as typed in "find"', () => {
        const parsed = parseQuery(record.ref.toLowerCase());
        expect(parsed.ok).to.equal(true);
        if (parsed.ok) expect(parsed.query.ref).to.equal(record.ref);
      });

      it('is found by a word of its title', () => {
        // A word that is a search word of its own, not a filter (a place or a kind).
        const words = searchDocument(record)
          .title.split(/\s+/)
          .filter((w) => w.length > 4 && terms(w).length > 0);
        const word = words.find((w) => {
          const parsed = parseQuery(w);
          return parsed.ok && !parsed.query.place && !parsed.query.kind;
        });
        expect(word, `a word of “${searchDocument(record).title}”`).to.be.a('string');
        const parsed = parseQuery(word!);
        if (parsed.ok) expect(matchTier(record, parsed.query), word).to.equal(TIER.title);
      });

      it('is narrowed to by its kind’s word in a search ("find <word> <plural>")', () => {
        const parsed = parseQuery(`anything ${KIND_LABELS[kind].plural}`);
        expect(parsed.ok && parsed.query.kind).to.equal(kind);
      });

      it('draws a search result line that opens it with its view verb', () => {
        const line = resultLine(record, 'ref');
        expect(line).to.include({ ref: record.ref, kind: KIND_LABELS[kind].title, verb: VIEW_VERB[kind] });
        expect(recordLine(record).title).to.not.equal('');
        expect(recordLine(record).status).to.be.a('string').and.not.equal('');
      });

      it('draws a shared card that passes the Adaptive Cards checks and names it', async () => {
        const card = await sharedCardOf({ record, etag: 'W/"1"' }, { text: 'Shared.', style: 'accent' }, deps);
        expect(checkCard(card).warnings).to.deep.equal([]);
        expect(cardText(card)).to.contain(record.ref);
      });
    });
  }
});
