// Importing an action log in the 1:1 chat: the file served from a loopback server (the bot has no
// credentials here, so loopback links are allowed), the preview, confirm through the one create
// path, and each bad input named by what the person sees. Table Storage in memory.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { actionData, messageActivity, type ConversationOptions } from '../../support/botHarness.js';
import { cardText } from '../../support/cardCheck.js';
import { startFlows, type FlowHarness, type Sender } from '../../support/flowHarness.js';

const SAM: Sender = { id: 'aad-sam', name: 'Sam Patel' }; // place admin (the board secretary)
const HELEN: Sender = { id: 'aad-helen', name: 'Helen Price' }; // chair
const RUTH: Sender = { id: 'aad-ruth', name: 'Ruth Ellison' }; // no role
const GITA: Sender = { id: 'aad-gita', name: 'Gita Guest', teamsId: '29:gita', guest: true }; // a guest listed as admin
const person = ({ id, name }: Sender) => ({ id, name });
const me = (from: Sender): ConversationOptions => ({ from });

const LOG = [
  'Ref,Action,Lead,Due date,Status,Latest update',
  'CL/23/045,"Agree the estates plan, with costs",Sam Patel,31/12/2026,In progress,Met estates',
  'CL/23/046,Map the community transport routes,Helen Price,1 Mar 2027,Open,',
  'CL/23/047,Appoint a workforce lead,Jo Bloggs,31/12/2026,Open,',
].join('\r\n');

describe('Flows in-process: importing an action log', function () {
  let bot: FlowHarness;
  let files: Server;
  let base = '';
  const served = new Map<string, Buffer>();
  const fetched: string[] = [];
  const now = new Date('2026-11-23T10:00:00Z');

  before(async function () {
    this.timeout(30_000);
    bot = await startFlows({ clock: () => now, members: [SAM, HELEN, RUTH, GITA] });
    await bot.runtime.places.put({
      place: 'BPL',
      displayName: 'Blackpool',
      chairs: [person(HELEN)],
      admins: [person(SAM), person(GITA)],
    });
    files = createServer((req, res) => {
      fetched.push(req.url ?? '');
      const body = served.get(req.url ?? '');
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  after(async () => {
    await bot?.stop();
    files?.close();
  });

  function serve(path: string, body: string | Buffer): string {
    served.set(path, Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
    return `${base}${path}`;
  }

  /** Attaches a file in the 1:1 chat, as Teams sends it; answers the text or cards the bot sent back. */
  async function attach(name: string, url: string, from: Sender = SAM, text = '', type: 'personal' | 'groupChat' = 'personal') {
    const before = bot.replies.length;
    const fileType = name.split('.').pop();
    const activity = {
      ...messageActivity(bot.serviceUrl, text, {
        ...me(from),
        conversationType: type,
        ...(type === 'groupChat' ? { conversationId: '19:import@thread.v2' } : {}),
      }),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name,
          content: { downloadUrl: url, uniqueId: 'u1', fileType },
        },
      ],
    };
    const { status } = await bot.post(activity);
    expect(status).to.equal(200);
    return bot.replies.slice(before).map((r) => r.activity as Record<string, unknown>);
  }
  const said = (answers: Record<string, unknown>[]) =>
    answers.map((a) => (typeof a.text === 'string' ? a.text : JSON.stringify(a))).join('\n');
  const preview = (answers: Record<string, unknown>[]) => {
    const cards = answers.flatMap((a) => ((a.attachments ?? []) as { content: unknown }[]).map((x) => x.content));
    if (!cards[0]) throw new Error(`no preview: ${said(answers)}`);
    return cards[0] as Record<string, unknown>;
  };
  const openActions = async () => (await bot.runtime.records.listByPlace('action', 'BPL')).map((s) => s.record);

  it('a good log: a preview naming the place, the rows ready and the row with a problem; nothing written before Confirm', async () => {
    const card = preview(await attach('log.csv', serve('/log.csv', LOG)));
    const text = cardText(card);
    expect(text).to.contain('Import into Blackpool: log.csv').and.contain('2 rows are ready');
    expect(text).to.contain('Row 4, Lead: “Jo Bloggs” is not one of the place’s people');
    expect(await openActions()).to.deep.equal([]);
  });

  it('confirming creates each row once, keeping their ref; the same file confirmed twice creates nothing twice', async () => {
    const card = preview(await attach('log.csv', serve('/log.csv', LOG)));
    const data = actionData(card, 'import.confirm');
    const first = cardText(await bot.click('import.confirm', data, me(SAM)));
    expect(first).to.contain('Created 2 actions (BPL-A-0001 to BPL-A-0002). 0 already there. 0 refused. 1 row with problems left out.');
    const again = cardText(await bot.click('import.confirm', data, me(SAM)));
    expect(again).to.contain('Created 0 actions. 2 already there.');
    const actions = await openActions();
    expect(actions).to.have.length(2);
    const estates = actions.find((a) => a.description.startsWith('Agree the estates plan'))!;
    expect(estates).to.deep.include({ status: 'IN_PROGRESS', owner: person(SAM) });
    expect(estates.updates.map((u) => u.text)).to.deep.equal([
      'Imported from log.csv row 2, their ref CL/23/045.',
      'Latest update in the log: Met estates',
    ]);
    expect((await bot.runtime.records.history('action', estates.ref)).map((e) => e.command)).to.deep.equal(['import']);
  });

  it('`actions Blackpool` lists the imported actions with their old refs, and the action card says “was CL/23/045”', async () => {
    const [list] = await bot.say('actions Blackpool', me(SAM));
    const text = cardText(list);
    expect(text).to.contain('Blackpool · was CL/23/045').and.contain('Blackpool · was CL/23/046');
    const estates = (await openActions()).find((a) => a.description.startsWith('Agree the estates plan'))!;
    expect(estates.oldRef).to.equal('CL/23/045');
    expect(cardText(await bot.click('action.view', { ref: estates.ref }, me(SAM)))).to.contain('was CL/23/045');
    const [found] = await bot.say('find CL/23/046', me(SAM));
    expect(cardText(found)).to.contain('Map the community transport routes');
  });

  it('an import of 40 rows is not stopped by the per-person create rate (30 in 10 minutes)', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `Ward visit ${i + 1},Helen Price,31/01/2027`);
    const card = preview(await attach('wards.csv', serve('/wards.csv', ['Action,Owner,Due', ...rows].join('\n')), SAM, 'Blackpool'));
    const answer = cardText(await bot.click('import.confirm', actionData(card, 'import.confirm'), me(SAM)));
    expect(answer).to.contain('Created 40 actions').and.contain('0 refused');
  });

  it('an .xlsx with an Excel date serial is read like a CSV', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Actions');
    ws.addRow(['Description', 'Owner', 'Deadline']);
    ws.addRow(['Refresh the ward profiles', 'Helen Price', 46402]);
    const card = preview(await attach('log.xlsx', serve('/log.xlsx', Buffer.from(await book.xlsx.writeBuffer()))));
    expect(cardText(card)).to.contain('1 row is ready');
  });

  it('a file not csv/xlsx: told to save it as either; nothing fetched', async () => {
    expect(said(await attach('minutes.pdf', serve('/minutes.pdf', '%PDF')))).to.contain('“minutes.pdf” is not a .csv or .xlsx file');
    expect(fetched).not.to.include('/minutes.pdf');
  });

  it('a column missing: told which, with its other names', async () => {
    const card = preview(await attach('nodue.csv', serve('/nodue.csv', 'Action,Lead\nDo it,Sam Patel')));
    expect(cardText(card)).to.contain('The first row has no column for “Due date” (or Due, Deadline, Target date)');
    expect(JSON.stringify(card)).not.to.contain('import.confirm');
  });

  it('a date in the past or unreadable: the row and column named', async () => {
    const card = preview(await attach('dates.csv', serve('/dates.csv', 'Action,Lead,Due\nA,Sam Patel,01/01/2020\nB,Sam Patel,soonish')));
    const text = cardText(card);
    expect(text).to.match(/Row 2, Due date: .*2020 is in the past/);
    expect(text).to.contain('Row 3, Due date: No date, or not one I can read');
  });

  it('100 KB in a cell: the row named with how long a cell may be', async () => {
    const card = preview(await attach('big.csv', serve('/big.csv', `Action,Lead,Due\n${'x'.repeat(100_000)},Sam Patel,31/12/2026`)));
    expect(cardText(card)).to.contain('Row 2, Action: 100,000 characters: at most 2,000');
  });

  it('a member who is not the place’s admin (a chair, no role) is refused in one line, before the file is read', async () => {
    const url = serve('/secret.csv', LOG);
    expect(said(await attach('secret.csv', url, HELEN, 'Blackpool'))).to.contain(
      'Only a place admin (the board secretary) of Blackpool can import an action log there. Nothing was read or saved.',
    );
    expect(said(await attach('secret.csv', url, RUTH))).to.contain('Only a place admin (the board secretary) can import');
    expect(fetched).not.to.include('/secret.csv');
  });

  it('a guest is refused, even one listed as the place’s admin', async () => {
    expect(said(await attach('log.csv', serve('/g.csv', LOG), GITA, 'Blackpool'))).to.contain(
      'Only a place admin (the board secretary) of Blackpool',
    );
  });

  it('a download URL off the allowed hosts: not fetched, told to attach it in this chat', async () => {
    expect(said(await attach('log.csv', 'https://files.example.com/log.csv'))).to.contain(
      'not on Teams or SharePoint, so I did not fetch it',
    );
  });

  it('a file over 2 MB: told it is too big, nothing read', async () => {
    const big = `Action,Lead,Due\n${'a,Sam Patel,31/12/2026\n'.repeat(110_000)}`;
    expect(said(await attach('huge.csv', serve('/huge.csv', big)))).to.contain('The file is over 2 MB');
  });

  it('a file attached outside the 1:1 chat, and `import` for the columns', async () => {
    const url = serve('/chat.csv', LOG);
    const inGroup = await attach('chat.csv', url, SAM, '', 'groupChat');
    expect(said(inGroup)).to.contain('Attach the action log in your 1:1 chat with me');
    const cards = await bot.say('import Blackpool', me(SAM));
    expect(cardText(cards[0]!)).to.contain('Import an action log into Blackpool').and.contain('Action,Lead,Due date,Status,RAG');
  });
});
