// The one way a board pack file leaves the app: made from the place's current records as they are
// read (records/pack), written to where it goes, and audited (who, which place, which file, how it
// went). Two ways out: uploaded to the person's OneDrive after they allow it (personal chat), or
// streamed to a download link made for one person (group chats and channels, functions/files.ts).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import {
  mayDownload,
  newFileLink,
  type Downloader,
  type FileDelivery,
  type FileLink,
  type FileMadeEvent,
} from '../../records/packAccess.js';
import type { PackFile, PackFileKind, PackSource } from '../../records/pack/packFiles.js';
import { PACK_FILE_KINDS } from '../../records/pack/packFiles.js';
import type { Person } from '../../records/people.js';
import type { PlaceCode } from '../../records/places.js';
import type { PlaceSettings } from '../../records/placeSettings.js';
import { fileRateLine } from '../../records/fileOut.js';

/** What delivery needs from storage and the pack makers (the runtime wires the real ones). */
export interface PackDeliveryDeps {
  links: {
    saveLinks(links: FileLink[]): Promise<void>;
    getLink(token: string): Promise<FileLink | undefined>;
    /** Counts one opening of the link; false once it has been opened as often as it may be (records/fileOut.ts). */
    claimLinkUse?(token: string): Promise<boolean>;
    /** One more file for this person, within their rate (records/fileOut.ts), or when to ask again. */
    admitFileFor?(personId: string, now: Date): Promise<{ ok: true } | { ok: false; retryAt: string }>;
  };
  /** Whether the person is still a chair or admin of the place, asked when the file is made (records/fileOut.ts). */
  stillAllowed?(place: PlaceCode, personId: string): Promise<boolean>;
  audit: { recordFileMade(event: FileMadeEvent): Promise<void> };
  /** The place's current records, read page by page when the file is written, as the pack's source (with `meeting`: the pack for that meeting). */
  sourceOf(place: PlaceCode, madeFor: Person, now: Date, meeting?: string): Promise<PackSource>;
  makeFile(kind: PackFileKind, source: PackSource): PackFile;
  newToken(): string;
  clock: () => Date;
}

/**
 * OneDrive takes an upload in fragments that are multiples of 320 KiB; ten of them (3.125 MiB) per
 * PUT keeps memory to one fragment whatever the file's size.
 */
export const UPLOAD_FRAGMENT_BYTES = 10 * 320 * 1024;

export type UploadOutcome = { ok: true; fileName: string; bytes: number } | { ok: false; fileName: string; detail: string };

export function isPackFileKind(kind: string): kind is PackFileKind {
  return (PACK_FILE_KINDS as readonly string[]).includes(kind);
}

export class PackDelivery {
  constructor(private readonly deps: PackDeliveryDeps) {}

  /** One link per file, each for `madeFor` only, working for 15 minutes from now (with `meeting`: that meeting's pack). */
  async makeLinks(place: PlaceCode, madeFor: Person, now: Date, meeting?: string): Promise<FileLink[]> {
    const links = PACK_FILE_KINDS.map((kind) => newFileLink(this.deps.newToken(), place, kind, madeFor, now, meeting));
    await this.deps.links.saveLinks(links);
    return links;
  }

  /** The names the files will have if made now (for the consent cards, before any is made): nothing is read. */
  async fileNames(place: PlaceCode, madeFor: Person, now: Date, meeting?: string): Promise<Record<PackFileKind, string>> {
    const source = await this.deps.sourceOf(place, madeFor, now, meeting);
    return Object.fromEntries(PACK_FILE_KINDS.map((kind) => [kind, this.deps.makeFile(kind, source).fileName])) as Record<
      PackFileKind,
      string
    >;
  }

  /**
   * The file behind a download link, as a stream, or undefined (unknown, expired, or asked for
   * by someone else: the caller answers a bare 404 for all three). The file is made as it is
   * streamed; once it has all gone (or failed) the audit says so.
   */
  async openLink(
    token: string,
    who: Downloader,
    identityRequired: boolean,
  ): Promise<{ fileName: string; contentType: string; body: Readable } | undefined> {
    const now = this.deps.clock();
    const link = await this.deps.links.getLink(token);
    if (!link || !mayDownload(link, who, identityRequired, now) || !isPackFileKind(link.kind)) return undefined;
    // Checked again now the file is to be made: still a chair or admin, the link not used up, and within the person's file rate.
    if (this.deps.stillAllowed && !(await this.deps.stillAllowed(link.place, link.madeFor.id))) return undefined;
    if (this.deps.links.claimLinkUse && !(await this.deps.links.claimLinkUse(token))) return undefined;
    if (this.deps.links.admitFileFor && !(await this.deps.links.admitFileFor(link.madeFor.id, now)).ok) return undefined;
    const kind = link.kind;
    const file = this.deps.makeFile(kind, await this.deps.sourceOf(link.place, link.madeFor, now, link.meeting));
    const body = new PassThrough();
    void this.write(file, body, { place: link.place, kind, madeFor: link.madeFor, at: now.toISOString(), delivery: 'download' }).catch(
      (err: unknown) => {
        // The response ends short, so the client sees a broken download, never a complete-looking one.
        body.destroy(err instanceof Error ? err : new Error(String(err)));
      },
    );
    return { fileName: file.fileName, contentType: file.contentType, body };
  }

  /**
   * Makes the file and PUTs it to the upload URL Teams gave when the person allowed it, in
   * fragments with Content-Range. Any refused fragment stops it: the outcome says it failed and
   * nothing is claimed as sent. The file goes through a temporary file (deleted after), so
   * memory holds one fragment, and the total size is known before the first PUT.
   */
  async upload(kind: PackFileKind, place: PlaceCode, madeFor: Person, uploadUrl: string, meeting?: string): Promise<UploadOutcome> {
    const now = this.deps.clock();
    const audit: Omit<FileMadeEvent, 'fileName' | 'outcome'> = { place, kind, madeFor, at: now.toISOString(), delivery: 'upload' };
    if (this.deps.stillAllowed && !(await this.deps.stillAllowed(place, madeFor.id)))
      return { ok: false, fileName: '', detail: 'you are no longer a chair or admin of that place' };
    const admitted = this.deps.links.admitFileFor ? await this.deps.links.admitFileFor(madeFor.id, now) : { ok: true as const };
    if (!admitted.ok) return { ok: false, fileName: '', detail: fileRateLine(admitted.retryAt) };
    const file = this.deps.makeFile(kind, await this.deps.sourceOf(place, madeFor, now, meeting));
    const dir = await mkdtemp(join(tmpdir(), 'board-pack-'));
    const path = join(dir, 'file');
    try {
      await file.writeTo(createWriteStream(path));
      const bytes = (await stat(path)).size;
      const refused = await putInFragments(path, bytes, uploadUrl);
      if (refused) {
        await this.audit({ ...audit, fileName: file.fileName, outcome: 'failed', detail: refused });
        return { ok: false, fileName: file.fileName, detail: refused };
      }
      await this.audit({ ...audit, fileName: file.fileName, outcome: 'sent' });
      return { ok: true, fileName: file.fileName, bytes };
    } catch (err) {
      const detail = `the file could not be made (${err instanceof Error ? err.message : 'unknown error'})`;
      await this.audit({ ...audit, fileName: file.fileName, outcome: 'failed', detail });
      return { ok: false, fileName: file.fileName, detail };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async write(
    file: PackFile,
    out: NodeJS.WritableStream,
    audit: Omit<FileMadeEvent, 'fileName' | 'outcome'> & { delivery: FileDelivery },
  ): Promise<void> {
    try {
      await file.writeTo(out);
    } catch (err) {
      await this.audit({
        ...audit,
        fileName: file.fileName,
        outcome: 'failed',
        detail: err instanceof Error ? err.message : 'unknown error',
      });
      throw err;
    }
    await this.audit({ ...audit, fileName: file.fileName, outcome: 'sent' });
  }

  /** The audit is written whatever else happens; a failure to write it is logged, not thrown over the file. */
  private async audit(event: FileMadeEvent): Promise<void> {
    try {
      await this.deps.audit.recordFileMade(event);
    } catch (err) {
      console.error(`board pack: could not audit ${event.fileName} for ${event.madeFor.id}`, err);
    }
  }
}

/** PUTs the file in fragments; undefined when every fragment was taken, else what went wrong. */
async function putInFragments(path: string, bytes: number, uploadUrl: string): Promise<string | undefined> {
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < bytes; start += UPLOAD_FRAGMENT_BYTES)
    ranges.push([start, Math.min(bytes, start + UPLOAD_FRAGMENT_BYTES) - 1]);
  for (const [start, end] of ranges) {
    const chunk = await readRange(path, start, end);
    let res: Response;
    try {
      res = await fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'content-range': `bytes ${start}-${end}/${bytes}`, 'content-length': String(chunk.length) },
        body: chunk,
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
    } catch (err) {
      return `the upload could not reach OneDrive (${err instanceof Error ? err.name : 'error'})`;
    }
    if (!res.ok) return `OneDrive refused the upload (HTTP ${res.status})`;
  }
  return undefined;
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of createReadStream(path, { start, end })) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** What the board pack needs besides the shared deps (functions/runtime.ts wires it). */
export interface BoardPackDeps {
  delivery: PackDelivery;
  settingsOf(place: PlaceCode): Promise<PlaceSettings | undefined>;
  /** The app's public address, where download links point (e.g. https://func-….azurewebsites.net); undefined until known. */
  baseUrl(): string | undefined;
  /** Deployed with bot credentials: upload URLs must be https (locally a loopback fake may be http). */
  secure: boolean;
  /** Whether a download link can prove who opens it (locally, or behind App Service authentication); absent: yes. */
  linksTrusted?: boolean;
}
