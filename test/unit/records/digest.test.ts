import { expect } from 'chai';
import { digestCard, mentionEntities } from '../../../cards/digestCard.js';
import { composeDigest, DIGEST_SECTION_LIMIT, QUIET_WEEK, type Digest } from '../../../records/digest.js';
import { checkCard, cardText } from '../../support/cardCheck.js';
import { actionAt, sourcesFor, weekOfRecords } from './digestFixtures.js';

const section = (d: Digest, id: string) => d.sections.find((s) => s.id === id);
const refs = (d: Digest, id: string) => section(d, id)?.groups.flatMap((g) => g.items.map((i) => i.ref)) ?? [];

describe('weekly digest composition', () => {
  const records = weekOfRecords();
  const digest = composeDigest(sourcesFor(records));

  it('names the place and the week, and what it covers', () => {
    expect(digest.title).to.equal('Blackpool: weekly digest');
    expect(digest.subtitle).to.equal('Week of Monday 23 November 2026 · changes since Mon 16 Nov 2026');
  });

  it('lists actions raised this week as new, grouped under their place priority', () => {
    expect(refs(digest, 'newActions')).to.deep.equal(['BPL-A-0010']);
    expect(section(digest, 'newActions')!.groups[0]!.label).to.equal('Better Care Fund and section 75/256 agreements');
  });

  it('lists actions closed this week with the decision and the "You said, we did" outcome', () => {
    const item = section(digest, 'closedActions')!.groups[0]!.items[0]!;
    expect(item.ref).to.equal('BPL-A-0003');
    expect(item.detail).to.equal('Closed: Board, 19 Nov');
    expect(item.note).to.equal('You said: Build on existing partnerships. We did: Used the district partnerships.');
  });

  it('leaves out an action closed in an earlier week', () => {
    const d = composeDigest(sourcesFor(records, { changed: { actions: [records.oldClosed], risks: [], signOffs: [] } }));
    expect(section(d, 'closedActions')).to.equal(undefined);
  });

  it('lists overdue actions with owner and days overdue, and @mentions their owners', () => {
    const item = section(digest, 'overdueActions')!.groups[0]!.items[0]!;
    expect(item.ref).to.equal('BPL-A-0002');
    expect(item.detail).to.equal('Olu Owen · 13 days overdue (due Tue 10 Nov 2026)');
    expect(digest.mentions).to.deep.equal([{ id: 'u-owner', name: 'Olu Owen' }]);
  });

  it('lists actions due in the next 14 days, soonest first as the store gives them', () => {
    expect(refs(digest, 'dueActions')).to.have.members(['BPL-A-0010', 'BPL-A-0004']);
  });

  it('puts each risk under its most serious reason: escalated, above appetite, overdue for review', () => {
    expect(refs(digest, 'newRisks')).to.deep.equal(['BPL-R-0009']);
    expect(refs(digest, 'escalatedRisks')).to.deep.equal(['BPL-R-0009']);
    expect(refs(digest, 'aboveAppetite')).to.deep.equal(['BPL-R-0002']);
    expect(refs(digest, 'reviewOverdue')).to.deep.equal(['BPL-R-0003']);
  });

  it('lists sign-offs awaiting a decision (approvers, due by) and those decided this week (outcome, conditions)', () => {
    const waiting = section(digest, 'awaitingDecision')!.groups[0]!.items[0]!;
    expect(waiting.ref).to.equal('BPL-S-0004');
    expect(waiting.detail).to.equal('Awaiting decision · Priya Patel · due by Mon 7 Dec 2026');
    const decided = section(digest, 'decided')!.groups[0]!.items[0]!;
    expect(decided.detail).to.equal('Approved with conditions by Priya Patel');
    expect(decided.note).to.contain('Report back in March.');
  });

  it('leaves empty sections out and says a quiet week in one line', () => {
    const quiet = composeDigest(
      sourcesFor(records, {
        changed: { actions: [], risks: [], signOffs: [] },
        overdueActions: [],
        dueActions: [],
        escalatedRisks: [],
        openSignOffs: [],
      }),
    );
    expect(quiet.sections).to.deep.equal([]);
    expect(quiet.quiet).to.equal(QUIET_WEEK);
    expect(section(composeDigest(sourcesFor(records, { openSignOffs: [] })), 'awaitingDecision')).to.equal(undefined);
    const card = digestCard(quiet);
    expect(checkCard(card).warnings).to.deep.equal([]);
    expect(cardText(card)).to.contain(QUIET_WEEK);
  });

  it('a locality channel gets its locality’s actions and Lancashire-wide ones, not other localities’', () => {
    const central = actionAt('LAN-A-0001', '2026-11-18T10:00:00Z', { place: 'LAN', locality: 'Central' });
    const east = actionAt('LAN-A-0002', '2026-11-18T10:00:00Z', { place: 'LAN', locality: 'East' });
    const wide = actionAt('LAN-A-0003', '2026-11-18T10:00:00Z', { place: 'LAN' });
    const d = composeDigest(
      sourcesFor(records, {
        place: 'LAN',
        placeName: 'Lancashire',
        locality: 'Central',
        changed: { actions: [central, east, wide], risks: [], signOffs: [] },
        overdueActions: [],
        dueActions: [],
        escalatedRisks: [],
        openSignOffs: [],
      }),
    );
    expect(d.title).to.equal('Central Lancashire: weekly digest');
    expect(refs(d, 'newActions')).to.deep.equal(['LAN-A-0001', 'LAN-A-0003']);
  });

  it('a locality channel’s digest leads with its locality: its own actions first in each section, also within the items shown, then the Lancashire-wide ones', () => {
    const wide = Array.from({ length: DIGEST_SECTION_LIMIT }, (_, i) =>
      actionAt(`LAN-A-${String(i + 1).padStart(4, '0')}`, '2026-10-01T10:00:00Z', { place: 'LAN', dueDate: '2026-11-02' }),
    );
    const central = actionAt('LAN-A-0100', '2026-10-01T10:00:00Z', { place: 'LAN', locality: 'Central', dueDate: '2026-11-10' });
    const d = composeDigest(
      sourcesFor(records, {
        place: 'LAN',
        placeName: 'Lancashire',
        locality: 'Central',
        changed: { actions: [], risks: [], signOffs: [] },
        overdueActions: [...wide, central],
        dueActions: [],
        escalatedRisks: [],
        openSignOffs: [],
      }),
    );
    expect(refs(d, 'overdueActions')[0]).to.equal('LAN-A-0100');
    expect(section(d, 'overdueActions')!.total).to.equal(DIGEST_SECTION_LIMIT + 1);
    expect(d.subtitle).to.contain("Central's first, then Lancashire-wide");
    const placeWide = composeDigest(sourcesFor(records, { place: 'LAN', placeName: 'Lancashire', overdueActions: [...wide, central] }));
    expect(refs(placeWide, 'overdueActions')).not.to.include('LAN-A-0100');
  });

  it(`shows at most ${DIGEST_SECTION_LIMIT} items a section, then "and N more"`, () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      actionAt(`BPL-A-${String(100 + i).padStart(4, '0')}`, '2026-10-01T10:00:00Z', { dueDate: '2026-11-02' }),
    );
    const d = composeDigest(sourcesFor(records, { overdueActions: many }));
    const s = section(d, 'overdueActions')!;
    expect(s.total).to.equal(30);
    expect(s.more).to.equal(30 - DIGEST_SECTION_LIMIT);
    expect(cardText(digestCard(d))).to.contain(`and ${30 - DIGEST_SECTION_LIMIT} more`);
  });
});

describe('weekly digest card', () => {
  const digest = composeDigest(sourcesFor());
  const card = digestCard(digest);

  it('parses in the official Adaptive Cards library with no warnings, version 1.5, under 40 KB', () => {
    const report = checkCard(card);
    expect(report.warnings).to.deep.equal([]);
    expect(card.version).to.equal('1.5');
    expect(report.bytes).to.be.below(40 * 1024);
    expect(JSON.stringify(card)).not.to.match(/\$\{|\$data|\$when/);
  });

  it('every ref opens its record: an Action.Execute with the kind’s view verb and an Action.Submit fallback', () => {
    const report = checkCard(card);
    const verbs = report.executeActions.map((a) => `${a.verb} ${(a.data as { ref: string }).ref}`);
    expect(verbs).to.include('action.view BPL-A-0002').and.include('risk.view BPL-R-0002').and.include('signoff.view BPL-S-0004');
    for (const a of report.executeActions) expect((a.fallback as { type: string }).type).to.equal('Action.Submit');
  });

  it('mentions are well-formed Teams mention entities whose text appears in the card', () => {
    const entities = (card.msteams as { entities: { type: string; text: string; mentioned: { id: string; name: string } }[] }).entities;
    expect(entities).to.deep.equal([{ type: 'mention', text: '<at>Olu Owen</at>', mentioned: { id: 'u-owner', name: 'Olu Owen' } }]);
    for (const e of entities) expect(JSON.stringify(card.body)).to.contain(e.text);
  });

  it('a name cannot break out of its mention (markup and markdown are dropped)', () => {
    const [e] = mentionEntities([{ id: 'x', name: 'Eve </at><at>Everyone **bold** [link](http://x)' }]);
    expect(e!.text).to.equal('<at>Eve atatEveryone bold linkhttpx</at>');
  });

  it('a place with 500 open items still gives a card under 40 KB', () => {
    const big = Array.from({ length: 500 }, (_, i) =>
      actionAt(`BPL-A-${String(i + 1).padStart(4, '0')}`, '2026-10-01T10:00:00Z', {
        description: 'x'.repeat(1900),
        owner: { id: `owner-${i}`, name: `Owner Number ${i} With A Long Name` },
        dueDate: '2026-11-02',
        links: { priority: (['POP_HEALTH', 'BCF', 'CHC'] as const)[i % 3] },
      }),
    );
    const d = composeDigest(
      sourcesFor(weekOfRecords(), { changed: { actions: big, risks: [], signOffs: [] }, overdueActions: big, dueActions: big }),
    );
    const report = checkCard(digestCard(d));
    expect(report.warnings).to.deep.equal([]);
    expect(report.bytes).to.be.below(40 * 1024);
  });
});
