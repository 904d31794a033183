import { expect } from 'chai';
import { placeActionsCard, PLACE_ACTIONS_READ, type PlaceActionsInput } from '../../../cards/placeActionsCard.js';
import { applyActionCommand, type Action } from '../../../records/action.js';
import { action, OWNER, SECRETARY } from '../../support/actionFixtures.js';
import { cardText, checkCard, describeTeamsCard, findInput } from '../../support/cardCheck.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const LOGGED = new Date('2026-10-01T10:00:00Z');

function many(n: number, over: Partial<Parameters<typeof action>[1]> = {}): Action[] {
  return Array.from({ length: n }, (_, i) =>
    action(
      LOGGED,
      { description: `${'Long description of the action. '.repeat(20)} ${i}`, ...over },
      `BPL-A-${String(i + 1).padStart(4, '0')}`,
    ),
  );
}

const input = (over: Partial<PlaceActionsInput> = {}): PlaceActionsInput => ({
  place: 'BPL',
  view: 'open',
  actions: many(3),
  total: 3,
  owners: [OWNER, SECRETARY],
  now: NOW,
  ...over,
});

describe('The “actions <place>” card', () => {
  describeTeamsCard('placeActions, full', () => placeActionsCard(input({ actions: many(PLACE_ACTIONS_READ), total: 400 })));

  it('says at a glance, also to a screen reader, which place, which view, how many and how many are overdue', () => {
    const card = placeActionsCard(
      input({ actions: [action(LOGGED, { dueDate: '2026-11-01' }), action(LOGGED, { dueDate: '2026-12-20' }, 'BPL-A-0002')], total: 2 }),
    );
    expect(card.speak).to.equal('Blackpool action log, all open actions: 2 actions, 1 overdue shown first.');
    const text = cardText(card);
    expect(text).to.include('Blackpool action log: 2 actions');
    expect(text).to.include('Showing: all open actions. Overdue first, then by due date.');
    expect(text).to.include('Red · overdue');
  });

  it('offers every view as a button: all open, overdue, proposed for closure, by place priority, by owner', () => {
    const titles = cardText(placeActionsCard(input()));
    for (const t of [
      'All open',
      'Overdue',
      'Proposed for closure',
      'By place priority',
      'By owner',
      'Show this priority',
      'Show their actions',
    ])
      expect(titles).to.include(t);
    const report = checkCard(placeActionsCard(input()));
    expect(report.executeActions.filter((a) => a.verb === 'action.place').length).to.equal(6);
  });

  it('labels both filter inputs and says what to do when nothing is chosen', () => {
    const card = placeActionsCard(input());
    for (const id of ['priority', 'owner']) {
      const field = findInput(card, id)!;
      expect(field.label, id).to.be.a('string').and.not.equal('');
      expect(field.errorMessage, id).to.be.a('string').and.not.equal('');
    }
    expect(findInput(card, 'owner')!['choices.data']).to.deep.equal({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
  });

  it('shows as many as fit well under 40 KB and says how many more there are and how to reach them', () => {
    const card = placeActionsCard(input({ actions: many(PLACE_ACTIONS_READ), total: 250 }));
    const bytes = Buffer.byteLength(JSON.stringify(card));
    expect(bytes).to.be.below(40 * 1024);
    const shown = (JSON.stringify(card).match(/"type":"Action.Execute","title":"Open BPL-A-/g) ?? []).length;
    expect(shown).to.be.greaterThan(10);
    expect(cardText(card)).to.include(`And ${250 - shown} more not shown.`);
    expect(card.speak).to.include(`${shown} shown, ${250 - shown} more not shown.`);
  });

  it('keeps a refused filter’s choice and says on the card what is missing', () => {
    const card = placeActionsCard(
      input({
        view: 'open',
        values: { owner: '', priority: 'NOT_A_PRIORITY' },
        notice: { text: 'Choose a place priority to show its actions.', style: 'attention' },
      }),
    );
    expect(cardText(card)).to.include('Choose a place priority to show its actions.');
    expect(findInput(card, 'priority')!.value).to.equal('NOT_A_PRIORITY');
  });

  it('names the view it shows, and says when it is empty', () => {
    const proposed = ok(applyActionCommand(action(LOGGED), SECRETARY, { type: 'proposeClosure' }, NOW));
    expect(cardText(placeActionsCard(input({ view: 'proposed', actions: [proposed], total: 1 })))).to.include(
      'Blue · proposed for closure',
    );
    const empty = placeActionsCard(input({ view: 'priority', values: { priority: 'BCF' }, actions: [], total: 0 }));
    expect(cardText(empty)).to.include('No actions for Better Care Fund and section 75/256 agreements in Blackpool.');
    expect(cardText(placeActionsCard(input({ view: 'owner', ownerName: 'Ruth Ellison' })))).to.include(
      'Showing: actions owned by Ruth Ellison.',
    );
  });

  it('shows what people typed literally, never as markdown or a mention', () => {
    const card = placeActionsCard(
      input({ actions: [action(LOGGED, { description: '**bold** <at>Sam</at> [link](https://evil.example)' })], total: 1 }),
    );
    const json = JSON.stringify(card);
    expect(json).to.include('"type":"TextRun","text":"**bold** <at>Sam</at> [link](https://evil.example)"');
  });
});

function ok<T>(t: { ok: true; record: T } | { ok: false; refusal: { message: string } }): T {
  if (!t.ok) throw new Error(t.refusal.message);
  return t.record;
}
