// The board pack's files (records/pack): time and peak memory to make each one from 100, 1,000
// and 10,000 actions (and as many risks), each in a fresh process (bench/packFilesChild.ts) so
// no run inherits another's heap. The records are generated as they are read and the file goes
// to a sink that keeps nothing, so what grows is what the maker holds. Memory is the live heap
// (+ external + array buffers) after a full collection every 250 records, against its level
// just before making the file; time comes from a separate run without those collections.
import { execFileSync } from 'node:child_process';
import { PACK_FILE_KINDS, type PackFileKind } from '../records/pack/packFiles.js';
import { printTable } from './table.js';

export const PACK_SIZES = [100, 1_000, 10_000] as const;

export interface PackFileRow {
  kind: PackFileKind;
  size: number;
  ms: number;
  bytes: number;
  /** Live heap + external + array buffers just before making the file, and at most while making it. */
  startMB: number;
  peakMB: number;
}

function measure(kind: PackFileKind, size: number, meeting = false): PackFileRow {
  const args = ['--expose-gc', '--import', 'tsx', 'bench/packFilesChild.ts', kind, String(size), ...(meeting ? ['meeting'] : [])];
  const out = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as PackFileRow;
}

export function benchPackFiles(): PackFileRow[] {
  const rows: PackFileRow[] = [];
  for (const kind of PACK_FILE_KINDS) for (const size of PACK_SIZES) rows.push(measure(kind, size));
  return rows;
}

/** The pack for a meeting (cover, an 80-item agenda with cover sheets, the last key messages, then the registers): the Word and HTML packs. */
const MEETING_KINDS = ['boardPackDocx', 'boardPackHtml'] as const;
/** Made in at most this long at 1,000 actions (issue 25), on this machine. */
export const MEETING_PACK_BUDGET_MS = 2_000;

export function benchMeetingPack(): PackFileRow[] {
  return MEETING_KINDS.flatMap((kind) => PACK_SIZES.map((size) => measure(kind, size, true)));
}

export function printMeetingPack(rows: PackFileRow[]): void {
  const n = (x: number) => x.toLocaleString('en-GB');
  const table = [
    ['pack for a meeting', ...PACK_SIZES.map((s) => `${n(s)}: ms`), ...PACK_SIZES.map((s) => `${n(s)}: live MB`), 'at 1,000: ≤ 2 s'],
  ];
  for (const kind of MEETING_KINDS) {
    const of = rows.filter((r) => r.kind === kind);
    const at1000 = of.find((r) => r.size === 1_000)!;
    table.push([
      NAMES[kind],
      ...of.map((r) => r.ms.toFixed(0)),
      ...of.map((r) => `${r.startMB.toFixed(1)} → ${r.peakMB.toFixed(1)}`),
      at1000.ms <= MEETING_PACK_BUDGET_MS ? 'yes' : `NO (${at1000.ms.toFixed(0)} ms)`,
    ]);
  }
  printTable(table);
  console.log(
    "  (as above, with the meeting's cover, an 80-item agenda (20 papers with cover sheets and links) and 30 lines of last key messages first)",
  );
}

const NAMES: Record<PackFileKind, string> = {
  actionLogXlsx: 'action log .xlsx',
  actionLogCsv: 'action log .csv',
  riskRegisterXlsx: 'risk register .xlsx',
  riskRegisterCsv: 'risk register .csv',
  boardPackDocx: 'board pack .docx',
  boardPackHtml: 'board pack .html',
};

export function printPackFiles(rows: PackFileRow[]): void {
  const n = (x: number) => x.toLocaleString('en-GB');
  const header = [
    'file',
    ...PACK_SIZES.map((s) => `${n(s)}: ms`),
    ...PACK_SIZES.map((s) => `${n(s)}: live MB`),
    `${n(PACK_SIZES.at(-1)!)}: size KB`,
  ];
  const table = [header];
  for (const kind of PACK_FILE_KINDS) {
    const of = rows.filter((r) => r.kind === kind);
    table.push([
      NAMES[kind],
      ...of.map((r) => r.ms.toFixed(0)),
      ...of.map((r) => `${r.startMB.toFixed(1)} → ${r.peakMB.toFixed(1)}`),
      (of.at(-1)!.bytes / 1024).toFixed(0),
    ]);
  }
  printTable(table);
  console.log(
    '  (N actions and N risks, generated as read; the board pack also holds 20 decided sign-offs and 5 awaiting ratification. ms: one run',
  );
  console.log(
    '   after a warm-up file, in a fresh process per cell. live MB: heap + external + array buffers after a full GC, just before making the',
  );
  console.log(
    '   file → the most seen while making it (GC and read every 250 records of each list): the same at every N means it is streamed.)',
  );
}

if (process.argv[1]?.endsWith('packFiles.ts')) {
  printPackFiles(benchPackFiles());
  printMeetingPack(benchMeetingPack());
}
