// The action form as it opens in a Teams dialog from a message, and the action card's link back.
import { expect } from 'chai';
import { actionCard, actionFormCard } from '../../../cards/actionCards.js';
import { dialogForm } from '../../../cards/dialog.js';
import { action, OWNER } from '../../support/actionFixtures.js';
import { cardText, checkCard, findInput } from '../../support/cardCheck.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const LINK = 'https://teams.microsoft.com/l/message/19:abc@thread.v2/1732356000000';
const source = { url: LINK, label: 'Ruth Ellison’s message' };

describe('The action form in a dialog (from a message)', () => {
  const form = actionFormCard({
    formId: 'form-0001',
    people: [OWNER],
    now: NOW,
    intro: 'Copied from Ruth Ellison’s message. Check the wording and the details before you save.',
    values: { description: 'Circulate the revised ToR.', owner: OWNER.id, place: 'BPL' },
    source,
  });
  const dialog = dialogForm(form, 'action.create');
  const report = checkCard(dialog);

  it('parses in the official Adaptive Cards library, under 40 KB', () => {
    expect(report.warnings).to.deep.equal([]);
    expect(report.bytes).to.be.below(40 * 1024);
  });

  it('submits with Action.Submit carrying the form’s data and the source link, with no Cancel (the dialog closes itself)', () => {
    const actions = dialog.actions as { type: string; title: string; data: Record<string, unknown> }[];
    expect(actions.map((a) => `${a.type} ${a.title}`)).to.deep.equal(['Action.Submit Log action']);
    expect(actions[0]!.data).to.deep.include({ verb: 'action.create', people: [OWNER], sourceUrl: LINK, sourceLabel: source.label });
    expect(report.executeActions).to.deep.equal([]);
  });

  it('keeps the body: the intro line, the prefilled inputs and the link back to the message', () => {
    expect(dialog.body).to.deep.equal(form.body);
    expect(cardText(dialog)).to.contain('Copied from Ruth Ellison’s message.').and.contain('Raised from: ');
    expect(findInput(dialog, 'description')?.value).to.equal('Circulate the revised ToR.');
  });

  it('the intro is a TextRun, so message text never renders as markdown', () => {
    const hostile = actionFormCard({ formId: 'form-0001', people: [], now: NOW, intro: '**Copied** [x](https://evil.example)' });
    const carriers: string[] = [];
    JSON.parse(JSON.stringify(hostile), (_k, v) => {
      if (v && typeof v === 'object' && typeof v.text === 'string' && v.text.includes('[x]')) carriers.push(v.type);
      return v;
    });
    expect(carriers).to.deep.equal(['TextRun']);
    expect(cardText(actionFormCard({ formId: 'form-0001', people: [], now: NOW }))).not.to.contain('Copied');
  });

  it('refuses a form without that submit verb, rather than opening a dialog that cannot save', () => {
    expect(() => dialogForm(form, 'risk.create')).to.throw('no risk.create action');
  });
});

describe('An action logged from a message', () => {
  it('its card has a button back to the message; one without a source has none', () => {
    const fromMessage = actionCard({
      action: action(NOW, { sourceUrl: LINK }),
      etag: 'e',
      now: NOW,
      permissions: { canUpdate: true, canRevise: true, canPropose: true },
    });
    const opens = (card: unknown) => JSON.stringify(card).match(/"type":"Action.OpenUrl"[^}]*/g) ?? [];
    expect(opens(fromMessage)).to.deep.equal([`"type":"Action.OpenUrl","title":"Open the source","url":"${LINK}"`]);
    expect(checkCard(fromMessage).warnings).to.deep.equal([]);
    expect(
      opens(actionCard({ action: action(NOW), etag: 'e', now: NOW, permissions: { canUpdate: true, canRevise: true, canPropose: true } })),
    ).to.deep.equal([]);
  });
});
