// A schema-level check of WordprocessingML, for the parts of it the Word pack writes: each
// element's children must be ones the ECMA-376 schema (wml.xsd, transitional) allows there, in the
// order its sequence gives, and a table cell must end with a paragraph. Word refuses to open a file
// that breaks these ("unreadable content") although the XML is well-formed; LibreOffice and
// python-docx forgive them, so reading the text back cannot catch them. No XSD validator or the
// schema files can be installed here, so the sequences are transcribed from the standard; an
// element not listed is reported, so a new kind of content is never passed unchecked.
import type { El } from './readBack.js';

/** Children of the run and paragraph properties, in schema order (EG_RPrBase, CT_PPrBase + CT_PPr). */
const R_PR = [
  'w:rStyle',
  'w:rFonts',
  'w:b',
  'w:bCs',
  'w:i',
  'w:iCs',
  'w:caps',
  'w:smallCaps',
  'w:strike',
  'w:dstrike',
  'w:outline',
  'w:shadow',
  'w:emboss',
  'w:imprint',
  'w:noProof',
  'w:snapToGrid',
  'w:vanish',
  'w:webHidden',
  'w:color',
  'w:spacing',
  'w:w',
  'w:kern',
  'w:position',
  'w:sz',
  'w:szCs',
  'w:highlight',
  'w:u',
  'w:effect',
  'w:bdr',
  'w:shd',
  'w:fitText',
  'w:vertAlign',
  'w:rtl',
  'w:cs',
  'w:em',
  'w:lang',
  'w:eastAsianLayout',
  'w:specVanish',
  'w:oMath',
];
const P_PR = [
  'w:pStyle',
  'w:keepNext',
  'w:keepLines',
  'w:pageBreakBefore',
  'w:framePr',
  'w:widowControl',
  'w:numPr',
  'w:suppressLineNumbers',
  'w:pBdr',
  'w:shd',
  'w:tabs',
  'w:suppressAutoHyphens',
  'w:kinsoku',
  'w:wordWrap',
  'w:overflowPunct',
  'w:topLinePunct',
  'w:autoSpaceDE',
  'w:autoSpaceDN',
  'w:bidi',
  'w:adjustRightInd',
  'w:snapToGrid',
  'w:spacing',
  'w:ind',
  'w:contextualSpacing',
  'w:mirrorIndents',
  'w:suppressOverlap',
  'w:jc',
  'w:textDirection',
  'w:textAlignment',
  'w:textboxTightWrap',
  'w:outlineLvl',
  'w:divId',
  'w:cnfStyle',
  'w:rPr',
  'w:sectPr',
  'w:pPrChange',
];
const SIDES = ['w:top', 'w:start', 'w:left', 'w:bottom', 'w:end', 'w:right'];
const TRACKED = ['w:bookmarkStart', 'w:bookmarkEnd', 'w:proofErr', 'w:permStart', 'w:permEnd'];
const BLOCK = ['w:p', 'w:tbl', 'w:sdt', 'w:customXml', ...TRACKED];

/** An ordered sequence: each child's place in it may not go back. */
type Rule = { ordered: string[] } | { anyOf: string[] };
const seq = (...names: string[]): Rule => ({ ordered: names });
const any = (...names: string[]): Rule => ({ anyOf: names });

export const WORD_RULES: Record<string, Rule> = {
  'w:document': seq('w:background', 'w:body'),
  'w:body': seq('#block', 'w:sectPr'),
  'w:hdr': any(...BLOCK),
  'w:ftr': any(...BLOCK),
  'w:p': seq('w:pPr', '#content'),
  'w:pPr': seq(...P_PR),
  'w:rPr': seq(...R_PR, 'w:rPrChange'),
  'w:r': seq('w:rPr', '#content'),
  'w:tbl': seq('w:tblPr', 'w:tblGrid', 'w:tr'),
  'w:tblPr': seq(
    'w:tblStyle',
    'w:tblpPr',
    'w:tblOverlap',
    'w:bidiVisual',
    'w:tblStyleRowBandSize',
    'w:tblStyleColBandSize',
    'w:tblW',
    'w:jc',
    'w:tblCellSpacing',
    'w:tblInd',
    'w:tblBorders',
    'w:shd',
    'w:tblLayout',
    'w:tblCellMar',
    'w:tblLook',
    'w:tblCaption',
    'w:tblDescription',
    'w:tblPrChange',
  ),
  'w:tblGrid': seq('w:gridCol', 'w:tblGridChange'),
  'w:tblBorders': seq(...SIDES, 'w:insideH', 'w:insideV'),
  'w:tblCellMar': seq(...SIDES),
  'w:tr': seq('w:tblPrEx', 'w:trPr', 'w:tc'),
  'w:trPr': any(
    'w:cnfStyle',
    'w:divId',
    'w:gridBefore',
    'w:gridAfter',
    'w:wBefore',
    'w:wAfter',
    'w:cantSplit',
    'w:trHeight',
    'w:tblHeader',
    'w:tblCellSpacing',
    'w:jc',
    'w:hidden',
    'w:ins',
    'w:del',
    'w:trPrChange',
  ),
  'w:tc': seq('w:tcPr', '#block'),
  'w:tcPr': seq(
    'w:cnfStyle',
    'w:tcW',
    'w:gridSpan',
    'w:hMerge',
    'w:vMerge',
    'w:tcBorders',
    'w:shd',
    'w:noWrap',
    'w:tcMar',
    'w:textDirection',
    'w:tcFitText',
    'w:vAlign',
    'w:hideMark',
    'w:headers',
    'w:cellIns',
    'w:cellDel',
    'w:cellMerge',
    'w:tcPrChange',
  ),
  'w:tcBorders': seq(...SIDES, 'w:insideH', 'w:insideV', 'w:tl2br', 'w:tr2bl'),
  'w:tcMar': seq(...SIDES),
  'w:sectPr': seq(
    'w:headerReference|w:footerReference',
    'w:footnotePr',
    'w:endnotePr',
    'w:type',
    'w:pgSz',
    'w:pgMar',
    'w:paperSrc',
    'w:pgBorders',
    'w:lnNumType',
    'w:pgNumType',
    'w:cols',
    'w:formProt',
    'w:vAlign',
    'w:noEndnote',
    'w:titlePg',
    'w:textDirection',
    'w:bidi',
    'w:rtlGutter',
    'w:docGrid',
    'w:printerSettings',
    'w:sectPrChange',
  ),
  'w:style': seq(
    'w:name',
    'w:aliases',
    'w:basedOn',
    'w:next',
    'w:link',
    'w:autoRedefine',
    'w:hidden',
    'w:uiPriority',
    'w:semiHidden',
    'w:unhideWhenUsed',
    'w:qFormat',
    'w:locked',
    'w:personal',
    'w:personalCompose',
    'w:personalReply',
    'w:rsid',
    'w:pPr',
    'w:rPr',
    'w:tblPr',
    'w:trPr',
    'w:tcPr',
    'w:tblStylePr',
  ),
  'w:styles': seq('w:docDefaults', 'w:latentStyles', 'w:style'),
  'w:docDefaults': seq('w:rPrDefault', 'w:pPrDefault'),
};

/** What may stand where a rule says "#content" (a paragraph's or run's own content) or "#block" (a cell's). */
const CONTENT: Record<string, string[]> = {
  'w:p': ['w:r', 'w:hyperlink', 'w:fldSimple', 'w:smartTag', 'w:ins', 'w:del', ...TRACKED],
  'w:r': [
    'w:t',
    'w:tab',
    'w:br',
    'w:cr',
    'w:fldChar',
    'w:instrText',
    'w:noBreakHyphen',
    'w:softHyphen',
    'w:sym',
    'w:drawing',
    'w:footnoteReference',
    'w:endnoteReference',
    'w:footnoteRef',
    'w:endnoteRef',
    'w:separator',
    'w:continuationSeparator',
    'w:pgNum',
    'w:lastRenderedPageBreak',
  ],
  'w:tc': BLOCK,
  'w:body': BLOCK,
};

/** Every place the checked XML breaks the schema's order or content, as "path: problem" lines. */
export function wordSchemaProblems(root: El): string[] {
  const problems: string[] = [];
  const visit = (el: El, path: string) => {
    const rule = WORD_RULES[el.name];
    const names = el.children.map((c) => c.name);
    if (rule && 'anyOf' in rule) {
      for (const n of names) if (!rule.anyOf.includes(n)) problems.push(`${path}: <${n}> is not allowed in <${el.name}>`);
    } else if (rule) {
      const slotOf = (n: string): number => {
        const own = rule.ordered.findIndex((s) => s.split('|').includes(n));
        if (own >= 0) return own;
        const content = rule.ordered.findIndex((s) => s === '#content' || s === '#block');
        return content >= 0 && CONTENT[el.name]?.includes(n) ? content : -1;
      };
      let at = 0;
      for (const n of names) {
        const slot = slotOf(n);
        if (slot < 0) problems.push(`${path}: <${n}> is not allowed in <${el.name}>`);
        else if (slot < at) problems.push(`${path}: <${n}> comes after what the schema puts after it in <${el.name}>`);
        else at = slot;
      }
    }
    if (el.name === 'w:tc' && el.children.at(-1)?.name !== 'w:p') problems.push(`${path}: a table cell must end with a paragraph`);
    if (el.name === 'w:tbl') {
      const grid = el.children.find((c) => c.name === 'w:tblGrid')?.children.filter((c) => c.name === 'w:gridCol').length ?? 0;
      for (const tr of el.children.filter((c) => c.name === 'w:tr')) {
        const span = tr.children
          .filter((c) => c.name === 'w:tc')
          .reduce(
            (sum, tc) =>
              sum +
              Number(tc.children.find((p) => p.name === 'w:tcPr')?.children.find((g) => g.name === 'w:gridSpan')?.attributes['w:val'] ?? 1),
            0,
          );
        if (span > grid) problems.push(`${path}: a row spans ${span} columns of a ${grid}-column grid`);
      }
    }
    el.children.forEach((c, i) => visit(c, `${path}/${c.name}[${i}]`));
  };
  visit(root, '');
  return problems;
}
