import { expect } from 'chai';
import { applyActionCommand } from '../../../../records/action.js';
import { escapeHtml } from '../../../../records/pack/cells.js';
import { packFile } from '../../../../records/pack/packFiles.js';
import { applyRiskCommand } from '../../../../records/riskCommands.js';
import { applySignOffCommand } from '../../../../records/signoffCommands.js';
import { approverA, chair, days, newAction, newRisk, newSignOff, NOW, ok, owner } from '../fixtures.js';
import { LAST_MEETING, make, sourceOf } from './packFixtures.js';

const html = async (...args: Parameters<typeof sourceOf>) => (await make('boardPackHtml', sourceOf(...args))).toString('utf8');
const evil = '<script>alert("x")</script> & \'co\' <img src="https://evil.example/x.png">';

/** Every way a page could reach another origin or run code. */
function externalReferences(page: string): string[] {
  const found: string[] = [];
  for (const m of page.matchAll(/<[a-z][^>]*\s(src|href|srcset|action|poster|data)\s*=/gi)) found.push(m[0]);
  for (const m of page.matchAll(/<(script|link|iframe|object|embed|img|base|meta http-equiv)\b/gi)) found.push(m[0]);
  for (const m of page.matchAll(/url\(|@import|@font-face/gi)) found.push(m[0]);
  return found;
}

describe('The board pack as printable HTML', () => {
  it('opens with a cover naming the place, the board, when it was made (UK time) and who asked', async () => {
    const page = await html();
    expect(page).to.include('<h1>Blackpool board pack</h1>');
    expect(page).to.include('<p>Blackpool Place Partnership Board</p>');
    expect(page).to.include('Made 23 Nov 2026 at 10:00 (UK time) for Sam Patel');
    expect(packFile('boardPackHtml', sourceOf()).fileName).to.equal('BPL board pack 2026-11-23 1000.html');
    expect(packFile('boardPackHtml', sourceOf()).contentType).to.equal('text/html; charset=utf-8');
  });

  it('holds the action log, the risk register with its heat map, sign-offs decided and chair’s actions awaiting ratification', async () => {
    const decided = ok(applySignOffCommand(newSignOff(), approverA, { type: 'approve' }, NOW));
    const chairs = {
      ...newSignOff({ route: 'chairs-action', title: 'Urgent winter funding', approvers: [{ id: chair.id, name: chair.name }] }),
      ref: 'LAN-S-0009',
    };
    const page = await html({ actions: [newAction()], risks: [newRisk()], decided: [decided], ratification: [chairs] });
    const order = [
      '<h2>Action log</h2>',
      '<h2>Risk register</h2>',
      'Heat map of current scores',
      '<h2>Sign-offs decided since the last meeting</h2>',
      '<h2>Chair&#39;s actions awaiting ratification</h2>',
    ];
    const at = order.map((h) => page.indexOf(h));
    expect(at.every((i) => i > 0)).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    expect(page).to.include('SC-A-0007');
    expect(page).to.include('BPL-R-0001');
    expect(page).to.include('LAN-S-0003');
    expect(page).to.include('Urgent winter funding');
    expect(page).to.include('1 action.');
    expect(page).to.include('1 risk.');
  });

  it('opens with the last meeting’s key decisions and matters for escalation (where to), escaped; without a meeting held, neither section', async () => {
    const page = await html({ actions: [newAction()] }, { lastMeeting: LAST_MEETING });
    const order = [
      '<h2>Key decisions at the last meeting</h2>',
      '<h2>Matters for escalation from the last meeting</h2>',
      '<h2>Action log</h2>',
    ];
    const at = order.map((h) => page.indexOf(h));
    expect(
      at.every((i) => i > 0),
      page.slice(0, 2000),
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    expect(page).to.include('Blackpool Place Partnership Board, 12 November 2026 (BPL-M-0001)');
    expect(page).to.include('Approved the &lt;b&gt;winter&lt;/b&gt; plan &amp; its funding').and.include('BPL-S-0002');
    expect(page).to.include('Discharge delays at the acute trust').and.include('ICB Board');
    expect(page).to.include('1 key decision.').and.include('1 matter.');
    const none = await html({ actions: [newAction()] });
    expect(none).to.not.include('at the last meeting</h2>').and.not.include('from the last meeting</h2>');
  });

  it('says so when the last meeting recorded no key decisions or matters', async () => {
    const page = await html({}, { lastMeeting: { ...LAST_MEETING, decisions: [], matters: [] } });
    expect(page)
      .to.include('No key decisions were recorded at the last meeting.')
      .and.include('No matters were escalated at the last meeting.');
  });

  it('has no external fonts, scripts, images or links, whatever the records say', async () => {
    const risk = ok(
      applyRiskCommand(newRisk({ title: evil, controls: [evil] }), owner, { type: 'reassign', owner: { id: 'x', name: evil } }, NOW),
    );
    const page = await html({
      actions: [newAction({ description: evil, owner: { id: 'o', name: evil } })],
      risks: [risk],
      decided: [newSignOff({ title: evil, summary: evil })],
    });
    expect(externalReferences(page)).to.deep.equal([]);
    expect(page).to.include('@page{size:A4 landscape');
  });

  it('escapes every user string', async () => {
    const page = await html({ actions: [newAction({ description: evil, owner: { id: 'o', name: evil } })] });
    expect(page).to.not.include('<script>');
    expect(page).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(escapeHtml(`a<b>&"'c`)).to.equal('a&lt;b&gt;&amp;&quot;&#39;c');
    expect(escapeHtml('Blackburn with Darwen – Ageing well')).to.equal('Blackburn with Darwen – Ageing well');
  });

  it('keeps formula characters, right-to-left text and emoji intact, giving right-to-left text its direction', async () => {
    const page = await html({ actions: [newAction({ description: '=SUM(A1) מרפאה קהילתית 🏥' })] });
    expect(page).to.include('<td dir="auto">=SUM(A1) מרפאה קהילתית 🏥</td>');
    expect(page).to.include('<meta charset="utf-8">');
  });

  it('colours RAG cells and score cells, names them in words, and shows both keys', async () => {
    const page = await html({ actions: [newAction()], risks: [newRisk()] }, { madeAt: days(30).toISOString() });
    expect(page).to.include('Red – overdue');
    expect(page).to.include('Amber – due within 14 days');
    expect(page).to.match(/class="pill" style="background:#d5281b;color:#ffffff">Red</);
    for (const key of ['Low 1–3', 'Moderate 4–6', 'High 8–12', 'Extreme 15–25']) expect(page).to.include(key);
    expect(page).to.match(/background:#ff0000;color:#000000">Extreme</);
    expect(page).to.include('Extreme (15–25): 1 risk.');
    expect(page).to.include('>1 · Extreme<');
  });

  it('shows revised due dates as dates people read', async () => {
    const revised = ok(
      applyActionCommand(newAction(), owner, { type: 'reviseDueDate', dueDate: '2027-03-01', reason: 'Waiting on council' }, NOW),
    );
    expect(await html({ actions: [revised] })).to.include('<td>Mon 1 Mar 2027</td>');
  });

  it('gives an empty place a valid pack saying each section has nothing', async () => {
    const page = await html();
    for (const none of [
      'No actions.',
      'No open risks.',
      'No sign-offs decided since the last meeting.',
      'No chair&#39;s actions await ratification.',
    ])
      expect(page).to.include(none);
    expect(page).to.include('0 open risks.');
    expect(page.trimEnd().endsWith('</html>')).to.equal(true);
  });
});
