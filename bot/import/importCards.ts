// The import's cards: the preview (the place, how columns were matched, how many rows will be
// created, every row's problem) with Confirm, and the help for `import`. Plain Adaptive Card JSON.
import type { AdaptiveCardJson } from '../../cards/render.js';
import { COLUMN_HEADERS, IMPORT_COLUMNS, type ImportPlan } from '../../records/import/actionImport.js';
import { PLACE_NAMES, type PlaceCode } from '../../records/places.js';

/** The most problems one card lists (a card over ~28 KB does not reach Teams). */
const PROBLEMS_SHOWN = 100;

/** What the Confirm button carries: the file to fetch again, and its hash, so what is created is what was previewed. */
export interface ImportTicket {
  place: PlaceCode;
  fileName: string;
  fileType: 'csv' | 'xlsx';
  url: string;
  hash: string;
}

const text = (t: string, more: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: t, wrap: true, ...more });

function card(body: unknown[], actions: unknown[] = []): AdaptiveCardJson {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions };
}

export function importPreviewCard(ticket: ImportTicket, plan: ImportPlan): AdaptiveCardJson {
  const place = PLACE_NAMES[ticket.place];
  const body: unknown[] = [text(`Import into ${place}: ${ticket.fileName}`, { size: 'Medium', weight: 'Bolder' })];
  if (plan.fileProblem) {
    body.push(text(plan.fileProblem, { color: 'Attention' }), text('Nothing was saved.'));
    return card(body);
  }
  body.push({
    type: 'FactSet',
    facts: Object.entries(plan.columns).map(([column, header]) => ({
      title: COLUMN_HEADERS[column as keyof typeof COLUMN_HEADERS][0],
      value: `from “${header}”`,
    })),
  });
  const ready = plan.rows.length;
  body.push(
    text(
      `${ready} ${ready === 1 ? 'row is' : 'rows are'} ready: confirming creates ${ready} ${ready === 1 ? 'action' : 'actions'} in ${place}.`,
      {
        weight: 'Bolder',
      },
    ),
  );
  if (plan.problems.length) {
    const rows = new Set(plan.problems.map((p) => p.row)).size;
    body.push(
      text(`${rows} ${rows === 1 ? 'row has' : 'rows have'} problems and will be left out. Fix them in the file and attach it again:`),
    );
    for (const p of plan.problems.slice(0, PROBLEMS_SHOWN))
      body.push(text(`Row ${p.row}, ${p.column}: ${p.problem}`, { color: 'Attention', spacing: 'Small' }));
    if (plan.problems.length > PROBLEMS_SHOWN) body.push(text(`…and ${plan.problems.length - PROBLEMS_SHOWN} more problems.`));
  }
  body.push(text('Nothing is saved until you confirm.', { isSubtle: true }));
  const actions = ready
    ? [
        { type: 'Action.Execute', title: `Confirm: import ${ready}`, verb: 'import.confirm', data: { ...ticket } },
        { type: 'Action.Execute', title: 'Cancel', verb: 'import.cancel', data: {} },
      ]
    : [];
  return card(body, actions);
}

/** `import`: what the file needs, and how to send it. */
export function importHelpCard(place?: PlaceCode): AdaptiveCardJson {
  const where = place ? PLACE_NAMES[place] : 'your place';
  return card([
    text(`Import an action log into ${where}`, { size: 'Medium', weight: 'Bolder' }),
    text(
      `Attach a .csv or .xlsx file here, in our 1:1 chat${place ? `, with “${PLACE_NAMES[place]}” in the message` : ' (type the place’s name in the same message if you administer more than one)'}. The first row holds the column headers; at most 1,000 rows.`,
    ),
    {
      type: 'FactSet',
      facts: IMPORT_COLUMNS.map((c) => ({ title: COLUMN_HEADERS[c][0], value: `or ${COLUMN_HEADERS[c].slice(1).join(', ') || '—'}` })),
    },
    text(
      'Action, Lead and Due date are needed. Owners are matched by name or e-mail to the place’s people; dates like 31/12/2026 or 31 Dec 2026.',
    ),
    text('A header row to copy into a new sheet:', { isSubtle: true }),
    text(IMPORT_COLUMNS.map((c) => COLUMN_HEADERS[c][0]).join(','), { fontType: 'Monospace' }),
    text('You will see a preview of every row first; nothing is saved until you confirm.', { isSubtle: true }),
  ]);
}
