// The pack for a meeting through the real bot on Table Storage in memory: `board pack BPL-M-0002`
// (and `board pack Blackpool`, which takes the board's next prepared meeting) sends the asker links
// whose Word pack opens with the meeting's cover, its agenda in order with the paper's cover sheet
// and link, and the forum's last published key messages; the place's protective marking set on the
// setup card prints in its footer. A meeting that does not exist, and someone who may not have the
// pack, are told so; nothing is made.
import { expect } from 'chai';
import JSZip from 'jszip';
import { applyForumCommand, createForum } from '../../../records/forum.js';
import { applyMeetingCommand, createMeeting, type MeetingDraft } from '../../../records/meeting.js';
import type { Actor } from '../../../records/people.js';
import { createSignOff } from '../../../records/signoff.js';
import { actionData, cardsOf, messageActivity, type ConversationOptions } from '../../support/botHarness.js';
import { cardText, findInput } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';
import { all, parseXml, wordText } from '../records/pack/readBack.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel', teamsId: '29:sam' };
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price', teamsId: '29:helen' };
const ALEX: Sender = { id: 'aad-alex', name: 'Alex Jones', teamsId: '29:alex' };
const ADMIN: Actor = { ...SAM, roles: ['admin'] };
const CHANNEL = '19:blackpool@thread.tacv2';
const GROUP: ConversationOptions = { conversationType: 'groupChat', conversationId: '19:group@thread.v2' };
const BOARD = 'Blackpool Place Partnership Board';

describe('Flows in-process: the pack for a meeting (bot + in-memory table)', function () {
  this.timeout(60_000);
  let bot: FlowHarness;
  let now = new Date('2026-11-13T10:00:00Z');

  async function say(text: string, opts: ConversationOptions): Promise<Record<string, unknown>[]> {
    const before = bot.replies.length;
    const { status } = await bot.post(messageActivity(bot.serviceUrl, text, opts));
    expect(status).to.equal(200);
    return bot.replies.slice(before).flatMap((r) => cardsOf(r.activity));
  }

  function links(card: Record<string, unknown>): { title: string; url: string }[] {
    const found: { title: string; url: string }[] = [];
    JSON.parse(JSON.stringify(card), (_k, v) => {
      if (v && typeof v === 'object' && v.type === 'Action.OpenUrl') found.push({ title: v.title, url: v.url });
      return v;
    });
    return found;
  }

  async function wordPack(card: Record<string, unknown>): Promise<{ text: string; footers: string }> {
    const docx = links(card).find((l) => l.title === 'Board pack (Word document)')!;
    const res = await fetch(docx.url, { headers: { 'x-ms-client-principal-id': SAM.id } });
    expect(res.status).to.equal(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const doc = parseXml(await zip.file('word/document.xml')!.async('string'));
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d*\.xml$/.test(f))
        .map(async (f) => wordText(parseXml(await zip.file(f)!.async('string')))),
    );
    return { text: all(doc, 'w:p').map(wordText).join('\n'), footers: footers.join(' ') };
  }

  async function meeting(draft: Omit<MeetingDraft, 'place' | 'board'>, at: Date) {
    const made = await bot.runtime.records.create('meeting', 'BPL', (ref) =>
      createMeeting({ place: 'BPL', board: BOARD, ...draft }, ref, ADMIN, at),
    );
    if (!made.ok) throw new Error(made.refusal.message);
    return made.stored;
  }

  before(async () => {
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, ALEX] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [HELEN],
      admins: [SAM],
      channels: [{ id: CHANNEL, name: 'Blackpool Partnership' }],
    });
    const forum = await bot.runtime.records.create('forum', 'BPL', (ref) =>
      createForum(
        {
          place: 'BPL',
          name: BOARD,
          chairs: [{ ...HELEN, title: 'Independent Chair' }],
          secretary: SAM,
          rhythm: { type: 'monthly', nth: 2, weekday: 4, every: 1, from: '2026-01' },
          startTime: '14:00',
          channelId: CHANNEL,
          reportingLines: [{ to: 'icb-board', name: 'ICB Board' }],
        },
        ref,
        ADMIN,
        now,
      ),
    );
    if (!forum.ok) throw new Error(forum.refusal.message);
    const forumRef = forum.stored.record.ref;
    // The last meeting, held 12 November, its key messages published.
    let last = await meeting({ forumRef, date: '2026-11-12', agenda: [] }, now);
    for (const step of [
      { type: 'addDecision' as const, text: 'The Board approved the Blackpool place integration deal phases.' },
      {
        type: 'draftKeyMessages' as const,
        text: 'Key Decisions and Actions\nThe Board approved the Blackpool place integration deal phases.',
      },
      { type: 'requestSignOff' as const, signOffRef: 'BPL-S-0099' },
      { type: 'publish' as const, signedOffBy: HELEN, role: 'Independent Chair' },
    ]) {
      const written = await bot.runtime.records.update('meeting', last, applyMeetingCommand(last.record, ADMIN, step, now));
      if (!written.ok) throw new Error(written.refusal.message);
      last = written.stored;
    }
    // A paper for the next meeting, with its cover sheet and link.
    const paper = await bot.runtime.records.create('signoff', 'BPL', (ref) =>
      createSignOff(
        {
          place: 'BPL',
          board: BOARD,
          title: 'Winter plan 2026/27',
          summary: 'The winter plan for Blackpool.',
          paperUrl: 'https://example.org/papers/winter-plan.pdf',
          itemType: 'document',
          route: 'meeting',
          cover: { purpose: 'decision', recommendations: 'Approve the winter plan.', author: 'Jo Marsden' },
          approvers: [HELEN],
          dueBy: '2026-12-10',
        },
        ref,
        ADMIN,
        now,
      ),
    );
    if (!paper.ok) throw new Error(paper.refusal.message);
    now = new Date('2026-12-03T10:00:00Z');
    await meeting(
      {
        forumRef,
        date: '2026-12-10',
        agenda: [
          { section: 'overdue', ref: 'BPL-A-0007', title: 'Neighbourhood team staffing plan', detail: 'Due Mon 16 Nov 2026' },
          { section: 'papers', ref: paper.stored.record.ref, title: 'Winter plan 2026/27', detail: 'Requested by Sam Patel' },
        ],
      },
      now,
    );
    await bot.say('help', { from: SAM }); // Sam has a personal chat with the bot, where links are sent
  });
  after(async () => {
    await bot?.stop();
  });

  it('`board pack BPL-M-0002` in a group chat: links for the meeting, whose Word pack has its cover, agenda with the paper, and the last key messages, in order', async () => {
    const [card] = await say('board pack BPL-M-0002', { ...GROUP, from: SAM });
    expect(cardText(card!)).to.contain(`Board pack · ${BOARD}, 10 December 2026 (BPL-M-0002)`).and.contain('the agenda in order');
    const { text } = await wordPack(card!);
    const wanted = [
      `Forum: ${BOARD}`,
      'Date: Thursday 10 December 2026 at 14:00',
      'Chair: Helen Price, Independent Chair',
      'Secretary: Sam Patel',
      'Where: Microsoft Teams, the Blackpool Partnership channel',
      'Agenda',
      'BPL-A-0007',
      'Winter plan 2026/27',
      'Recommendations: Approve the winter plan.',
      'https://example.org/papers/winter-plan.pdf',
      'Key messages from the last meeting',
      `${BOARD} – Key messages 12 November 2026`,
      'Date posted: 13 November 2026',
      'The Board approved the Blackpool place integration deal phases.',
      'Completed and Signed off by Helen Price, Independent Chair',
      'Action log',
    ];
    let from = 0;
    const at = wanted.map((w) => {
      const i = text.indexOf(w, from);
      if (i >= 0) from = i + w.length;
      return i;
    });
    expect(at, JSON.stringify(at)).to.not.include(-1);
  });

  it('`board pack Blackpool` takes the board’s next prepared meeting; in personal chat each consent card carries it and names the file for it', async () => {
    const [card] = await say('board pack Blackpool', { ...GROUP, from: SAM });
    expect(cardText(card!)).to.contain('(BPL-M-0002)');
    const before = bot.replies.length;
    await bot.post(messageActivity(bot.serviceUrl, 'board pack Blackpool', { from: SAM }));
    const consents = bot.replies
      .slice(before)
      .flatMap((r) => (r.activity.attachments as { contentType: string; name: string; content: { acceptContext: unknown } }[]) ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consents).to.have.length(6);
    expect(consents[4]!.name).to.equal('BPL-M-0002 board pack 2026-12-03 1000.docx');
    expect(consents[4]!.content.acceptContext).to.deep.equal({ place: 'BPL', kind: 'boardPackDocx', meeting: 'BPL-M-0002' });
  });

  it('a ref of no meeting is answered so, and someone who is not a chair or admin is refused: no links are made', async () => {
    const [none] = await say('board pack BPL-M-0099', { ...GROUP, from: SAM });
    expect(cardText(none!)).to.contain('There is no meeting BPL-M-0099');
    const [refused] = await say('board pack BPL-M-0002', { ...GROUP, from: ALEX });
    expect(cardText(refused!)).to.contain(
      `Only a chair or admin of Blackpool, or the secretary or a chair of ${BOARD}, can have this board pack made`,
    );
    expect(links(refused!)).to.deep.equal([]);
  });

  it('a chair of the meeting’s forum who is no chair or admin of the place has that meeting’s pack; the place’s own pack is still refused them', async () => {
    const forum = (await bot.runtime.records.listByPlace('forum', 'BPL'))[0]!;
    const chairs = [...forum.record.chairs, { ...ALEX, title: 'Vice-chair of the delivery group' }];
    const { kind: _k, ref: _r, place: _p, status: _s, createdBy: _c, createdAt: _a, ...fields } = forum.record;
    const changed = await bot.runtime.records.update(
      'forum',
      forum,
      applyForumCommand(forum.record, ADMIN, { type: 'change', fields: { ...fields, chairs } }, now),
    );
    if (!changed.ok) throw new Error(changed.refusal.message);
    await bot.say('help', { from: ALEX }); // a personal chat, where the links go
    const [made] = await say('board pack BPL-M-0002', { ...GROUP, from: ALEX });
    expect(cardText(made!)).to.contain('The links work for Alex Jones only').and.contain('(BPL-M-0002)');
    const [place] = await say('board pack Blackpool', { ...GROUP, from: ALEX });
    expect(cardText(place!)).to.contain('Only a chair or admin of Blackpool can have its board pack made');
    const restored = await bot.runtime.records.update(
      'forum',
      changed.stored,
      applyForumCommand(changed.stored.record, ADMIN, { type: 'change', fields: { ...fields, chairs: forum.record.chairs } }, now),
    );
    if (!restored.ok) throw new Error(restored.refusal.message);
  });

  it('the protective marking set on the setup card prints in the pack’s footer; a marking with other characters is refused beside the field, input kept', async () => {
    const [overview] = await bot.say('setup', { from: SAM });
    const form = await bot.click('setup.open', actionData(overview, 'setup.open'), { from: SAM });
    const base = { ...actionData(form, 'setup.save'), chairs: HELEN.id, approvers: '', admins: SAM.id, threshold: '15', digest: 'true' };
    const bad = await bot.click('setup.save', { ...base, marking: 'OFFICIAL <b>secret</b>' }, { from: SAM });
    expect(cardText(bad)).to.contain('Protective marking: use letters, digits, spaces and - : / only');
    expect(findInput(bad, 'marking')!.value).to.equal('OFFICIAL <b>secret</b>');
    expect((await bot.runtime.places.get('BPL'))!.record.marking).to.equal('OFFICIAL');
    const saved = await bot.click(
      'setup.save',
      { ...actionData(bad, 'setup.save'), ...base, etag: (await bot.runtime.places.get('BPL'))!.etag, marking: 'official-sensitive' },
      { from: SAM },
    );
    expect(cardText(saved)).to.contain('Protective marking').and.contain('OFFICIAL-SENSITIVE');
    expect((await bot.runtime.places.get('BPL'))!.record.marking).to.equal('OFFICIAL-SENSITIVE');
    const [card] = await say('board pack BPL-M-0002', { ...GROUP, from: SAM });
    expect((await wordPack(card!)).footers).to.contain('OFFICIAL-SENSITIVE');
  });
});
