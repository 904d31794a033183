import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { actionCard, actionFormCard, listInputId, myActionsCard } from '../../../cards/actionCards.js';
import { placeActionsCard } from '../../../cards/placeActionsCard.js';
import { helpCard, noticeCard } from '../../../cards/commonCards.js';
import { keyMessagesCard, meetingCard, meetingFormCard, meetingsListCard, NO_MEETING_CHANGES } from '../../../cards/meetingCards.js';
import { applyMeetingCommand, createMeeting } from '../../../records/meeting.js';
import { templateNames } from '../../../cards/render.js';
import { signOffCard, signOffFormCard, signOffListCard, signOffPlaceCard } from '../../../cards/signOffCards.js';
import { youSaidCard } from '../../../cards/youSaidCard.js';
import { signOff } from '../../support/signOffFixtures.js';
import { digestCard } from '../../../cards/digestCard.js';
import { setupFormCard } from '../../../cards/setupCard.js';
import { composeDigest } from '../../../records/digest.js';
import { sourcesFor } from '../records/digestFixtures.js';
import { myRisksCard, NO_RISK_CHANGES, riskCard, riskRegisterCard } from '../../../cards/riskCards.js';
import { riskFormCard } from '../../../cards/riskFormCard.js';
import { risk } from '../../support/riskFixtures.js';
import { applyActionCommand } from '../../../records/action.js';
import { action, OWNER, SECRETARY } from '../../support/actionFixtures.js';
import { cardText, checkCard, describeTeamsCard, findInput } from '../../support/cardCheck.js';
import { searchResultsCard } from '../../../cards/searchCards.js';
import { boardPackCard } from '../../../cards/boardPackCards.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const ALL = { canUpdate: true, canRevise: true, canPropose: true };
const NONE = { canUpdate: false, canRevise: false, canPropose: false };

function busyAction() {
  let a = action(NOW, { source: { meeting: 'Blackpool Place Partnership Board', date: '2026-11-20' }, links: { priority: 'BCF' } });
  for (const text of ['Draft shared.', 'Legal view awaited.', 'Second draft.', 'Comments in.']) {
    const t = applyActionCommand(a, SECRETARY, { type: 'addUpdate', text }, NOW);
    if (!t.ok) throw new Error(t.refusal.message);
    a = t.record;
  }
  const t = applyActionCommand(a, SECRETARY, { type: 'reviseDueDate', dueDate: '2027-01-15', reason: 'Waiting for the council' }, NOW);
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

const listed = (a: ReturnType<typeof action>, permissions = ALL) => ({ action: a, etag: `W/"${a.ref}"`, permissions });

const bound = {
  help: () => helpCard('I didn’t recognise that.'),
  notice: () => noticeCard('Not saved', 'The store is not answering.'),
  actionForm: () =>
    actionFormCard({
      formId: '0b9c3c1e-5f43-4a55-9f0e-6a1f2f1d7c10',
      people: [{ id: 'a', name: 'Sam Patel' }, OWNER],
      now: NOW,
      values: { place: 'LAN', locality: 'East', description: 'x', owner: 'a', dueDate: '2026-11-20' },
      errors: { description: 'Description is required.', dueDate: 'The due date must be today or later.' },
      banner: 'Some details need attention.',
    }),
  actionCard: () =>
    actionCard({ action: busyAction(), etag: 'W/"1"', now: NOW, permissions: ALL, notice: { text: 'Saved.', style: 'good' } }),
  myActions: () => myActionsCard([listed(busyAction()), listed(action(NOW, {}, 'BPL-A-0002'))], NOW),
  placeActions: () =>
    placeActionsCard({
      place: 'BPL',
      view: 'open',
      actions: [busyAction(), action(NOW, {}, 'BPL-A-0002')],
      total: 40,
      owners: [OWNER],
      now: NOW,
    }),
  // Each view of the sign-off card is checked in signOffCards.test.ts; here, the shared one.
  signOffCard: () => signOffCard({ signOff: signOff(NOW), etag: 'W/"1"', view: 'shared' }),
  signOffPlace: () => signOffPlaceCard('Choose the place first.'),
  youSaid: () =>
    youSaidCard('BPL', [
      { ref: 'BPL-A-0002', youSaid: 'The leaflet is only in English.', owner: 'Olu Owen', status: 'OPEN', raisedAt: NOW.toISOString() },
      {
        ref: 'BPL-A-0001',
        youSaid: 'The bus stops at 4pm.',
        weDid: 'It runs to 6pm.',
        owner: 'Olu Owen',
        status: 'CLOSED',
        raisedAt: NOW.toISOString(),
      },
    ]),
  signOffForm: () =>
    signOffFormCard({
      formId: 'form-1',
      place: 'BPL',
      approvers: [
        { id: 'h', name: 'Helen Price', chair: true },
        { id: 'i', name: 'Imran Shah', chair: false },
      ],
      now: NOW,
      values: {
        title: 't'.repeat(300),
        summary: 's'.repeat(4000),
        board: 'b'.repeat(300),
        paperUrl: 'javascript:alert(1)',
        approvers: 'h,i',
        conflictHowManaged: 'c'.repeat(2000),
      },
      errors: { title: 'Title is required.', paperUrl: 'Give a full link, starting https://' },
      banner: 'Some details need attention before the sign-off can be requested.',
    }),
  signOffList: () => {
    const many = Array.from({ length: 14 }, (_, i) => ({
      record: signOff(NOW, { title: 'T'.repeat(300) }, `BPL-S-${String(i + 1).padStart(4, '0')}`),
      etag: 'W/"1"',
    }));
    return signOffListCard({
      pending: many,
      mine: many,
      toRatify: many,
      canRatify: true,
      now: NOW,
      notice: { text: 'Saved.', style: 'good' },
    });
  },
  digest: () => digestCard(composeDigest(sourcesFor()), { preview: true }),
  setup: () =>
    setupFormCard({
      place: 'LAN',
      etag: 'W/"1"',
      people: [{ id: 'a', name: 'Sam Patel' }, OWNER],
      values: { place: 'LAN', locality: 'East', chairs: 'a', approvers: 'a,aad-owner', admins: 'a', threshold: '15', digest: 'true' },
      errors: { admins: 'Name at least one admin.' },
      notice: { text: 'Some settings need attention.', style: 'attention' },
      channel: { id: '19:lan@thread.tacv2', name: 'Lancashire Partnership', linked: true },
    }),
  riskForm: () =>
    riskFormCard({
      formId: 'form-0003',
      people: [{ id: 'a', name: 'Sam Patel' }, OWNER],
      now: NOW,
      values: {
        place: 'LAN',
        locality: 'East',
        title: 'x'.repeat(300),
        event: 'e'.repeat(2000),
        cause: 'c'.repeat(2000),
        effect: 'f'.repeat(2000),
        controls: 'k'.repeat(4000),
        gaps: 'g'.repeat(4000),
        initialLikelihood: '4',
        initialConsequence: '5',
      },
      errors: { title: 'Title is required.', target: 'The target score (9) cannot be higher than the current score (6).' },
      banner: 'Some details need attention.',
      source: { url: 'https://teams.microsoft.com/l/message/19:abc/1', label: 'Message from Helen Price' },
    }),
  riskCard: () => riskCard({ risk: risk(NOW), etag: 'W/"1"', now: NOW, permissions: NO_RISK_CHANGES, threshold: 15 }),
  riskRegister: () => riskRegisterCard('BPL', [{ risk: risk(NOW), threshold: 15 }], NOW),
  myRisks: () => myRisksCard([{ risk: risk(NOW), threshold: 15 }], NOW),
  searchResults: () =>
    searchResultsCard({
      query: 'workforce',
      results: [
        { record: risk(NOW), match: '1' },
        { record: busyAction(), match: '3' },
      ],
      more: 3,
    }),
  boardPack: () =>
    boardPackCard({
      place: 'BPL',
      madeFor: { id: 'a', name: 'Sam Patel' },
      now: NOW,
      links: {
        items: (['actionLogXlsx', 'actionLogCsv', 'riskRegisterXlsx', 'riskRegisterCsv', 'boardPackDocx', 'boardPackHtml'] as const).map(
          (kind) => ({ kind, url: `https://bot.example/api/files/${'t'.repeat(43)}` }),
        ),
        expiresAt: new Date(NOW.getTime() + 15 * 60_000),
      },
    }),
  // Each meeting card, in each view and at 60 and 80 agenda items, is checked in meetingCards.test.ts.
  meetingForm: () =>
    meetingFormCard({
      formId: 'form-0004',
      place: 'BPL',
      agenda: [{ section: 'proposedForClosure', ref: 'BPL-A-0001', title: 'Publish the plan', detail: 'Owner Ruth Ellison' }],
    }),
  meetingCard: () =>
    meetingCard({
      meeting: demoMeeting(),
      etag: 'W/"1"',
      entries: [],
      permissions: NO_MEETING_CHANGES,
      composed: '',
      now: NOW,
      shared: true,
    }),
  meetingList: () => meetingsListCard('BPL', [demoMeeting()], true),
  keyMessages: () => keyMessagesCard(publishedMeeting()),
};

function demoMeeting() {
  const t = createMeeting(
    { place: 'BPL', board: 'Blackpool Place Partnership Board', date: '2026-11-20', agenda: [] },
    'BPL-M-0001',
    SECRETARY,
    NOW,
  );
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}

function publishedMeeting() {
  let m = demoMeeting();
  for (const c of [
    { type: 'draftKeyMessages', text: 'Key Decisions and Actions\nN/A' },
    { type: 'requestSignOff', signOffRef: 'BPL-S-0001' },
    { type: 'publish', signedOffBy: SECRETARY, role: 'Chair' },
  ] as const) {
    const t = applyMeetingCommand(m, SECRETARY, c, NOW);
    if (!t.ok) throw new Error(t.refusal.message);
    m = t.record;
  }
  return m;
}

describe('cards', () => {
  it('every template in cards/templates has a bound example here', () => {
    const templates = readdirSync(join(__dirname, '../../../cards/templates')).map((f) => f.replace(/\.json$/, ''));
    expect(templateNames().sort(), 'templates registered in cards/render.ts').to.deep.equal(templates.sort());
    expect(Object.keys(bound).sort()).to.deep.equal(templates.sort());
  });

  for (const [name, build] of Object.entries(bound)) describeTeamsCard(`${name} card bound with real data`, build);

  it('the form keeps what the person typed and shows each error beside its field', () => {
    const card = bound.actionForm();
    expect(findInput(card, 'place')?.value).to.equal('LAN');
    expect(findInput(card, 'dueDate')?.value).to.equal('2026-11-20');
    const text = cardText(card);
    expect(text).to.contain('Description is required.').and.contain('The due date must be today or later.');
    expect(text).not.to.contain('Choose a place.\n'); // no error shown for a field that is fine
  });

  it('a prefilled form (e.g. from a Teams message) starts with the given values and links back to its source', () => {
    const source = { url: 'https://teams.microsoft.com/l/message/19:abc/1', label: 'Message from Helen Price' };
    for (const card of [
      actionFormCard({
        formId: 'form-0001',
        people: [OWNER],
        now: NOW,
        values: { description: 'Circulate the revised ToR', owner: OWNER.id, place: 'BPL' },
        source,
      }),
      riskFormCard({
        formId: 'form-0003',
        people: [OWNER],
        now: NOW,
        values: { title: 'Circulate the revised ToR', owner: OWNER.id, place: 'BPL' },
        source,
      }),
    ]) {
      expect(findInput(card, 'owner')?.value).to.equal(OWNER.id);
      expect(findInput(card, 'place')?.value).to.equal('BPL');
      expect(cardText(card)).to.contain('Circulate the revised ToR').and.contain('Message from Helen Price');
      const submit = checkCard(card).executeActions[0]!;
      expect(submit.data).to.deep.include({ sourceUrl: source.url, sourceLabel: source.label });
    }
    expect(cardText(riskFormCard({ formId: 'form-0003', people: [], now: NOW }))).not.to.contain('Raised from');
  });

  it('the risk form offers NPSA words for every score, the place default appetite and "treat" preselected', () => {
    const card = riskFormCard({ formId: 'form-0003', people: [OWNER], now: NOW, defaultAppetite: 'minimal' });
    const titles = (id: string) => (findInput(card, id)!.choices as { title: string }[]).map((c) => c.title);
    for (const p of ['initial', 'current', 'target']) {
      expect(titles(`${p}Likelihood`)).to.deep.equal(['1 – Rare', '2 – Unlikely', '3 – Possible', '4 – Likely', '5 – Almost certain']);
      expect(titles(`${p}Consequence`)).to.deep.equal(['1 – Negligible', '2 – Minor', '3 – Moderate', '4 – Major', '5 – Catastrophic']);
    }
    expect(findInput(card, 'appetite')?.value).to.equal('minimal');
    expect(findInput(card, 'response')?.value).to.equal('treat');
    expect(cardText(bound.riskForm())).to.contain('The target score (9) cannot be higher than the current score (6).');
  });

  it('the form offers the Teams people picker and, for other hosts, the people in the conversation', () => {
    const owner = findInput(bound.actionForm(), 'owner')!;
    expect(owner['choices.data']).to.deep.equal({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
    expect((owner.choices as { title: string }[]).map((c) => c.title)).to.deep.equal(['Sam Patel', 'Ruth Ellison']);
  });

  it('an action card shows the revised due date, its reason and the latest three updates, newest first', () => {
    const text = cardText(bound.actionCard());
    expect(text).to.contain('Fri 15 Jan 2027').and.contain('Waiting for the council');
    expect(text.indexOf('Comments in.')).to.be.below(text.indexOf('Second draft.'));
    expect(text).not.to.contain('Draft shared.');
  });

  it('an action card offers no change buttons to someone who may not change it', () => {
    const card = actionCard({ action: busyAction(), etag: 'e', now: NOW, permissions: NONE });
    expect(checkCard(card).executeActions.map((a) => a.verb)).to.deep.equal(['action.mine']);
  });

  it('user text is shown literally, never as markdown, links or mentions', () => {
    const hostile = '**Urgent** [click](https://evil.example) <at>Everyone</at> ${settings}';
    const card = actionCard({ action: action(NOW, { description: hostile }), etag: 'e', now: NOW, permissions: ALL });
    const json = JSON.stringify(card);
    expect(json).to.contain(JSON.stringify(hostile).slice(1, -1));
    // Only TextRuns (which hosts never treat as markdown) carry it.
    const carriers: string[] = [];
    JSON.parse(json, (_k, v) => {
      if (v && typeof v === 'object' && typeof v.text === 'string' && v.text.includes('[click]')) carriers.push(v.type);
      return v;
    });
    expect(carriers).to.deep.equal(['TextRun']);
  });

  it('names and refs in notices and headings are shown literally too', () => {
    const name = '[Helen](https://evil.example) **Price**';
    const cards = [
      actionCard({ action: action(NOW), etag: 'e', now: NOW, permissions: ALL, notice: { text: `Logged by ${name}.`, style: 'good' } }),
      myActionsCard([], NOW, { text: `Saved by ${name}.`, style: 'good' }),
      actionFormCard({ formId: 'form-0001', people: [], now: NOW, banner: `Hello ${name}` }),
      noticeCard(`No action ${name}`, `Nothing found for ${name}`),
      helpCard(`I didn't recognise “${name}”.`),
    ];
    for (const card of cards) {
      const carriers: string[] = [];
      JSON.parse(JSON.stringify(card), (_k, v) => {
        if (v && typeof v === 'object' && typeof v.text === 'string' && v.text.includes('evil.example')) carriers.push(v.type);
        return v;
      });
      expect(carriers.length, JSON.stringify(card).slice(0, 120)).to.be.greaterThan(0);
      expect(
        carriers.every((t) => t === 'TextRun'),
        carriers.join(),
      ).to.equal(true);
    }
  });

  it('my actions shows overdue ones flagged red and a friendly message when there are none', () => {
    const overdue = action(new Date('2026-11-01T10:00:00Z'), { dueDate: '2026-11-10' });
    expect(cardText(myActionsCard([listed(overdue)], NOW)))
      .to.contain('Red · overdue')
      .and.contain('1 overdue');
    expect(cardText(myActionsCard([], NOW))).to.contain('You have no open actions');
  });

  it('my actions lists at most 12, each with its own update panel, and says how to reach the rest', () => {
    const long = 'A long description that fills the line. '.repeat(60);
    const many = Array.from({ length: 23 }, (_, i) =>
      listed(action(NOW, { description: long }, `BPL-A-${String(i + 1).padStart(4, '0')}`)),
    );
    const card = myActionsCard(many, NOW);
    const report = checkCard(card);
    expect(report.executeActions.filter((a) => a.verb === 'action.view')).to.have.length(12);
    expect(report.executeActions.filter((a) => a.verb === 'action.addUpdate')).to.have.length(12);
    expect(report.warnings, 'input ids unique across the card').to.deep.equal([]);
    expect(report.inputIds).to.include.members([listInputId('BPL-A-0012', 'updateText'), listInputId('BPL-A-0001', 'reason')]);
    expect(report.bytes, 'the fullest list stays under 40 KB').to.be.below(40 * 1024);
    expect(cardText(card)).to.contain('And 11 more, not shown: open them by ref, e.g. “BPL-A-0013”.');
  });

  it('my actions offers only what each action allows: no closure proposal for one already proposed', () => {
    const proposed = listed(
      { ...action(NOW, {}, 'BPL-A-0003'), status: 'PROPOSED_FOR_CLOSURE' },
      { canUpdate: true, canRevise: false, canPropose: false },
    );
    const verbs = checkCard(myActionsCard([proposed], NOW)).executeActions.map((a) => a.verb);
    expect(verbs).to.include('action.addUpdate').and.not.include('action.proposeClosure').and.not.include('action.reviseDueDate');
  });
});
