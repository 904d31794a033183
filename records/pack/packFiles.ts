// The board pack's files, made from a place's current records as they are read, page by page:
// the action log and risk register as a workbook (.xlsx) and as CSV, and the board pack as a
// Word document (.docx) and as printable HTML. Nothing here reads storage or knows Teams: the
// caller supplies the records (PackSource) and the stream to write to.
import { oneLine } from '../limits.js';
import { DateTime } from 'luxon';
import { LONDON } from '../dates.js';
import { PLACE_NAMES } from '../places.js';
import { longDate } from '../meeting.js';
import { DEFAULT_MARKING } from '../placeSettings.js';
import { csvLine, type CellContext, type Column } from './cells.js';
import { actionColumns, updateHistoryColumns } from './actionColumns.js';
import { riskColumns } from './riskColumns.js';
import { finish, put } from './stream.js';
import { writeWorkbook } from './xlsx.js';
import { writeHtmlPack } from './html.js';
import { writeDocxPack } from './docx.js';
import { boardPackSections } from './packOutline.js';
import type { PackHeading, PackSource } from './packTypes.js';

export type { PackHeading, PackMeeting, PackSource } from './packTypes.js';

export const PACK_FILE_KINDS = [
  'actionLogXlsx',
  'actionLogCsv',
  'riskRegisterXlsx',
  'riskRegisterCsv',
  'boardPackDocx',
  'boardPackHtml',
] as const;
export type PackFileKind = (typeof PACK_FILE_KINDS)[number];

export interface PackFile {
  fileName: string; // names the place and the date, e.g. "BPL action log 2026-12-03 0945.xlsx"
  contentType: string;
  /**
   * Writes the whole file to `out`, ends it, and resolves when it is flushed; holds at most one page of records.
   * If reading the records fails part way it rejects and leaves `out` unended: destroy it, so no half file is sent.
   */
  writeTo(out: NodeJS.WritableStream): Promise<void>;
}

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
} as const;

/** What each kind is called, in its file name and its heading. */
export const PACK_FILE_TITLES: Record<PackFileKind, string> = {
  actionLogXlsx: 'action log',
  actionLogCsv: 'action log',
  riskRegisterXlsx: 'risk register',
  riskRegisterCsv: 'risk register',
  boardPackDocx: 'board pack',
  boardPackHtml: 'board pack',
};

const EXTENSIONS: Record<PackFileKind, keyof typeof CONTENT_TYPES> = {
  actionLogXlsx: 'xlsx',
  actionLogCsv: 'csv',
  riskRegisterXlsx: 'xlsx',
  riskRegisterCsv: 'csv',
  boardPackDocx: 'docx',
  boardPackHtml: 'html',
};

/** The instant a pack was made, in UK time. */
function madeAtLondon(source: PackSource): DateTime {
  return DateTime.fromISO(source.madeAt).setZone(LONDON).setLocale('en-GB');
}

/** "BPL action log 2026-12-03 0945.xlsx" (a meeting's: "BPL-M-0002 board pack …"): the place or meeting, what it is, and when it was made (UK time). */
export function packFileName(kind: PackFileKind, source: PackSource): string {
  const whose = source.meeting?.ref ?? source.place;
  return `${whose} ${PACK_FILE_TITLES[kind]} ${madeAtLondon(source).toFormat('yyyy-MM-dd HHmm')}.${EXTENSIONS[kind]}`;
}

export function packHeading(kind: PackFileKind, source: PackSource): PackHeading {
  const at = madeAtLondon(source);
  // A heading is one line, whatever a name holds.
  return {
    title: oneLine(`${PLACE_NAMES[source.place]} ${PACK_FILE_TITLES[kind]}`),
    made: oneLine(`Made ${at.toFormat('d LLL yyyy')} at ${at.toFormat('HH:mm')} (UK time) for ${source.madeBy.name}`),
    // A meeting's pack: its forum and the meeting's date on every page; else the board and the day it was made.
    running: oneLine(
      source.meeting ? `${source.meeting.forum} · ${longDate(source.meeting.date)}` : `${source.board} · ${at.toFormat('d LLLL yyyy')}`,
    ),
    marking: oneLine(source.marking ?? '') || DEFAULT_MARKING,
  };
}

export function cellContext(source: PackSource): CellContext {
  return { now: new Date(source.madeAt), threshold: source.escalationThreshold };
}

// ---- CSV -------------------------------------------------------------------------------

/**
 * A register as CSV that Excel opens correctly: UTF-8 with a BOM, CRLF line ends, a line naming
 * the place, when it was made and for whom, then the header row and one row per record, written
 * as each record is read.
 */
async function writeCsv<T>(
  out: NodeJS.WritableStream,
  heading: PackHeading,
  columns: Column<T>[],
  records: AsyncIterable<T>,
): Promise<void> {
  await put(out, '\uFEFF' + csvLine([heading.title, heading.made]));
  await put(out, csvLine(columns.map((c) => c.header)));
  for await (const record of records) await put(out, csvLine(columns.map((c) => c.value(record))));
  await finish(out);
}

function workbookOf(source: PackSource, heading: PackHeading) {
  return { heading, madeBy: oneLine(source.madeBy.name), madeAt: new Date(source.madeAt) };
}

/** A meeting's pack opens with its forum, date and time, chairs, secretary and where: each one line. */
function coverOf(source: PackSource): { cover?: { label: string; value: string }[] } {
  return source.meeting ? { cover: source.meeting.cover.map((l) => ({ label: l.label, value: oneLine(l.value) })) } : {};
}

function maker(kind: PackFileKind, source: PackSource): (out: NodeJS.WritableStream) => Promise<void> {
  const heading = packHeading(kind, source);
  const context = cellContext(source);
  switch (kind) {
    case 'actionLogCsv':
      return (out) => writeCsv(out, heading, actionColumns(context), source.actions());
    case 'riskRegisterCsv':
      return (out) => writeCsv(out, heading, riskColumns(context), source.risks());
    case 'actionLogXlsx':
      return (out) =>
        writeWorkbook(out, {
          ...workbookOf(source, heading),
          sheetName: 'Action log',
          columns: actionColumns(context),
          records: source.actions(),
          detail: {
            sheetName: 'Update history',
            columns: updateHistoryColumns(),
            rowsOf: (a) => a.updates,
          },
        });
    case 'riskRegisterXlsx':
      return (out) =>
        writeWorkbook(out, {
          ...workbookOf(source, heading),
          sheetName: 'Risk register',
          columns: riskColumns(context),
          records: source.risks(),
          heatMapOf: (r) => r,
        });
    case 'boardPackHtml':
      return (out) =>
        writeHtmlPack(out, {
          heading,
          place: PLACE_NAMES[source.place],
          board: oneLine(source.board),
          sections: boardPackSections(source, context),
          ...coverOf(source),
        });
    case 'boardPackDocx':
      return (out) =>
        writeDocxPack(out, {
          heading,
          board: oneLine(source.board),
          madeBy: oneLine(source.madeBy.name),
          sections: boardPackSections(source, context),
          ...coverOf(source),
        });
  }
}

export function packFile(kind: PackFileKind, source: PackSource): PackFile {
  const write = maker(kind, source);
  return { fileName: packFileName(kind, source), contentType: CONTENT_TYPES[EXTENSIONS[kind]], writeTo: write };
}
