import { expect } from 'chai';
import { applyActionCommand } from '../../../records/action.js';
import { actionLogCsv, actionLogHtml, csvField, escapeHtml, riskRegisterCsv, riskRegisterHtml, toCsv } from '../../../records/export.js';
import { applyRiskCommand } from '../../../records/risk.js';
import { days, newAction, newRisk, NOW, ok, owner } from './fixtures.js';

/** A minimal RFC 4180 reader, to check what Excel will see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

describe('CSV export for Excel', () => {
  it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
    const csv = toCsv(['A', 'B'], [['1', '2']]);
    expect(csv.startsWith('\uFEFFA,B\r\n')).to.equal(true);
    expect(csv.endsWith('1,2\r\n')).to.equal(true);
  });

  it('quotes commas, quotes and line breaks per RFC 4180 and reads back the same', () => {
    const tricky = 'Say "yes", then\r\nnext line\nand more';
    expect(csvField(tricky)).to.equal('"Say ""yes"", then\r\nnext line\nand more"');
    expect(parseCsv(toCsv(['x'], [[tricky]]).slice(1))[1]).to.deep.equal([tricky]);
  });

  it('defuses text Excel would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).to.equal(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+44 1253')).to.equal("'+44 1253");
    expect(csvField(-3)).to.equal('-3');
  });

  it('exports the action log with its RAG and current due date, one row per action in ref order', () => {
    const late = { ...newAction({ description: 'Late, "urgent" one' }), ref: 'SC-A-0010' };
    const revised = ok(applyActionCommand(newAction(), owner, { type: 'reviseDueDate', dueDate: '2027-03-01', reason: 'Waiting on council' }, NOW));
    const rows = parseCsv(actionLogCsv([late, revised], days(30)).slice(1));
    expect(rows).to.have.length(3);
    expect(rows[1]![0]).to.equal('SC-A-0007');
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(rows[1]![col('Due date')]).to.equal('2027-03-01');
    expect(rows[1]![col('Original due date')]).to.equal('2026-12-18');
    expect(rows[1]![col('RAG')]).to.equal('Green');
    expect(rows[2]![col('RAG')]).to.equal('Red');
    expect(rows[2]![col('Description')]).to.equal('Late, "urgent" one');
  });

  it('exports the risk register highest score first with band, trend, appetite and escalation', () => {
    const high = newRisk();
    const low = { ...newRisk({ initial: { likelihood: 1, consequence: 2 }, target: { likelihood: 1, consequence: 1 } }), ref: 'BPL-R-0002' };
    const rows = parseCsv(riskRegisterCsv([low, high], { now: NOW }).slice(1));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(header).to.include('Score with existing controls');
    expect(rows.map((r) => r[0])).to.deep.equal(['Ref', 'BPL-R-0001', 'BPL-R-0002']);
    expect(rows[1]![col('Current score')]).to.equal('16');
    expect(rows[1]![col('Current band')]).to.equal('Extreme');
    expect(rows[1]![col('Escalate')]).to.equal('Yes');
    expect(rows[1]![col('Why escalate')]).to.match(/threshold/);
    expect(rows[2]![col('Escalate')]).to.equal('No');
    expect(rows[1]![col('Controls')]).to.equal('Place workforce group meets monthly');
  });
});

describe('Printable HTML for the board pack', () => {
  const evil = '<script>alert("x")</script> & \'co\'';

  it('escapes every user string in the action log', () => {
    const html = actionLogHtml([newAction({ description: evil, owner: { id: 'o', name: evil } })], { place: 'SC', now: NOW });
    expect(html).to.not.include('<script>');
    expect(html).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
  });

  it('escapes every user string in the risk register', () => {
    let r = newRisk({ title: evil, cause: evil, event: evil, effect: evil, controls: [evil], gapsInControl: [evil], assurances: [evil] });
    r = ok(applyRiskCommand(r, owner, { type: 'reassign', owner: { id: 'x', name: evil } }, NOW));
    const html = riskRegisterHtml([r], { place: 'BPL', now: NOW, title: evil });
    expect(html).to.not.include('<script>');
    expect(html.match(/&lt;script&gt;/g)!.length).to.be.greaterThanOrEqual(9);
  });

  it('colours RAG cells and shows a RAG legend', () => {
    const html = actionLogHtml([newAction()], { place: 'SC', now: days(30) });
    expect(html).to.include('Red – overdue');
    expect(html).to.include('Amber – due within 14 days');
    expect(html).to.match(/background:#d5281b;color:#fff">Red</);
    expect(html).to.include('South Cumbria place partnership – action log');
  });

  it('colours score cells by band and shows the NPSA band legend', () => {
    const html = riskRegisterHtml([newRisk()], { place: 'BPL', now: NOW });
    for (const key of ['Low 1–3', 'Moderate 4–6', 'High 8–12', 'Extreme 15–25']) expect(html).to.include(key);
    expect(html).to.match(/background:#ff0000;color:#212b32">16 Extreme</);
    expect(html).to.include('With existing controls');
  });

  it('escapes the five HTML-special characters and nothing else', () => {
    expect(escapeHtml(`a<b>&"'c`)).to.equal('a&lt;b&gt;&amp;&quot;&#39;c');
    expect(escapeHtml('Blackburn with Darwen – Ageing well')).to.equal('Blackburn with Darwen – Ageing well');
  });
});
