// The action log as a secretary reads it, from each file read back: where an action came from
// (meeting date, minute ref), why its due date moved, its latest update and how many came
// before, when and at which meeting it was closed, RAG "Closed" rather than a blank, the
// place's workstream and ward, and no Place column repeating the one place the file is for.
import { expect } from 'chai';
import JSZip from 'jszip';
import { applyActionCommand, type Action } from '../../../../records/action.js';
import { chair, days, newAction, NOW, ok, owner } from '../fixtures.js';
import { make, sourceOf } from './packFixtures.js';
import { all, csvRecords, openWorkbook, parseXml, serialDate, textOf } from './readBack.js';

/** Raised at the October board (minute 7.2), revised, updated three times, closed at the December meeting. */
function closedAtMeeting(): Action {
  let a = newAction({
    source: { meeting: 'South Cumbria Place Partnership Board', date: '2026-10-15', minuteRef: '7.2' },
    links: { workstream: 'Enhanced Care at Home', ward: 'Hindpool' },
  });
  const step = (by: typeof owner, command: Parameters<typeof applyActionCommand>[2], at: Date) =>
    (a = ok(applyActionCommand(a, by, command, at)));
  step(owner, { type: 'addUpdate', text: 'Draft shared with partners' }, NOW);
  step(owner, { type: 'reviseDueDate', dueDate: '2027-01-29', reason: 'Waiting on the council’s cabinet date' }, days(1));
  step(owner, { type: 'addUpdate', text: 'Cabinet approved the specification' }, days(2));
  step(owner, { type: 'proposeClosure', note: 'Specification agreed by all partners' }, days(3));
  step(chair, { type: 'close', decision: 'Closed by the board', atMeeting: 'SC-M-0004' }, days(10));
  return a;
}

const SC = { place: 'SC' as const, board: 'South Cumbria Place Partnership Board', madeAt: days(11).toISOString() };

describe('The action log a secretary sends: where each action came from and how it ended', () => {
  it('workbook: a closed action shows its meeting date and minute ref, why the due date moved, its latest update with its date and the count of earlier ones, closed on and at which meeting, RAG "Closed", workstream and ward', async () => {
    const book = await openWorkbook(await make('actionLogXlsx', sourceOf({ actions: [closedAtMeeting()] }, SC)));
    const { rows } = await book.sheet('Action log');
    const headers = rows.get(2)!;
    const cell = (header: string) => {
      const i = headers.indexOf(header);
      expect(i, header).to.be.at.least(0);
      return rows.get(3)![i]!;
    };
    expect(serialDate(cell('Meeting date'))).to.equal('2026-10-15');
    expect(cell('Meeting')).to.equal('South Cumbria Place Partnership Board');
    expect(cell('Minute ref')).to.equal('7.2');
    expect(serialDate(cell('Due date'))).to.equal('2027-01-29');
    expect(cell('Why the due date moved')).to.equal('Waiting on the council’s cabinet date');
    expect(cell('Latest update')).to.equal('Proposed for closure: Specification agreed by all partners (Olu Owen, Thu 26 Nov 2026)');
    expect(serialDate(cell('Latest update on'))).to.equal('2026-11-26');
    expect(cell('Earlier updates')).to.equal('2');
    expect(serialDate(cell('Closed on'))).to.equal('2026-12-03');
    expect(cell('Closed at meeting')).to.equal('SC-M-0004');
    expect(cell('RAG')).to.equal('Closed');
    expect(cell('Workstream')).to.equal('Enhanced Care at Home');
    expect(cell('Priority ward')).to.equal('Hindpool');
    expect(headers).to.not.include('Place');
  });

  it('CSV: the same columns, with dates as dates, RAG "Closed" or "Cancelled" and never blank, and no Place column in a one-place file', async () => {
    const cancelled = { ...ok(applyActionCommand(newAction(), chair, { type: 'cancel', decision: 'Superseded' }, NOW)), ref: 'SC-A-0008' };
    const open = { ...newAction(), ref: 'SC-A-0009' };
    const { headers, records } = csvRecords(await make('actionLogCsv', sourceOf({ actions: [closedAtMeeting(), cancelled, open] }, SC)));
    expect(headers).to.not.include('Place');
    expect(headers.slice(0, 6)).to.deep.equal(['Ref', 'Locality', 'Meeting date', 'Meeting', 'Minute ref', 'Description']);
    const [closed, ended, live] = records;
    expect(closed).to.include({
      'Meeting date': '2026-10-15',
      'Minute ref': '7.2',
      'Why the due date moved': 'Waiting on the council’s cabinet date',
      'Latest update on': '2026-11-26',
      'Earlier updates': '2',
      'Closed on': '2026-12-03',
      'Closed at meeting': 'SC-M-0004',
      RAG: 'Closed',
      Workstream: 'Enhanced Care at Home',
      'Priority ward': 'Hindpool',
    });
    expect(ended).to.include({ RAG: 'Cancelled', 'Closed on': '2026-11-23', 'Closed at meeting': '', 'Earlier updates': '0' });
    expect(live!.RAG).to.equal('Amber'); // due 18 Dec, made 4 Dec
  });

  it('Word pack: the action table shows meeting date, minute ref, why the due date moved, closed on and RAG "Closed" on a grey fill', async () => {
    const zip = await JSZip.loadAsync(await make('boardPackDocx', sourceOf({ actions: [closedAtMeeting()] }, SC)));
    const doc = parseXml(await zip.file('word/document.xml')!.async('string'));
    const table = all(doc, 'w:tbl').find((t) => textOf(t).includes('Agree the community services'))!;
    const [head, row] = all(table, 'w:tr');
    const headers = all(head!, 'w:tc').map(textOf);
    const cells = all(row!, 'w:tc');
    const at = (h: string) => cells[headers.indexOf(h)]!;
    expect(headers).to.include.members(['Meeting date', 'Minute ref', 'Why the due date moved', 'Closed on', 'RAG']);
    expect(headers).to.not.include('Place');
    expect(textOf(at('Meeting date'))).to.equal('Thu 15 Oct 2026');
    expect(textOf(at('Minute ref'))).to.equal('7.2');
    expect(textOf(at('Closed on'))).to.equal('Thu 3 Dec 2026');
    expect(textOf(at('RAG'))).to.equal('Closed');
    expect(all(at('RAG'), 'w:shd')[0]?.attributes['w:fill']?.toLowerCase()).to.equal('d8dde0');
  });
});
