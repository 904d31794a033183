// The board pack as one printable HTML page, written section by section as records are read:
// self-contained (inline styles only; no fonts, scripts, images or links to anywhere), A4
// landscape in print, every piece of text escaped, right-to-left text given its direction.
import { BAND_COLOURS } from '../scoring.js';
import { countLine, type AnySection } from './packOutline.js';
import { escapeHtml, hasRightToLeft, HeatMap, heatMapInWords, heatMapRows, printedValue, BAND_TEXT, refPieces } from './cells.js';
import type { PackHeading } from './packTypes.js';
import { CONSEQUENCE_LABELS, LIKELIHOOD_LABELS } from '../scoring.js';
import { finish, put } from './stream.js';

const STYLE = `
@page{size:A4 landscape;margin:12mm}
body{font-family:Arial,Helvetica,sans-serif;font-size:10pt;color:#212b32;margin:1.5em}
h1{font-size:18pt;margin:0 0 .2em}
h2{font-size:14pt;margin:1.4em 0 .3em;page-break-after:avoid}
h3{font-size:12pt;margin:1em 0 .3em}
p.meta{margin:0 0 1em;color:#4c6272}
h2+p.meta{page-break-after:avoid;break-after:avoid}
section.cover{page-break-after:always}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #768692;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#005eb8;color:#fff}
td{overflow-wrap:normal;word-break:normal;hyphens:manual}
td.pill{font-weight:bold;text-align:center;white-space:nowrap}
td.ref{white-space:nowrap}
span.ref{white-space:nowrap}
dl.cover{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
dl.cover dt{font-weight:bold}dl.cover dd{margin:0}
p.prose{margin:0 0 .5em}
td[dir]{unicode-bidi:isolate}
table{table-layout:fixed}
div.heat{break-inside:avoid;page-break-inside:avoid}
header.running,footer.running{font-size:8pt;color:#4c6272}
@page{@top-left{content:var(--running)}@bottom-center{content:"OFFICIAL   Page " counter(page) " of " counter(pages)}}
table.legend,table.heat{width:auto;margin:.5em 0}
table.heat td{text-align:center;min-width:6em}
@media print{body{margin:0}thead{display:table-header-group}tr{page-break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** User text in a cell: escaped, line breaks kept, its own direction when it holds a right-to-left script. */
function textCell(text: string, style = '', className = '', keepRefs = false): string {
  const dir = hasRightToLeft(text) ? ' dir="auto"' : '';
  const cls = className ? ` class="${className}"` : '';
  const css = style ? ` style="${style}"` : '';
  const body = keepRefs && className !== 'ref' ? refSafeHtml(text) : escapeHtml(text);
  return `<td${cls}${css}${dir}>${body.replace(/\r?\n/g, '<br>')}</td>`;
}

/** Text escaped, each ref in it (BPL-A-0042) a span that never wraps at its hyphens. */
function refSafeHtml(text: string): string {
  return refPieces(text)
    .map((p) => (p.ref ? `<span class="ref">${escapeHtml(p.text)}</span>` : escapeHtml(p.text)))
    .join('');
}

/** A prose section (the last key messages): a paragraph a line, refs kept whole, direction its own. */
function proseHtml(section: AnySection, lines: string[]): string {
  const intro = `<section>\n<h2>${escapeHtml(section.title)}</h2>\n<p class="meta">${escapeHtml(section.intro)}</p>\n`;
  const body = lines
    .filter((l) => l.trim() !== '')
    .map((l) => `<p class="prose"${hasRightToLeft(l) ? ' dir="auto"' : ''}>${refSafeHtml(l)}</p>`)
    .join('\n');
  return `${intro}${body}\n</section>\n`;
}

/** Columns holding refs (BPL-A-0042): never wrapped at their hyphens. */
const REF_HEADERS = new Set(['Ref', 'Record', 'Risk ref', 'Linked risk']);

/** Column widths by content (each column's share of the characters it is given), so words never break mid-word. */
function colgroup(section: AnySection): string {
  const total = section.columns.reduce((sum, c) => sum + c.width, 0);
  return `<colgroup>${section.columns.map((c) => `<col style="width:${((100 * c.width) / total).toFixed(1)}%">`).join('')}</colgroup>`;
}

async function writeSection(out: NodeJS.WritableStream, section: AnySection): Promise<void> {
  if (section.prose) return put(out, proseHtml(section, section.prose));
  let html = `<section>\n<h2>${escapeHtml(section.title)}</h2>\n<p class="meta">${escapeHtml(section.intro)}</p>\n`;
  if (section.legend) {
    html +=
      `<table class="legend" aria-label="${escapeHtml(section.legend.name)}"><tr>` +
      section.legend.entries.map((e) => textCell(e.label, `background:${e.background};color:${e.text}`, 'pill')).join('') +
      '</tr></table>\n';
  }
  html += `<table>${colgroup(section)}<thead><tr>${section.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join('')}</tr></thead><tbody>\n`;
  await put(out, html);
  const heat = section.heatMapOf ? new HeatMap() : undefined;
  let n = 0;
  for await (const record of section.read()) {
    n += 1;
    if (heat) heat.add(section.heatMapOf!(record));
    const cells = section.columns.map((c) => {
      const fill = c.fill?.(record);
      const cls = fill ? 'pill' : REF_HEADERS.has(c.header) ? 'ref' : '';
      return textCell(printedValue(c, record), fill ? `background:${fill.background};color:${fill.text}` : '', cls, c.keepRefs);
    });
    await put(out, `<tr>${cells.join('')}</tr>\n`);
  }
  if (n === 0) await put(out, `<tr><td colspan="${section.columns.length}">${escapeHtml(section.none)}</td></tr>\n`);
  let after = `</tbody></table>\n<p class="meta">${escapeHtml(countLine(section, n))}</p>\n`;
  if (heat) after += heatMapHtml(heat);
  await put(out, after + '</section>\n');
}

function heatMapHtml(heat: HeatMap): string {
  const head = `<tr><th scope="col">Likelihood ↓ / Consequence →</th>${([1, 2, 3, 4, 5] as const)
    .map((c) => `<th scope="col">${c} ${escapeHtml(CONSEQUENCE_LABELS[c])}</th>`)
    .join('')}</tr>`;
  const rows = heatMapRows(heat)
    .map(
      (row) =>
        `<tr><th scope="row">${row[0]!.likelihood} ${escapeHtml(LIKELIHOOD_LABELS[row[0]!.likelihood as 1])}</th>` +
        row.map((cell) => `<td style="background:${BAND_COLOURS[cell.band]};color:${BAND_TEXT}">${escapeHtml(cell.label)}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  // Heading, words and table kept together on one page.
  return `<div class="heat"><h3>Heat map of current scores</h3>\n<p>${escapeHtml(heatMapInWords(heat))}</p>\n<table class="heat" aria-label="Heat map of current scores">${head}\n${rows}</table></div>\n`;
}

/** Text inside a CSS string in <style>: no quote, backslash, angle bracket or line break can end it. */
function cssString(text: string): string {
  return text.replace(/[\\"<>\r\n]/g, ' ');
}

export interface HtmlPackSpec {
  heading: PackHeading;
  place: string;
  board: string;
  sections: AnySection[];
  /** A meeting's pack: its forum, date and time, chairs, secretary and where, on the cover. */
  cover?: { label: string; value: string }[];
}

export async function writeHtmlPack(out: NodeJS.WritableStream, spec: HtmlPackSpec): Promise<void> {
  const { heading } = spec;
  await put(
    out,
    '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n' +
      `<title>${escapeHtml(heading.title)}</title>\n<style>${STYLE.replace('"OFFICIAL', `"${cssString(heading.marking)}`).replace('var(--running)', `"${cssString(heading.running)}"`)}</style>\n</head>\n<body>\n` +
      `<section class="cover">\n<h1>${escapeHtml(heading.title)}</h1>\n` +
      `<p>${escapeHtml(spec.board)}</p>\n` +
      (spec.cover?.length
        ? `<dl class="cover">${spec.cover.map((l) => `<dt>${escapeHtml(l.label)}</dt><dd>${refSafeHtml(l.value)}</dd>`).join('')}</dl>\n`
        : '') +
      `<p class="meta">${escapeHtml(heading.made)}</p>\n` +
      `<p class="marking"><strong>${escapeHtml(heading.marking)}</strong></p>\n` +
      `<h2>Contents</h2>\n<ol class="contents">${spec.sections.map((s) => `<li>${escapeHtml(s.title)}</li>`).join('')}</ol>\n</section>\n`,
  );
  for (const section of spec.sections) await writeSection(out, section);
  await put(out, '</body>\n</html>\n');
  await finish(out);
}
