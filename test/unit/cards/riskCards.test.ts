import { expect } from 'chai';
import {
  BAND_SWATCHES,
  heatCounts,
  myRisksCard,
  NO_RISK_CHANGES,
  riskCard,
  riskRegisterCard,
  shortRatingLabel,
  type RiskPermissions,
} from '../../../cards/riskCards.js';
import { encodePng } from '../../../manifest/png.js';
import { registerEntryOf, registerPage } from '../../../records/risk.js';
import { BAND_COLOURS, RISK_BANDS } from '../../../records/scoring.js';
import { CHAIR, OWNER, SECRETARY } from '../../support/actionFixtures.js';
import { cardText, checkCard, describeTeamsCard, findInput } from '../../support/cardCheck.js';
import { evolve, risk } from '../../support/riskFixtures.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const ALL: RiskPermissions = { review: true, controls: true, addAction: true, escalate: true, deescalate: true, close: true, reopen: true };
const verbs = (card: unknown) => checkCard(card).executeActions.map((a) => a.verb);

/** A reviewed, escalated risk with links, as a chair sees it. */
function busyRisk() {
  let r = risk(NOW, {
    linkedActions: ['BPL-A-0001', 'BPL-A-0002'],
    strategicObjective: 'SO3',
    priority: 'PRIMARY_CARE',
    lifeCourse: 'Working well',
  });
  r = evolve(r, SECRETARY, new Date(NOW.getTime() + 86_400_000), {
    type: 'rescore',
    likelihood: 3,
    consequence: 4,
    note: 'Single ask log agreed with the council.',
  });
  return evolve(r, SECRETARY, NOW, { type: 'changeLevel', to: 'ICB_CORPORATE', reason: 'Affects every place.' });
}

function manyRisks(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const likelihood = ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5;
    const consequence = (((i * 3) % 5) + 1) as 1 | 2 | 3 | 4 | 5;
    const long = 'x'.repeat(300);
    const r = risk(
      NOW,
      {
        title: long,
        owner: { id: `o${i}`, name: 'y'.repeat(200) },
        initial: { likelihood, consequence },
        target: { likelihood: 1, consequence: 1 },
      },
      `BPL-R-${String(i + 1).padStart(4, '0')}`,
    );
    return { risk: r, threshold: 15 };
  });
}

describe('risk cards', () => {
  const cards = {
    'risk card (chair, escalated, linked actions)': () =>
      riskCard({
        risk: busyRisk(),
        etag: 'W/"1"',
        now: NOW,
        permissions: ALL,
        threshold: 15,
        notice: { text: 'Review saved.', style: 'good' },
      }),
    'risk card with 100 KB-long texts kept after an error': () =>
      riskCard({
        risk: risk(NOW, {
          title: 't'.repeat(300),
          event: 'e'.repeat(2000),
          cause: 'c'.repeat(2000),
          effect: 'f'.repeat(2000),
          controls: Array(20).fill('k'.repeat(1000)),
          gapsInControl: Array(20).fill('g'.repeat(1000)),
        }),
        etag: 'e',
        now: NOW,
        permissions: ALL,
        threshold: 15,
        values: { reviewNote: 'n'.repeat(2000) },
      }),
    'shared risk card': () =>
      riskCard({ risk: busyRisk(), etag: 'e', now: NOW, permissions: NO_RISK_CHANGES, threshold: 15, shared: true }),
    'register of 200 risks': () => riskRegisterCard('BPL', manyRisks(200), NOW),
    'empty register': () => riskRegisterCard('SC', [], NOW),
    'my risks (200)': () => myRisksCard(manyRisks(200), NOW),
  };
  for (const [name, build] of Object.entries(cards)) describeTeamsCard(`${name}, bound with real data`, build);

  it('stays under 40 KB with the longest risk and the longest entry kept in any one panel', () => {
    const longest = risk(NOW, {
      title: 't'.repeat(300),
      event: 'e'.repeat(2000),
      cause: 'c'.repeat(2000),
      effect: 'f'.repeat(2000),
      controls: ['k'.repeat(1000), 'k'.repeat(1000), 'k'.repeat(1000)],
      gapsInControl: ['g'.repeat(1000), 'g'.repeat(1000), 'g'.repeat(1000)],
    });
    const kept = [
      { reviewNote: 'n'.repeat(2000) },
      { controls: 'k'.repeat(4000), gaps: 'g'.repeat(4000) },
      { escalateReason: 'r'.repeat(2000) },
      { deescalateReason: 'r'.repeat(2000) },
      { closeReason: 'r'.repeat(2000) },
    ];
    for (const values of kept)
      expect(checkCard(riskCard({ risk: longest, etag: 'e', now: NOW, permissions: ALL, threshold: 15, values })).bytes).to.be.below(
        40 * 1024,
      );
  });

  it('a list too long for the edit box is not offered for editing, so nothing is cut', () => {
    const long = risk(NOW, { controls: Array(20).fill('k'.repeat(1000)) });
    expect(verbs(riskCard({ risk: long, etag: 'e', now: NOW, permissions: ALL, threshold: 15 }))).not.to.include('risk.setControls');
    expect(cardText(riskCard({ risk: long, etag: 'e', now: NOW, permissions: ALL, threshold: 15 }))).to.contain('and 10 more');
  });

  it('the band swatches are exactly the NPSA colours, drawn inline (no image from the internet)', () => {
    for (const band of RISK_BANDS) {
      const n = parseInt(BAND_COLOURS[band].slice(1), 16);
      const png = encodePng(1, 1, new Uint8Array([n >> 16, (n >> 8) & 255, n & 255, 255]));
      expect(BAND_SWATCHES[band]).to.equal(`data:image/png;base64,${png.toString('base64')}`);
    }
  });

  it('a risk card shows the three scores as L × C = score band, the escalation reasons in words and the trend', () => {
    const r = risk(NOW); // L4 × C5 = 20, cautious appetite (12)
    const text = cardText(riskCard({ risk: r, etag: 'e', now: NOW, permissions: ALL, threshold: 15 }));
    expect(text).to.contain('L4 × C5 = 20 Extreme').and.contain('L2 × C3 = 6 Moderate');
    expect(text).to.contain('The current score (20) is at or above the place’s escalation threshold (15).');
    expect(text).to.contain('above the cautious appetite, which tolerates up to 12');
    expect(text).to.contain('→ Unchanged: first assessment');
    const reviewed = evolve(r, SECRETARY, NOW, { type: 'rescore', likelihood: 3, consequence: 4 });
    const after = cardText(riskCard({ risk: reviewed, etag: 'e', now: NOW, permissions: ALL, threshold: 15 }));
    expect(after).to.contain('↓ Improving since the last review (20 → 12)').and.contain('L3 × C4 = 12 High');
    expect(after).not.to.contain('escalation threshold');
  });

  it('a risk card marks the current and target cells on its 5×5 matrix', () => {
    const text = JSON.stringify(riskCard({ risk: risk(NOW), etag: 'e', now: NOW, permissions: ALL, threshold: 15 }));
    expect(text.match(/"●"/g)).to.have.length(1);
    expect(text.match(/"○"/g)).to.have.length(1);
  });

  it('a risk card offers the owner review, controls and a mitigating action, and only a chair escalate and close', () => {
    const owner = { review: true, controls: true, addAction: true, escalate: false, deescalate: false, close: false, reopen: false };
    const forOwner = riskCard({ risk: risk(NOW), etag: 'e', now: NOW, permissions: owner, threshold: 15 });
    expect(verbs(forOwner))
      .to.include.members(['risk.review', 'risk.setControls', 'risk.addAction'])
      .and.not.include('risk.escalate')
      .and.not.include('risk.close');
    const forChair = riskCard({ risk: risk(NOW), etag: 'e', now: NOW, permissions: ALL, threshold: 15 });
    expect(verbs(forChair))
      .to.include.members(['risk.escalate', 'risk.close'])
      .and.not.include('risk.deescalate')
      .and.not.include('risk.reopen');
    expect((findInput(forChair, 'escalateTo')!.choices as { title: string }[]).map((c) => c.title)).to.deep.equal([
      'ICB corporate register',
      'Board Assurance Framework',
    ]);
    const closed = evolve(risk(NOW), CHAIR, NOW, { type: 'close', reason: 'Agreed at the board.' });
    expect(verbs(riskCard({ risk: closed, etag: 'e', now: NOW, permissions: ALL, threshold: 15 })))
      .to.include('risk.reopen')
      .and.not.include('risk.review');
    expect(verbs(riskCard({ risk: busyRisk(), etag: 'e', now: NOW, permissions: ALL, threshold: 15 }))).to.include('risk.deescalate');
  });

  it('a risk card keeps what the person typed and starts the review at the current score', () => {
    const card = riskCard({ risk: risk(NOW), etag: 'e', now: NOW, permissions: ALL, threshold: 15, values: { reviewNote: 'Half typed' } });
    expect(findInput(card, 'reviewNote')?.value).to.equal('Half typed');
    expect([findInput(card, 'reviewLikelihood')?.value, findInput(card, 'reviewConsequence')?.value]).to.deep.equal(['4', '5']);
    expect(findInput(card, 'controls')?.value).to.equal('Monthly capacity review at the place leadership team');
  });

  it('the shared risk card has no change buttons, only a way to open your own', () => {
    expect(verbs(cards['shared risk card']())).to.deep.equal(['action.view', 'action.view', 'risk.view', 'risk.register', 'risk.mine']);
  });

  it('the heat map counts match the records, and the band totals add up', () => {
    const listed = manyRisks(200);
    const counts = heatCounts(listed.map((l) => l.risk.current));
    const card = riskRegisterCard('BPL', listed, NOW);
    const rows = (card.body as { type: string; items?: { type: string; columns?: { items: { text: string }[] }[] }[] }[])
      .flatMap((b) => b.items ?? [])
      .filter(
        (i) =>
          i.type === 'ColumnSet' &&
          i.columns?.length === 6 &&
          /^\d (Almost certain|Likely|Possible|Unlikely|Rare)$/.test(i.columns[0]!.items[0]!.text),
      );
    expect(rows).to.have.length(5);
    const shown = rows.map((row) => row.columns!.slice(1).map((c) => Number(c.items[0]!.text.trim() || 0)));
    expect(shown).to.deep.equal([5, 4, 3, 2, 1].map((l) => [1, 2, 3, 4, 5].map((c) => counts[l]![c]!)));
    expect(shown.flat().reduce((a, b) => a + b, 0)).to.equal(200);
    const text = cardText(card);
    const totals = [...text.matchAll(/^(Extreme|High|Moderate|Low) (\d+)$/gm)].map((m) => Number(m[2]));
    expect(totals).to.have.length(4);
    expect(totals.reduce((a, b) => a + b, 0)).to.equal(200);
    expect(text).to.contain('200 open risks').and.contain('Risks 1–15 of 200, highest score first.').and.contain('Next 15 risks');
  });

  it('a later page of the register shows its risks with the whole register’s totals, and a way back to the highest', () => {
    const all = manyRisks(40);
    const entries = all.map((l) => registerEntryOf(l.risk));
    const { refs } = registerPage(entries, 2);
    const page = all.filter((l) => refs.includes(l.risk.ref));
    const card = riskRegisterCard('BPL', page, NOW, undefined, { entries, page: 2, pages: 3, threshold: 15 });
    const text = cardText(card);
    expect(text).to.contain('40 open risks').and.contain('Risks 31–40 of 40, highest score first.');
    expect(
      checkCard(card)
        .executeActions.filter((a) => a.verb === 'risk.register')
        .map((a) => a.title),
    ).to.deep.equal(['Back to the highest scores']);
    expect((card as { speak?: string }).speak)
      .to.contain('Blackpool risk register. 40 open risks')
      .and.contain('Page 3 of 3');
    expect(checkCard(card).warnings).to.deep.equal([]);
    expect(checkCard(card).bytes).to.be.below(40 * 1024);
  });

  it('the register lists the highest current score first, each opening its card', () => {
    const low = risk(NOW, { initial: { likelihood: 1, consequence: 2 }, target: { likelihood: 1, consequence: 1 } }, 'BPL-R-0001');
    const high = risk(NOW, {}, 'BPL-R-0002');
    const card = riskRegisterCard(
      'BPL',
      [
        { risk: low, threshold: 15 },
        { risk: high, threshold: 15 },
      ],
      NOW,
    );
    const refs = checkCard(card)
      .executeActions.filter((a) => a.verb === 'risk.view')
      .map((a) => (a.data as { ref: string }).ref);
    expect(refs).to.deep.equal(['BPL-R-0002', 'BPL-R-0001']);
    expect(cardText(card)).to.contain('⚑ Escalate');
  });

  it('my risks puts reviews due first', () => {
    const later = risk(NOW, {}, 'BPL-R-0001'); // Extreme: monthly
    const sooner = risk(
      NOW,
      { nextReviewDate: '2026-11-30', initial: { likelihood: 1, consequence: 2 }, target: { likelihood: 1, consequence: 1 } },
      'BPL-R-0002',
    );
    const card = myRisksCard(
      [
        { risk: later, threshold: 15 },
        { risk: sooner, threshold: 15 },
      ],
      NOW,
    );
    const refs = checkCard(card)
      .executeActions.filter((a) => a.verb === 'risk.view')
      .map((a) => (a.data as { ref: string }).ref);
    expect(refs).to.deep.equal(['BPL-R-0002', 'BPL-R-0001']);
    expect(cardText(myRisksCard([], NOW))).to.contain('You own no open risks');
  });

  it('user text on risk cards is shown literally, only in TextRuns', () => {
    const hostile = '**Urgent** [click](https://evil.example) <at>Everyone</at>';
    const r = risk(NOW, { title: hostile, event: hostile, owner: { id: OWNER.id, name: hostile }, controls: [hostile] });
    for (const card of [
      riskCard({ risk: r, etag: 'e', now: NOW, permissions: ALL, threshold: 15 }),
      riskRegisterCard('BPL', [{ risk: r, threshold: 15 }], NOW),
      myRisksCard([{ risk: r, threshold: 15 }], NOW),
    ]) {
      const carriers = new Set<string>();
      JSON.parse(JSON.stringify(card), (_k, v) => {
        if (v && typeof v === 'object' && typeof v.text === 'string' && v.text.includes('[click]')) carriers.add(v.type);
        return v;
      });
      expect([...carriers]).to.deep.equal(['TextRun']);
    }
    expect(shortRatingLabel({ likelihood: 4, consequence: 5 })).to.equal('L4 × C5 = 20 Extreme');
  });
});
