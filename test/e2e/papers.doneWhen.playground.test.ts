// Issue 25's "Done when", end to end through the Agents Playground with the demo data, as the
// Blackpool board secretary (Sam Patel, the current user) and its chair (Helen Price, an invoke
// as that mock user) would meet it: a paper asked for "at a meeting" with seed 004's cover sheet;
// the meeting prepared, the paper recorded "Noted" by the chair and said so in the key messages;
// the key messages published as seed 001 lays them out; the board pack for that meeting and the
// action log workbook downloaded from their links and read back as Word and Excel would.
// Real Playground, bot host and Azurite; nothing mocked.
import { expect } from 'chai';
import JSZip from 'jszip';
import { DEMO_CHANNEL, DEMO_PEOPLE, demoChannelReference, loadDemoData } from '../../functions/demoData.js';
import { startLocalHost, type LocalHost } from '../../functions/localHost.js';
import { createRuntime, prepareStorage, type Runtime } from '../../functions/runtime.js';
import { loadSettings } from '../../functions/settings.js';
import { contrastRatio } from '../../records/pack/contrast.js';
import { startAzurite, type AzuriteFixture } from '../support/azurite.js';
import { startPlayground } from '../support/playground.js';
import { MOCK_TENANT, type PlaygroundConfig } from '../support/playgroundTenant.js';
import type { AdaptiveCard, Playground, Reply } from '../support/playgroundTypes.js';
import { all, openWorkbook, parseXml, textOf, wordText, type El } from '../unit/records/pack/readBack.js';
import { inputValues, londonDate, texts, verbs } from './stack.js';

const BOARD = 'Blackpool Place Partnership Board';
const PAPER = 'Place Integration Deal: progress on areas of delivery';

/** The Playground's people with the demo's ids, and the demo's Blackpool channel (as scripts/playground.yml). */
function demoTenant(): PlaygroundConfig {
  const idOf = (name: string) => Object.values(DEMO_PEOPLE).find((p) => p.name === name)?.id;
  return {
    ...MOCK_TENANT,
    currentUser: { ...MOCK_TENANT.currentUser, aadObjectId: DEMO_PEOPLE.sam.id },
    users: MOCK_TENANT.users.map((u) => ({ ...u, aadObjectId: idOf(u.name) ?? u.aadObjectId })),
    team: { ...MOCK_TENANT.team, channels: [DEMO_CHANNEL] },
  };
}
const HELEN = demoTenant().users.find((u) => u.name === DEMO_PEOPLE.helen.name)!;

/** A channel post's clicks name its thread, `{channel};messageid={id}`. */
const inThread = (r: Reply): Reply =>
  r.conversationId.includes(';messageid=') ? r : { ...r, conversationId: `${r.conversationId};messageid=${r.messageId}` };

function openUrls(card: unknown): { title: string; url: string }[] {
  const found: { title: string; url: string }[] = [];
  JSON.parse(JSON.stringify(card), (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Action.OpenUrl') found.push({ title: v.title, url: v.url });
    return v;
  });
  return found;
}

const shown = (card: AdaptiveCard | undefined) => texts(card ?? ({ type: 'AdaptiveCard' } as AdaptiveCard)).join(' | ');

/** The first of `wanted` found in order in `text`, or -1 for each one missing or out of order. */
function inOrder(text: string, wanted: string[]): number[] {
  let from = 0;
  return wanted.map((w) => {
    const i = text.indexOf(w, from);
    if (i >= 0) from = i + w.length;
    return i;
  });
}

const attr = (el: El | undefined, name: string) => el?.attributes[name];
const child = (el: El | undefined, name: string) => el?.children.find((c) => c.name === name);

/** A fill or colour as #rrggbb, or undefined for none / auto. */
function hex(v: string | undefined): string | undefined {
  return v && /^[0-9a-f]{6}$/i.test(v) ? `#${v.toLowerCase()}` : undefined;
}

/**
 * Every run of text set on a shaded cell, paragraph or run, with its colour and the fill behind it
 * (a run's own shading, else its paragraph's, else its cell's); a run with no colour of its own is
 * in the document's default text colour.
 */
function shadedRuns(doc: El, defaultColour: string): { text: string; colour: string; fill: string }[] {
  const out: { text: string; colour: string; fill: string }[] = [];
  const walk = (el: El, fill: string | undefined) => {
    const own =
      el.name === 'w:tc'
        ? hex(attr(child(child(el, 'w:tcPr'), 'w:shd'), 'w:fill'))
        : el.name === 'w:p'
          ? hex(attr(child(child(el, 'w:pPr'), 'w:shd'), 'w:fill'))
          : undefined;
    const behind = own ?? fill;
    if (el.name === 'w:r') {
      const rPr = child(el, 'w:rPr');
      const back = hex(attr(child(rPr, 'w:shd'), 'w:fill')) ?? behind;
      const text = all(el, 'w:t').map(textOf).join('');
      if (back && text.trim()) out.push({ text, colour: hex(attr(child(rPr, 'w:color'), 'w:val')) ?? defaultColour, fill: back });
      return;
    }
    for (const c of el.children) walk(c, behind);
  };
  walk(doc, undefined);
  return out;
}

describe('Issue 25 done: papers as the board receives them, with the demo data (Agents Playground)', function () {
  this.timeout(60_000);
  let storage: AzuriteFixture;
  let runtime: Runtime;
  let host: LocalHost;
  let pg: Playground;
  let paperRef = '';
  let meetingRef = '';
  let meetingPost: Reply;
  let links: { title: string; url: string }[] = [];

  /** Says `text` in the Blackpool channel as Sam; the bot's first card in the new thread with `verb`. */
  async function inChannel(text: string, verb: string): Promise<Reply> {
    const mark = pg.repliesSince(0).length;
    await pg.sendInChannel(text, DEMO_CHANNEL.name);
    for (let seen = 1; ; seen++) {
      const replies = await pg.waitForReplies(mark, seen, 20_000);
      const found = replies.find((r) => r.card && verbs(r.card).includes(verb));
      if (found) return found;
    }
  }

  before(async () => {
    storage = await startAzurite();
    runtime = createRuntime(loadSettings({ STORAGE_CONNECTION_STRING: storage.connectionString }));
    await prepareStorage(runtime);
    expect(await loadDemoData(runtime)).to.equal(true);
    host = await startLocalHost(runtime, { port: 0 });
    pg = await startPlayground({ endpoint: `${host.url}/api/messages`, config: demoTenant() });
    // The demo's Blackpool channel, reached through this Playground (not the one `npm start` runs).
    await runtime.places.saveChannelReference(
      'BPL',
      DEMO_CHANNEL.id,
      demoChannelReference(`http://localhost:${pg.port}/_connector`),
      new Date(),
    );
  });
  after(async () => {
    await pg?.stop();
    await host?.stop();
    await storage?.dispose();
  });

  it('a sign-off requested "at a meeting" with a cover sheet filled on the form shows the cover sheet on its card in seed 004’s order', async () => {
    const picker = await inChannel('request sign-off', 'signoff.form');
    const form = await pg.execute(picker, {}, { verb: 'signoff.form' }); // the first place: Blackpool
    const preset = inputValues(form.card!);
    const mark = pg.repliesSince(0).length;
    const done = await pg.execute(
      { ...picker, card: form.card! },
      {
        ...preset,
        title: PAPER,
        summary: 'Progress of the place-based partnership on its place priorities and phase 1 delegations.',
        paperUrl: 'https://example.nhs.uk/papers/bpl-pid-progress.pdf',
        route: 'meeting',
        dueBy: londonDate(10),
        coverPurpose: 'information',
        coverAsk1Action: 'note',
        coverAsk1Text: 'the contents of the report including progress of the four LSC places.',
        coverAsk2Action: 'support',
        coverAsk2Text: 'the proposed phases of development and associated actions.',
        coverAsk3Action: 'receive',
        coverAsk3Text: 'a further report at its meeting in March.',
        coverObjectives: 'SO2,SO6',
        coverRisksNa: 'na',
        coverFinancial: 'na',
        coverDiscussed1Forum: 'Executive Management Team',
        coverDiscussed1Date: londonDate(-7),
        coverDiscussed1Outcome: 'Approved',
        coverConflicts: 'Not applicable',
        coverQia: 'na',
        coverEia: 'na',
        coverDpia: 'na',
        coverAuthorisedName: 'Professor Craig Harris',
        coverAuthorisedRole: 'Chief Operating Officer',
      },
      { verb: 'signoff.create' },
    );
    const heading = texts(done.card!).find((t) => /^Sign-off BPL-S-\d{4} requested$/.test(t));
    expect(heading, shown(done.card)).to.exist;
    paperRef = /BPL-S-\d{4}/.exec(heading!)![0];
    const [posted] = await pg.waitForReplies(mark, 1, 20_000);
    const order = [
      'Cover sheet',
      'The Board is requested to:',
      '1. Note the contents of the report',
      '2. Support the proposed phases of development',
      '3. Receive a further report',
      'SO2 To equalise opportunities',
      'Associated risks',
      'On the ICB risk register',
      'Financial implications',
      'Executive Management Team',
      'Conflicts of interest',
      'Quality impact assessment completed',
      'Equality impact assessment completed',
      'Data privacy impact assessment completed',
      'Professor Craig Harris, Chief Operating Officer',
    ];
    const at = inOrder(shown(posted!.card), order);
    expect(
      order.filter((_, i) => at[i]! < 0),
      `missing or out of seed 004's order on ${shown(posted!.card)}`,
    ).to.deep.equal([]);
  });

  it('the secretary prepares the meeting: the paper is on its agenda under "Papers for the board to decide"', async () => {
    const form = await inChannel(`prepare meeting ${BOARD}`, 'meeting.create');
    const values = inputValues(form.card!);
    expect(values[`agenda.papers.${paperRef}`], shown(form.card)).to.equal('true');
    const mark = pg.repliesSince(0).length;
    const done = await pg.execute(form, { ...values, date: londonDate(0) }, { verb: 'meeting.create' });
    const heading = texts(done.card!).find((t) => /^Meeting BPL-M-\d{4} prepared$/.test(t));
    expect(heading, shown(done.card)).to.exist;
    meetingRef = /BPL-M-\d{4}/.exec(heading!)![0];
    const posts = await pg.waitForReplies(mark, 1, 20_000);
    meetingPost = inThread(posts.find((r) => r.card && verbs(r.card).includes('meeting.view'))!);
    const agenda = shown(meetingPost.card);
    expect(inOrder(agenda, [meetingRef, 'Papers for the board to decide', paperRef]), agenda).not.to.include(-1);
  });

  it('the chair records the paper "Noted" from the meeting card; the drafted key messages say so in a sentence, with no double full stop', async () => {
    const mine = await pg.execute(meetingPost, {}, { verb: 'meeting.view', from: HELEN.id });
    expect(verbs(mine.card!)).to.include('meeting.decidePaper');
    const noted = await pg.execute(
      { ...meetingPost, card: mine.card! },
      { [`${paperRef}.paperOutcome`]: 'NOTED', [`${paperRef}.paperText`]: '', [`${paperRef}.paperDeferTo`]: '' },
      { verb: 'meeting.decidePaper', from: HELEN.id },
    );
    expect(shown(noted.card)).to.contain('Noted at this meeting.');
    const paper = (await runtime.records.get('signoff', paperRef))!.record;
    expect(paper.status).to.equal('NOTED');
    expect(paper.decision?.comment).to.contain(`(${meetingRef}), recorded by ${HELEN.name}`);
    const secretary = await pg.execute(meetingPost, {}, { verb: 'meeting.view' });
    const draft = inputValues(secretary.card!).keyMessages!;
    expect(draft.split('\n')).to.include(`The Board noted the ${PAPER} (${paperRef}).`);
    expect(draft).not.to.match(/\.\./);
  });

  it('the key messages are sent and the chair approves: the published key messages have "Date posted" on their second line and no ".."', async () => {
    const mine = await pg.execute(meetingPost, {}, { verb: 'meeting.view' });
    const saved = await pg.execute({ ...meetingPost, card: mine.card! }, inputValues(mine.card!), { verb: 'meeting.draftKeyMessages' });
    expect(shown(saved.card)).to.contain('Key messages saved.');
    const mark = pg.repliesSince(0).length;
    const sent = await pg.execute({ ...meetingPost, card: saved.card! }, {}, { verb: 'meeting.sendKeyMessages' });
    const signOffRef = /Sent to Helen Price for sign-off as (BPL-S-\d{4})/.exec(shown(sent.card))?.[1];
    expect(signOffRef, shown(sent.card)).to.exist;
    const [request] = await pg.waitForReplies(mark, 1, 20_000);
    const chairView = await pg.execute(request!, {}, { verb: 'signoff.view', from: HELEN.id });
    const approved = await pg.execute({ ...request!, card: chairView.card! }, {}, { verb: 'signoff.approve', from: HELEN.id });
    expect(shown(approved.card)).to.contain('Your approval is recorded.');
    const replies = await pg.waitForReplies(mark + 1, 1, 20_000);
    const published = replies.find((r) => r.card && shown(r.card).includes(`${BOARD} – Key messages`));
    expect(published, replies.map((r) => shown(r.card)).join('\n')).to.exist;
    const lines = texts(published!.card!);
    expect(lines[0]).to.match(new RegExp(`^${BOARD} – Key messages \\d{1,2} \\w+ \\d{4}$`));
    expect(lines[1]).to.match(/^Date posted: \d{1,2} \w+ \d{4}$/);
    expect(lines).to.include(`The Board noted the ${PAPER} (${paperRef}).`);
    expect(lines.filter((l) => l.includes('..'))).to.deep.equal([]);
  });

  it('`board pack <meeting>` in the channel: the links come to the secretary’s personal chat', async () => {
    const hello = await pg.send('hi'); // Sam's personal chat with the bot, where the links go
    await pg.waitForReplies(hello.mark, 1, 20_000);
    const mark = pg.repliesSince(0).length;
    await pg.sendInChannel(`board pack ${meetingRef}`, DEMO_CHANNEL.name);
    const replies = await pg.waitForReplies(mark, 2, 20_000);
    const card = replies.find((r) => r.conversationId === pg.personalChatId && r.card && openUrls(r.card).length > 0);
    expect(card, replies.map((r) => shown(r.card)).join('\n')).to.exist;
    expect(shown(card!.card)).to.contain(`(${meetingRef})`);
    links = openUrls(card!.card);
    expect(links.map((l) => l.title))
      .to.include('Board pack (Word document)')
      .and.include('Action log (Excel workbook)');
  });

  describe('the board pack for that meeting, its Word file downloaded from its link', () => {
    let zip: JSZip;
    let doc: El;

    before(async () => {
      const res = await fetch(links.find((l) => l.title === 'Board pack (Word document)')!.url);
      expect(res.status).to.equal(200);
      zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      doc = parseXml(await zip.file('word/document.xml')!.async('string'));
    });
    const parts = async (pattern: RegExp) =>
      Promise.all(
        Object.keys(zip.files)
          .filter((f) => pattern.test(f))
          .map(async (f) => parseXml(await zip.file(f)!.async('string'))),
      );

    it('has columns of unequal widths, sized by content: the action log’s Ref narrow, its Description wide', () => {
      const tables = all(doc, 'w:tbl').map((t) => ({
        headers: all(all(t, 'w:tr')[0]!, 'w:tc').map(wordText),
        widths: all(t, 'w:gridCol').map((g) => Number(attr(g, 'w:w'))),
      }));
      expect(tables.filter((t) => new Set(t.widths).size > 1).length, JSON.stringify(tables)).to.be.greaterThan(0);
      const log = tables.find((t) => t.headers.includes('Ref') && t.headers.includes('Description'));
      expect(log, JSON.stringify(tables.map((t) => t.headers))).to.exist;
      expect(log!.widths[log!.headers.indexOf('Description')]).to.be.above(3 * log!.widths[log!.headers.indexOf('Ref')]!);
    });

    it('has page numbers and the protective marking in its footer', async () => {
      const footers = await parts(/^word\/footer\d*\.xml$/);
      const fields = footers.flatMap((f) => [
        ...all(f, 'w:instrText').map(textOf),
        ...all(f, 'w:fldSimple').map((s) => attr(s, 'w:instr') ?? ''),
      ]);
      expect(
        fields.some((f) => /\bPAGE\b/.test(f)),
        fields.join(' | '),
      ).to.equal(true);
      const marking = (await runtime.places.get('BPL'))?.record.marking || 'OFFICIAL';
      expect(footers.map(textOf).join(' ')).to.contain(marking);
    });

    it('has the meeting’s agenda with the paper, then the last published key messages of the board', () => {
      const text = all(doc, 'w:p').map(wordText).join('\n');
      const wanted = [
        'Agenda',
        paperRef,
        PAPER,
        'Papers for the board to decide',
        'Recommendations: The Board is requested to:',
        'Key messages from the last meeting',
        'Date posted: ',
        'The Board approved the phases of development for the Blackpool place integration deal',
        'Completed and Signed off by',
      ];
      const at = inOrder(text, wanted);
      expect(
        wanted.filter((_, i) => at[i]! < 0),
        text.slice(0, 3000),
      ).to.deep.equal([]);
    });

    it('has no text below 4.5:1 contrast on any shaded cell', async () => {
      const styles = parseXml(await zip.file('word/styles.xml')!.async('string'));
      const defaults = all(all(styles, 'w:docDefaults')[0] ?? styles, 'w:color')[0];
      const runs = shadedRuns(doc, hex(attr(defaults, 'w:val')) ?? '#000000');
      expect(runs.length, 'the demo pack has coloured cells (header rows, RAG, risk bands)').to.be.greaterThan(10);
      const low = runs.filter((r) => contrastRatio(r.colour, r.fill) < 4.5);
      expect(low.map((r) => `${r.text} ${r.colour} on ${r.fill}: ${contrastRatio(r.colour, r.fill).toFixed(2)}`)).to.deep.equal([]);
    });
  });

  describe('the action log, its workbook downloaded from its link', () => {
    it('prints one page wide with the header row repeated, and has "Closed on" and "Meeting date" columns', async () => {
      const res = await fetch(links.find((l) => l.title === 'Action log (Excel workbook)')!.url);
      expect(res.status).to.equal(200);
      const book = await openWorkbook(Buffer.from(await res.arrayBuffer()));
      const { root, rows } = await book.sheet('Action log');
      const setup = all(root, 'pageSetup')[0];
      expect(attr(setup, 'fitToWidth')).to.equal('1');
      expect(attr(all(root, 'pageSetUpPr')[0], 'fitToPage')).to.equal('1');
      const workbook = parseXml(await book.zip.file('xl/workbook.xml')!.async('string'));
      const titles = all(workbook, 'definedName').find((d) => attr(d, 'name') === '_xlnm.Print_Titles');
      expect(titles && textOf(titles)).to.equal(`'Action log'!$2:$2`);
      expect(rows.get(2)).to.include('Closed on').and.include('Meeting date');
    });
  });
});
