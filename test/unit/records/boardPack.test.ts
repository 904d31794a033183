import { expect } from 'chai';
import fc from 'fast-check';
import { LINK_LIFETIME_MS, mayDownload, mayMakeBoardPack, newFileLink, whoMayMakeBoardPack } from '../../../records/packAccess.js';
import type { Person } from '../../../records/people.js';
import { PLACE_CODES, type PlaceCode } from '../../../records/places.js';

const RUNS = { numRuns: 300, seed: 1717 };
const SAM: Person = { id: 'aad-sam', name: 'Sam Patel' };
const HELEN: Person = { id: 'aad-helen', name: 'Helen Price' };
const IMRAN: Person = { id: 'aad-imran', name: 'Imran Shah' };
const TOKEN = 'x'.repeat(43);
const NOW = new Date('2026-12-03T10:00:00Z');

/** A small cast, so generated settings often name the person who asks. */
const person = fc.constantFrom<Person>(
  SAM,
  HELEN,
  IMRAN,
  { id: 'aad-ruth', name: 'Ruth Ellison' },
  { id: 'aad-tom', name: 'Tom Whitfield' },
);
const people = fc.uniqueArray(person, { selector: (p) => p.id, maxLength: 4 });
const settings = fc.record({ chairs: people, approvers: people, admins: people });
const place = fc.constantFrom<PlaceCode>(...PLACE_CODES);

describe('who may have a place’s board pack made', () => {
  it('exactly the place’s chairs and admins, as a relation between people: approvers and everyone else may not', () => {
    fc.assert(
      fc.property(settings, person, place, (s, asker, p) => {
        const allowed = mayMakeBoardPack({ id: asker.id, guest: false }, p, s).ok;
        const isChairOrAdmin = s.chairs.some((c) => c.id === asker.id) || s.admins.some((a) => a.id === asker.id);
        expect(allowed).to.equal(isChairOrAdmin);
      }),
      RUNS,
    );
  });

  it('anyone refused is told the names of exactly those who can', () => {
    fc.assert(
      fc.property(settings, person, place, (s, asker, p) => {
        const answer = mayMakeBoardPack({ id: asker.id, guest: false }, p, s);
        if (answer.ok) return;
        const who = whoMayMakeBoardPack(s);
        for (const name of who.map((x) => x.name)) expect(answer.reason).to.contain(name);
        for (const other of [SAM, HELEN, IMRAN].filter((x) => !who.some((w) => w.id === x.id)))
          expect(answer.reason).not.to.contain(other.name);
      }),
      RUNS,
    );
  });

  it('says so in words a person can act on', () => {
    const answer = mayMakeBoardPack({ id: IMRAN.id, guest: false }, 'BPL', { chairs: [HELEN], admins: [SAM, HELEN] });
    expect(answer).to.deep.equal({
      ok: false,
      reason: 'Only a chair or admin of Blackpool can have its board pack made. Ask Helen Price or Sam Patel.',
    });
    const none = mayMakeBoardPack({ id: IMRAN.id, guest: false }, 'SC', undefined);
    expect(none).to.deep.equal({
      ok: false,
      reason: 'Only a chair or admin of South Cumbria can have its board pack made, and South Cumbria has none yet: its setup names them.',
    });
  });

  it('for a forum’s meeting, also exactly that forum’s chairs and secretary (a locality board’s chair need not chair the place); no one else', () => {
    const forum = fc.record({
      name: fc.constant('Central Lancashire Partnership Board'),
      chairs: people,
      secretary: fc.option(person, { nil: undefined }),
    });
    fc.assert(
      fc.property(settings, forum, person, (s, f, asker) => {
        const allowed = mayMakeBoardPack({ id: asker.id, guest: false }, 'LAN', s, {
          ...f,
          chairs: f.chairs.map((c) => ({ ...c, title: 'Chair' })),
        }).ok;
        const expected =
          s.chairs.some((c) => c.id === asker.id) ||
          s.admins.some((a) => a.id === asker.id) ||
          f.chairs.some((c) => c.id === asker.id) ||
          f.secretary?.id === asker.id;
        expect(allowed).to.equal(expected);
      }),
      RUNS,
    );
    const refused = mayMakeBoardPack(
      { id: IMRAN.id, guest: false },
      'LAN',
      { chairs: [HELEN], admins: [SAM] },
      {
        name: 'Central Lancashire Partnership Board',
        chairs: [{ ...HELEN, title: 'Independent Chair' }],
        secretary: { id: 'aad-ruth', name: 'Ruth Ellison' },
      },
    );
    expect(refused).to.deep.equal({
      ok: false,
      reason:
        'Only a chair or admin of Lancashire, or the secretary or a chair of Central Lancashire Partnership Board, can have this board pack made. Ask Helen Price, Sam Patel or Ruth Ellison.',
    });
  });

  it('a guest who is an admin of a place, but not in that place’s channel, may not (records/access.ts decides what they see)', () => {
    const s = { chairs: [], admins: [SAM] };
    expect(mayMakeBoardPack({ id: SAM.id, guest: true, guestOfPlaces: ['SC'] }, 'BPL', s).ok).to.equal(false);
    expect(mayMakeBoardPack({ id: SAM.id, guest: true, guestOfPlaces: ['BPL'] }, 'BPL', s).ok).to.equal(true);
  });
});

describe('a download link', () => {
  const link = newFileLink(TOKEN, 'BPL', 'actionLogCsv', SAM, NOW);

  it('works for 15 minutes from when it was made, and not a moment longer', () => {
    expect(link.expiresAt).to.equal('2026-12-03T10:15:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * LINK_LIFETIME_MS }), (ms) => {
        expect(mayDownload(link, { principalId: SAM.id }, true, new Date(NOW.getTime() + ms))).to.equal(ms < LINK_LIFETIME_MS);
      }),
      RUNS,
    );
  });

  it('behind sign-in, only for the person it was made for (the object id, whatever its case)', () => {
    expect(mayDownload(link, { principalId: SAM.id }, true, NOW)).to.equal(true);
    expect(mayDownload(link, { principalId: 'AAD-SAM' }, true, NOW)).to.equal(true);
    expect(mayDownload(link, { principalId: HELEN.id }, true, NOW)).to.equal(false);
    expect(mayDownload(link, {}, true, NOW), 'nobody signed in').to.equal(false);
  });

  it('without sign-in in front (the local run, loopback only) the token alone will do, but a named other person is still refused', () => {
    expect(mayDownload(link, {}, false, NOW)).to.equal(true);
    expect(mayDownload(link, { principalId: HELEN.id }, false, NOW)).to.equal(false);
  });

  it('an unknown link is refused', () => {
    expect(mayDownload(undefined, { principalId: SAM.id }, true, NOW)).to.equal(false);
  });

  it('refuses to be made with a token that is not 43 URL-safe characters', () => {
    expect(() => newFileLink('short', 'BPL', 'actionLogCsv', SAM, NOW)).to.throw();
    expect(() => newFileLink(`${'x'.repeat(42)}/`, 'BPL', 'actionLogCsv', SAM, NOW)).to.throw();
  });
});
