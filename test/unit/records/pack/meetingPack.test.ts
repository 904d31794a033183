// The pack for a meeting, as the secretary sends it: a cover naming the forum, the date and start
// time, the chairs with their titles, the secretary and where; the agenda in order with each paper's
// cover sheet and link; the forum's last published key messages; then the registers. Read back from
// the Word XML and the HTML, in order.
import { expect } from 'chai';
import JSZip from 'jszip';
import { coverLines } from '../../../../records/coverSheet.js';
import { meetingPackOf, meetingWhen } from '../../../../records/pack/meetingPack.js';
import { boardPackSections } from '../../../../records/pack/packOutline.js';
import { cellContext, packFile } from '../../../../records/pack/packFiles.js';
import { newAction, newRisk } from '../fixtures.js';
import { COVER, FORUM, MEETING, meetingPackInput, meetingSource, PREVIOUS } from './meetingPackFixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { all, parseXml, wordText, type El } from './readBack.js';

/** Where each of `wanted` first appears in `text`, after the one before it: -1 for any missing or out of order. */
function inOrder(text: string, wanted: string[]): number[] {
  let from = 0;
  return wanted.map((w) => {
    const at = text.indexOf(w, from);
    if (at >= 0) from = at + w.length;
    return at;
  });
}

async function wordDoc(bytes: Buffer): Promise<{ doc: El; paragraphs: string[]; headers: string; footers: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => parseXml(await zip.file(name)!.async('string'));
  const parts = (re: RegExp) =>
    Promise.all(
      Object.keys(zip.files)
        .filter((f) => re.test(f))
        .map(read),
    );
  const doc = await read('word/document.xml');
  return {
    doc,
    paragraphs: all(doc, 'w:p').map(wordText),
    headers: (await parts(/^word\/header\d*\.xml$/)).map(wordText).join(' '),
    footers: (await parts(/^word\/footer\d*\.xml$/)).map(wordText).join(' '),
  };
}

describe('The pack for a meeting: what it says (pure)', () => {
  it('the cover names the forum, the meeting, its date and start time, both chairs with their titles, the secretary and where', () => {
    const pack = meetingPackOf(meetingPackInput());
    expect(pack.cover).to.deep.equal([
      { label: 'Forum', value: 'Blackpool Place Partnership Board' },
      { label: 'Meeting', value: 'BPL-M-0002' },
      { label: 'Date', value: 'Thursday 10 December 2026 at 14:00' },
      { label: 'Chairs', value: 'Helen Price, Independent Chair; Karen Smith, Director of Adult Services, Blackpool Council' },
      { label: 'Secretary', value: 'Sam Patel' },
      { label: 'Where', value: 'Microsoft Teams: Blackpool Partnership channel' },
    ]);
  });

  it('a meeting with no forum, secretary or place recorded says so rather than leaving the cover blank', () => {
    const pack = meetingPackOf(meetingPackInput({ forum: undefined, where: undefined }));
    expect(pack.cover.map((l) => `${l.label}: ${l.value}`)).to.deep.equal([
      'Forum: Blackpool Place Partnership Board',
      'Meeting: BPL-M-0002',
      'Date: Thursday 10 December 2026',
      'Chair: Not named',
      'Secretary: Not named',
      'Where: To be confirmed by the secretary',
    ]);
    expect(meetingWhen('2026-03-29', '09:30')).to.equal('Sunday 29 March 2026 at 09:30'); // the day the clocks change
  });

  it('the agenda keeps the meeting’s order, numbered, and a paper carries every line of its cover sheet and its link', () => {
    const pack = meetingPackOf(meetingPackInput());
    expect(pack.agenda.map((a) => `${a.number} ${a.ref}`)).to.deep.equal(['1 BPL-A-0004', '2 BPL-A-0002', '3 BPL-S-0003', '4 BPL-S-0005']);
    const paper = pack.agenda[2]!;
    expect(paper.section).to.equal('Papers for the board to decide');
    // Consumes coverLines, so fields added to the cover sheet flow through.
    expect(paper.cover).to.equal(
      coverLines(COVER as Parameters<typeof coverLines>[0])
        .map((l) => `${l.title}: ${l.value}`)
        .join('\n'),
    );
    expect(paper.paper).to.equal('https://example.org/papers/winter-plan.pdf');
    expect(pack.agenda[3]!.cover, 'a sign-off not read has no cover sheet').to.equal(undefined);
  });

  it('the last meeting’s key messages as published: title, "Date posted" second, meeting date, the sections, signed off', () => {
    const last = meetingPackOf(meetingPackInput()).lastKeyMessages;
    expect(last.kind).to.equal('published');
    const lines = last.kind === 'published' ? last.lines : [];
    expect(lines.slice(0, 3)).to.deep.equal([
      'Blackpool Place Partnership Board – Key messages 12 November 2026',
      'Date posted: 16 November 2026',
      'Meeting Date 12 November 2026',
    ]);
    expect(lines).to.include('The Board agreed to close BPL-A-0001, the discharge audit, because it is complete.');
    expect(lines.at(-1)).to.equal('Completed and Signed off by Helen Price, Independent Chair');
    const { published: _p, ...draft } = PREVIOUS.keyMessages!;
    expect(meetingPackOf(meetingPackInput({ previous: { ...PREVIOUS, keyMessages: draft } })).lastKeyMessages.kind).to.equal('unpublished');
    expect(meetingPackOf(meetingPackInput({ previous: undefined })).lastKeyMessages.kind).to.equal('none');
  });

  it('the sections follow the meeting: agenda, last key messages, action log, risk register, sign-offs decided, chair’s actions', () => {
    const source = sourceOf({}, meetingSource());
    expect(boardPackSections(source, cellContext(source)).map((s) => s.title)).to.deep.equal([
      'Agenda',
      'Key messages from the last meeting',
      'Action log',
      'Risk register',
      'Sign-offs decided since the last meeting',
      "Chair's actions awaiting ratification",
    ]);
    // Not yet published: the last meeting's key decisions and matters, as recorded, follow the note.
    const { published: _p, ...draft } = PREVIOUS.keyMessages!;
    const unpublished = sourceOf({}, meetingSource({ previous: { ...PREVIOUS, keyMessages: draft } }));
    expect(
      boardPackSections(unpublished, cellContext(unpublished))
        .map((s) => s.title)
        .slice(0, 4),
    ).to.deep.equal([
      'Agenda',
      'Key messages from the last meeting',
      'Key decisions at the last meeting',
      'Matters for escalation from the last meeting',
    ]);
  });
});

describe('The pack for a meeting, read back from its files', () => {
  const records = {
    actions: [{ ...newAction({ description: 'Neighbourhood team staffing plan' }), ref: 'BPL-A-0002' }],
    risks: [newRisk()],
  };

  it('Word: the cover, then the agenda in order with the paper’s cover sheet and link, then the last key messages, then the action log', async () => {
    const { paragraphs } = await wordDoc(await make('boardPackDocx', sourceOf(records, meetingSource())));
    const text = paragraphs.join('\n');
    const order = inOrder(text, [
      'Blackpool board pack',
      'Forum: Blackpool Place Partnership Board',
      'Meeting: BPL-M-0002',
      'Date: Thursday 10 December 2026 at 14:00',
      'Chairs: Helen Price, Independent Chair; Karen Smith, Director of Adult Services, Blackpool Council',
      'Secretary: Sam Patel',
      'Where: Microsoft Teams: Blackpool Partnership channel',
      '\nAgenda\n',
      'BPL-A-0004',
      'Draft terms of reference for the delivery group',
      'BPL-A-0002',
      'BPL-S-0003',
      'Winter plan 2026/27',
      // Every line of the paper's cover sheet, as coverLines gives them (fields added to it flow through).
      ...coverLines(COVER as Parameters<typeof coverLines>[0]).map((l) => `${l.title}: ${l.value}`),
      'https://example.org/papers/winter-plan.pdf',
      'BPL-S-0005',
      '4 agenda items.',
      '\nKey messages from the last meeting\n',
      'As published after the last meeting (BPL-M-0001, 12 November 2026).',
      'Blackpool Place Partnership Board – Key messages 12 November 2026',
      'Date posted: 16 November 2026',
      'The Board agreed to close BPL-A-0001, the discharge audit, because it is complete.',
      'Completed and Signed off by Helen Price, Independent Chair',
      '\nAction log\n',
      'Neighbourhood team staffing plan',
      '\nRisk register\n',
    ]);
    expect(order, JSON.stringify(order)).to.not.include(-1);
  });

  it('Word: headings keep with what follows, refs never break at their hyphens, and every page says the forum, meeting date and marking', async () => {
    const { doc, headers, footers } = await wordDoc(
      await make('boardPackDocx', sourceOf(records, { ...meetingSource(), marking: 'OFFICIAL-SENSITIVE' })),
    );
    for (const title of ['Agenda', 'Key messages from the last meeting']) {
      const heading = all(doc, 'w:p').find((p) => wordText(p) === title)!;
      expect(all(heading, 'w:keepNext'), title).to.have.length(1);
    }
    const refCell = all(doc, 'w:tc').find((c) => wordText(c) === 'BPL-S-0003')!;
    expect(all(refCell, 'w:noBreakHyphen')).to.have.length(2);
    const line = all(doc, 'w:p').find((p) => wordText(p).startsWith('The Board agreed to close BPL-A-0001'))!;
    expect(all(line, 'w:noBreakHyphen')).to.have.length(2);
    expect(headers).to.include('Blackpool Place Partnership Board · 10 December 2026');
    expect(footers).to.include('OFFICIAL-SENSITIVE');
  });

  it('HTML: the same order, refs kept whole, the cover as a list of terms', async () => {
    const page = (await make('boardPackHtml', sourceOf(records, meetingSource()))).toString('utf8');
    const order = inOrder(page, [
      '<dt>Forum</dt><dd>Blackpool Place Partnership Board</dd>',
      '<dt>Date</dt><dd>Thursday 10 December 2026 at 14:00</dd>',
      '<dt>Where</dt>',
      '<h2>Agenda</h2>',
      '<td class="ref">BPL-A-0004</td>',
      '<td class="ref">BPL-S-0003</td>',
      'Recommendations: Approve the winter plan and note the funding gap.',
      '<span class="ref">BPL-R-0001</span>',
      '<h2>Key messages from the last meeting</h2>',
      'Date posted: 16 November 2026',
      'The Board agreed to close <span class="ref">BPL-A-0001</span>',
      '<h2>Action log</h2>',
    ]);
    expect(order, JSON.stringify(order)).to.not.include(-1);
    expect(page).to.include('@bottom-center{content:"OFFICIAL   Page "');
  });

  it('names each file for the meeting, and the workbooks print its forum and date on every page', async () => {
    const source = sourceOf(records, meetingSource());
    expect(packFile('boardPackDocx', source).fileName).to.equal('BPL-M-0002 board pack 2026-11-23 1000.docx');
    const zip = await JSZip.loadAsync(await make('actionLogXlsx', source));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).to.include('Blackpool Place Partnership Board · 10 December 2026').and.include('OFFICIAL');
  });

  it('a first meeting of a forum says there are no earlier key messages, and the pack still opens', async () => {
    const { paragraphs } = await wordDoc(await make('boardPackDocx', sourceOf({}, meetingSource({ previous: undefined }))));
    expect(paragraphs).to.include('No earlier meeting of this forum is recorded, so there are no key messages to carry forward.');
    expect(FORUM.chairs).to.have.length(2);
    expect(MEETING.agenda).to.have.length(4);
  });
});
