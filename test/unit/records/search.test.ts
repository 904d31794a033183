// Search, pure: words, stems, what a query means, and ranking with an early stop.
import { expect } from 'chai';
import fc from 'fast-check';
import {
  fold,
  indexTerms,
  matchTier,
  MAX_QUERY_CHARS,
  parseQuery,
  rankKey,
  searchDocument,
  terms,
  TIER,
  type SearchQuery,
} from '../../../records/search.js';
import { RankedIntersection, type IndexHit, type ListId } from '../../../records/searchRanking.js';
import type { PlaceCode } from '../../../records/places.js';
import { action } from '../../support/actionFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');

function query(text: string): SearchQuery {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.query;
}
function problem(text: string): string {
  const parsed = parseQuery(text);
  if (parsed.ok) throw new Error(`"${text}" was accepted`);
  return parsed.problem;
}

describe('search: words and stems', () => {
  it('folds case and diacritics: Café, DÉJÀ and Straße are cafe, deja and strasse', () => {
    expect(fold('Café DÉJÀ Straße Ærø')).to.equal('cafe deja strasse aero');
    expect(terms('Café')).to.deep.equal(terms('cafe'));
  });

  it('drops a small list of stop words and one-letter words, and keeps words that carry meaning here', () => {
    expect(terms('What did we agree about the BCF?')).to.deep.equal(['agre', 'bcf']);
    expect(terms('a b c')).to.deep.equal([]);
    expect(terms('care plan need first')).to.deep.equal(['care', 'plan', 'need', 'first']);
  });

  it('stems simply, so plural and -ing forms meet: schedules/schedule, nursing/nurse, agencies/agency', () => {
    expect(terms('schedules')).to.deep.equal(terms('schedule'));
    expect(terms('agencies')).to.deep.equal(terms('agency'));
    expect(terms('discharged')).to.deep.equal(terms('discharge'));
    expect(terms('section 75 s75 2026')).to.deep.equal(['section', '75', 's75', '2026']);
  });

  it('indexes title words first, then people and tags, then the body by frequency, at most 48', () => {
    const a = action(NOW, { description: 'Agree the BCF schedule', links: { priority: 'BCF' } });
    const doc = searchDocument(a);
    const t = indexTerms(doc);
    expect(t.slice(0, 3)).to.deep.equal([
      { term: 'agre', tier: TIER.title },
      { term: 'bcf', tier: TIER.title },
      { term: 'schedul', tier: TIER.title },
    ]);
    expect(t).to.deep.include({ term: 'ruth', tier: TIER.people });
    const long = searchDocument(action(NOW, { description: Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ') }));
    expect(indexTerms(long)).to.have.length(48);
  });

  it('property: indexing a record and then searching its own title finds it (titles without a kind or place name, which are filters)', () => {
    const pool = [
      'Workforce',
      'gaps',
      'in',
      'community',
      'nursing',
      'BCF',
      'section',
      '75',
      'schedule',
      'Café',
      'réablement',
      'the',
      'of',
      'discharge',
      'to',
      'assess',
      'winter',
      'pressures',
      'GP',
      'estates',
      'Straße',
      'agencies',
      'mental',
      'health',
      'co-ordinators',
      '2026/27',
      'A&E',
      'x',
      'p',
    ];
    const word = fc.oneof(fc.constantFrom(...pool), fc.stringMatching(/^[A-Za-zÀ-ÿ0-9]{1,12}$/));
    const filterWord = /^(actions?|risks?|sign|offs?|signoffs?|open|all|bpl|bwd|lan|sc|blackpool|blackburn|lancashire|south|cumbria)$/i;
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 12 }).filter((ws) => ws.every((w) => !filterWord.test(fold(w)))),
        fc.constantFrom(' ', ', ', ' – ', '; '),
        (words, sep) => {
          const title = words.join(sep);
          const parsed = parseQuery(title);
          if (!parsed.ok) return true; // only stop words or one letter: nothing to search for (tested below)
          const a = action(NOW, { description: title });
          const indexed = indexTerms(searchDocument(a)).map((t) => t.term);
          for (const t of parsed.query.terms) expect(indexed, title).to.include(t);
          if (parsed.query.prefix)
            expect(
              indexed.some((t) => t.startsWith(parsed.query.prefix!)),
              title,
            ).to.equal(true);
          expect(matchTier(a, parsed.query), title).to.equal(TIER.title);
          return true;
        },
      ),
      { seed: 1812, numRuns: 300 },
    );
  });
});

describe('search: reading what was typed', () => {
  it('reads a kind, a place, a person and a priority: find risks workforce Blackpool, find actions Helen Price, find BCF', () => {
    expect(query('risks workforce Blackpool')).to.include({ kind: 'risk', place: 'BPL', openOnly: false });
    expect(query('risks workforce Blackpool').terms).to.deep.equal(['workforc']);
    expect(query('actions Helen Price')).to.deep.include({ kind: 'action', terms: ['helen'], prefix: 'price' });
    expect(query('BCF')).to.deep.include({ terms: [], prefix: 'bcf' });
    expect(query('open sign-offs Blackburn with Darwen terms')).to.deep.include({
      kind: 'signoff',
      place: 'BWD',
      openOnly: true,
      prefix: 'term',
    });
    expect(query('South Cumbria estates')).to.include({ place: 'SC' });
  });

  it('a ref is looked up as a ref, even typed short or in lower case', () => {
    expect(query('bpl-a-7')).to.include({ ref: 'BPL-A-0007' });
    expect(query('BPL-R-0004 workforce')).to.deep.include({ ref: 'BPL-R-0004', prefix: 'workforc' });
  });

  it('the last word is a prefix only when typed last: "work" finds workforce, "work " does not', () => {
    expect(query('work')).to.deep.include({ prefix: 'work', terms: [] });
    expect(query('work ')).to.deep.include({ prefix: 'work' }); // trimmed: still the last word as typed
    expect(query('work?')).to.deep.include({ terms: ['work'] });
  });

  it('a word cut off inside its suffix still finds its word: "nursin" finds nursing (indexed as nurs)', () => {
    const q = query('community nursin');
    expect(q.prefixRoots).to.include('nurs');
    const a = action(NOW, { description: 'Community nursing caseloads' });
    expect(matchTier(a, q)).to.equal(TIER.title);
    expect(matchTier(action(NOW, { description: 'Community nutrition' }), q)).to.equal(undefined);
  });

  it('empty: asks for words, with examples', () => {
    expect(problem('')).to.contain('Type what to find').and.contain('find BCF');
    expect(problem('   ')).to.contain('Type what to find');
  });

  it('one character: asks for at least two', () => {
    expect(problem('x')).to.contain('at least 2 letters or digits');
  });

  it('only stop words: says they are too common and asks for a more specific word', () => {
    expect(problem('the and of')).to.contain('too common to search for');
  });

  it('punctuation and emoji only: says there is nothing to search for', () => {
    expect(problem('?!… 🙂🎉 ***')).to.contain('no letters or numbers');
  });

  it('only filters: asks for a word as well', () => {
    expect(problem('risks Blackpool')).to.contain('Add a word to find as well as a kind and a place');
  });

  it('500 characters: searches the first 200 and at most 5 words, and says so', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`)
      .join(' ')
      .slice(0, 500);
    const q = query(long);
    expect(q.text).to.have.length(MAX_QUERY_CHARS);
    expect(q.terms.length + (q.prefix ? 1 : 0)).to.equal(5);
    expect(q.notes.join(' ')).to.contain('Only the first 200 of the 500 characters').and.contain('Only the first 5 words');
  });

  it('OData-looking text is only ever plain words of letters and digits', () => {
    const q = query("' or 1 eq 1");
    expect([...q.terms, q.prefix ?? '']).to.satisfy((ws: string[]) => ws.every((w) => /^[a-z0-9]*$/.test(w)));
    const r = query("x' or PartitionKey ne '");
    expect(r.terms.concat(r.prefix ?? []).join(' ')).to.equal('partitionkei ne');
  });
});

describe('search: ranking with an early stop', () => {
  const key = (tier: '1' | '2' | '3', day: number, ref: string) => rankKey(tier, `2026-11-${String(day).padStart(2, '0')}T09:00:00Z`, ref);

  it('orders title before people before body, newest first within each', () => {
    expect(key('1', 1, 'BPL-A-0001') < key('2', 20, 'BPL-A-0002')).to.equal(true);
    expect(key('1', 20, 'BPL-A-0002') < key('1', 1, 'BPL-A-0001')).to.equal(true);
  });

  it('one word in 20,000 records: after the first page the best 25 are final, and reading stops', () => {
    const list: ListId = { place: 'BPL', term: 0, word: 'workforc' };
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      ref: `BPL-A-${String(i + 1).padStart(5, '0')}`,
      key: rankKey('1', new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), `BPL-A-${i}`),
    })).sort((a, b) => (a.key < b.key ? -1 : 1));
    const m = new RankedIntersection(1, ['BPL']);
    m.open(list);
    const page = rows.slice(0, 50);
    m.add(list, page, page.at(-1)!.key, false);
    expect(m.settled().length).to.be.at.least(25);
    expect(
      m
        .settled()
        .slice(0, 25)
        .map((s) => s.ref),
    ).to.deep.equal(rows.slice(0, 25).map((r) => r.ref));
    expect(m.exhausted()).to.equal(false);
  });

  it('two words: a record seen under only one word is not a match, and nothing unread can overtake a settled one', () => {
    const a: ListId = { place: 'BPL', term: 0, word: 'bcf' };
    const b: ListId = { place: 'BPL', term: 1, word: 'schedul' };
    const m = new RankedIntersection(2, ['BPL']);
    m.open(a);
    m.open(b);
    m.add(
      a,
      [
        { ref: 'R1', key: key('1', 20, 'R1') },
        { ref: 'R2', key: key('1', 19, 'R2') },
      ],
      key('1', 19, 'R2'),
      false,
    );
    m.add(b, [{ ref: 'R2', key: key('1', 19, 'R2') }], key('1', 19, 'R2'), false);
    expect(m.settled().map((s) => s.ref)).to.deep.equal(['R2']);
    m.add(b, [{ ref: 'R1', key: key('3', 20, 'R1') }], key('3', 20, 'R1'), true);
    m.add(a, [], undefined, true);
    expect(m.matches().map((s) => s.ref)).to.deep.equal(['R2', 'R1']);
  });

  it('a word with no rows in a place stops the reading of that place’s other words', () => {
    const common: ListId = { place: 'BPL', term: 0, word: 'workforc' };
    const rare: ListId = { place: 'BPL', term: 1, word: 'zebra' };
    const m = new RankedIntersection(2, ['BPL']);
    m.open(common);
    m.open(rare);
    m.add(common, [{ ref: 'R1', key: key('1', 20, 'R1') }], key('1', 20, 'R1'), false);
    expect(m.pending()).to.have.length(2);
    m.add(rare, [], undefined, true);
    expect(m.pending()).to.deep.equal([]);
    expect(m.exhausted()).to.equal(true);
    expect(m.matches()).to.deep.equal([]);
  });

  it('property: whatever the pages, what is settled is always the start of the full ranking', () => {
    const places: PlaceCode[] = ['BPL', 'SC'];
    const record = fc.record({
      place: fc.constantFrom(...places),
      day: fc.integer({ min: 1, max: 28 }),
      tiers: fc.array(fc.option(fc.constantFrom('1', '2', '3') as fc.Arbitrary<'1' | '2' | '3'>, { nil: undefined }), {
        minLength: 2,
        maxLength: 2,
      }),
    });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 0, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        (recs, pageSizes) => {
          const lists = new Map<string, { id: ListId; rows: IndexHit[] }>();
          const truth: Array<{ ref: string; key: string }> = [];
          recs.forEach((r, i) => {
            const ref = `${r.place}-A-${String(i + 1).padStart(4, '0')}`;
            const keys = r.tiers.map((t) => (t ? key(t, r.day, ref) : undefined));
            keys.forEach((k, term) => {
              if (!k) return;
              const id = `${r.place}|${term}`;
              const l = lists.get(id) ?? { id: { place: r.place, term, word: `w${term}` }, rows: [] };
              l.rows.push({ ref, key: k });
              lists.set(id, l);
            });
            if (keys.every(Boolean)) truth.push({ ref, key: (keys as string[]).reduce((m, k) => (k > m ? k : m)) });
          });
          truth.sort((x, y) => (x.key < y.key ? -1 : 1));
          const m = new RankedIntersection(2, places);
          const ids: ListId[] = [];
          for (const place of places)
            for (const term of [0, 1]) {
              const l = lists.get(`${place}|${term}`) ?? { id: { place, term, word: `w${term}` }, rows: [] };
              l.rows.sort((x, y) => (x.key < y.key ? -1 : 1));
              lists.set(`${place}|${term}`, l);
              ids.push(l.id);
              m.open(l.id);
            }
          const read = new Map<ListId, number>();
          for (let round = 0; m.pending().length; round++) {
            const size = pageSizes[round % pageSizes.length]!;
            for (const id of m.pending()) {
              const l = lists.get(`${id.place}|${id.term}`)!;
              const from = read.get(id) ?? 0;
              const page = l.rows.slice(from, from + size);
              read.set(id, from + page.length);
              m.add(id, page, page.at(-1)?.key, from + page.length >= l.rows.length);
            }
            const settled = m.settled();
            expect(settled.map((s) => s.ref)).to.deep.equal(truth.slice(0, settled.length).map((t) => t.ref));
          }
          expect(m.matches().map((s) => s.ref)).to.deep.equal(truth.map((t) => t.ref));
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });
});
