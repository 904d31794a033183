// End to end through the Agents Playground: `board pack Blackpool` in personal chat, in the group
// chat and in the Blackpool channel, as the demo's board secretary. The Playground shows no file
// consent cards and sends no fileConsent/invoke, so the person's "Allow" is sent by hand through
// its HTTP API, as Teams would send it, with an upload URL pointing at a small local stand-in for
// OneDrive; the file card comes back on the Playground's stream. The links are downloaded over HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import JSZip from 'jszip';
import { createAction } from '../../records/action.js';
import { addDays, londonToday } from '../../records/dates.js';
import { applyMeetingCommand, createMeeting } from '../../records/meeting.js';
import { createSignOff } from '../../records/signoff.js';
import { RecordStore } from '../../records/store/recordStore.js';
import { PlaceStore } from '../../records/store/placeStore.js';
import { draft } from '../support/actionFixtures.js';
import { CHAIR, MOCK_TENANT, SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { startStack, texts, type Stack } from './stack.js';

const person = (u: typeof SECRETARY) => ({ id: u.aadObjectId, name: u.name });

/**
 * Blackpool's last board meeting three weeks ago, its key messages published by the chair, and its
 * next one in a week, prepared with an agenda: the action, and a paper with its cover sheet and link.
 */
async function seedMeetings(records: RecordStore, actionRef: string, now: Date): Promise<string> {
  const sam = { ...person(SECRETARY), roles: ['admin' as const] };
  const board = 'Blackpool Place Partnership Board';
  const day = (n: number) => addDays(londonToday(now), n);
  const created = await records.create('meeting', 'BPL', (ref) =>
    createMeeting({ place: 'BPL', board, date: day(-21), agenda: [] }, ref, sam, now),
  );
  if (!created.ok) throw new Error(created.refusal.message);
  let last = created.stored;
  for (const step of [
    { type: 'addDecision' as const, text: 'The Board approved the Blackpool place integration deal phases.' },
    {
      type: 'draftKeyMessages' as const,
      text: 'Key Decisions and Actions\nThe Board approved the Blackpool place integration deal phases.',
    },
    { type: 'requestSignOff' as const, signOffRef: 'BPL-S-0099' },
    { type: 'publish' as const, signedOffBy: person(CHAIR), role: 'Independent Chair' },
  ]) {
    const written = await records.update('meeting', last, applyMeetingCommand(last.record, sam, step, now));
    if (!written.ok) throw new Error(written.refusal.message);
    last = written.stored;
  }
  const paper = await records.create('signoff', 'BPL', (ref) =>
    createSignOff(
      {
        place: 'BPL',
        board,
        title: 'Winter plan 2026/27',
        summary: 'The winter plan for Blackpool.',
        paperUrl: 'https://example.org/papers/winter-plan.pdf',
        itemType: 'document',
        route: 'meeting',
        cover: { purpose: 'decision', recommendations: 'Approve the winter plan.', author: 'Jo Marsden' },
        approvers: [person(CHAIR)],
        dueBy: day(7),
      },
      ref,
      sam,
      now,
    ),
  );
  if (!paper.ok) throw new Error(paper.refusal.message);
  const next = await records.create('meeting', 'BPL', (ref) =>
    createMeeting(
      {
        place: 'BPL',
        board,
        date: day(7),
        agenda: [
          { section: 'dueBeforeMeeting', ref: actionRef, title: 'Circulate the Better Care Fund plan to partners' },
          { section: 'papers', ref: paper.stored.record.ref, title: 'Winter plan 2026/27' },
        ],
      },
      ref,
      sam,
      now,
    ),
  );
  if (!next.ok) throw new Error(next.refusal.message);
  return next.stored.record.ref;
}

function openUrls(card: unknown): { title: string; url: string }[] {
  const found: { title: string; url: string }[] = [];
  JSON.parse(JSON.stringify(card), (_k, v) => {
    if (v && typeof v === 'object' && v.type === 'Action.OpenUrl') found.push({ title: v.title, url: v.url });
    return v;
  });
  return found;
}

describe('The board pack in Teams (Agents Playground HTTP API)', function () {
  this.timeout(90_000);
  let stack: Stack;
  let oneDrive: Server;
  let uploadUrl: string;
  const uploaded: { range: string; bytes: Buffer }[] = [];
  let meetingRef = '';

  before(async () => {
    stack = await startStack();
    const places = PlaceStore.fromConnection({ connectionString: stack.storage.connectionString });
    await places.put({ place: 'BPL', displayName: 'Blackpool', chairs: [person(CHAIR)], admins: [person(SECRETARY)] });
    const records = RecordStore.fromConnection({ connectionString: stack.storage.connectionString });
    const now = new Date();
    const made = await records.create('action', 'BPL', (ref) =>
      createAction(
        draft(now, { description: 'Circulate the Better Care Fund plan to partners' }),
        ref,
        { ...person(SECRETARY), roles: ['admin'] },
        now,
      ),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    meetingRef = await seedMeetings(records, made.stored.record.ref, now);
    oneDrive = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        uploaded.push({ range: String(req.headers['content-range']), bytes: Buffer.concat(chunks) });
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((r) => oneDrive.listen(0, '127.0.0.1', r));
    uploadUrl = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}/upload/session-1`;
  });
  after(async () => {
    await stack?.stop();
    await new Promise<void>((r) => (oneDrive ? oneDrive.close(() => r()) : r()));
  });

  /** The person's answer to a consent card, sent as Teams sends it (the Playground page cannot): a `fileConsent/invoke`. */
  async function answerConsent(consent: Reply, value: Record<string, unknown>): Promise<void> {
    const template = await stack.playground.customActivityTemplate(stack.playground.personalChatId);
    await stack.playground.custom({
      ...template,
      from: { ...(template.from as object), name: SECRETARY.name },
      type: 'invoke',
      name: 'fileConsent/invoke',
      replyToId: consent.messageId,
      value,
    });
  }

  describe('in personal chat', () => {
    let consents: Reply[];

    it('answers with what the pack holds, then a file consent card per file', async () => {
      const sent = await stack.playground.send('board pack Blackpool');
      const replies = await stack.playground.waitForReplies(sent.mark, 7, 20_000);
      expect(texts(replies[0]!.card!).join(' | '))
        .to.contain('Board pack · Blackpool')
        .and.contain('choose Allow to save it to your OneDrive');
      consents = replies.slice(1);
      expect(consents.map((r) => r.attachments[0]!.contentType)).to.deep.equal(
        Array(6).fill('application/vnd.microsoft.teams.card.file.consent'),
      );
    });

    it('allowing the action log (CSV) uploads it and the file card arrives on the stream; the consent card is replaced', async () => {
      const consent = consents[1]!;
      // The Playground keeps the card's content but not its name; OneDrive names the file (here as Teams would, from the card).
      const attachment = { name: 'BPL action log.csv', ...(consent.attachments[0] as { content: { acceptContext: unknown } }) };
      const mark = stack.playground.repliesSince(0).length;
      const updatesBefore = stack.playground.events.filter((e) => e.action === 'updateMessage').length;
      await answerConsent(consent, {
        type: 'fileUpload',
        action: 'accept',
        context: attachment.content.acceptContext,
        uploadInfo: {
          name: attachment.name,
          uploadUrl,
          contentUrl: 'https://contoso-my.sharepoint.com/personal/sam/Documents/Applications/pack.csv',
          uniqueId: 'u-1',
          fileType: 'csv',
        },
      });
      const [info] = await stack.playground.waitForReplies(mark, 1, 20_000);
      // (The Playground's stream keeps an attachment's type and content, not its name.)
      expect(info!.attachments[0]).to.deep.include({
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        content: { uniqueId: 'u-1', fileType: 'csv' },
      });
      expect(uploaded).to.have.length(1);
      expect(uploaded[0]!.range).to.equal(`bytes 0-${uploaded[0]!.bytes.length - 1}/${uploaded[0]!.bytes.length}`);
      expect(uploaded[0]!.bytes.toString('utf8')).to.contain('Circulate the Better Care Fund plan to partners');
      const updates = stack.playground.events.filter((e) => e.action === 'updateMessage');
      expect(updates.length).to.be.greaterThan(updatesBefore);
      expect(JSON.stringify(updates.at(-1))).to.contain('Saved: Blackpool action log (CSV)');
    });

    it('declining another says so politely and uploads nothing', async () => {
      const consent = consents[3]!;
      const attachment = consent.attachments[0] as { content: { declineContext: unknown } };
      const mark = stack.playground.repliesSince(0).length;
      await answerConsent(consent, { type: 'fileUpload', action: 'decline', context: attachment.content.declineContext });
      const [line] = await stack.playground.waitForReplies(mark, 1, 20_000);
      expect(line!.text).to.equal(
        'No problem: the Blackpool risk register (CSV) was not sent. Type “board pack Blackpool” whenever you want it.',
      );
      expect(uploaded).to.have.length(1);
    });
  });

  it('in the group chat: the chat is told the links went to the secretary alone, and the links in their personal chat give them the file', async () => {
    // Having talked to the bot 1:1, the secretary can be sent links there.
    const hello = await stack.playground.send('hi');
    await stack.playground.waitForReplies(hello.mark, 1, 20_000);
    const at = `<at>${MOCK_TENANT.bot.name}</at>`;
    const mark = stack.playground.repliesSince(0).length;
    const res = await fetch(
      `${stack.playground.url.replace('localhost', '127.0.0.1')}/_conversation/v1/conversations/${MOCK_TENANT.groupChat.id}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'text',
          text: `${at} board pack Blackpool`,
          textFormat: 'plain',
          from: { id: SECRETARY.id },
          mentions: [{ mentioned: { id: MOCK_TENANT.bot.id }, text: at }],
        }),
      },
    );
    expect(res.status).to.equal(200);
    const replies = await stack.playground.waitForReplies(mark, 2, 20_000);
    const inChat = replies.find((r) => r.conversationId === MOCK_TENANT.groupChat.id)!;
    expect(openUrls(inChat.card)).to.deep.equal([]);
    expect(texts(inChat.card!).join(' | ')).to.contain(
      `${SECRETARY.name} asked for the board pack: the links were sent to them in a personal chat.`,
    );
    const card = replies.find((r) => r.conversationId === stack.playground.personalChatId)!;
    const links = openUrls(card.card);
    expect(links).to.have.length(6);
    expect(texts(card.card!).join(' | ')).to.contain(`The links work for ${SECRETARY.name} only`);
    const csv = await fetch(links.find((l) => l.title === 'Action log (CSV)')!.url);
    expect(csv.status).to.equal(200);
    expect(await csv.text()).to.contain('Circulate the Better Care Fund plan to partners');
  });

  it('in the Blackpool channel: the links go to the secretary’s personal chat, and someone else signed in is refused', async () => {
    const hello = await stack.playground.send('hi');
    await stack.playground.waitForReplies(hello.mark, 1, 20_000);
    const mark = stack.playground.repliesSince(0).length;
    const sent = await stack.playground.sendInChannel('board pack Blackpool', 'Blackpool Partnership');
    const replies = await stack.playground.waitForReplies(mark, 2, 20_000);
    const inChannel = replies.find((r) => r.conversationId !== stack.playground.personalChatId)!;
    expect(inChannel.conversationId).to.contain(sent.conversationId.split(';')[0]);
    expect(openUrls(inChannel.card)).to.deep.equal([]);
    const card = replies.find((r) => r.conversationId === stack.playground.personalChatId)!;
    const links = openUrls(card.card);
    expect(links.map((l) => l.title))
      .to.include('Board pack (Word document)')
      .and.include('Risk register (Excel workbook)');
    const xlsx = links.find((l) => l.title === 'Risk register (Excel workbook)')!.url;
    expect((await fetch(xlsx, { headers: { 'x-ms-client-principal-id': CHAIR.aadObjectId } })).status).to.equal(404);
    const mine = await fetch(xlsx, { headers: { 'x-ms-client-principal-id': SECRETARY.aadObjectId } });
    expect(mine.status).to.equal(200);
    expect(
      Buffer.from(await mine.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).to.equal('PK');
  });

  it('the pack for the next meeting, `board pack BPL-M-…` in the group chat: its Word pack, downloaded from the link, has the agenda and the last key messages', async () => {
    const hello = await stack.playground.send('hi');
    await stack.playground.waitForReplies(hello.mark, 1, 20_000);
    const at = `<at>${MOCK_TENANT.bot.name}</at>`;
    const mark = stack.playground.repliesSince(0).length;
    const res = await fetch(
      `${stack.playground.url.replace('localhost', '127.0.0.1')}/_conversation/v1/conversations/${MOCK_TENANT.groupChat.id}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'text',
          text: `${at} board pack ${meetingRef}`,
          textFormat: 'plain',
          from: { id: SECRETARY.id },
          mentions: [{ mentioned: { id: MOCK_TENANT.bot.id }, text: at }],
        }),
      },
    );
    expect(res.status).to.equal(200);
    const replies = await stack.playground.waitForReplies(mark, 2, 20_000);
    const card = replies.find((r) => r.conversationId === stack.playground.personalChatId)!;
    expect(texts(card.card!).join(' | ')).to.contain(`(${meetingRef})`);
    const word = openUrls(card.card).find((l) => l.title === 'Board pack (Word document)')!;
    const file = await fetch(word.url);
    expect(file.status).to.equal(200);
    const xml = await (await JSZip.loadAsync(Buffer.from(await file.arrayBuffer()))).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)].map((m) => m[1] ?? '-').join('');
    const wanted = [
      'Agenda',
      'Circulate the Better Care Fund plan to partners',
      'Winter plan 2026/27',
      'Recommendations: Approve the winter plan.',
      'https://example.org/papers/winter-plan.pdf',
      'Key messages from the last meeting',
      'Date posted: ',
      'The Board approved the Blackpool place integration deal phases.',
      'Completed and Signed off by',
    ];
    let from = 0;
    const found = wanted.map((w) => {
      const i = text.indexOf(w, from);
      if (i >= 0) from = i + w.length;
      return i;
    });
    expect(found, JSON.stringify(found)).to.not.include(-1);
  });
});
