// The meeting cards bound with real data, checked as Teams would parse them: the prepare form, the
// meeting card in the chair's and everyone else's view (60 agenda items at most 40 KB), the
// meetings of a place and the published key messages.
import { expect } from 'chai';
import { actionCard } from '../../../cards/actionCards.js';
import {
  keyMessagesCard,
  meetingCard,
  meetingFormCard,
  meetingsListCard,
  NO_MEETING_CHANGES,
  type AgendaEntry,
} from '../../../cards/meetingCards.js';
import type { AdaptiveCardJson } from '../../../cards/render.js';
import { applyActionCommand } from '../../../records/action.js';
import {
  AGENDA_SECTIONS,
  applyMeetingCommand,
  createMeeting,
  type AgendaItem,
  type AgendaSection,
  type Meeting,
  type MeetingCommand,
} from '../../../records/meeting.js';
import { composeKeyMessages } from '../../../records/keyMessagesDraft.js';
import type { Actor } from '../../../records/people.js';
import { action } from '../../support/actionFixtures.js';
import { cardText, checkCard } from '../../support/cardCheck.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const SECRETARY: Actor = { id: 'aad-sam', name: 'Sam Patel', roles: ['admin'] };
const CHAIR: Actor = { id: 'aad-helen', name: 'Helen Price', roles: ['chair'] };
const SECTIONS = Object.keys(AGENDA_SECTIONS) as AgendaSection[];

function agenda(n: number): AgendaItem[] {
  return Array.from({ length: n }, (_, i) => ({
    section: i < n / 2 ? 'proposedForClosure' : SECTIONS[i % SECTIONS.length]!,
    ref: `BPL-${i % 3 === 0 ? 'S' : 'A'}-${String(i + 1).padStart(4, '0')}`,
    title:
      `Deliver the integrated neighbourhood team model in Blackpool South, phase ${i + 1}, with primary care, the council and the VCFSE sector`
        .repeat(2)
        .slice(0, 200),
    detail: `Due Mon 14 Dec 2026, owner Ruth Ellison (item ${i + 1})`,
  }));
}

function meeting(items: AgendaItem[], ...commands: MeetingCommand[]): Meeting {
  const t = createMeeting(
    { place: 'BPL', board: 'Blackpool Place Partnership Board', date: '2026-11-23', agenda: items },
    'BPL-M-0003',
    SECRETARY,
    NOW,
  );
  if (!t.ok) throw new Error(t.refusal.message);
  let m = t.record;
  for (const c of commands) {
    const next = applyMeetingCommand(m, c.type === 'publish' ? { ...CHAIR, roles: [] } : SECRETARY, c, NOW);
    if (!next.ok) throw new Error(next.refusal.message);
    m = next.record;
  }
  return m;
}

const entries = (m: Meeting): AgendaEntry[] =>
  m.agenda.map((item, i) => ({
    item,
    etag: `W/"datetime'2026-11-23T10%3A00%3A00.${i}Z'"`,
    canClose: item.section === 'proposedForClosure' && item.ref.includes('-A-'),
    canRatify: item.ref.includes('-S-'),
    hasFeedback: i % 2 === 0,
    state: i % 5 === 0 ? 'Closed at this meeting: Agreed, the outcomes were met and evidenced to the board.' : '',
  }));

const full = meeting(
  agenda(60),
  { type: 'addDecision', text: 'The board approved the neighbourhood health plan.', link: 'BPL-A-0001' },
  { type: 'addMatter', text: 'Workforce gaps in community connectors.', to: 'committee', toDetail: 'People Board' },
);
const published = meeting(
  agenda(4),
  { type: 'addDecision', text: 'The board approved the neighbourhood health plan.' },
  {
    type: 'draftKeyMessages',
    text: composeKeyMessages({ board: 'Blackpool Place Partnership Board', date: '2026-11-23', decisions: [], matters: [] }),
  },
  { type: 'requestSignOff', signOffRef: 'BPL-S-0009' },
  { type: 'publish', signedOffBy: CHAIR, role: 'Chair' },
);

const longest = meeting(agenda(80), { type: 'draftKeyMessages', text: 'Key messages of a long meeting. '.repeat(125).slice(0, 4000) });

const CARDS: Record<string, () => AdaptiveCardJson> = {
  'meeting card, chair, 80 agenda items and 4,000 characters of key messages': () =>
    meetingCard({
      meeting: longest,
      etag: 'W/"1"',
      entries: entries(longest),
      permissions: { record: true, draft: true, send: true },
      composed: '',
      now: NOW,
      values: { decisionText: 'd'.repeat(2000), matterText: 'm'.repeat(2000) },
    }),
  'prepare form, 60 agenda items': () =>
    meetingFormCard({
      formId: 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff',
      place: 'BPL',
      agenda: agenda(60),
      values: { board: 'Blackpool Place Partnership Board', date: '2026-12-07' },
    }),
  'prepare form back with problems': () =>
    meetingFormCard({
      formId: 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff',
      place: 'BPL',
      agenda: agenda(3),
      values: { board: '', date: '2028-01-01' },
      errors: { board: 'Name the board or forum.', date: 'The meeting date is more than a year away.' },
      banner: 'Some details need attention.',
    }),
  'prepare form, nothing open': () => meetingFormCard({ formId: 'f0e1d2c3-b4a5-4697-8899-aabbccddeeff', place: 'SC', agenda: [] }),
  'meeting card, chair, 60 agenda items': () =>
    meetingCard({
      meeting: full,
      etag: 'W/"1"',
      entries: entries(full),
      permissions: { record: true, draft: true, send: false },
      composed: composeKeyMessages(full),
      now: NOW,
      notice: { text: 'BPL-A-0001: Closed at this meeting.', style: 'good' },
    }),
  'meeting card, shared, 60 agenda items': () =>
    meetingCard({
      meeting: full,
      etag: 'W/"1"',
      entries: entries(full),
      permissions: NO_MEETING_CHANGES,
      composed: '',
      now: NOW,
      shared: true,
      notice: { text: 'Closed by Helen Price.', style: 'accent' },
    }),
  'meeting card, published': () =>
    meetingCard({
      meeting: published,
      etag: 'W/"2"',
      entries: entries(published),
      permissions: NO_MEETING_CHANGES,
      composed: '',
      now: NOW,
    }),
  'meetings of a place': () => meetingsListCard('BPL', [full, published], true),
  'published key messages': () => keyMessagesCard(published),
  'action card, chair, proposed for closure': () => {
    const a = applyActionCommand(
      action(NOW, { feedback: { youSaid: 'Tell us what happens.' } }),
      SECRETARY,
      { type: 'proposeClosure' },
      NOW,
    );
    if (!a.ok) throw new Error(a.refusal.message);
    return actionCard({
      action: a.record,
      etag: 'W/"1"',
      now: NOW,
      permissions: { canUpdate: true, canRevise: false, canPropose: false, canClose: true, canDecline: true },
    });
  },
};

function inputs(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('The meeting cards, bound with real data', () => {
  for (const [name, build] of Object.entries(CARDS)) {
    describe(name, () => {
      const card = build();
      const report = checkCard(card);
      it('parses in the official Adaptive Cards library with no warnings, Adaptive Cards 1.5, under 40 KB', () => {
        expect(report.warnings).to.deep.equal([]);
        expect(card.version).to.equal('1.5');
        expect(report.bytes).to.be.below(40 * 1024);
      });
      it('gives every Action.Execute a verb and an Action.Submit fallback, and leaves nothing unbound', () => {
        for (const a of report.executeActions) {
          expect(a.verb, JSON.stringify(a)).to.be.a('string').and.not.equal('');
          expect((a.fallback as { type?: string }).type).to.equal('Action.Submit');
        }
        expect(JSON.stringify(card)).not.to.contain('${');
      });
      it('says at a glance what it shows (speak), and labels every input with an error message', () => {
        if (!name.startsWith('action card')) expect(card.speak).to.be.a('string').and.not.equal('');
        for (const i of inputs(card)) {
          expect(i.label, JSON.stringify(i)).to.be.a('string').and.not.equal('');
          expect(i.errorMessage, JSON.stringify(i)).to.be.a('string').and.not.equal('');
        }
      });
    });
  }

  it('the chair’s meeting card offers Close / Decline closure per proposed action (up to 4 panels), batch close, key decisions, matters and the key messages draft', () => {
    const card = CARDS['meeting card, chair, 60 agenda items']!();
    const verbs = checkCard(card).executeActions.map((a) => a.verb);
    expect(verbs.filter((v) => v === 'meeting.closeAction')).to.have.length.within(1, 4);
    expect(verbs).to.include.members([
      'meeting.closeAgreed',
      'meeting.addDecision',
      'meeting.addMatter',
      'meeting.draftKeyMessages',
      'meeting.newAction',
    ]);
    expect(cardText(card)).to.contain('more to close or ratify');
  });

  it('everyone else sees the agenda and no change buttons, only Open', () => {
    const verbs = checkCard(CARDS['meeting card, shared, 60 agenda items']!()).executeActions.map((a) => a.verb);
    expect([...new Set(verbs)]).to.deep.equal(['meeting.view']);
  });

  it('the published key messages read as seed 001: title, date posted, meeting date, sections, signed off by the chair', () => {
    const text = cardText(CARDS['published key messages']!());
    expect(text)
      .to.contain('Blackpool Place Partnership Board – Key messages 23 November 2026')
      .and.contain('Key Decisions and Actions')
      .and.contain('Matters for Escalation (and where to)');
    // Seed 001's layout (changed deliberately, issue 24): "Date posted" second, "Completed and Signed off by <chair>, <title>" last.
    expect(text).to.contain('Completed and Signed off by Helen Price, Chair');
    expect(text.indexOf('Date posted: 23 November 2026')).to.be.above(-1).and.below(text.indexOf('Meeting Date 23 November 2026'));
  });

  it('an action proposed for closure offers a chair Close (with “We did” for community feedback) and Decline closure; never the shared view', () => {
    const card = CARDS['action card, chair, proposed for closure']!();
    expect(checkCard(card).executeActions.map((a) => a.verb)).to.include.members(['action.close', 'action.declineClosure']);
    expect(checkCard(card).inputIds).to.include.members(['closeDecision', 'weDid', 'declineReason']);
  });
});
