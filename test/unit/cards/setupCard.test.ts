// Names on the setup cards are shown literally: in TextRuns (RichTextBlock), never in markdown
// (a TextBlock or a FactSet value), so a name like "**Board** [click](https://…)" stays text.
import { expect } from 'chai';
import { setupChooserCard, setupFormCard, setupOverviewCard } from '../../../cards/setupCard.js';
import type { PlaceSettings } from '../../../records/placeSettings.js';
import { checkCard, findInput } from '../../support/cardCheck.js';

const MARKDOWN = '**Chair** [open](https://evil.example) _x_';
const person = { id: 'aad-x', name: `Helen ${MARKDOWN}` };
const settings: PlaceSettings = {
  place: 'BPL',
  displayName: `Blackpool ${MARKDOWN}`,
  chairs: [person],
  approvers: [person],
  admins: [person],
  channels: [{ id: '19:c@thread.tacv2', name: `Partnership ${MARKDOWN}` }],
  escalationThreshold: 15,
  defaultAppetite: { level: 'cautious', toleratedScore: 12 },
  digestEnabled: true,
  marking: 'OFFICIAL',
};

/** Every string a client would render as markdown: TextBlock text and FactSet titles and values. */
function markdownTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

function textRuns(card: unknown): string[] {
  const out: string[] = [];
  JSON.stringify(card, (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'TextRun') out.push(v.text);
    return v;
  });
  return out;
}

describe('Names on the place setup cards', () => {
  const cards = {
    overview: () => setupOverviewCard([{ settings, channels: [{ name: `Partnership ${MARKDOWN}` }], canChange: true }]),
    chooser: () => setupChooserCard(['BPL', 'BWD'], `Partnership ${MARKDOWN}`),
    form: () =>
      setupFormCard({
        place: 'BPL',
        etag: 'W/"1"',
        people: [person],
        values: { place: 'BPL' },
        channel: { id: '19:c', name: `Partnership ${MARKDOWN}`, linked: false },
      }),
  };
  for (const [name, build] of Object.entries(cards)) {
    it(`the ${name} card shows people’s and channels’ names in TextRuns, never as markdown, labels every input with an error message, and parses cleanly`, () => {
      const card = build();
      expect(markdownTexts(card).filter((t) => t.includes('**Chair**'))).to.deep.equal([]);
      expect(textRuns(card).some((t) => t.includes(MARKDOWN))).to.equal(true);
      expect(checkCard(card).warnings).to.deep.equal([]);
      expect(typeof (card as { speak?: unknown }).speak).to.equal('string');
      for (const id of checkCard(card).inputIds) {
        const input = findInput(card, id)!;
        expect(input.label, id).to.be.a('string').and.not.equal('');
        expect(input.errorMessage, id).to.be.a('string').and.not.equal('');
      }
    });
  }
});
