import { expect } from 'chai';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import type { Action } from '../../../../records/action.js';
import { packFile } from '../../../../records/pack/packFiles.js';
import { applySignOffCommand } from '../../../../records/signoffCommands.js';
import { approverA, chair, days, newAction, newRisk, newSignOff, NOW, ok } from '../fixtures.js';
import { LAST_MEETING, make, sourceOf } from './packFixtures.js';

/** Parses XML strictly (saxes, as exceljs reads workbooks): throws on anything not well-formed. */
function wellFormed(xml: string): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (err) => {
    throw err;
  });
  parser.write(xml).close();
}

/** The document's body XML and its core properties, as Word would read them. */
async function unzip(bytes: Buffer): Promise<{ body: string; core: string; text: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const body = await zip.file('word/document.xml')!.async('string');
  const core = await zip.file('docProps/core.xml')!.async('string');
  const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
  return { body, core, text };
}

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function actions(n: number): Action[] {
  return Array.from({ length: n }, (_, i) => ({
    ...newAction({ description: `Action number ${i + 1}` }),
    ref: `BPL-A-${String(i + 1).padStart(4, '0')}`,
  }));
}

describe('The board pack as a Word document (.docx), unzipped', () => {
  it('has a cover naming the place, the board, when it was made (UK time) and who asked, on A4 landscape', async () => {
    const { body, core, text } = await unzip(await make('boardPackDocx', sourceOf()));
    expect(text).to.include('Blackpool board pack|Blackpool Place Partnership Board|Made 23 Nov 2026 at 10:00 (UK time) for Sam Patel');
    expect(body).to.match(/<w:pgSz [^>]*w:orient="landscape"/);
    expect(core).to.include('Sam Patel');
    const file = packFile('boardPackDocx', sourceOf());
    expect(file.fileName).to.equal('BPL board pack 2026-11-23 1000.docx');
    expect(file.contentType).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('holds a table row for every action, every risk and every sign-off, in the sections a board reads', async () => {
    const decided = ok(applySignOffCommand(newSignOff(), approverA, { type: 'approve' }, NOW));
    const chairs = {
      ...newSignOff({ route: 'chairs-action', title: 'Urgent winter funding', approvers: [{ id: chair.id, name: chair.name }] }),
      ref: 'LAN-S-0009',
    };
    const list = actions(300);
    const risk = newRisk();
    const { body, text } = await unzip(
      await make('boardPackDocx', sourceOf({ actions: list, risks: [risk], decided: [decided], ratification: [chairs] })),
    );
    // Meeting date and minute ref (blank: these were not raised at a meeting) sit between ref and description.
    for (const a of list) expect(text).to.include(`|${a.ref}|||${a.description}|`);
    expect(text).to.include('|BPL-R-0001|Workforce gaps in integrated neighbourhood teams|');
    expect(text).to.include('|LAN-S-0003|');
    expect(text).to.include('|LAN-S-0009|Urgent winter funding|');
    const headings = [
      'Action log',
      'Risk register',
      'Heat map of current scores',
      'Sign-offs decided since the last meeting',
      "Chair's actions awaiting ratification",
    ];
    const at = headings.map((h) => decode(text).indexOf(`|${h}|`));
    expect(
      at.every((i) => i > 0),
      String(at),
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    expect(text).to.include('|300 actions.|');
    expect(body.indexOf('BPL-A-0300')).to.be.lessThan(body.indexOf('|300 actions.|'.slice(1, -1)));
    expect((body.match(/<w:tr[ >]/g) ?? []).length).to.be.greaterThan(300);
  });

  it('opens with the last meeting’s key decisions and matters for escalation, each a table row', async () => {
    const { text } = await unzip(await make('boardPackDocx', sourceOf({ actions: [newAction()] }, { lastMeeting: LAST_MEETING })));
    const order = ['Key decisions at the last meeting', 'Matters for escalation from the last meeting', 'Action log'];
    const at = order.map((h) => decode(text).indexOf(`|${h}|`));
    expect(
      at.every((i) => i > 0),
      String(at),
    ).to.equal(true);
    expect([...at].sort((a, b) => a - b)).to.deep.equal(at);
    expect(decode(text)).to.contain('|Approved the <b>winter</b> plan & its funding|BPL-S-0002|Helen Price|');
    expect(decode(text)).to.contain('|Discharge delays at the acute trust|ICB Board|Helen Price|');
  });

  it('colours RAG and band cells and names them in words, and draws the heat map as a coloured table with counts in words', async () => {
    const { body, text } = await unzip(
      await make('boardPackDocx', sourceOf({ actions: [newAction()], risks: [newRisk()] }, { madeAt: days(30).toISOString() })),
    );
    expect(body).to.match(/<w:shd [^>]*w:fill="D5281B"[^]*?<w:t[^>]*>Red<\/w:t>/);
    expect(body).to.match(/<w:shd [^>]*w:fill="FF0000"[^]*?<w:t[^>]*>Extreme<\/w:t>/);
    expect(text).to.include('|1 · Extreme|');
    expect(text).to.include('Extreme (15–25): 1 risk.');
    expect(text.split('|').filter((t) => t === '0 · Extreme')).to.have.length(5); // six Extreme cells, one holding the risk
  });

  it('keeps formula characters, HTML, right-to-left text and emoji intact', async () => {
    const typed = ['=HYPERLINK("http://evil","x")', '<script>alert(1)</script> & co', 'מרפאה קהילתית', 'Go 🚀 team'];
    const list = typed.map((description, i) => ({ ...newAction({ description }), ref: `BPL-A-000${i + 1}` }));
    const { body, text } = await unzip(await make('boardPackDocx', sourceOf({ actions: list })));
    wellFormed(body);
    for (const t of typed) expect(decode(text)).to.include(`|${t}|`);
    expect(body).to.not.include('<script>');
    expect(body).to.match(/<w:bidi\/>[^]*?<w:rtl\/>[^]*?מרפאה קהילתית/);
  });

  it('is a well-formed zip and XML document that Word can open, with no marker left behind', async () => {
    const zip = await JSZip.loadAsync(await make('boardPackDocx', sourceOf({ actions: actions(3), risks: [newRisk()] })));
    expect(Object.keys(zip.files)).to.include.members(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', '_rels/.rels']);
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body).to.not.match(/PACK(ROWS|AFTER)\d+MARKER/);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels')))
      wellFormed(await zip.file(name)!.async('string'));
    expect(body.trimEnd().endsWith('</w:document>')).to.equal(true);
    expect((body.match(/<w:tr[ >]/g) ?? []).length).to.equal((body.match(/<\/w:tr>/g) ?? []).length);
    expect((body.match(/<w:tc>|<w:tc /g) ?? []).length).to.equal((body.match(/<\/w:tc>/g) ?? []).length);
  });

  it('leaves out characters XML cannot hold, keeping the rest of the text', async () => {
    const { text } = await unzip(
      await make('boardPackDocx', sourceOf({ actions: [{ ...newAction({ description: 'Before\u0001after' }), ref: 'BPL-A-0001' }] })),
    );
    expect(text).to.include('|Beforeafter|');
  });

  it('gives an empty place a valid document saying each section has nothing', async () => {
    const { text } = await unzip(await make('boardPackDocx', sourceOf()));
    for (const none of [
      'No actions.',
      'No open risks.',
      'No sign-offs decided since the last meeting.',
      "No chair's actions await ratification.",
    ])
      expect(decode(text)).to.include(`|${none}|`);
    expect(text).to.include('0 open risks.');
  });
});
