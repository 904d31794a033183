// `board pack <place>` through the bot over HTTP, with the real store on Azurite: who may have it
// made, and the file consent flow in personal chat (accept → upload to a fake OneDrive upload URL →
// file card; decline; an upload URL that fails; any consent answer, however forged), each file made
// audited. Download links in a channel and a group chat are in boardPackDownloads.test.ts; the
// people, the records and `say` both use are in test/support/boardPackChat.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import fc from 'fast-check';
import { PACK_FILE_KINDS } from '../../../records/pack/packFiles.js';
import { ALEX, BotHarness, cardsOf, messageActivity, type Sender } from '../../support/botHarness.js';
import { boardPackChat, HELEN, SAM, seedBlackpool } from '../../support/boardPackChat.js';
import { cardText, checkCard } from '../../support/cardCheck.js';

/** A stand-in for the OneDrive upload URL Teams gives: keeps each PUT (or answers `status`). */
class FakeUpload {
  readonly puts: { range: string; body: Buffer }[] = [];
  status = 201;
  /** While set, each PUT is held (not answered) until it settles: OneDrive taking its time. */
  hold: Promise<void> | undefined;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}
  static async start(): Promise<FakeUpload> {
    let self: FakeUpload | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        await self!.hold;
        if (self!.status < 300) self!.puts.push({ range: String(req.headers['content-range']), body: Buffer.concat(chunks) });
        res.writeHead(self!.status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self = new FakeUpload(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`);
    return self;
  }
  get file(): Buffer {
    return Buffer.concat(this.puts.map((p) => p.body));
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('The board pack from chat (bot over HTTP, store on Azurite)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  let upload: FakeUpload;
  let now = new Date('2026-12-03T10:00:00Z');

  before(async () => {
    bot = await BotHarness.start({ clock: () => now, members: [SAM, HELEN, ALEX] });
    upload = await FakeUpload.start();
    await seedBlackpool(bot, now);
  });
  after(async () => {
    await upload?.stop();
    await bot?.stop();
  });

  const { say } = boardPackChat(() => bot);

  /** Answers a consent card as Teams does: a `fileConsent/invoke` replying to that message. */
  async function answerConsent(consent: Record<string, unknown>, action: 'accept' | 'decline', from: Sender = SAM, uploadUrl = upload.url) {
    const attachment = (consent.attachments as { name: string; content: { acceptContext: unknown } }[])[0]!;
    const before = { replies: bot.replies.length, updates: bot.updates.length };
    const activity = {
      ...messageActivity(bot.serviceUrl, '', { from }),
      type: 'invoke',
      name: 'fileConsent/invoke',
      text: undefined,
      replyToId: 'consent-message-1',
      value: {
        type: 'fileUpload',
        action,
        context: attachment.content.acceptContext,
        ...(action === 'accept'
          ? {
              uploadInfo: {
                name: attachment.name,
                uploadUrl,
                contentUrl: 'https://contoso-my.sharepoint.com/personal/sam/Documents/Applications/x',
                uniqueId: 'file-1',
                fileType: 'csv',
              },
            }
          : {}),
      },
    };
    const res = await bot.post(activity);
    // An accepted file is made and uploaded after Teams is answered: its answers follow.
    if (action === 'accept') await repliedSince(before.replies);
    return {
      status: res.status,
      replies: bot.replies.slice(before.replies).map((r) => r.activity),
      updates: bot.updates.slice(before.updates),
    };
  }

  /** Waits (up to 10 s) until the bot has sent something since `before` replies. */
  async function repliedSince(before: number): Promise<void> {
    for (const deadline = Date.now() + 10_000; bot.replies.length <= before;) {
      if (Date.now() > deadline) throw new Error('the bot sent nothing within 10 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  describe('who may have it made', () => {
    it('someone who is neither chair nor admin of Blackpool is told no, and who can', async () => {
      const [reply] = await say('board pack Blackpool', { from: ALEX });
      const text = cardText(cardsOf(reply!)[0]);
      expect(text).to.contain('Only a chair or admin of Blackpool can have its board pack made. Ask Helen Price or Sam Patel.');
      expect(await bot.runtime.packs.filesMade('BPL')).to.deep.equal([]);
    });

    it('a place nobody knows is named back with the four places to choose from', async () => {
      const [reply] = await say('board pack Blakpool', { from: SAM });
      expect(cardText(cardsOf(reply!)[0]))
        .to.contain('I don’t know a place called “Blakpool”')
        .and.contain('Blackpool, Blackburn with Darwen, Lancashire or South Cumbria');
    });

    it('the chair may, as well as the admin', async () => {
      const replies = await say('board pack Blackpool', { from: HELEN });
      expect(cardText(cardsOf(replies[0]!)[0])).to.contain('Board pack · Blackpool');
    });
  });

  describe('in personal chat: a consent card per file, then the upload', () => {
    let replies: Record<string, unknown>[];
    before(async () => {
      replies = await say('board pack Blackpool', { from: SAM });
    });

    it('answers with what the pack holds and how it comes, then one consent card per file', async () => {
      const summary = cardsOf(replies[0]!)[0]!;
      expect(checkCard(summary).warnings).to.deep.equal([]);
      expect(cardText(summary)).to.contain('What the pack holds').and.contain('choose Allow to save it to your OneDrive');
      const consents = replies
        .slice(1)
        .map((a) => (a.attachments as { contentType: string; name: string; content: { acceptContext: { kind: string } } }[])[0]!);
      expect(consents.map((c) => c.contentType)).to.deep.equal(
        PACK_FILE_KINDS.map(() => 'application/vnd.microsoft.teams.card.file.consent'),
      );
      expect(consents.map((c) => c.content.acceptContext.kind)).to.deep.equal([...PACK_FILE_KINDS]);
      expect(consents[1]!.name).to.match(/^BPL action log 2026-12-03 1000\.csv$/);
    });

    it('allowing one uploads the whole file with Content-Range, shows the file card, and replaces the consent card', async () => {
      const csvConsent = replies[2]!; // the action log as CSV
      const answer = await answerConsent(csvConsent, 'accept');
      expect(answer.status).to.equal(200);
      const ranges = upload.puts.map((p) => p.range);
      const size = upload.file.length;
      expect(ranges).to.deep.equal([`bytes 0-${size - 1}/${size}`]);
      const csv = upload.file.toString('utf8');
      expect(csv.startsWith('\uFEFF')).to.equal(true);
      expect(csv).to.contain('BPL-A-0001').and.contain('BPL-A-0002').and.contain('Agree the Better Care Fund plan');
      const info = answer.replies.flatMap((a) => (a.attachments ?? []) as { contentType: string; name: string; contentUrl: string }[]);
      expect(info).to.have.length(1);
      expect(info[0]).to.deep.include({
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        name: 'BPL action log 2026-12-03 1000.csv',
      });
      expect(answer.updates.map((u) => u.activityId)).to.deep.equal(['consent-message-1']);
      expect(cardText(cardsOf(answer.updates[0]!.activity)[0])).to.contain('Saved: Blackpool action log (CSV)');
      const made = await bot.runtime.packs.filesMade('BPL');
      expect(made.at(-1)).to.deep.include({
        kind: 'actionLogCsv',
        delivery: 'upload',
        outcome: 'sent',
        madeFor: { id: SAM.id, name: SAM.name },
        fileName: 'BPL action log 2026-12-03 1000.csv',
      });
    });

    it('an accepted consent is answered at once; the file is uploaded after, and its card follows', async () => {
      let release!: () => void;
      upload.hold = new Promise<void>((r) => (release = r));
      const before = { puts: upload.puts.length, replies: bot.replies.length };
      try {
        const started = Date.now();
        const res = await bot.post({
          ...messageActivity(bot.serviceUrl, '', { from: SAM }),
          type: 'invoke',
          name: 'fileConsent/invoke',
          replyToId: 'consent-message-2',
          value: {
            type: 'fileUpload',
            action: 'accept',
            context: { place: 'BPL', kind: 'riskRegisterCsv' },
            uploadInfo: { name: 'r.csv', uploadUrl: upload.url, contentUrl: 'https://contoso-my.sharepoint.com/x/r.csv' },
          },
        });
        expect(res.status).to.equal(200);
        expect(Date.now() - started, 'answered while OneDrive still holds the upload').to.be.below(5_000);
        expect(upload.puts.length, 'nothing uploaded yet').to.equal(before.puts);
        expect(bot.replies.length, 'no file card yet').to.equal(before.replies);
      } finally {
        release();
        upload.hold = undefined;
      }
      await repliedSince(before.replies);
      expect(upload.puts.length).to.equal(before.puts + 1);
      const info = bot.replies
        .slice(before.replies)
        .flatMap((r) => (r.activity.attachments ?? []) as { contentType: string; name: string }[]);
      expect(info.map((a) => a.contentType)).to.deep.equal(['application/vnd.microsoft.teams.card.file.info']);
    });

    it('declining sends nothing, says so politely and replaces the consent card', async () => {
      const before = { puts: upload.puts.length, made: (await bot.runtime.packs.filesMade('BPL')).length };
      const answer = await answerConsent(replies[4]!, 'decline');
      expect(answer.status).to.equal(200);
      expect(upload.puts.length).to.equal(before.puts);
      expect(answer.replies.map((a) => a.text)).to.deep.equal([
        'No problem: the Blackpool risk register (CSV) was not sent. Type “board pack Blackpool” whenever you want it.',
      ]);
      expect(cardText(cardsOf(answer.updates[0]!.activity)[0])).to.contain('Not sent: Blackpool risk register (CSV)');
      expect((await bot.runtime.packs.filesMade('BPL')).length).to.equal(before.made);
    });

    it('an upload URL that fails: the person is told, no file card, and the audit says it failed', async () => {
      upload.status = 500;
      try {
        const answer = await answerConsent(replies[2]!, 'accept');
        expect(answer.status).to.equal(200);
        const texts = answer.replies.map((a) => String(a.text ?? ''));
        expect(texts.join(' ')).to.contain(
          'could not be saved to your OneDrive: OneDrive refused the upload (HTTP 500). Nothing was sent.',
        );
        expect(
          answer.replies
            .flatMap((a) => (a.attachments ?? []) as { contentType: string }[])
            .filter((a) => a.contentType.includes('file.info')),
        ).to.deep.equal([]);
        expect(cardText(cardsOf(answer.updates[0]!.activity)[0])).to.contain('Not sent: Blackpool action log (CSV)');
        const failed = (await bot.runtime.packs.filesMade('BPL')).filter((e) => e.outcome === 'failed');
        expect(failed).to.have.length(1);
        expect(failed[0]).to.deep.include({ kind: 'actionLogCsv', delivery: 'upload', detail: 'OneDrive refused the upload (HTTP 500)' });
      } finally {
        upload.status = 201;
      }
    });

    it('an upload URL nobody answers at: told, nothing claimed as sent', async () => {
      const answer = await answerConsent(replies[2]!, 'accept', SAM, 'http://127.0.0.1:9/upload');
      expect(answer.replies.map((a) => String(a.text ?? '')).join(' '))
        .to.contain('the upload could not reach OneDrive')
        .and.contain('Nothing was sent.');
      expect((await bot.runtime.packs.filesMade('BPL')).filter((e) => e.outcome === 'failed')).to.have.length(2);
    });

    it('a consent answered by someone who may not have the pack (a forged or forwarded card) uploads nothing', async () => {
      const before = upload.puts.length;
      const answer = await answerConsent(replies[2]!, 'accept', ALEX);
      expect(upload.puts.length).to.equal(before);
      expect(answer.replies.map((a) => String(a.text ?? '')).join(' ')).to.contain('was not sent. Only a chair or admin of Blackpool');
    });
  });

  it('any consent answer, however malformed or forged, gets an answer (never an error) and uploads nothing it should not', async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('__proto__', 'BPL', 'actionLogCsv', '<script>', 'javascript:alert(1)', 'file:///etc/passwd', ''),
      fc.integer(),
      fc.constant(null),
    );
    const value = fc.record(
      {
        type: fc.constant('fileUpload'),
        action: fc.oneof(fc.constantFrom('accept', 'decline'), hostile),
        context: fc.oneof(
          fc.record({
            place: fc.oneof(fc.constantFrom('BPL', 'SC', 'XX'), hostile),
            kind: fc.oneof(fc.constantFrom(...PACK_FILE_KINDS, 'secrets'), hostile),
          }),
          hostile,
        ),
        uploadInfo: fc.oneof(
          fc.record({
            name: hostile,
            uploadUrl: fc.constantFrom('file:///etc/passwd', 'ftp://x/y', 'not a url', 'http://127.0.0.1:9/x'),
            contentUrl: hostile,
          }),
          hostile,
        ),
      },
      { requiredKeys: [] },
    );
    const puts = upload.puts.length;
    await fc.assert(
      fc.asyncProperty(value, fc.constantFrom(SAM, ALEX), async (v, from) => {
        const before = bot.replies.length;
        const res = await bot.post({
          ...messageActivity(bot.serviceUrl, '', { from }),
          type: 'invoke',
          name: 'fileConsent/invoke',
          replyToId: 'consent-fuzz',
          value: v,
        });
        expect(res.status).to.be.below(500);
        // An accept is answered first and worked on after: wait for what it says, so any upload has happened.
        if ((v as { action?: unknown } | null)?.action === 'accept') await repliedSince(before);
      }),
      { numRuns: 60, seed: 20261203 },
    );
    expect(upload.puts.length, 'no upload to the real fake from a malformed answer').to.equal(puts);
  });
});
