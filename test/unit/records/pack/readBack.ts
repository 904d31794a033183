// Reading a pack file back the way another program would: the zip opened with jszip, its XML
// parsed with saxes (so broken XML fails), a sheet as rows of cell text, a CSV per RFC 4180.
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface El {
  name: string;
  attributes: Record<string, string>;
  children: El[];
  text: string;
}

export function parseXml(xml: string): El {
  const root: El = { name: '#root', attributes: {}, children: [], text: '' };
  const stack: El[] = [root];
  const parser = new SaxesParser();
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const el: El = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => (stack.at(-1)!.text += t));
  parser.write(xml).close();
  return root;
}
export const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
export const textOf = (el: El): string => el.text + el.children.map(textOf).join('');
/** Word text as a reader sees it: a no-break hyphen (kept refs, BPL-A-0042) reads as "-". */
export const wordText = (el: El): string => (el.name === 'w:noBreakHyphen' ? '-' : el.text + el.children.map(wordText).join(''));

/** "AB" → 28. */
function columnNumber(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export interface SheetXml {
  root: El;
  /** Each row's cells as text, by 1-based row then 0-based column; dates are Excel serial numbers. */
  rows: Map<number, string[]>;
}

/** A workbook's sheets by name, each parsed (the workbook's own list maps names to parts). */
export async function openWorkbook(bytes: Buffer): Promise<{ zip: JSZip; sheet: (name: string) => Promise<SheetXml> }> {
  const zip = await JSZip.loadAsync(bytes);
  const book = parseXml(await zip.file('xl/workbook.xml')!.async('string'));
  const rels = parseXml(await zip.file('xl/_rels/workbook.xml.rels')!.async('string'));
  return {
    zip,
    sheet: async (name) => {
      const entry = all(book, 'sheet').find((s) => s.attributes.name === name);
      if (!entry) throw new Error(`no sheet ${name}`);
      const rel = all(rels, 'Relationship').find((r) => r.attributes.Id === entry.attributes['r:id'])!;
      const root = parseXml(await zip.file(`xl/${rel.attributes.Target!.replace(/^\/?xl\//, '')}`)!.async('string'));
      const rows = new Map<number, string[]>();
      for (const row of all(root, 'row')) {
        const cells: string[] = [];
        for (const c of all(row, 'c')) cells[columnNumber(c.attributes.r!) - 1] = textOf(c);
        rows.set(
          Number(row.attributes.r),
          Array.from(cells, (v) => v ?? ''),
        );
      }
      return { root, rows };
    },
  };
}

/** Excel's serial day number as an ISO date. */
export const serialDate = (serial: string) => new Date(Date.UTC(1899, 11, 30) + Number(serial) * 86_400_000).toISOString().slice(0, 10);

/** A minimal RFC 4180 reader, to check what Excel will see. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += ch;
  }
  return rows;
}

/** A CSV pack file as records keyed by header (row 1 is the heading line, row 2 the headers). */
export function csvRecords(bytes: Buffer): { headers: string[]; records: Record<string, string>[] } {
  const [, headers = [], ...rows] = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  return { headers, records: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))) };
}
