// Importing an action log: a place admin attaches a .csv or .xlsx in their 1:1 chat with the bot
// and gets a preview (records/import/ plans it, nothing written); Confirm fetches the same file
// again, checks it is the one previewed, and creates each ready row through the one create path,
// each with a form id from the file's hash and the row, so confirming twice creates nothing twice.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { noticeCard } from '../../cards/commonCards.js';
import type { AdaptiveCardJson } from '../../cards/render.js';
import { importAction, IMPORT_MAX_ROWS, planImport, type ImportPlan, type PlacePerson } from '../../records/import/actionImport.js';
import { parseCsv } from '../../records/import/csv.js';
import { importRefused, mayImport } from '../../records/import/importAccess.js';
import { readWorkbook, UnreadableWorkbook, type SheetRow } from '../../records/import/workbook.js';
import type { Actor } from '../../records/people.js';
import { PLACE_CODES, PLACE_NAMES, placeCodeSchema, placeFromText, type PlaceCode } from '../../records/places.js';
import type { Audience } from '../change/audience.js';
import type { Mechanics } from '../change/mechanics.js';
import type { RecordCreation } from '../change/recordCreation.js';
import { storeErrorCode, type BotDeps } from '../ports.js';
import type { BotRoutes } from '../routes.js';
import { sendCard, speaker, type Turn } from '../turn.js';
import { download, type DownloadOptions } from './download.js';
import { importHelpCard, importPreviewCard, type ImportTicket } from './importCards.js';

const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';
const attachedSchema = z.object({
  contentType: z.literal(FILE_INFO),
  name: z.string().trim().min(1).max(300),
  content: z.object({ downloadUrl: z.string().min(1).max(4000), fileType: z.string().max(20).optional() }),
});
const ticketSchema = z.object({
  place: placeCodeSchema,
  fileName: z.string().min(1).max(300),
  fileType: z.enum(['csv', 'xlsx']),
  url: z.string().min(1).max(4000),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
const ONLY_PERSONAL = 'Attach the action log in your 1:1 chat with me: files reach me only there.';

export class ImportFlow {
  private readonly audience: Audience;
  private readonly creation: RecordCreation;

  constructor(
    private readonly deps: BotDeps,
    mechanics: Mechanics,
    private readonly fetching: DownloadOptions,
  ) {
    ({ audience: this.audience, creation: this.creation } = mechanics);
  }

  register(app: BotRoutes): void {
    // A file first: "import Blackpool" typed with a file attached is the file, not the help.
    app.fileAttached((turn) => this.guarded(turn, () => this.attached(turn)));
    app.message(/^\s*import\b(.*)$/i, async (turn) => {
      const rest = /^\s*import\b(.*)$/i.exec(turn.activity.text ?? '')?.[1] ?? '';
      const place = placeFromText(rest);
      await sendCard(turn, importHelpCard(place));
    });
    app.cardVerb('import.confirm', (turn, data) => this.confirm(turn, data));
    app.cardVerb('import.cancel', async () => noticeCard('Import cancelled', 'Nothing was imported.'));
  }

  private async guarded(turn: Turn, work: () => Promise<string | AdaptiveCardJson>): Promise<void> {
    try {
      const answer = await work();
      await (typeof answer === 'string' ? turn.sendActivity(answer) : sendCard(turn, answer));
    } catch (err) {
      if (storeErrorCode(err) !== 'UNAVAILABLE') throw err;
      await turn.sendActivity('The record store is not answering just now. Nothing was saved: attach the file again in a minute.');
    }
  }

  /** A file attached: who may, which place, the file fetched and read, and the preview. */
  private async attached(turn: Turn): Promise<string | AdaptiveCardJson> {
    if (turn.activity.conversation.conversationType !== 'personal') return ONLY_PERSONAL;
    const file = (turn.activity.attachments ?? []).map((a) => attachedSchema.safeParse(a)).find((a) => a.success)?.data;
    if (!file) return 'I could not read the file’s details from Teams. Attach it again.';
    const fileType = typeOf(file.name, file.content.fileType);
    if (!fileType) return `“${file.name.slice(0, 80)}” is not a .csv or .xlsx file. Save the action log as either and attach it again.`;
    const where = await this.placeFor(turn);
    if ('say' in where) return where.say;
    const { place } = where;
    const refused = await this.refusal(turn, place);
    if (refused) return refused;
    const read = await this.read({ place, fileName: file.name, fileType, url: file.content.downloadUrl });
    if (!read.ok) return read.problem;
    return importPreviewCard(read.ticket, read.plan);
  }

  /** The place named in the message, else the one place the speaker administers; or what to say. */
  private async placeFor(turn: Turn): Promise<{ place: PlaceCode } | { say: string }> {
    const named = placeFromText(turn.activity.text ?? '');
    if (named) return { place: named };
    const me = speaker(turn).id;
    const mine = (
      await Promise.all(PLACE_CODES.map(async (p) => ((await this.deps.places.rolesOf(p, me)).includes('admin') ? p : undefined)))
    ).filter((p): p is PlaceCode => p !== undefined);
    if (mine.length === 1) return { place: mine[0]! };
    if (!mine.length) return { say: 'Only a place admin (the board secretary) can import an action log. Nothing was read or saved.' };
    return {
      say: `Which place is it for? Attach the file again with the place’s name in the message (${mine.map((p) => PLACE_NAMES[p]).join(', ')}).`,
    };
  }

  /** Asked before a file is read: records/import/importAccess.ts. */
  private async refusal(turn: Turn, place: PlaceCode): Promise<string | undefined> {
    const [{ viewer, confirmed }, actor] = await Promise.all([this.deps.viewers.of(turn), this.audience.actor(turn, place)]);
    if (!confirmed || !mayImport(viewer, actor)) return importRefused(place);
    return undefined;
  }

  private async read(
    file: Omit<ImportTicket, 'hash'>,
  ): Promise<{ ok: true; ticket: ImportTicket; plan: ImportPlan } | { ok: false; problem: string }> {
    const fetched = await download(file.url, this.fetching);
    if (!fetched.ok) return fetched;
    const hash = createHash('sha256').update(fetched.bytes).digest('hex');
    let sheet: SheetRow[];
    try {
      sheet =
        file.fileType === 'csv'
          ? parseCsv(new TextDecoder('utf-8').decode(fetched.bytes)).map((cells, i) => ({ n: i + 1, cells }))
          : await readWorkbook(fetched.bytes, IMPORT_MAX_ROWS);
    } catch (err) {
      if (err instanceof UnreadableWorkbook) return { ok: false, problem: err.message };
      throw err;
    }
    const plan = planImport(sheet, { place: file.place, people: await this.peopleOf(file.place), now: this.deps.clock() });
    return { ok: true, ticket: { ...file, hash }, plan };
  }

  /** The place's people an owner may be: its chairs, approvers and admins (place settings). */
  private async peopleOf(place: PlaceCode): Promise<PlacePerson[]> {
    const settings = (await this.deps.setup?.settings.get(place))?.record;
    if (settings) return [...settings.chairs, ...settings.approvers, ...settings.admins];
    const { chairs, approvers } = await this.deps.places.signOffPeopleOf(place);
    return [...chairs, ...approvers];
  }

  /** Confirm: the same file, fetched and checked again, and each ready row created once. */
  private async confirm(turn: Turn, data: Record<string, unknown>): Promise<AdaptiveCardJson | string> {
    const parsed = ticketSchema.safeParse(data);
    if (!parsed.success) return noticeCard('This preview is out of date', 'Attach the file again for a new preview. Nothing was imported.');
    const ticket = parsed.data;
    const heading = `Import into ${PLACE_NAMES[ticket.place]}`;
    const refused = await this.refusal(turn, ticket.place);
    if (refused) return noticeCard(heading, refused);
    const read = await this.read(ticket);
    if (!read.ok) return noticeCard(heading, `${read.problem} Nothing was imported.`);
    if (read.ticket.hash !== ticket.hash || read.plan.fileProblem) {
      return noticeCard(heading, 'The file has changed since the preview. Attach it again for a new preview. Nothing was imported.');
    }
    const actor = await this.audience.actor(turn, ticket.place);
    return noticeCard(heading, await this.createAll(turn, ticket, read.plan, actor));
  }

  private async createAll(turn: Turn, ticket: ImportTicket, plan: ImportPlan, actor: Actor): Promise<string> {
    const created: string[] = [];
    let already = 0;
    const refused: string[] = [];
    try {
      for (const row of plan.rows) {
        const result = await this.creation.createFor(
          turn,
          'action',
          ticket.place,
          (ref, now) => importAction(ticket.fileName, row, ref, actor, now),
          { formId: `imp-${ticket.hash.slice(0, 40)}-${row.row}`, actor, unrated: true },
        );
        if (!result.ok) refused.push(`row ${row.row}: ${result.refusal.message}`);
        else if (result.resubmitted) already++;
        else created.push(result.stored.record.ref);
      }
    } catch (err) {
      console.error('import stopped', err);
      return `${summary(created, already, refused)} Storage stopped answering part-way: confirm again to import the rest (nothing is created twice).`;
    }
    const left = new Set(plan.problems.map((p) => p.row)).size;
    return `${summary(created, already, refused)}${left ? ` ${left} ${left === 1 ? 'row' : 'rows'} with problems left out.` : ''}`;
  }
}

function summary(created: string[], already: number, refused: string[]): string {
  const range = created.length ? ` (${created[0]}${created.length > 1 ? ` to ${created.at(-1)}` : ''})` : '';
  const parts = [`Created ${created.length} ${created.length === 1 ? 'action' : 'actions'}${range}.`];
  parts.push(`${already} already there.`);
  parts.push(refused.length ? `${refused.length} refused: ${refused.slice(0, 10).join('; ')}.` : '0 refused.');
  return parts.join(' ');
}

function typeOf(name: string, fileType?: string): 'csv' | 'xlsx' | undefined {
  const ext = (fileType || name.split('.').pop() || '').toLowerCase().replace(/^\./, '');
  return ext === 'csv' || ext === 'xlsx' ? ext : undefined;
}
